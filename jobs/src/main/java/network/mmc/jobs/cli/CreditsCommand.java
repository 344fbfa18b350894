package network.mmc.jobs.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import network.mmc.jobs.apiusers.ApiUser;
import network.mmc.jobs.apiusers.ApiUsers;
import network.mmc.jobs.apiusers.CreditEntry;
import network.mmc.jobs.apiusers.CreditLedger;
import network.mmc.jobs.apiusers.CreditSummary;
import network.mmc.settlement.TimeText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "credits", mixinStandardHelpOptions = true, description = "API users' credits (OPS).",
        subcommands = {CreditsCommand.Grant.class, CreditsCommand.Show.class})
class CreditsCommand {

    private static void printSummary(PrintWriter out, CreditSummary credits) {
        out.printf("API user %s, wallet %s%n", credits.user(), credits.wallet());
        out.printf("available %d credits (granted %d, held for running tasks %d, spent %d)%n", credits.balance(),
                credits.granted(), credits.held(), credits.spent());
    }

    @Command(name = "grant", mixinStandardHelpOptions = true,
            description = "Add credits to an API user's balance, with a GRANT ledger entry naming the reason.")
    static class Grant implements Callable<Integer> {

        private final HubRuntime runtime;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "USER")
        String user;

        @Parameters(index = "1", paramLabel = "AMOUNT", description = "Whole credits, 1 to 10^12.")
        long amount;

        @Option(names = "--reason", required = true, description = "Why (at most 500 characters, one line).")
        String reason;

        Grant(HubRuntime runtime) {
            this.runtime = runtime;
        }

        @Override
        public Integer call() {
            ApiUser account = runtime.bean(ApiUsers.class).find(user);
            CreditLedger ledger = runtime.bean(CreditLedger.class);
            ledger.grant(account, amount, reason, "cli:" + System.getProperty("user.name"));
            spec.commandLine().getOut().printf("granted %d credits to %s%n", amount, account.name());
            printSummary(spec.commandLine().getOut(), ledger.summary(account));
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "An API user's credits and the newest entries of its ledger.")
    static class Show implements Callable<Integer> {

        private final HubRuntime runtime;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "USER")
        String user;

        @Option(names = "--limit", defaultValue = "20", description = "Entries shown, newest first (default 20).")
        int limit;

        Show(HubRuntime runtime) {
            this.runtime = runtime;
        }

        @Override
        public Integer call() {
            if (limit < 1 || limit > 1_000) {
                throw new IllegalArgumentException("--limit " + limit + " must be from 1 to 1000");
            }
            ApiUser account = runtime.bean(ApiUsers.class).find(user);
            CreditLedger ledger = runtime.bean(CreditLedger.class);
            PrintWriter out = spec.commandLine().getOut();
            printSummary(out, ledger.summary(account));
            out.printf("%-20s %-8s %14s  %s%n", "TIME (UTC)", "KIND", "CREDITS", "FOR");
            for (CreditEntry entry : ledger.entries(account, limit)) {
                String what = entry.taskId() == null ? entry.reason() + " (by " + entry.createdBy() + ")"
                        : "task " + entry.taskId() + " unit " + entry.unitIndex();
                out.printf("%-20s %-8s %+14d  %s%n", TimeText.format(entry.createdAt()), entry.kind(), entry.amount(),
                        what);
            }
            return 0;
        }
    }
}
