package network.mmc.jobs.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import network.mmc.jobs.audit.OfflineAudit;
import network.mmc.jobs.audit.ResultJson;
import network.mmc.settlement.SettlementResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Recompute a window from files, with no database, and print the same table as `runs show`.")
class AuditCommand implements Callable<Integer> {

    @Option(names = "--nodes", required = true, description = "nodes.csv: node_id,owner_wallet,stake,eligible")
    Path nodes;

    @Option(names = "--calls", required = true,
            description = "calls.csv: event_id,node_id,caller_type,caller_wallet,status,credits,recorded_at")
    Path calls;

    @Option(names = "--pool", description = "Pool in base units.")
    Long pool;

    @Option(names = "--window", description = "Window start: only its calls count; the pool follows the emission schedule unless --pool is given.")
    String window;

    @Option(names = "--param", description = "Override a settlement term, e.g. --param cap-k=8.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--out", required = true, description = "Where to write result.json.")
    Path out;

    @Override
    public Integer call() {
        OfflineAudit.Audit audit = OfflineAudit.run(nodes, calls, pool, window, params);
        audit.warning().ifPresent(warning -> System.err.println("warning: " + warning));
        SettlementResult result = audit.result();
        ResultJson.write(out, result);
        System.out.printf("pool %s MMC, allocated %s, unallocated %s, input_sha256 %s%n", Mmc.format(result.pool()),
                Mmc.format(result.allocated()), Mmc.format(result.unallocated()), result.inputSha256());
        SettlementTable.print(result.nodes().stream().map(SettlementTable.Line::of).toList(), Integer.MAX_VALUE, System.out);
        System.out.println("wrote " + out);
        return 0;
    }
}
