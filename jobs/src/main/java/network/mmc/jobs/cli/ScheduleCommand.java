package network.mmc.jobs.cli;

import java.util.concurrent.Callable;
import network.mmc.jobs.scheduling.SchedulerControl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = "The Quartz triggers (shared by every Hub instance on the database).",
        subcommands = {ScheduleCommand.ListTriggers.class, ScheduleCommand.Pause.class, ScheduleCommand.Resume.class,
                ScheduleCommand.Trigger.class})
class ScheduleCommand {

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Each trigger, its state, previous and next fire time (UTC).")
    static class ListTriggers implements Callable<Integer> {
        private final HubRuntime runtime;

        ListTriggers(HubRuntime runtime) {
            this.runtime = runtime;
        }

        @Override
        public Integer call() {
            SchedulerControl control = runtime.bean(SchedulerControl.class);
            control.install();
            System.out.printf("%-54s %-8s %-22s %-22s %s%n", "TRIGGER", "STATE", "PREVIOUS (UTC)", "NEXT (UTC)", "SCHEDULE");
            control.triggers().forEach(t -> System.out.printf("%-54s %-8s %-22s %-22s %s%n", t.name(), t.state(),
                    TableCells.time(t.previousFire()),
                    TableCells.time(t.nextFire()), t.schedule()));
            return 0;
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true, description = "Stop a trigger from firing (on every instance).")
    static class Pause implements Callable<Integer> {
        private final HubRuntime runtime;

        @Parameters(paramLabel = "NAME")
        String name;

        Pause(HubRuntime runtime) {
            this.runtime = runtime;
        }

        @Override
        public Integer call() {
            runtime.bean(SchedulerControl.class).pause(name);
            System.out.println("paused " + name);
            return 0;
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Let a paused trigger fire again.")
    static class Resume implements Callable<Integer> {
        private final HubRuntime runtime;

        @Parameters(paramLabel = "NAME")
        String name;

        Resume(HubRuntime runtime) {
            this.runtime = runtime;
        }

        @Override
        public Integer call() {
            runtime.bean(SchedulerControl.class).resume(name);
            System.out.println("resumed " + name);
            return 0;
        }
    }

    @Command(name = "trigger", mixinStandardHelpOptions = true,
            description = "Fire a trigger's job once now; a running `serve` instance of the cluster picks it up.")
    static class Trigger implements Callable<Integer> {
        private final HubRuntime runtime;

        @Parameters(paramLabel = "NAME")
        String name;

        Trigger(HubRuntime runtime) {
            this.runtime = runtime;
        }

        @Override
        public Integer call() {
            runtime.bean(SchedulerControl.class).triggerNow(name);
            System.out.println("triggered " + name + " (runs on a serving instance)");
            return 0;
        }
    }
}
