package network.mmc.jobs.reports;

import java.util.List;
import network.mmc.jobs.settlement.SettlementRun;
import network.mmc.settlement.TimeText;

/** How anyone re-checks a stored run from files alone: export its input, then recompute it with {@code audit}. */
public final class RecheckCommands {

    private RecheckCommands() {
    }

    public static List<String> of(SettlementRun run) {
        return List.of("./mmc-hub runs export " + TimeText.format(run.windowStart()) + " --revision " + run.revision()
                + " --dir run", "./mmc-hub audit --from-export run --out run/audit.json");
    }
}
