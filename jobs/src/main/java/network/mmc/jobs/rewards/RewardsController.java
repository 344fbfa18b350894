package network.mmc.jobs.rewards;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Public reads of balances, proofs and claims; withdrawals and claims are authorised by the wallet's own signature. */
@RestController
@RequestMapping("/api/rewards/{wallet}")
class RewardsController {

    private final RewardsService rewards;
    private final ClaimService claims;

    RewardsController(RewardsService rewards, ClaimService claims) {
        this.rewards = rewards;
        this.claims = claims;
    }

    record WithdrawRequest(Long amount, Long nonce, String signature) {
    }

    /** {@code proof} is optional: without it the Hub checks the proof it stored for the version. */
    record ClaimRequest(Long version, Long cumulative, String signature, List<String> proof) {
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

    /** 201 with the claim once paid; 202 while its payout is not seen confirmed (GET the claim to follow it). */
    @PostMapping("/claims")
    ResponseEntity<RewardClaim> claim(@PathVariable String wallet, @RequestBody ClaimRequest request) {
        RewardClaim claim = claims.claim(wallet, request.version(), request.cumulative(), request.signature(),
                request.proof());
        return ResponseEntity.status(claim.paid() ? HttpStatus.CREATED : HttpStatus.ACCEPTED).body(claim);
    }

    @GetMapping("/claims")
    List<RewardClaim> claims(@PathVariable String wallet) {
        return claims.ofWallet(wallet);
    }

    @GetMapping("/claims/{id}")
    RewardClaim claim(@PathVariable String wallet, @PathVariable long id) {
        return claims.find(wallet, id);
    }

    @GetMapping("/proof")
    RewardsService.ClaimProof proof(@PathVariable String wallet) {
        return rewards.proof(wallet);
    }
}
