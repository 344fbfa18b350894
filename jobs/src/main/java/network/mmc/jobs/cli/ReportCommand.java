package network.mmc.jobs.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import network.mmc.jobs.reports.PeriodReport;
import network.mmc.jobs.reports.PeriodReportDocuments;
import network.mmc.jobs.reports.PeriodReportText;
import network.mmc.jobs.reports.PeriodReports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Period report (a day, a week, a month): totals and the reconciliation of ledger, runs and withdrawals.")
class ReportCommand implements Callable<Integer> {

    private final HubRuntime runtime;

    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "TIME", description = "First window start, e.g. 2026-11-01T00:00Z.")
    Instant from;

    @Option(names = "--to", required = true, paramLabel = "TIME", description = "End, exclusive, e.g. 2026-12-01T00:00Z.")
    Instant to;

    @Option(names = "--out", paramLabel = "DIR", description = "Also write period.html and the CSV files into this folder.")
    Path out;

    ReportCommand(HubRuntime runtime) {
        this.runtime = runtime;
    }

    /** Exit 0 when everything balances, 1 when something does not (it is listed). */
    @Override
    public Integer call() {
        PeriodReports.checkPeriod(from, to);
        PeriodReport report = runtime.bean(PeriodReports.class).report(from, to);
        PrintWriter printed = spec.commandLine().getOut();
        PeriodReportText.print(report, printed);
        if (out != null) {
            PeriodReportDocuments.write(report, out).forEach(file -> printed.println("wrote " + file));
        }
        return report.balances() ? 0 : 1;
    }
}
