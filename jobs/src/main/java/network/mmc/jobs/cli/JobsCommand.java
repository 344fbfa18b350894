package network.mmc.jobs.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import network.mmc.jobs.scheduling.JobExecutions;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "jobs", mixinStandardHelpOptions = true, description = "Spring Batch job executions.",
        subcommands = {JobsCommand.ListExecutions.class, JobsCommand.Stop.class, JobsCommand.Restart.class})
class JobsCommand {

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Recent executions: job, parameters, status, start, duration, read/write counts.")
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
            out.printf("%6s %-14s %-10s %-22s %10s %10s %10s  %s%n", "ID", "JOB", "STATUS", "START (UTC)", "DURATION",
                    "READ", "WRITTEN", "PARAMETERS");
            runtime.bean(JobExecutions.class).recent(limit).forEach(e -> out.printf(
                    "%6d %-14s %-10s %-22s %10s %,10d %,10d  %s%n", e.id(), e.job(), e.status(),
                    TableCells.time(e.start()),
                    e.duration() == null ? "-" : DurationText.of(e.duration()), e.reads(), e.writes(),
                    e.parameters() == null ? "" : e.parameters()));
            return 0;
        }
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
