package network.mmc.jobs.cli;

import java.util.List;
import java.util.concurrent.Callable;
import network.mmc.jobs.settlement.SettlementRun;
import network.mmc.jobs.settlement.SettlementService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "settle", mixinStandardHelpOptions = true,
        description = "Settle a window (default: every due, unsettled window, oldest first), or re-run one.")
class SettleCommand implements Callable<Integer> {

    private final HubRuntime runtime;

    @Option(names = "--window", paramLabel = "START", description = "Window start, e.g. 2026-11-25T10:00Z.")
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
        List<SettlementRun> settled;
        if (rerun) {
            settled = List.of(service.rerun(service.window(window), reason, operator));
        } else if (window != null) {
            settled = List.of(service.settle(service.window(window)));
        } else {
            settled = service.settleDue();
        }
        if (settled.isEmpty()) {
            System.out.println("nothing to settle: every due window is settled");
        }
        RunsCommand.printRuns(settled, System.out);
        return 0;
    }
}
