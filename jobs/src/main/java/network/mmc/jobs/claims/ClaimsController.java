package network.mmc.jobs.claims;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Claims are authorised by the wallet's own signature; reading them is public, as the proofs are. */
@RestController
@RequestMapping("/api/rewards/{wallet}/claims")
class ClaimsController {

    private final ClaimService claims;

    ClaimsController(ClaimService claims) {
        this.claims = claims;
    }

    /** {@code proof} is optional: without it the Hub checks the proof it stored for the version. */
    record ClaimRequest(Long version, Long cumulative, String signature, List<String> proof) {
    }

    /** 201 with the claim once paid; 202 while its payout is not seen confirmed (GET the claim to follow it). */
    @PostMapping
    ResponseEntity<RewardClaim> claim(@PathVariable String wallet, @RequestBody ClaimRequest request) {
        RewardClaim claim = claims.claim(wallet, request.version(), request.cumulative(), request.signature(),
                request.proof());
        return ResponseEntity.status(claim.paid() ? HttpStatus.CREATED : HttpStatus.ACCEPTED).body(claim);
    }

    @GetMapping
    List<RewardClaim> claims(@PathVariable String wallet) {
        return claims.ofWallet(wallet);
    }

    @GetMapping("/{id}")
    RewardClaim claim(@PathVariable String wallet, @PathVariable long id) {
        return claims.find(wallet, id);
    }
}
