package network.mmc.jobs.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

@Command(name = "mmc-hub", mixinStandardHelpOptions = true, version = "mmc-hub 0.1.0",
        description = {"MMC Hub: batch scheduling and settlement back office of the MMC GPU network.",
                "Any setting of application.yml can be given as --key=value (e.g. --mmc.hub-id=my-hub)."},
        subcommands = {
                DemoCommand.class,
                SimulateCommand.class,
                ImportCallsCommand.class,
                SettleCommand.class,
                ProbeCommand.class,
                RewardsCommands.Rewards.class,
                RewardsCommands.Withdraw.class,
                RewardsCommands.ClaimCommand.class,
                RewardsCommands.Export.class,
                RewardsCommands.Proof.class,
                TokenCommand.class,
                RunsCommand.class,
                ReportCommand.class,
                AuditCommand.class,
                ArchiveCommand.class,
                NodesCommand.class,
                StakeCommand.class,
                ApiKeyCommand.class,
                ApiUserCommand.class,
                CreditsCommand.class,
                TaskCommand.class,
                UserCommand.class,
                ScheduleCommand.class,
                JobsCommand.class,
                ServeCommand.class,
                WorkerCommand.class
        })
class RootCommand implements Runnable {

    private final HubRuntime runtime;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    RootCommand(HubRuntime runtime) {
        this.runtime = runtime;
    }

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Also print the Hub's log lines (INFO); without it a command prints only its own output.")
    void verbose(boolean verbose) {
        if (verbose) {
            runtime.logAtInfo();
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
