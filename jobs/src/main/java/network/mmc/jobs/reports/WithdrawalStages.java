package network.mmc.jobs.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Withdrawals from request to chain: requested, included in a distribution version, published (a transaction
 * sent for the version), confirmed (the version is on chain). Every stage holds the next one. What does not fit
 * the rules of SETTLEMENT.md §8 is listed: a SYNCED request of a version not confirmed, a REQUESTED one of a
 * confirmed version, a version whose total is not the sum of the requests it and the versions before it carry.
 */
public record WithdrawalStages(long requested, long included, long published, long confirmed, List<String> problems) {

    /** One request as stored, with the state of its version (null when it waits for one). */
    public record Request(long id, long amount, String status, Long version, String versionStatus, boolean versionPublished) {
    }

    /**
     * @param inPeriod       the requests made in the period: the stages sum these
     * @param all            every request, for the checks of every version
     * @param versionTotals  every version's stored total
     */
    static WithdrawalStages of(List<Request> inPeriod, List<Request> all, Map<Long, Long> versionTotals) {
        long requested = 0;
        long included = 0;
        long published = 0;
        long confirmed = 0;
        for (Request r : inPeriod) {
            requested = Math.addExact(requested, r.amount());
            if (r.version() != null) {
                included = Math.addExact(included, r.amount());
                if (r.versionPublished()) {
                    published = Math.addExact(published, r.amount());
                }
                if ("CONFIRMED".equals(r.versionStatus())) {
                    confirmed = Math.addExact(confirmed, r.amount());
                }
            }
        }
        List<String> problems = new ArrayList<>();
        for (Request r : all) {
            boolean versionConfirmed = "CONFIRMED".equals(r.versionStatus());
            if ("SYNCED".equals(r.status()) && !versionConfirmed) {
                problems.add("withdrawal " + r.id() + " is SYNCED but its version " + r.version() + " is not confirmed");
            }
            if (!"SYNCED".equals(r.status()) && versionConfirmed) {
                problems.add("withdrawal " + r.id() + " is " + r.status() + " but its version " + r.version()
                        + " is confirmed");
            }
        }
        versionTotals.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(version -> {
            long carried = all.stream().filter(r -> r.version() != null && r.version() <= version.getKey())
                    .mapToLong(Request::amount).reduce(0, Math::addExact);
            if (carried != version.getValue()) {
                problems.add("distribution version " + version.getKey() + " totals " + version.getValue()
                        + " but the requests up to it sum to " + carried);
            }
        });
        return new WithdrawalStages(requested, included, published, confirmed, List.copyOf(problems));
    }
}
