package network.mmc.jobs.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import network.mmc.jobs.claims.RewardClaim;
import network.mmc.jobs.crypto.Ed25519Signatures;
import network.mmc.jobs.rewards.Distribution;
import network.mmc.jobs.rewards.ExportService;
import network.mmc.jobs.rewards.RewardHistoryLine;
import network.mmc.jobs.rewards.RewardStatement;
import network.mmc.jobs.rewards.RewardsService;
import network.mmc.jobs.rewards.WithdrawalRequest;
import network.mmc.ledger.ClaimMessage;
import network.mmc.ledger.WithdrawalMessage;
import network.mmc.settlement.MmcText;
import network.mmc.settlement.TimeText;
import org.p2p.solanaj.core.Account;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The owner-facing reward commands: show, withdraw, claim, export, proof. */
final class RewardsCommands {

    private RewardsCommands() {
    }

    private static Account keypair(Path file) {
        try {
            return Account.fromJson(Files.readString(file));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("--keypair " + file + " is not a readable Solana CLI keypair file");
        }
    }

    @Command(name = "rewards", mixinStandardHelpOptions = true, subcommands = Show.class,
            description = "Settled rewards of a wallet.")
    static class Rewards {
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Settled, requested and withdrawable amounts; the history, one line per window at its latest"
                    + " revision with its ledger entries and paid nodes under it; withdrawals.")
    static class Show implements Callable<Integer> {
        private final HubRuntime runtime;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "WALLET", converter = CheckedArguments.Wallet.class)
        String wallet;

        @Option(names = "--page", defaultValue = "0", description = "Page of windows, newest first (default ${DEFAULT-VALUE}).")
        int page;

        @Option(names = "--size", defaultValue = "50", description = "Windows per page, 1 to 1000 (default ${DEFAULT-VALUE}).")
        int size;

        Show(HubRuntime runtime) {
            this.runtime = runtime;
        }

        @Override
        public Integer call() {
            RewardsService.checkPage(page, size);
            RewardStatement statement = runtime.bean(RewardsService.class).statement(wallet, page, size);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("wallet        %s%nsettled       %s MMC%nrequested     %s MMC%nwithdrawable  %s MMC%n",
                    statement.wallet(), MmcText.format(statement.settled()), MmcText.format(statement.requested()),
                    MmcText.format(statement.withdrawable()));
            printHistory(statement, out);
            statement.withdrawals().forEach(w -> out.printf("withdrawal #%d: %s MMC, nonce %d, %s%s%s%n", w.id(),
                    MmcText.format(w.amount()), w.nonce(), w.stage(),
                    w.version() == null ? "" : " (distribution v" + w.version() + ")",
                    w.claimTransaction() == null ? "" : ", claim transaction " + w.claimTransaction()));
            return 0;
        }

        /** Window lines carry the amounts that sum to settled; the lines under them only explain them. */
        private static void printHistory(RewardStatement statement, PrintWriter out) {
            out.printf("%n%-22s %4s %20s  %s%n", "WINDOW (UTC)", "REV", "AMOUNT (MMC)", "LEDGER ENTRIES AND NODES PAID (MMC)");
            for (RewardHistoryLine line : statement.history()) {
                out.printf("%-22s %4d %20s%n", TimeText.format(line.windowStart()), line.revision(),
                        MmcText.format(line.amount()));
                line.entries().forEach(entry -> out.printf("%49s r%-3d %-10s %20s%n", "", entry.revision(),
                        entry.kind(), MmcText.format(entry.amount())));
                line.nodes().forEach(node -> out.printf("%49s node %s at r%d: %s%n", "", node.nodeId(), line.revision(),
                        MmcText.format(node.amount())));
            }
            long first = (long) statement.page() * statement.size();
            if (statement.history().isEmpty()) {
                out.println(first == 0 ? "no settled window has paid this wallet yet"
                        : "no windows on page " + statement.page() + " (" + statement.windows() + " windows in all)");
            } else if (statement.windows() > statement.history().size()) {
                out.printf("windows %d to %d of %d, newest first; --page N --size %d for the others%n", first + 1,
                        first + statement.history().size(), statement.windows(), statement.size());
            } else {
                out.printf("%-27s %20s  = settled%n", "total", MmcText.format(statement.history().stream()
                        .mapToLong(RewardHistoryLine::amount).sum()));
            }
        }
    }

    @Command(name = "withdraw", mixinStandardHelpOptions = true,
            description = "Sign a withdrawal with a Solana CLI keypair file and submit it to a running Hub.")
    static class Withdraw implements Callable<Integer> {
        private static final JsonMapper JSON = JsonMapper.builder().build();

        @Spec
        CommandSpec spec;

        @Option(names = "--keypair", required = true, description = "Solana CLI keypair file of the owner wallet.")
        Path keypair;

        @Option(names = "--amount", required = true, description = "Amount in MMC, e.g. 1.5 (at most 9 decimals).")
        String amount;

        @Mixin
        BaseUnitsOption units;

        @Option(names = "--nonce", description = "Nonce (default: the current time in milliseconds).")
        Long nonce;

        @Option(names = "--hub", defaultValue = "http://127.0.0.1:8080", description = "Hub URL (default ${DEFAULT-VALUE}).")
        URI hub;

        @Option(names = "--hub-id", defaultValue = "mmc-hub-local", description = "The Hub's mmc.hub-id.")
        String hubId;

        @Option(names = "--json", description = "Print the Hub's JSON answer as it is (amount in base units).")
        boolean json;

        @Override
        public Integer call() throws IOException, InterruptedException {
            Account owner = keypair(keypair);
            long baseUnits = units.parse("--amount", amount);
            long n = nonce == null ? System.currentTimeMillis() : nonce;
            String wallet = owner.getPublicKeyBase58();
            String signature = Ed25519Signatures.sign(Arrays.copyOf(owner.getSecretKey(), 32),
                    WithdrawalMessage.of(hubId, wallet, baseUnits, n));
            String body = "{\"amount\":" + baseUnits + ",\"nonce\":" + n + ",\"signature\":\"" + signature + "\"}";
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    hub.resolve("/api/rewards/" + wallet + "/withdrawals")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            boolean requested = response.statusCode() == 201;
            if (json) {
                (requested ? spec.commandLine().getOut() : spec.commandLine().getErr()).println(response.body());
            } else if (requested) {
                WithdrawalRequest w = JSON.readValue(response.body(), WithdrawalRequest.class);
                spec.commandLine().getOut().printf("withdrawal #%d %s: %s MMC from %s, nonce %d, at %s%n", w.id(),
                        w.status(), MmcText.format(w.amount()), w.wallet(), w.nonce(), TimeText.format(w.requestedAt()));
            } else {
                spec.commandLine().getErr().printf("mmc-hub: withdrawal refused by %s (HTTP %d): %s%n", hub,
                        response.statusCode(), refusal(response.body()));
            }
            return requested ? 0 : 1;
        }

        /** The problem's detail, or the body as it is when it is not a problem document. */
        static String refusal(String body) {
            try {
                JsonNode detail = JSON.readTree(body).get("detail");
                return detail != null && detail.isString() ? detail.asString() : body;
            } catch (JacksonException e) {
                return body;
            }
        }
    }

    @Command(name = "claim", mixinStandardHelpOptions = true,
            description = "Claim what the latest confirmed distribution allows a wallet: read its proof from a running"
                    + " Hub, sign the claim with a Solana CLI keypair file and submit it; the Hub pays it in MMC to the"
                    + " wallet's associated token account.")
    static class ClaimCommand implements Callable<Integer> {
        private static final JsonMapper JSON = JsonMapper.builder().build();

        @Spec
        CommandSpec spec;

        @Option(names = "--keypair", required = true, description = "Solana CLI keypair file of the owner wallet.")
        Path keypair;

        @Option(names = "--hub", defaultValue = "http://127.0.0.1:8080", description = "Hub URL (default ${DEFAULT-VALUE}).")
        URI hub;

        @Option(names = "--hub-id", defaultValue = "mmc-hub-local", description = "The Hub's mmc.hub-id.")
        String hubId;

        @Override
        public Integer call() throws IOException, InterruptedException {
            Account owner = keypair(keypair);
            String wallet = owner.getPublicKeyBase58();
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> proof = http.send(HttpRequest.newBuilder(hub.resolve("/api/rewards/" + wallet + "/proof"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            if (proof.statusCode() != 200) {
                spec.commandLine().getErr().printf("mmc-hub: no claim proof from %s (HTTP %d): %s%n", hub,
                        proof.statusCode(), Withdraw.refusal(proof.body()));
                return 1;
            }
            JsonNode leaf = JSON.readTree(proof.body());
            long version = leaf.get("version").asLong();
            long cumulative = leaf.get("cumulative").asLong();
            String signature = Ed25519Signatures.sign(Arrays.copyOf(owner.getSecretKey(), 32),
                    ClaimMessage.of(hubId, wallet, version, cumulative));
            String body = "{\"version\":" + version + ",\"cumulative\":" + cumulative + ",\"signature\":\"" + signature
                    + "\"}";
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    hub.resolve("/api/rewards/" + wallet + "/claims")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201 && response.statusCode() != 202) {
                spec.commandLine().getErr().printf("mmc-hub: claim refused by %s (HTTP %d): %s%n", hub,
                        response.statusCode(), Withdraw.refusal(response.body()));
                return 1;
            }
            RewardClaim claim = JSON.readValue(response.body(), RewardClaim.class);
            spec.commandLine().getOut().printf("claim #%d %s: %s MMC to %s from distribution v%d (cumulative %s MMC),"
                    + " transaction %s%s%n", claim.id(), claim.status(), MmcText.format(claim.amount()), wallet, version,
                    MmcText.format(cumulative), claim.transaction(), claim.paid() ? ""
                            : "; not seen confirmed yet (" + claim.lastError() + "): the Hub finishes it, ask again later");
            return claim.paid() ? 0 : 1;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Build the next distribution from waiting withdrawals and publish its root on Solana.")
    static class Export implements Callable<Integer> {
        private final HubRuntime runtime;

        @Option(names = "--now", required = true, description = "Run the export now.")
        boolean now;

        Export(HubRuntime runtime) {
            this.runtime = runtime;
        }

        @Override
        public Integer call() {
            java.util.Optional<Distribution> exported = runtime.bean(ExportService.class).export();
            if (exported.isEmpty()) {
                System.out.println("nothing to export: no withdrawal is waiting");
                return 0;
            }
            Distribution d = exported.get();
            System.out.printf("distribution v%d %s: root %s, %d wallets, total %s MMC, transaction %s%n", d.version(),
                    d.status(), d.root(), d.leafCount(), MmcText.format(d.total()), d.signature());
            return 0;
        }
    }

    @Command(name = "proof", mixinStandardHelpOptions = true, description = "The claim proof of a wallet in the latest confirmed distribution.")
    static class Proof implements Callable<Integer> {
        private final HubRuntime runtime;

        @Parameters(paramLabel = "WALLET", converter = CheckedArguments.Wallet.class)
        String wallet;

        Proof(HubRuntime runtime) {
            this.runtime = runtime;
        }

        @Override
        public Integer call() {
            RewardsService.ClaimProof proof = runtime.bean(RewardsService.class).proof(wallet);
            System.out.printf("wallet      %s%nversion     %d%ncumulative  %s MMC%nroot        %s%ntransaction %s%nproof%n",
                    proof.wallet(), proof.version(), MmcText.format(proof.cumulative()), proof.root(),
                    proof.signature());
            proof.proof().forEach(node -> System.out.println("  " + node));
            return 0;
        }
    }
}
