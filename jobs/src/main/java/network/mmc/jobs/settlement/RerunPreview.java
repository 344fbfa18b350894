package network.mmc.jobs.settlement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a re-run of a window would do, shown before it is asked for: see {@link SettlementService#previewRerun}.
 *
 * @param current  the latest completed revision, the one the re-run corrects
 * @param revision the revision the re-run writes
 * @param pool     the pool it splits, by the emission schedule of the terms configured now
 * @param terms    the terms configured now whose value differs from {@code current}'s (none when {@code current}
 *                 did not record its terms)
 * @param checks   what refuses a re-run, each with whether it would refuse one now
 */
public record RerunPreview(SettlementRun current, int revision, long pool, List<TermChange> terms, List<Check> checks) {

    public RerunPreview {
        terms = List.copyOf(terms);
        checks = List.copyOf(checks);
    }

    /** A settlement term that the re-run applies with another value than the current revision had. */
    public record TermChange(String name, String current, String configured) {

        static List<TermChange> between(Map<String, String> stored, Map<String, String> configured) {
            List<TermChange> changes = new ArrayList<>();
            if (stored != null) {
                configured.forEach((name, value) -> {
                    if (!value.equals(stored.get(name))) {
                        changes.add(new TermChange(name, stored.get(name), value));
                    }
                });
            }
            return changes;
        }
    }

    /** @param passesNow whether the re-run would pass it now; null for what is only checked when it is submitted */
    public record Check(String rule, Boolean passesNow) {
    }

    /** Whether every check that can be made now passes. */
    public boolean allowedNow() {
        return checks.stream().noneMatch(check -> Boolean.FALSE.equals(check.passesNow()));
    }
}
