package network.mmc.jobs.settlement;

import java.util.List;
import java.util.stream.Collectors;
import network.mmc.settlement.SettlementWindow;

/** What settling every due window did: the runs completed, and each window that could not be settled and why. */
public record DueSettlements(List<SettlementRun> settled, List<Failure> failed) {

    public record Failure(SettlementWindow window, String cause) {
    }

    public DueSettlements {
        settled = List.copyOf(settled);
        failed = List.copyOf(failed);
    }

    /** One line naming every window that failed, oldest first. */
    public String failureSummary() {
        return failed.size() + (failed.size() == 1 ? " window" : " windows") + " could not be settled: "
                + failed.stream().map(f -> f.window().toString()).collect(Collectors.joining(", "));
    }

    /** The summary, then why each window failed: for where no earlier line gave the causes (a scheduled run). */
    public String failureSummaryWithCauses() {
        return failureSummary() + " — " + failed.stream().map(f -> f.window() + ": " + f.cause())
                .collect(Collectors.joining("; "));
    }
}
