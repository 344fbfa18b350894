package network.mmc.jobs.archive;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import network.mmc.jobs.database.NamedLocks;
import network.mmc.jobs.errors.ConflictException;
import network.mmc.jobs.settlement.BackfillLock;
import network.mmc.jobs.settlement.SettlementRun;
import network.mmc.jobs.settlement.SettlementRuns;
import network.mmc.jobs.settlement.SettlementService;
import network.mmc.jobs.settlement.WindowLocks;
import network.mmc.settlement.SettlementWindow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Call-record retention (README: Call-record retention): archives settled windows older than
 * {@code mmc.retention.age} and removes their rows, and restores an archived window. One archive or restore at a time
 * across every Hub process; each window is handled under its settlement lock, so no run, re-run or backfill touches
 * it meanwhile.
 */
@Service
public class CallArchive {

    private static final Logger log = LoggerFactory.getLogger(CallArchive.class);
    private static final String LOCK = "mmc-call-archive";

    private final RetentionSettings settings;
    private final RetentionAge age;
    private final ArchiveManifest manifest;
    private final WindowArchiver archiver;
    private final HotRowRemoval removal;
    private final ArchiveRestore restore;
    private final SettlementRuns runs;
    private final SettlementService settlement;
    private final WindowLocks windowLocks;
    private final BackfillLock backfillLock;
    private final NamedLocks locks;
    private final Clock clock;

    CallArchive(RetentionSettings settings, RetentionAge age, ArchiveManifest manifest, WindowArchiver archiver,
                HotRowRemoval removal, ArchiveRestore restore, SettlementRuns runs, SettlementService settlement,
                WindowLocks windowLocks, BackfillLock backfillLock, NamedLocks locks, Clock clock) {
        this.settings = settings;
        this.age = age;
        this.manifest = manifest;
        this.archiver = archiver;
        this.removal = removal;
        this.restore = restore;
        this.runs = runs;
        this.settlement = settlement;
        this.windowLocks = windowLocks;
        this.backfillLock = backfillLock;
        this.locks = locks;
        this.clock = clock;
    }

    /**
     * What to archive: one window, or every window due that ends by {@code before} (null: every due window).
     *
     * @param batchSize rows removed per transaction, null for {@code mmc.retention.batch-size}
     * @param dir       where new archives go, null for {@code mmc.retention.dir}; the manifest keeps each file's path
     */
    public record Request(Instant window, Instant before, Integer batchSize, Path dir) {

        public Request {
            if (window != null && before != null) {
                throw new IllegalArgumentException("give a window or a bound, not both");
            }
            if (batchSize != null && batchSize < 1) {
                throw new IllegalArgumentException("the batch size must be at least 1, got " + batchSize);
            }
        }

        public static Request due() {
            return new Request(null, null, null, null);
        }
    }

    /**
     * Archives each window asked for, oldest first; a window that fails is reported and the next ones are still
     * archived. Refuses to start, archiving nothing, when {@code mmc.retention.age} is too short.
     */
    public List<ArchiveOutcome> archive(Request request) {
        age.check();
        int batchSize = request.batchSize() == null ? settings.batchSize() : request.batchSize();
        Path dir = (request.dir() == null ? settings.dir() : request.dir()).toAbsolutePath().normalize();
        return locks.whileHolding(LOCK, () -> "another archive or restore is running right now", () -> {
            Instant cutoff = age.cutoff(clock.instant());
            List<Instant> windows = request.window() != null ? List.of(request.window())
                    : manifest.candidates(cutoff, request.before() == null ? cutoff : request.before());
            List<ArchiveOutcome> outcomes = new ArrayList<>();
            for (Instant start : windows) {
                SettlementWindow window = settlement.window(start);
                try {
                    outcomes.add(windowLocks.whileHolding(window, () -> archive(window, cutoff, batchSize, dir)));
                } catch (RuntimeException e) {
                    log.error("window {} was not archived: {}", window, e.getMessage());
                    outcomes.add(new ArchiveOutcome(start, null, 0, 0, e.getMessage()));
                }
            }
            return outcomes;
        });
    }

    private ArchiveOutcome archive(SettlementWindow window, Instant cutoff, int batchSize, Path dir) {
        ArchiveEntry entry = manifest.find(window.start()).orElse(null);
        if (entry != null && entry.status() == ArchiveEntry.Status.ARCHIVED) {
            return new ArchiveOutcome(window.start(), entry.file(), entry.rowCount(), 0, null);
        }
        if (entry == null || entry.status() == ArchiveEntry.Status.RESTORED) {
            if (window.end().isAfter(cutoff)) {
                throw new IllegalArgumentException("window " + window + " ended at " + window.end() + ", less than"
                        + " mmc.retention.age (" + age.age() + ") ago: it is archived from " + window.end().plus(age.age()));
            }
        }
        SettlementRun run = runs.latest(window).orElseThrow(() -> new IllegalArgumentException("window " + window
                + " is not settled: only settled windows are archived"));
        if (entry == null || entry.status() == ArchiveEntry.Status.RESTORED) {
            if (!"COMPLETED".equals(run.status())) {
                throw new IllegalArgumentException("window " + window + " revision " + run.revision() + " is "
                        + run.status() + ": only a window whose latest run completed is archived");
            }
            backfillLock.refuseWhileHeld(window);
            entry = archiver.write(run, window, dir);
            manifest.written(entry);
            log.info("window {}: {} call records archived to {}", window, entry.rowCount(), entry.file());
        } else {
            if (run.revision() != entry.revision()) {
                throw new ConflictException("window " + window + " is at revision " + run.revision() + ", its archive "
                        + entry.file() + " of revision " + entry.revision() + ": restore it and archive it again");
            }
            // resumed: the file is read back and audited again before another row is deleted
            archiver.check(entry, run);
        }
        long removed = removal.remove(entry, window, batchSize);
        manifest.removed(window.start(), clock.instant());
        return new ArchiveOutcome(window.start(), entry.file(), entry.rowCount(), removed, null);
    }

    /** Stores an archived window's rows again (same ids), so that it can be re-run; resumes a cut-off restore. */
    public ArchiveOutcome restore(Instant windowStart, Integer batchSize) {
        SettlementWindow window = settlement.window(windowStart);
        return locks.whileHolding(LOCK, () -> "another archive or restore is running right now",
                () -> windowLocks.whileHolding(window, () -> {
                    ArchiveEntry entry = manifest.find(window.start()).orElseThrow(() -> new IllegalArgumentException(
                            "window " + window + " is not archived: its call records are in call_record"));
                    if (entry.status() == ArchiveEntry.Status.RESTORED) {
                        throw new IllegalArgumentException("window " + window + " is restored already: its call records"
                                + " are in call_record");
                    }
                    archiver.check(entry, runs.get(window, entry.revision()));
                    long stored = restore.restore(entry, window, batchSize == null ? settings.batchSize() : batchSize);
                    manifest.restored(window.start(), clock.instant());
                    log.info("window {}: {} call records restored from {}", window, stored, entry.file());
                    return new ArchiveOutcome(window.start(), entry.file(), entry.rowCount(), stored, null);
                }));
    }

    /** Every window in the manifest, oldest first. */
    public List<ArchivedWindow> list() {
        return manifest.list().stream().map(e -> new ArchivedWindow(e.windowStart(), e.revision(), e.status().name(),
                e.rowCount(), e.removedRows(), e.file(), e.csvSha256(), e.fileSha256(), e.archivedAt())).toList();
    }

    /** A window of the manifest as the command line lists it. */
    public record ArchivedWindow(Instant windowStart, int revision, String status, long rows, long removed, String file,
                                 String csvSha256, String fileSha256, Instant archivedAt) {
    }
}
