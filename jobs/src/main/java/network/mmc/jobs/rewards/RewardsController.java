package network.mmc.jobs.rewards;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Public reads of balances and proofs; withdrawals are authorised by the wallet's own signature. */
@RestController
@RequestMapping("/api/rewards/{wallet}")
class RewardsController {

    private final RewardsService rewards;

    RewardsController(RewardsService rewards) {
        this.rewards = rewards;
    }

    record WithdrawRequest(Long amount, Long nonce, String signature) {
    }

    @GetMapping
    RewardStatement rewards(@PathVariable String wallet, @RequestParam(defaultValue = "0") int page,
                            @RequestParam(defaultValue = "50") int size) {
        return rewards.statement(wallet, page, size);
    }

    @PostMapping("/withdrawals")
    @ResponseStatus(HttpStatus.CREATED)
    WithdrawalRequest withdraw(@PathVariable String wallet, @RequestBody WithdrawRequest request) {
        return rewards.withdraw(wallet, request.amount(), request.nonce(), request.signature());
    }

    @GetMapping("/proof")
    RewardsService.ClaimProof proof(@PathVariable String wallet) {
        return rewards.proof(wallet);
    }
}
