package network.mmc.rewards;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.p2p.solanaj.core.Account;
import org.p2p.solanaj.core.Transaction;
import org.p2p.solanaj.core.TransactionInstruction;
import org.p2p.solanaj.rpc.RpcClient;
import org.p2p.solanaj.rpc.RpcException;
import org.p2p.solanaj.rpc.types.LatestBlockhash;
import org.p2p.solanaj.rpc.types.config.Commitment;
import org.p2p.solanaj.rpc.types.config.RpcSendTransactionConfig;
import org.p2p.solanaj.utils.Base58;

/**
 * Publishes instructions in one transaction signed (and paid) by the authority key alone, and waits until it reaches
 * the wanted commitment. What it publishes (a distribution's root, a claim's payout, the token's accounts) is never
 * published twice: a new transaction is sent only when no earlier one,
 * of this run or of an earlier one, can still land (none has a status, and the cluster's block height is past
 * the last valid height of each one's blockhash). Each attempt is stored before it is sent. When the cluster
 * does not answer, whether a transaction landed is unknown: publishing stops without sending anything. Nothing is
 * sent either while the authority cannot pay the fee ({@link AuthorityBalance}).
 */
public final class SolanaRootPublisher {

    // getSignatureStatuses takes at most 256 signatures a call
    private static final int STATUS_BATCH = 256;

    private final RpcClient rpc;
    private final Account authority;
    private final Commitment commitment;
    private final Duration confirmTimeout;
    private final Duration pollInterval;
    private final int attempts;

    public SolanaRootPublisher(RpcClient rpc, Account authority, Commitment commitment, Duration confirmTimeout,
                               Duration pollInterval, int attempts) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts = " + attempts + ", need at least 1");
        }
        this.rpc = rpc;
        this.authority = authority;
        this.commitment = commitment;
        this.confirmTimeout = confirmTimeout;
        this.pollInterval = pollInterval;
        this.attempts = attempts;
    }

    /**
     * Finds an earlier attempt that landed, or sends (at most {@code attempts} transactions, each once the one
     * before expired without landing), then waits for the commitment. When {@code confirmTimeout} passes while a
     * transaction can still land, publishing fails and nothing more is sent: the next call checks it again.
     */
    public Publication publish(TransactionInstruction instruction, AttemptLog log) {
        return publish(List.of(instruction), log);
    }

    /** {@link #publish(TransactionInstruction, AttemptLog)} of several instructions, in this order, in one transaction. */
    public Publication publish(List<TransactionInstruction> instructions, AttemptLog log) {
        if (instructions.isEmpty()) {
            throw new IllegalArgumentException("a transaction needs at least one instruction");
        }
        List<Attempt> earlier = log.attempts();
        List<Attempt> known = new ArrayList<>(earlier);
        long deadline = System.nanoTime() + confirmTimeout.toNanos();
        int sent = 0;
        while (true) {
            // the height first: an attempt expired at this height that the statuses read after it do not show never lands
            long height = blockHeight();
            Map<String, Map<?, ?>> statuses = statuses(known);
            for (Attempt attempt : known) {
                Map<?, ?> status = statuses.get(attempt.signature());
                if (status != null && reaches(String.valueOf(status.get("confirmationStatus")))) {
                    return new Publication(attempt.signature(), ((Number) status.get("slot")).longValue(),
                            earlier.contains(attempt));
                }
            }
            Attempt inFlight = null;
            for (Attempt attempt : known) {
                if (statuses.containsKey(attempt.signature()) || attempt.canLandAt(height)) {
                    inFlight = attempt;
                }
            }
            if (inFlight == null) {
                if (sent == attempts) {
                    Attempt last = known.get(known.size() - 1);
                    throw new PublishException("not published after " + sent + " attempts: transaction " + last.signature()
                            + " expired (blockhash " + last.blockhash() + ", valid to block height "
                            + last.lastValidBlockHeight() + ", cluster at " + height + ") without landing");
                }
                known.add(send(instructions, known, log));
                sent++;
            } else if (System.nanoTime() - deadline >= 0) {
                throw new PublishException("transaction " + inFlight.signature() + " not " + commitment.getValue()
                        + " within " + confirmTimeout + (statuses.containsKey(inFlight.signature()) ? " though it landed"
                        : " and it can still land (blockhash valid to block height " + inFlight.lastValidBlockHeight()
                        + ", cluster at " + height + ")") + ": not re-sent, to never publish twice");
            } else {
                sleep();
            }
        }
    }

    private Attempt send(List<TransactionInstruction> instructions, List<Attempt> known, AttemptLog log) {
        AuthorityBalance balance = balance();
        if (!balance.paysAFee()) {
            throw new PublishException("nothing sent: " + balance.shortfall());
        }
        LatestBlockhash.Value latest;
        try {
            latest = rpc.getApi().getLatestBlockhash(commitment).getValue();
        } catch (RpcException | RuntimeException e) {
            throw new PublishException("no blockhash from the cluster (" + e.getMessage() + "): nothing sent", e);
        }
        Transaction transaction = new Transaction();
        instructions.forEach(transaction::addInstruction);
        transaction.setRecentBlockHash(latest.getBlockhash());
        transaction.sign(authority);
        byte[] wire = transaction.serialize();
        // one signer: the wire starts with the count 1 (one byte), then the signature
        String signature = Base58.encode(Arrays.copyOfRange(wire, 1, 1 + Transaction.SIGNATURE_LENGTH));
        Attempt attempt = new Attempt(signature, latest.getBlockhash(), latest.getLastValidBlockHeight());
        if (!log.append(known, attempt)) {
            throw new PublishException("another export sent a transaction for this version meanwhile: nothing sent");
        }
        try {
            rpc.getApi().sendRawTransaction(Base64.getEncoder().encodeToString(wire), new RpcSendTransactionConfig());
        } catch (RpcException | RuntimeException e) {
            throw new PublishException("sending transaction " + signature + " got no clear answer (" + e.getMessage()
                    + "): it may still land until block height " + attempt.lastValidBlockHeight()
                    + ", nothing else is sent before then", e);
        }
        return attempt;
    }

    /** The authority's balance, checked before each send: an unfunded key gets a reason to act on, not a rejection. */
    private AuthorityBalance balance() {
        try {
            return new AuthorityBalance(authority.getPublicKey().toBase58(),
                    rpc.getApi().getBalance(authority.getPublicKey(), commitment), rpc.getEndpoint());
        } catch (RpcException | RuntimeException e) {
            throw new PublishException("the authority's balance is unknown (" + e.getMessage() + "): nothing sent", e);
        }
    }

    private long blockHeight() {
        try {
            return rpc.getApi().getBlockHeight(commitment);
        } catch (RpcException | RuntimeException e) {
            throw new PublishException("the cluster's block height is unknown (" + e.getMessage() + "): nothing sent", e);
        }
    }

    /** The statuses the cluster has, by signature; a signature without one has not landed (or not yet been seen). */
    private Map<String, Map<?, ?>> statuses(List<Attempt> known) {
        Map<String, Map<?, ?>> found = new HashMap<>();
        for (int from = 0; from < known.size(); from += STATUS_BATCH) {
            List<String> signatures = known.subList(from, Math.min(known.size(), from + STATUS_BATCH)).stream()
                    .map(Attempt::signature).toList();
            List<?> values;
            try {
                // read as a map: solanaj's typed status has no 'err', and a landed but failed transaction must not count
                Map<?, ?> result = rpc.call("getSignatureStatuses",
                        List.of(signatures, Map.of("searchTransactionHistory", true)), Map.class);
                values = result.get("value") instanceof List<?> list && list.size() == signatures.size() ? list : null;
            } catch (RpcException | RuntimeException e) {
                throw new PublishException("whether transactions " + signatures + " landed is unknown (" + e.getMessage()
                        + "): nothing sent", e);
            }
            if (values == null) {
                throw new PublishException("whether transactions " + signatures + " landed is unknown (statuses not"
                        + " readable): nothing sent");
            }
            for (int i = 0; i < signatures.size(); i++) {
                if (values.get(i) instanceof Map<?, ?> status) {
                    if (status.get("err") != null) {
                        throw new PublishException("transaction " + signatures.get(i) + " failed on chain: " + status.get("err"));
                    }
                    found.put(signatures.get(i), status);
                }
            }
        }
        return found;
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
