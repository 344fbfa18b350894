package network.mmc.jobs.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import network.mmc.jobs.audit.OfflineAudit;
import network.mmc.jobs.audit.ResultJson;
import network.mmc.settlement.SettlementResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Recompute a window from files, with no database, and print the same table as `runs show`.")
class AuditCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--nodes", required = true, description = "nodes.csv: node_id,owner_wallet,stake_base_units,eligible")
    Path nodes;

    @Option(names = "--calls", required = true,
            description = "calls.csv: event_id,node_id,caller_type,caller_wallet,status,credits,recorded_at")
    Path calls;

    @Option(names = "--pool", paramLabel = "AMOUNT", description = "Pool in MMC (or --base-units).")
    String pool;

    @Mixin
    BaseUnitsOption units;

    @Option(names = "--window", paramLabel = "START",
            description = "Window start, e.g. 2026-11-25T10:00Z: only its calls count; the pool follows the emission"
                    + " schedule unless --pool is given.")
    Instant window;

    @Option(names = "--param", description = "Override a settlement term, e.g. --param cap-k=8.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--out", required = true, description = "Where to write result.json.")
    Path out;

    @Override
    public Integer call() {
        OfflineAudit.Audit audit = OfflineAudit.run(nodes, calls, pool == null ? null : units.parse("--pool", pool),
                window, params);
        audit.warning().ifPresent(warning -> spec.commandLine().getErr().println("warning: " + warning));
        SettlementResult result = audit.result();
        ResultJson.write(out, result);
        PrintWriter printed = spec.commandLine().getOut();
        printed.printf("pool %s MMC, allocated %s MMC, unallocated %s MMC, input_sha256 %s%n", Mmc.format(result.pool()),
                Mmc.format(result.allocated()), Mmc.format(result.unallocated()), result.inputSha256());
        SettlementTable.print(result.nodes().stream().map(SettlementTable.Line::of).toList(), Integer.MAX_VALUE, printed);
        printed.println("wrote " + out);
        return 0;
    }
}
