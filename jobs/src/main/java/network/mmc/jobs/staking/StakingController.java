package network.mmc.jobs.staking;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import network.mmc.jobs.token.ChainUnavailableException;
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

/**
 * Staking for the DApp. Public: a stake is authorised by the owner's signature of the transaction, an unstake by the
 * wallet's signature of the unstake text, and what the vault holds is public on chain anyway.
 */
@RestController
@RequestMapping("/api/staking")
class StakingController {

    private final StakeDeposits deposits;
    private final UnstakeRequests unstakes;
    private final StakeStates states;
    private final VaultSync sync;
    private final VaultChain chain;

    StakingController(StakeDeposits deposits, UnstakeRequests unstakes, StakeStates states, VaultSync sync,
                      VaultChain chain) {
        this.deposits = deposits;
        this.unstakes = unstakes;
        this.states = states;
        this.sync = sync;
        this.chain = chain;
    }

    record OfferRequest(String wallet, Long amount) {
    }

    record SubmitRequest(Long amount, String transaction) {
    }

    record UnstakeRequest(String wallet, Long amount, Long nonce, String signature) {
    }

    @Operation(summary = "The staking terms", description = "Mint, stake vault, the memo a stake carries, the unstake"
            + " text to sign, the minimum stake of a VALIDATOR or ROUTER node (base units) and the cool-down.")
    @GetMapping
    StakingTerms terms() {
        try {
            return states.terms();
        } catch (IllegalStateException e) {
            throw ChainRefusals.unavailable(chain.rpcUrl(), "staking is not set up: " + e.getMessage());
        }
    }

    @Operation(summary = "Build the unsigned stake transaction", description = "For the node's owner `wallet`: a"
            + " TransferChecked of `amount` base units from the wallet's associated token account to the stake vault"
            + " and a Memo `MMC-STAKE node:<node id>`, fee paid by the wallet, with a recent blockhash. The wallet"
            + " signs `transaction` (base64) as it is and sends it back to `.../stakes`.")
    @ApiResponse(responseCode = "200", description = "The transaction to sign and what it does")
    @ApiResponse(responseCode = "404", description = "No such node")
    @ApiResponse(responseCode = "409", description = "The wallet is not the node's owner, or holds less than the amount")
    @ApiResponse(responseCode = "503", description = "The token is not set up or the cluster does not answer")
    @PostMapping("/nodes/{nodeId}/stake-transactions")
    StakeOffer offer(@PathVariable String nodeId, @RequestBody OfferRequest request) {
        return deposits.offer(nodeId, request.wallet(), request.amount());
    }

    @Operation(summary = "Send the owner-signed stake transaction", description = "It must be exactly the transaction"
            + " built for this node and amount (same message), signed by the owner. The Hub sends it, waits for the"
            + " commitment and syncs the vault.")
    @ApiResponse(responseCode = "201", description = "Recorded by the sync: CREDITED (or REPORTED with the reason)")
    @ApiResponse(responseCode = "202", description = "Sent, not seen confirmed yet: a later sync records it")
    @ApiResponse(responseCode = "400", description = "Not the transaction built for this stake, or a bad signature")
    @ApiResponse(responseCode = "409", description = "Refused by the cluster (an expired blockhash, too few tokens)")
    @PostMapping("/nodes/{nodeId}/stakes")
    ResponseEntity<StakeSubmission> submit(@PathVariable String nodeId, @RequestBody SubmitRequest request) {
        StakeSubmission submission = deposits.submit(nodeId, request.amount(), request.transaction());
        return ResponseEntity.status(submission.recorded() ? HttpStatus.CREATED : HttpStatus.ACCEPTED).body(submission);
    }

    @Operation(summary = "Unstake", description = "Signed by the wallet (ed25519, base58) over `MMC-UNSTAKE / hub:<id> /"
            + " wallet:<base58> / node:<node id> / amount:<units> / nonce:<n>`; at most what the wallet staked for the"
            + " node and has not unstaked; the nonce above the wallet's last. The stake stops counting at once; the"
            + " tokens go back after the cool-down.")
    @ApiResponse(responseCode = "201", description = "The unstake, WAITING, with when it is paid back (dueAt)")
    @ApiResponse(responseCode = "404", description = "No such node")
    @ApiResponse(responseCode = "409", description = "More than the wallet's stake for the node, or a replayed nonce")
    @PostMapping("/nodes/{nodeId}/unstakes")
    @ResponseStatus(HttpStatus.CREATED)
    Unstake unstake(@PathVariable String nodeId, @RequestBody UnstakeRequest request) {
        return unstakes.unstake(nodeId, request.wallet(), request.amount(), request.nonce(), request.signature());
    }

    @Operation(summary = "A node's stake", description = "The stake that counts now, the minimum and whether it is met,"
            + " each wallet's stake on chain, the unstakes with their due time, and the vault transfers naming the node,"
            + " credited or reported (not credited, with the reason).")
    @ApiResponse(responseCode = "404", description = "No such node")
    @GetMapping("/nodes/{nodeId}")
    NodeStake node(@PathVariable String nodeId) {
        return states.of(nodeId);
    }

    @Operation(summary = "The vault's transactions of one status, newest first", description = "`status` CREDITED,"
            + " REPORTED (transfers into the vault not credited: unknown node, wrong sender, malformed memo) or"
            + " IGNORED; `limit` 1 to 100.")
    @GetMapping("/transfers")
    List<StakeTransfer> transfers(@RequestParam(defaultValue = StakeTransfer.REPORTED) String status,
                                  @RequestParam(defaultValue = "100") int limit) {
        return states.withStatus(status, limit);
    }

    @Operation(summary = "Sync the stake vault now", description = "Reads the vault's transactions the Hub has not"
            + " recorded yet and credits the stakes among them; the schedule does the same.")
    @ApiResponse(responseCode = "409", description = "A sync is running right now")
    @ApiResponse(responseCode = "503", description = "The token is not set up or the cluster does not answer")
    @PostMapping("/sync")
    VaultSyncResult sync() {
        try {
            return sync.sync();
        } catch (ChainUnavailableException | IllegalStateException e) {
            throw ChainRefusals.unavailable(chain.rpcUrl(), "the vault cannot be synced now: " + e.getMessage());
        }
    }
}
