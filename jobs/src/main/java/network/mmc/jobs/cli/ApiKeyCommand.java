package network.mmc.jobs.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import network.mmc.jobs.apikeys.ApiKey;
import network.mmc.jobs.apikeys.ApiKeys;
import network.mmc.jobs.apikeys.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "apikey", mixinStandardHelpOptions = true, description = "Manage API keys.",
        subcommands = {ApiKeyCommand.Create.class, ApiKeyCommand.ListKeys.class, ApiKeyCommand.Revoke.class})
class ApiKeyCommand {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create an API key and print it once (only its hash is stored): the key alone on stdout,"
                    + " what it is on stderr.")
    static class Create implements Callable<Integer> {

        private final HubRuntime runtime;

        @Spec
        CommandSpec spec;

        @Option(names = "--role", required = true,
                description = "INGEST, OPS or FINANCE (an API_USER key is made with `apiuser create` or `apiuser key`).")
        Role role;

        @Option(names = "--label", description = "Who or what the key is for (default: the role's name).")
        String label;

        Create(HubRuntime runtime) {
            this.runtime = runtime;
        }

        @Override
        public Integer call() {
            ApiKeys.IssuedKey key = runtime.bean(ApiKeys.class).issue(role, label);
            // stdout carries the key alone, so that `KEY=$(mmc-hub apikey create …)` takes just the key
            spec.commandLine().getOut().println(key.secret());
            spec.commandLine().getErr().printf("API key %d, role %s, label '%s': this is the only time the key is"
                    + " shown (only its SHA-256 hash is stored); keep it now. Revoke it with `apikey revoke %d`.%n",
                    key.id(), key.role(), key.label(), key.id());
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Every API key: id, role, label, created, last used (to the minute), revoked. Never the key.")
    static class ListKeys implements Callable<Integer> {

        private final HubRuntime runtime;

        @Spec
        CommandSpec spec;

        ListKeys(HubRuntime runtime) {
            this.runtime = runtime;
        }

        @Override
        public Integer call() {
            List<ApiKey> keys = runtime.bean(ApiKeys.class).list();
            PrintWriter out = spec.commandLine().getOut();
            if (keys.isEmpty()) {
                out.println("no API keys yet: create one with `apikey create --role INGEST|OPS|FINANCE`");
                return 0;
            }
            out.printf("%6s %-8s %-20s %-20s %-20s %s%n", "ID", "ROLE", "CREATED (UTC)", "LAST USED (UTC)",
                    "REVOKED (UTC)", "LABEL");
            keys.forEach(k -> out.printf("%6d %-8s %-20s %-20s %-20s %s%n", k.getId(), k.getRole(),
                    TableCells.time(k.getCreatedAt()), TableCells.time(k.getLastUsedAt()),
                    TableCells.time(k.getRevokedAt()), k.getLabel()));
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke an API key (see `apikey list` for ids): requests with it get 401 from then on.")
    static class Revoke implements Callable<Integer> {

        private final HubRuntime runtime;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID", description = "The key's id.")
        long id;

        Revoke(HubRuntime runtime) {
            this.runtime = runtime;
        }

        @Override
        public Integer call() {
            ApiKey key = runtime.bean(ApiKeys.class).revoke(id);
            spec.commandLine().getOut().printf("API key %d (role %s, label '%s') revoked at %s%n", key.getId(),
                    key.getRole(), key.getLabel(), TableCells.time(key.getRevokedAt()));
            return 0;
        }
    }
}
