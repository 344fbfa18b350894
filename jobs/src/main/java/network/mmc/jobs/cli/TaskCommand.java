package network.mmc.jobs.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.Callable;
import network.mmc.jobs.apiusers.ApiUsers;
import network.mmc.jobs.tasks.TaskRequest;
import network.mmc.jobs.tasks.TaskService;
import network.mmc.jobs.tasks.TaskView;
import network.mmc.jobs.web.InputProblems;
import network.mmc.jobs.web.WebSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

@Command(name = "task", mixinStandardHelpOptions = true,
        description = "API users' AI tasks (OPS): submit one for a user, follow it, write its result.",
        subcommands = {TaskCommand.Submit.class, TaskCommand.Status.class, TaskCommand.Result.class})
class TaskCommand {

    @Command(name = "submit", mixinStandardHelpOptions = true,
            description = {"Submit a task for an API user from a JSON file, the body of POST /api/tasks; its estimate is"
                    + " held from the user's credits. Prints the task id alone on stdout; `serve` runs the task."})
    static class Submit implements Callable<Integer> {

        private final HubRuntime runtime;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "The task as JSON (README: AI tasks).")
        Path file;

        @Option(names = "--user", required = true, description = "The API user whose task it is and who pays.")
        String user;

        Submit(HubRuntime runtime) {
            this.runtime = runtime;
        }

        @Override
        public Integer call() throws IOException {
            long limit = runtime.bean(WebSettings.class).maxTasksBodySize().toBytes();
            long size;
            try {
                size = Files.size(file);
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("task file " + file + " does not exist");
            }
            if (size > limit) {
                throw new IllegalArgumentException("task file " + file + " has " + size + " bytes, more than the "
                        + limit + " a task may have (mmc.web.max-tasks-body-size)");
            }
            TaskRequest request;
            try {
                request = runtime.bean(JsonMapper.class).readValue(file.toFile(), TaskRequest.class);
            } catch (JacksonException e) {
                throw new IllegalArgumentException("task file " + file + " is not a task: "
                        + InputProblems.unreadableBody(e));
            }
            long userId = runtime.bean(ApiUsers.class).find(user).id();
            TaskView task = runtime.bean(TaskService.class).submit(userId, request);
            spec.commandLine().getOut().println(task.id());
            spec.commandLine().getErr().printf("task %s (%s) of API user '%s' queued: %d units, %d credits held; follow it"
                    + " with `task status %s`%n", task.id(), task.kind(), user, task.units().total(),
                    task.credits().estimate(), task.id());
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "A task's progress: a progress bar redrawn while it runs, then its units, credits and nodes.")
    static class Status implements Callable<Integer> {

        private final HubRuntime runtime;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Option(names = "--once", description = "Show the task as it is now, without following it.")
        boolean once;

        @Option(names = "--wait", defaultValue = "PT10M",
                description = "Follow a running task at most this long (ISO-8601, default PT10M).")
        Duration wait;

        @Option(names = "--interval", defaultValue = "PT1S", description = "How often to look (default PT1S).")
        Duration interval;

        Status(HubRuntime runtime) {
            this.runtime = runtime;
        }

        @Override
        public Integer call() throws InterruptedException {
            if (wait.isNegative() || interval.toMillis() < 100 || interval.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new IllegalArgumentException("--wait must not be negative and --interval must be from PT0.1S"
                        + " to PT1M");
            }
            TaskService tasks = runtime.bean(TaskService.class);
            PrintWriter out = spec.commandLine().getOut();
            // a terminal redraws the bar in place; a pipe or file gets a line each time the bar changes
            boolean terminal = System.console() != null;
            long until = System.nanoTime() + wait.toNanos();
            TaskView task = tasks.status(id);
            String shown = null;
            while (true) {
                String bar = TaskProgress.bar(task);
                if (!bar.equals(shown)) {
                    out.print(terminal ? "\r" + bar : bar + System.lineSeparator());
                    out.flush();
                    shown = bar;
                }
                if (once || !running(task) || System.nanoTime() >= until) {
                    break;
                }
                Thread.sleep(interval.toMillis());
                task = tasks.status(id);
            }
            if (terminal) {
                out.println();
            }
            TaskProgress.summary(out, task);
            if (running(task) && !once) {
                spec.commandLine().getErr().printf("task %s is still running after %s; `serve` dispatches its units."
                        + " Look again with `task status %s`%n", id, DurationText.of(wait), id);
            }
            return 0;
        }

        private static boolean running(TaskView task) {
            return "RUNNING".equals(task.status()) || task.units().running() > 0;
        }
    }

    @Command(name = "result", mixinStandardHelpOptions = true,
            description = "Write a DONE task's result (JSON, as GET /api/tasks/{id}/result gives it) to a file.")
    static class Result implements Callable<Integer> {

        private final HubRuntime runtime;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write it (replaced).")
        Path out;

        Result(HubRuntime runtime) {
            this.runtime = runtime;
        }

        @Override
        public Integer call() throws IOException {
            Path target = out.toAbsolutePath().normalize();
            if (target.getParent() == null || Files.isDirectory(target)) {
                throw new IllegalArgumentException("--out " + out + " is a folder: name the file to write");
            }
            if (!Files.isDirectory(target.getParent())) {
                throw new IllegalArgumentException("--out " + out + ": folder " + target.getParent() + " does not exist");
            }
            // written beside the target and moved over it: a failure leaves no half-written result
            Path partial = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
            try {
                try (OutputStream stream = Files.newOutputStream(partial)) {
                    runtime.bean(TaskService.class).writeResult(id, stream);
                }
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
            spec.commandLine().getOut().printf("wrote the result of task %s to %s (%d bytes)%n", id, out,
                    Files.size(target));
            return 0;
        }
    }
}
