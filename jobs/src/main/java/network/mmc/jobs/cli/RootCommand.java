package network.mmc.jobs.cli;

import picocli.CommandLine.Command;

@Command(name = "mmc-hub", mixinStandardHelpOptions = true, version = "mmc-hub 0.1.0",
        description = "MMC Hub: batch scheduling and settlement back office of the MMC GPU network.",
        subcommands = {
                DemoCommand.class,
                SimulateCommand.class,
                ImportCallsCommand.class,
                SettleCommand.class,
                ProbeCommand.class,
                RewardsCommands.Rewards.class,
                RewardsCommands.Withdraw.class,
                RewardsCommands.Export.class,
                RewardsCommands.Proof.class,
                RunsCommand.class,
                AuditCommand.class,
                NodesCommand.class,
                StakeCommand.class,
                ApiKeyCommand.class,
                ScheduleCommand.class,
                JobsCommand.class,
                ServeCommand.class
        })
class RootCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
