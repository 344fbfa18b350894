package network.mmc.jobs.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import network.mmc.jobs.apikeys.ApiKeys;
import network.mmc.jobs.apiusers.ApiUser;
import network.mmc.jobs.apiusers.ApiUsers;
import network.mmc.settlement.TimeText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "apiuser", mixinStandardHelpOptions = true,
        description = "API users: accounts that submit AI tasks with their own API keys and pay in credits.",
        subcommands = {ApiUserCommand.Create.class, ApiUserCommand.Key.class, ApiUserCommand.ListUsers.class})
class ApiUserCommand {

    /** The key alone on stdout, so that {@code KEY=$(mmc-hub apiuser create …)} takes just the key. */
    private static void printKey(CommandSpec spec, ApiKeys.IssuedKey key, String user) {
        spec.commandLine().getOut().println(key.secret());
        spec.commandLine().getErr().printf("API key %d (role API_USER) of API user '%s': this is the only time the key"
                + " is shown (only its SHA-256 hash is stored); keep it now. Revoke it with `apikey revoke %d`.%n",
                key.id(), user, key.id());
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create an API user with its Solana wallet, and print its first API key once.")
    static class Create implements Callable<Integer> {

        private final HubRuntime runtime;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME",
                description = "1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit.")
        String name;

        @Option(names = "--wallet", required = true,
                description = "The user's Solana wallet (base58, 32 bytes): settlement spots a node paid by its own"
                        + " owner's wallet (self-dealing).")
        String wallet;

        Create(HubRuntime runtime) {
            this.runtime = runtime;
        }

        @Override
        public Integer call() {
            ApiUsers.Created created = runtime.bean(ApiUsers.class).create(name, wallet);
            printKey(spec, created.key(), created.user().name());
            spec.commandLine().getErr().printf("API user '%s' created with wallet %s and 0 credits: grant some with"
                    + " `credits grant %s AMOUNT --reason \"…\"`.%n", created.user().name(), created.user().wallet(),
                    created.user().name());
            return 0;
        }
    }

    @Command(name = "key", mixinStandardHelpOptions = true,
            description = "Create another API key for an API user and print it once (its other keys keep working).")
    static class Key implements Callable<Integer> {

        private final HubRuntime runtime;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        Key(HubRuntime runtime) {
            this.runtime = runtime;
        }

        @Override
        public Integer call() {
            printKey(spec, runtime.bean(ApiUsers.class).newKey(name), name);
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every API user: name, wallet, credits.")
    static class ListUsers implements Callable<Integer> {

        private final HubRuntime runtime;

        @Spec
        CommandSpec spec;

        ListUsers(HubRuntime runtime) {
            this.runtime = runtime;
        }

        @Override
        public Integer call() {
            List<ApiUser> users = runtime.bean(ApiUsers.class).list();
            PrintWriter out = spec.commandLine().getOut();
            if (users.isEmpty()) {
                out.println("no API users yet: create one with `apiuser create NAME --wallet WALLET`");
                return 0;
            }
            out.printf("%-24s %-44s %16s %s%n", "NAME", "WALLET", "CREDITS", "CREATED (UTC)");
            users.forEach(user -> out.printf("%-24s %-44s %16d %s%n", user.name(), user.wallet(), user.balance(),
                    TimeText.format(user.createdAt())));
            return 0;
        }
    }
}
