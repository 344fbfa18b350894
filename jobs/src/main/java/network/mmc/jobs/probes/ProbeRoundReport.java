package network.mmc.jobs.probes;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A finished round: who probed, and one result per node that was online when it started. */
public record ProbeRoundReport(String roundId, String validatorId, List<ProbeResultLine> results) {

    public Map<String, Long> countsByStatus() {
        Map<String, Long> counts = new TreeMap<>();
        results.forEach(r -> counts.merge(r.status(), 1L, Long::sum));
        return counts;
    }
}
