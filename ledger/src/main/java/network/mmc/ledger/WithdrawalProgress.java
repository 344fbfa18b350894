package network.mmc.ledger;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each of a wallet's withdrawals stands, from request to tokens in the wallet: REQUESTED (no version holds
 * it yet) → IN_DISTRIBUTION (version vN holds it) → PUBLISHED (a transaction publishing vN was sent) → CONFIRMED
 * (vN's root is confirmed on chain: claimable) → CLAIMED (confirmed claims have paid the wallet at least its
 * cumulative amount up to this request, the last of them in the transaction given).
 */
public final class WithdrawalProgress {

    public enum Stage { REQUESTED, IN_DISTRIBUTION, PUBLISHED, CONFIRMED, CLAIMED }

    /** A request with the state of the version holding it ({@code version} null while none does). */
    public record Request(long id, long amount, Long version, String versionStatus, boolean versionPublished) {
    }

    /** A confirmed claim: the wallet's claimed total once it was paid, and its transaction. */
    public record PaidClaim(long claimedAfter, String transaction) {
    }

    public record Progress(Stage stage, String claimTransaction) {
    }

    private WithdrawalProgress() {
    }

    /**
     * The progress of each request, by id. A version's cumulative amount sums the wallet's requests of that version
     * and the earlier ones, so requests are counted in version order, then by id.
     */
    public static Map<Long, Progress> of(List<Request> requests, List<PaidClaim> paid) {
        List<PaidClaim> claims = paid.stream().sorted(Comparator.comparingLong(PaidClaim::claimedAfter)).toList();
        Map<Long, Progress> progress = new HashMap<>();
        long upTo = 0;
        for (Request request : requests.stream().sorted(Comparator.comparing(Request::version,
                Comparator.nullsLast(Comparator.naturalOrder())).thenComparingLong(Request::id)).toList()) {
            upTo = Math.addExact(upTo, request.amount());
            progress.put(request.id(), progress(request, upTo, claims));
        }
        return progress;
    }

    private static Progress progress(Request request, long upTo, List<PaidClaim> claims) {
        if (request.version() == null) {
            return new Progress(Stage.REQUESTED, null);
        }
        if (!"CONFIRMED".equals(request.versionStatus())) {
            return new Progress(request.versionPublished() ? Stage.PUBLISHED : Stage.IN_DISTRIBUTION, null);
        }
        return claims.stream().filter(claim -> claim.claimedAfter() >= upTo).findFirst()
                .map(claim -> new Progress(Stage.CLAIMED, claim.transaction()))
                .orElse(new Progress(Stage.CONFIRMED, null));
    }
}
