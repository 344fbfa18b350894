package network.mmc.jobs.cli;

import java.time.Instant;
import network.mmc.jobs.settlement.SettlementService;
import network.mmc.settlement.SettlementWindow;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The run a command is about: a window start and, when not the latest, a revision. */
final class RunSelection {

    @Parameters(index = "0", paramLabel = "WINDOW", description = "Window start, e.g. 2026-11-25T10:00Z.")
    Instant window;

    @Option(names = "--revision", description = "Default: the latest.")
    Integer revision;

    /** The window, checked against the configured period once the Hub runs. */
    SettlementWindow window(HubRuntime runtime) {
        return runtime.bean(SettlementService.class).window(window);
    }
}
