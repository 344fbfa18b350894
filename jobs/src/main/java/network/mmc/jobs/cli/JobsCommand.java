package network.mmc.jobs.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import network.mmc.jobs.scheduling.JobExecutionLine;
import network.mmc.jobs.scheduling.JobExecutions;
import network.mmc.jobs.scheduling.StepExecutionLine;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "jobs", mixinStandardHelpOptions = true, description = "Spring Batch job executions.",
        subcommands = {JobsCommand.ListExecutions.class, JobsCommand.Show.class, JobsCommand.Stop.class,
                JobsCommand.Restart.class})
class JobsCommand {

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Recent executions: job, status, start, duration, read/write counts, the instance (host:pid)"
                    + " that runs or ran each, parameters.")
    static class ListExecutions implements Callable<Integer> {
        private final HubRuntime runtime;

        @Spec
        CommandSpec spec;

        @Option(names = "--limit", defaultValue = "20")
        int limit;

        ListExecutions(HubRuntime runtime) {
            this.runtime = runtime;
        }

        @Override
        public Integer call() {
            if (limit < 1) {
                throw new IllegalArgumentException("--limit must be 1 or more, got " + limit);
            }
            PrintWriter out = spec.commandLine().getOut();
            List<JobExecutionLine> lines = runtime.bean(JobExecutions.class).recent(limit);
            String row = "%6s %-14s %-10s %-22s %10s %10s %10s  %-" + instanceWidth(
                    lines.stream().map(JobExecutionLine::instance).toList()) + "s  %s%n";
            out.printf(row, "ID", "JOB", "STATUS", "START (UTC)", "DURATION", "READ", "WRITTEN", "INSTANCE", "PARAMETERS");
            lines.forEach(e -> out.printf(row, e.id(), e.job(), e.status(), TableCells.time(e.start()),
                    duration(e.duration()), String.format("%,d", e.reads()), String.format("%,d", e.writes()),
                    instance(e.instance()), e.parameters() == null ? "" : e.parameters()));
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "One execution and its steps (a settlement's partitions each on a line), with the instance"
                    + " (host:pid) that runs or ran each: a remote settlement's partitions name their workers.")
    static class Show implements Callable<Integer> {
        private final HubRuntime runtime;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID")
        long id;

        Show(HubRuntime runtime) {
            this.runtime = runtime;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            JobExecutions executions = runtime.bean(JobExecutions.class);
            JobExecutionLine line = executions.line(id);
            List<StepExecutionLine> steps = executions.steps(id);
            out.printf("execution %d of %s: %s on %s%n", line.id(), line.job(), line.status(), instance(line.instance()));
            out.printf("  parameters: %s%n", line.parameters() == null ? "" : line.parameters());
            out.printf("  started %s, duration %s, read %,d, written %,d%n", TableCells.time(line.start()),
                    duration(line.duration()), line.reads(), line.writes());
            if (line.exitMessage() != null && !line.exitMessage().isBlank()) {
                out.printf("  message: %s%n", line.exitMessage());
            }
            String row = "%-36s %-10s %-" + instanceWidth(steps.stream().map(StepExecutionLine::instance).toList())
                    + "s %-22s %10s %10s %10s%n";
            out.printf(row, "STEP", "STATUS", "INSTANCE", "START (UTC)", "DURATION", "READ", "WRITTEN");
            steps.forEach(s -> out.printf(row, s.step(), s.status(), instance(s.instance()), TableCells.time(s.start()),
                    duration(s.duration()), String.format("%,d", s.reads()), String.format("%,d", s.writes())));
            return 0;
        }
    }

    /** Wide enough for the heading and the longest instance shown, host names being as long as they are. */
    private static int instanceWidth(List<String> instances) {
        return instances.stream().map(JobsCommand::instance).mapToInt(String::length).reduce("INSTANCE".length(),
                Math::max);
    }

    /** An execution whose instance is not recorded (yet): "-". */
    private static String instance(String instance) {
        return instance == null ? "-" : instance;
    }

    private static String duration(Duration duration) {
        return duration == null ? "-" : DurationText.of(duration);
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop a running execution at its next boundary.")
    static class Stop implements Callable<Integer> {
        private final HubRuntime runtime;

        @Parameters(paramLabel = "ID")
        long id;

        Stop(HubRuntime runtime) {
            this.runtime = runtime;
        }

        @Override
        public Integer call() {
            System.out.println("execution " + id + " " + runtime.bean(JobExecutions.class).stop(id).detail());
            return 0;
        }
    }

    @Command(name = "restart", mixinStandardHelpOptions = true,
            description = "Restart the latest execution of a job if it FAILED or STOPPED, where it ended, and wait for its end.")
    static class Restart implements Callable<Integer> {
        private final HubRuntime runtime;

        @Parameters(paramLabel = "ID")
        long id;

        Restart(HubRuntime runtime) {
            this.runtime = runtime;
        }

        @Override
        public Integer call() {
            JobExecutions.Restart restart = runtime.bean(JobExecutions.class).restart(id);
            System.out.println("execution " + id + " restarted as " + restart.execution().getId());
            // the run ends in this process: wait for it before the command closes the application
            restart.run().join();
            JobExecution ended = restart.execution();
            System.out.println("execution " + ended.getId() + " ended " + ended.getStatus()
                    + (ended.getStatus() == BatchStatus.COMPLETED ? "" : ": " + ended.getExitStatus().getExitDescription()));
            return ended.getStatus() == BatchStatus.COMPLETED ? 0 : 1;
        }
    }
}
