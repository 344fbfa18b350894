package network.mmc.jobs.cli;

import java.util.List;
import java.util.concurrent.Callable;
import network.mmc.jobs.settlement.DueSettlements;
import network.mmc.jobs.settlement.SettlementService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "settle", mixinStandardHelpOptions = true,
        description = "Settle a window (default: every due, unsettled window, oldest first; a window that fails does not"
                + " stop the ones after it, and the exit code is 1 if any failed), or re-run one.")
class SettleCommand implements Callable<Integer> {

    private final HubRuntime runtime;

    @Option(names = "--window", paramLabel = "START", converter = CheckedArguments.WindowStart.class, description = "Window start, e.g. 2026-11-25T10:00Z.")
    String window;

    @Option(names = "--rerun", description = "Write a new revision of an already settled window.")
    boolean rerun;

    @Option(names = "--reason", description = "Why the window is re-run (required with --rerun).")
    String reason;

    @Option(names = "--operator", description = "Who re-runs it (required with --rerun).")
    String operator;

    SettleCommand(HubRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public Integer call() {
        if (rerun && (window == null || reason == null || operator == null)) {
            throw new IllegalArgumentException("--rerun needs --window, --reason and --operator");
        }
        SettlementService service = runtime.bean(SettlementService.class);
        if (rerun) {
            RunsCommand.printRuns(List.of(service.rerun(service.window(window), reason, operator)), System.out);
            return 0;
        }
        if (window != null) {
            RunsCommand.printRuns(List.of(service.settle(service.window(window))), System.out);
            return 0;
        }
        DueSettlements due = service.settleDue();
        if (due.settled().isEmpty() && due.failed().isEmpty()) {
            System.out.println("nothing to settle: every due window is settled");
        }
        RunsCommand.printRuns(due.settled(), System.out);
        if (due.failed().isEmpty()) {
            return 0;
        }
        due.failed().forEach(f -> System.err.println("window " + f.window() + " not settled: " + f.cause()));
        System.err.println("mmc-hub: " + due.failureSummary());
        return 1;
    }
}
