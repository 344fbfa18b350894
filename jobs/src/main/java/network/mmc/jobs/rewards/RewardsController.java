package network.mmc.jobs.rewards;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
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

    @Operation(summary = "A wallet's balance, one page of its history (newest first) and its withdrawals",
            description = "Amounts in base units; the history amounts of all pages sum to `settled`. `size` 1 to 1000.")
    @GetMapping
    RewardStatement rewards(@PathVariable String wallet, @RequestParam(defaultValue = "0") int page,
                            @RequestParam(defaultValue = "50") int size) {
        return rewards.statement(wallet, page, size);
    }

    @Operation(summary = "Ask to withdraw", description = "Signed by the wallet (ed25519, base58) over `MMC-WITHDRAW /"
            + " hub:<id> / wallet:<base58> / amount:<units> / nonce:<n>`; the amount is at most the withdrawable"
            + " balance and the nonce above the wallet's last.")
    @ApiResponse(responseCode = "201", description = "The request, REQUESTED")
    @ApiResponse(responseCode = "404", description = "The wallet has no settled rewards")
    @ApiResponse(responseCode = "409", description = "The nonce is not above the wallet's last (a replay)")
    @PostMapping("/withdrawals")
    @ResponseStatus(HttpStatus.CREATED)
    WithdrawalRequest withdraw(@PathVariable String wallet, @RequestBody WithdrawRequest request) {
        return rewards.withdraw(wallet, request.amount(), request.nonce(), request.signature());
    }

    @Operation(summary = "The wallet's claim proof in the latest confirmed distribution")
    @ApiResponse(responseCode = "200", description = "Version, cumulative amount (base units), proof (hex, bottom-up), root"
            + " and the publishing transaction")
    @ApiResponse(responseCode = "400", description = "The wallet is not a base58 Solana address")
    @ApiResponse(responseCode = "404", description = "The wallet is in no confirmed distribution yet")
    @GetMapping("/proof")
    RewardsService.ClaimProof proof(@PathVariable String wallet) {
        return rewards.proof(wallet);
    }
}
