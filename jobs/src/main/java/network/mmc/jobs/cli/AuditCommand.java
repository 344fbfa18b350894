package network.mmc.jobs.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import network.mmc.jobs.audit.OfflineAudit;
import network.mmc.jobs.audit.ResultJson;
import network.mmc.settlement.MmcText;
import network.mmc.settlement.SettlementResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Recompute a window from files, with no database, and print the same table as `runs show`:"
                + " from --nodes and --calls, or from a `runs export` directory with its recorded pool and terms.")
class AuditCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--from-export", paramLabel = "DIR",
            description = "A `runs export` directory (or a call-record archive's window directory): its nodes.csv and"
                    + " calls.csv (or calls.csv.gz) with the pool and settlement terms recorded in its result.json; the"
                    + " new result.json is compared with that one.")
    Path fromExport;

    @Option(names = "--nodes", description = "nodes.csv: node_id,owner_wallet,stake_base_units,eligible")
    Path nodes;

    @Option(names = "--calls", description = "calls.csv: event_id,node_id,caller_type,caller_wallet,status,credits,recorded_at"
            + " (read through gzip when its name ends in .gz)")
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
        if (fromExport != null) {
            if (nodes != null || calls != null || pool != null || window != null || !params.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--from-export takes the files, pool and terms of the"
                        + " export: give it without --nodes, --calls, --pool, --window or --param");
            }
            return fromExport();
        }
        if (nodes == null || calls == null) {
            throw new ParameterException(spec.commandLine(), "give --nodes and --calls, or --from-export DIR");
        }
        OfflineAudit.Audit audit = OfflineAudit.run(nodes, calls, pool == null ? null : units.parse("--pool", pool),
                window, params);
        print(audit);
        return 0;
    }

    private int fromExport() {
        Path recordedFile = fromExport.resolve("result.json");
        ResultJson.Recorded recorded = ResultJson.read(recordedFile);
        if (recorded.parameters().isEmpty()) {
            spec.commandLine().getErr().println("warning: " + recordedFile + " records no settlement terms (a run"
                    + " stored before runs kept them): the default terms are used");
        }
        OfflineAudit.Audit audit = OfflineAudit.run(fromExport.resolve("nodes.csv"), OfflineAudit.callsFile(fromExport),
                recorded.pool(), null, recorded.parameters().orElse(Map.of()));
        print(audit);
        if (Arrays.equals(bytes(out), bytes(recordedFile))) {
            spec.commandLine().getOut().println("matches " + recordedFile + " byte for byte");
            return 0;
        }
        spec.commandLine().getErr().println("DIFFERS from " + recordedFile + ": the recomputed run is not the stored one");
        return 1;
    }

    private void print(OfflineAudit.Audit audit) {
        audit.warning().ifPresent(warning -> spec.commandLine().getErr().println("warning: " + warning));
        audit.write(out);
        SettlementResult result = audit.result();
        PrintWriter printed = spec.commandLine().getOut();
        printed.printf("pool %s MMC, allocated %s MMC, unallocated %s MMC, input_sha256 %s%n", MmcText.format(result.pool()),
                MmcText.format(result.allocated()), MmcText.format(result.unallocated()), result.inputSha256());
        SettlementTable.print(result.nodes().stream().map(SettlementTable.Line::of).toList(), Integer.MAX_VALUE, printed);
        printed.println("wrote " + out);
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
    }
}
