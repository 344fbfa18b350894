package network.mmc.rewards;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.p2p.solanaj.core.Account;
import org.p2p.solanaj.core.Transaction;
import org.p2p.solanaj.core.TransactionInstruction;
import org.p2p.solanaj.rpc.RpcClient;
import org.p2p.solanaj.rpc.RpcException;
import org.p2p.solanaj.rpc.types.LatestBlockhash;
import org.p2p.solanaj.rpc.types.config.Commitment;

/**
 * Publishes one instruction in a transaction signed by the authority key and waits until it reaches the
 * wanted commitment. Signatures of earlier runs are checked first; a transaction whose blockhash expired
 * without landing is re-sent with a fresh blockhash; nothing is re-sent while an earlier send could still land.
 */
public final class SolanaRootPublisher {

    private final RpcClient rpc;
    private final Account authority;
    private final Commitment commitment;
    private final Duration confirmTimeout;
    private final Duration pollInterval;
    private final int attempts;

    public SolanaRootPublisher(RpcClient rpc, Account authority, Commitment commitment, Duration confirmTimeout,
                               Duration pollInterval, int attempts) {
        this.rpc = rpc;
        this.authority = authority;
        this.commitment = commitment;
        this.confirmTimeout = confirmTimeout;
        this.pollInterval = pollInterval;
        this.attempts = attempts;
    }

    /**
     * Sends, then waits for the commitment. A transaction is only re-sent once its blockhash has expired
     * (block height past its last valid height) without it landing, so it can never land later: a version is
     * never published twice. When {@code confirmTimeout} passes first, publishing fails and the next call,
     * given the signatures sent so far, finds the transaction if it landed meanwhile.
     *
     * @param earlierSignatures signatures sent for this version before (by an earlier run)
     * @param sent              hears each new signature before it is confirmed, to be stored
     */
    public Publication publish(TransactionInstruction instruction, List<String> earlierSignatures, Consumer<String> sent) {
        List<String> signatures = new ArrayList<>(earlierSignatures);
        Publication landed = firstConfirmed(signatures, true);
        if (landed != null) {
            return landed;
        }
        long deadline = System.nanoTime() + confirmTimeout.toNanos();
        String lastProblem = "no attempt made";
        for (int attempt = 1; attempt <= attempts; attempt++) {
            LatestBlockhash.Value blockhash;
            String signature;
            try {
                blockhash = rpc.getApi().getLatestBlockhash(commitment).getValue();
                Transaction transaction = new Transaction();
                transaction.addInstruction(instruction);
                signature = rpc.getApi().sendTransaction(transaction, List.of(authority), blockhash.getBlockhash());
            } catch (RpcException | RuntimeException e) {
                throw new PublishException("sending failed: " + e.getMessage(), e);
            }
            signatures.add(signature);
            sent.accept(signature);
            while (System.nanoTime() < deadline) {
                Publication confirmed = firstConfirmed(signatures, false);
                if (confirmed != null) {
                    return confirmed;
                }
                if (expired(blockhash)) {
                    break;
                }
                sleep();
            }
            Publication late = firstConfirmed(signatures, false);
            if (late != null) {
                return late;
            }
            if (!expired(blockhash)) {
                throw new PublishException("transaction " + signature + " not " + commitment.getValue() + " within "
                        + confirmTimeout + " and its blockhash is still valid: not re-sent, to never publish twice");
            }
            lastProblem = "transaction " + signature + " expired (blockhash " + blockhash.getBlockhash()
                    + ") without landing";
        }
        throw new PublishException("not published after " + attempts + " attempts: " + lastProblem);
    }

    private boolean expired(LatestBlockhash.Value blockhash) {
        try {
            return rpc.getApi().getBlockHeight(commitment) > blockhash.getLastValidBlockHeight();
        } catch (RpcException | RuntimeException e) {
            return false;
        }
    }

    @SuppressWarnings("unchecked")
    private Publication firstConfirmed(List<String> signatures, boolean earlier) {
        if (signatures.isEmpty()) {
            return null;
        }
        Map<String, Object> result;
        try {
            // read as a map: solanaj's typed status has no 'err', and a landed but failed transaction must not count
            result = rpc.call("getSignatureStatuses", List.of(signatures, Map.of("searchTransactionHistory", true)), Map.class);
        } catch (RpcException | RuntimeException e) {
            return null;
        }
        List<Object> values = (List<Object>) result.get("value");
        for (int i = 0; i < signatures.size() && values != null && i < values.size(); i++) {
            if (values.get(i) instanceof Map<?, ?> status) {
                if (status.get("err") != null) {
                    throw new PublishException("transaction " + signatures.get(i) + " failed on chain: " + status.get("err"));
                }
                if (reaches(String.valueOf(status.get("confirmationStatus")))) {
                    return new Publication(signatures.get(i), ((Number) status.get("slot")).longValue(), earlier);
                }
            }
        }
        return null;
    }

    private boolean reaches(String status) {
        return rank(status) >= rank(commitment.getValue());
    }

    private static int rank(String commitmentLevel) {
        return switch (commitmentLevel) {
            case "finalized" -> 3;
            case "confirmed" -> 2;
            case "processed" -> 1;
            default -> 0;
        };
    }

    private void sleep() {
        try {
            Thread.sleep(pollInterval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("interrupted while waiting for confirmation");
        }
    }
}
