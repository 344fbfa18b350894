package network.mmc.jobs.calls;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import network.mmc.jobs.errors.ConflictException;
import network.mmc.jobs.settlement.ArchivedWindows;
import network.mmc.jobs.settlement.BackfillLock;
import network.mmc.jobs.settlement.SettlementRun;
import network.mmc.jobs.settlement.SettlementRuns;
import network.mmc.jobs.settlement.SettlementService;
import network.mmc.jobs.settlement.SettlementSettings;
import network.mmc.settlement.SettlementWindow;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * {@code import-calls --backfill}: records go to the window of their {@code called_at}. The whole file is checked
 * before anything is stored: windows being settled right now are refused, and so are settled windows the records
 * would change, unless re-runs are asked for; then, once the records are stored, each such window gets a new
 * revision through the ordinary re-run (ledger corrections included).
 */
@Service
public class CallBackfill {

    /** The re-runs of settled windows that a backfill may ask for. */
    public record Reruns(String reason, String operator) {
    }

    /** What a backfill did; {@code failedReruns} names the settled windows whose re-run failed, with the cause. */
    public record Outcome(ImportSummary summary, List<SettlementRun> reruns, List<String> failedReruns) {
    }

    private final CallFileImporter importer;
    private final SettlementService settlement;
    private final SettlementRuns runs;
    private final BackfillLock backfillLock;
    private final ArchivedWindows archivedWindows;
    private final JdbcTemplate jdbc;
    private final Duration period;

    CallBackfill(CallFileImporter importer, SettlementService settlement, SettlementRuns runs, BackfillLock backfillLock,
                 ArchivedWindows archivedWindows, JdbcTemplate jdbc, SettlementSettings settings) {
        this.importer = importer;
        this.settlement = settlement;
        this.runs = runs;
        this.backfillLock = backfillLock;
        this.archivedWindows = archivedWindows;
        this.jdbc = jdbc;
        this.period = settings.period();
    }

    /** @param reruns null to refuse settled windows */
    public Outcome importFile(Path file, Reruns reruns, PrintStream progress) {
        if (reruns != null) {
            SettlementService.checkRerunRequest(reruns.reason(), reruns.operator());
        }
        record Stored(ImportSummary summary, List<SettledWindowCheck.SettledWindow> settled) {
        }
        Stored stored = backfillLock.whileHolding(() -> {
            SettledWindowCheck check = new SettledWindowCheck(jdbc, runs, backfillLock, archivedWindows, period);
            progress.println("checking " + file + " against settled windows");
            importer.importFile(file, IngestPolicy.BACKFILL, check, new PrintStream(OutputStream.nullOutputStream()));
            if (!check.beingSettled().isEmpty()) {
                throw new ConflictException("nothing was stored: windows " + check.beingSettled()
                        + " are being settled right now; run the backfill again once they are settled");
            }
            if (!check.archived().isEmpty()) {
                throw new ConflictException("nothing was stored: the backfill has records for windows whose call"
                        + " records are archived: " + check.archived() + "; restore each with `./mmc-hub archive restore"
                        + " WINDOW` first");
            }
            if (!check.settled().isEmpty() && reruns == null) {
                throw new ConflictException("nothing was stored: the backfill would change windows already settled: "
                        + check.settled().stream().map(w -> w.windowStart() + " (revision " + w.revision() + ", "
                        + w.newRecords() + " new records)").collect(Collectors.joining(", "))
                        + "; to store them and re-run those windows, add --rerun --reason TEXT --operator NAME");
            }
            return new Stored(importer.importBackfill(file, progress), check.settled());
        });
        List<SettlementRun> reran = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (SettledWindowCheck.SettledWindow settled : stored.settled()) {
            SettlementWindow window = new SettlementWindow(settled.windowStart(), settled.windowStart().plus(period));
            try {
                reran.add(settlement.rerun(window, reruns.reason(), reruns.operator()));
            } catch (RuntimeException e) {
                failed.add("window " + window + ": " + e.getMessage());
            }
        }
        return new Outcome(stored.summary(), reran, failed);
    }
}
