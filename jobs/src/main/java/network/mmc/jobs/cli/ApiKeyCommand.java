package network.mmc.jobs.cli;

import java.util.concurrent.Callable;
import network.mmc.jobs.apikeys.ApiKeys;
import network.mmc.jobs.apikeys.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "apikey", mixinStandardHelpOptions = true, description = "Manage API keys.",
        subcommands = ApiKeyCommand.Create.class)
class ApiKeyCommand {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create an API key and print it once (only its hash is stored).")
    static class Create implements Callable<Integer> {

        private final HubRuntime runtime;

        @Option(names = "--role", required = true, description = "INGEST, OPS or FINANCE.")
        Role role;

        @Option(names = "--label", description = "Who or what the key is for.")
        String label;

        Create(HubRuntime runtime) {
            this.runtime = runtime;
        }

        @Override
        public Integer call() {
            System.out.println(runtime.bean(ApiKeys.class).create(role, label));
            return 0;
        }
    }
}
