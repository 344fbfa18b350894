package network.mmc.jobs.mail;

import java.util.List;
import network.mmc.settlement.MmcText;
import network.mmc.settlement.TimeText;

/** The run summary ops get after each settlement run: figures in MMC as the CLI shows them, times in UTC. */
final class OpsSummaryMail {

    private OpsSummaryMail() {
    }

    static String subject(String hubId, RunFacts run) {
        return "[" + hubId + "] settlement " + run.status() + " for window " + TimeText.format(run.windowStart())
                + " (revision " + run.revision() + "): " + MmcText.format(run.allocated()) + " MMC allocated";
    }

    private static String anomalies(int count) {
        return count == 0 ? "no anomaly" : count == 1 ? "1 anomaly" : count + " anomalies";
    }

    static MailBody body(RunFacts run, List<String> failedJobs) {
        return new MailBody()
                // the figures in the first line too: what a mail client's list shows of a message
                .paragraph("Settlement run " + run.runId() + " " + run.status() + ": " + run.calls() + " calls, "
                        + run.nodes() + " nodes, pool " + MmcText.format(run.pool()) + " MMC, allocated "
                        + MmcText.format(run.allocated()) + " MMC, " + anomalies(run.anomalies().size()) + ".")
                .fields(List.of(
                        new String[]{"Status", run.status()},
                        new String[]{"Window", TimeText.format(run.windowStart()) + " to " + TimeText.format(run.windowEnd())},
                        new String[]{"Revision", Integer.toString(run.revision())},
                        new String[]{"Calls", Long.toString(run.calls())},
                        new String[]{"Nodes", Integer.toString(run.nodes())},
                        new String[]{"Pool (MMC)", MmcText.format(run.pool())},
                        new String[]{"Allocated (MMC)", MmcText.format(run.allocated())},
                        new String[]{"Unallocated (MMC)", MmcText.format(run.unallocated())}))
                .list("Anomalies", run.anomalies())
                .list("Failed jobs since the last summary", failedJobs);
    }
}
