package network.mmc.jobs.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import network.mmc.jobs.archive.ArchiveOutcome;
import network.mmc.jobs.archive.CallArchive;
import network.mmc.settlement.TimeText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "archive", mixinStandardHelpOptions = true,
        description = "Archive the call records of settled windows older than mmc.retention.age to"
                + " mmc.retention.dir/<window>/calls.csv.gz and remove them from the database (finishing any archive"
                + " cut off before); `archive restore WINDOW` brings a window's records back.",
        subcommands = {ArchiveCommand.Restore.class, ArchiveCommand.ListArchives.class})
class ArchiveCommand implements Callable<Integer> {

    private final HubRuntime runtime;

    @Spec
    CommandSpec spec;

    @Option(names = "--window", paramLabel = "START", description = "Only this window (it must be due for archiving).")
    Instant window;

    @Option(names = "--before", paramLabel = "TIME",
            description = "Only windows ending by this time (and older than mmc.retention.age).")
    Instant before;

    @Option(names = "--batch-size", paramLabel = "N", description = "Rows removed per transaction (default:"
            + " mmc.retention.batch-size).")
    Integer batchSize;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where new archives go (default: mmc.retention.dir).")
    Path dir;

    ArchiveCommand(HubRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public Integer call() {
        if (window != null && before != null) {
            throw new ParameterException(spec.commandLine(), "give --window or --before, not both");
        }
        if (batchSize != null && batchSize < 1) {
            throw new ParameterException(spec.commandLine(), "--batch-size must be at least 1");
        }
        CallArchive archive = runtime.bean(CallArchive.class);
        List<ArchiveOutcome> outcomes = archive.archive(new CallArchive.Request(window, before, batchSize, dir));
        PrintWriter out = spec.commandLine().getOut();
        if (outcomes.isEmpty()) {
            out.println("nothing to archive: no settled window is older than mmc.retention.age and not archived");
        }
        outcomes.stream().filter(o -> !o.failed()).forEach(o -> out.printf("%s archived: %,d call records in %s"
                + " (%,d removed now)%n", TimeText.format(o.windowStart()), o.rows(), o.file(), o.removed()));
        List<ArchiveOutcome> failed = outcomes.stream().filter(ArchiveOutcome::failed).toList();
        failed.forEach(o -> spec.commandLine().getErr().println("window " + TimeText.format(o.windowStart())
                + " not archived: " + o.failure()));
        return failed.isEmpty() ? 0 : 1;
    }

    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = "Store an archived window's call records again (same ids) from its archive, checked first,"
                    + " so that the window can be re-run.")
    static class Restore implements Callable<Integer> {

        private final HubRuntime runtime;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "WINDOW", description = "Window start, e.g. 2026-08-25T10:00Z.")
        Instant window;

        @Option(names = "--batch-size", paramLabel = "N", description = "Rows stored per transaction (default:"
                + " mmc.retention.batch-size).")
        Integer batchSize;

        Restore(HubRuntime runtime) {
            this.runtime = runtime;
        }

        @Override
        public Integer call() {
            if (batchSize != null && batchSize < 1) {
                throw new ParameterException(spec.commandLine(), "--batch-size must be at least 1");
            }
            ArchiveOutcome restored = runtime.bean(CallArchive.class).restore(window, batchSize);
            spec.commandLine().getOut().printf("%s restored: %,d call records from %s (%,d stored now)%n",
                    TimeText.format(restored.windowStart()), restored.rows(), restored.file(), restored.removed());
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every archived window: status, rows,"
            + " file and checksums.")
    static class ListArchives implements Callable<Integer> {

        private final HubRuntime runtime;

        @Spec
        CommandSpec spec;

        ListArchives(HubRuntime runtime) {
            this.runtime = runtime;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            List<CallArchive.ArchivedWindow> windows = runtime.bean(CallArchive.class).list();
            if (windows.isEmpty()) {
                out.println("no window is archived");
                return 0;
            }
            out.printf("%-22s %4s %-9s %12s %12s %-22s %-18s %s%n", "WINDOW (UTC)", "REV", "STATUS", "ROWS", "REMOVED",
                    "ARCHIVED AT", "CSV SHA-256", "FILE");
            windows.forEach(w -> out.printf("%-22s %4d %-9s %,12d %,12d %-22s %-18s %s%n", TimeText.format(w.windowStart()),
                    w.revision(), w.status(), w.rows(), w.removed(), TimeText.format(w.archivedAt()),
                    w.csvSha256().substring(0, 16) + "…", w.file()));
            return 0;
        }
    }
}
