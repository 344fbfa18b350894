package network.mmc.jobs.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import network.mmc.jobs.apikeys.Role;
import network.mmc.jobs.calls.CallTotals;
import network.mmc.jobs.claims.ClaimService;
import network.mmc.jobs.claims.RewardClaim;
import network.mmc.jobs.console.ConsoleUsers;
import network.mmc.jobs.crypto.Ed25519Signatures;
import network.mmc.jobs.errors.ConflictException;
import network.mmc.jobs.errors.NotFoundException;
import network.mmc.jobs.nodes.NodeKind;
import network.mmc.jobs.nodes.NodeRegistry;
import network.mmc.jobs.nodes.NodeSettings;
import network.mmc.jobs.probes.ProbeRequest;
import network.mmc.jobs.probes.ProbeRoundReport;
import network.mmc.jobs.probes.ProbeRounds;
import network.mmc.jobs.probes.ProbeService;
import network.mmc.jobs.reports.PeriodReport;
import network.mmc.jobs.reports.PeriodReportDocuments;
import network.mmc.jobs.reports.PeriodReportText;
import network.mmc.jobs.reports.PeriodReports;
import network.mmc.jobs.reports.RunReportDocuments;
import network.mmc.jobs.rewards.Distribution;
import network.mmc.jobs.rewards.ExportService;
import network.mmc.jobs.rewards.RewardBalance;
import network.mmc.jobs.rewards.RewardSettings;
import network.mmc.jobs.rewards.RewardsService;
import network.mmc.jobs.rewards.WithdrawalRequest;
import network.mmc.jobs.settlement.NodeSettlementLine;
import network.mmc.jobs.settlement.SettlementRun;
import network.mmc.jobs.settlement.SettlementRuns;
import network.mmc.jobs.settlement.SettlementService;
import network.mmc.jobs.simulation.LocalSolanaPeer;
import network.mmc.jobs.simulation.LoopbackAgents.Behaviour;
import network.mmc.jobs.simulation.LoopbackAgents;
import network.mmc.jobs.simulation.SimulatedOwners;
import network.mmc.jobs.simulation.Simulator;
import network.mmc.jobs.staking.MinimumStake;
import network.mmc.jobs.token.MintedEmission;
import network.mmc.jobs.token.TokenService;
import network.mmc.jobs.token.TokenSetup;
import network.mmc.ledger.ClaimMessage;
import network.mmc.ledger.WithdrawalMessage;
import network.mmc.node.NodeIdentity;
import network.mmc.rewards.AuthorityKey;
import network.mmc.settlement.DecimalText;
import network.mmc.settlement.MmcText;
import network.mmc.settlement.SettlementWindow;
import network.mmc.settlement.TimeText;
import org.p2p.solanaj.core.Account;
import org.p2p.solanaj.core.PublicKey;
import org.p2p.solanaj.rpc.RpcClient;
import org.p2p.solanaj.rpc.RpcException;
import org.springframework.boot.WebApplicationType;
import org.springframework.core.env.Environment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Start the embedded database, simulate a network and show the whole flow so far: settlement,"
                + " probes, an API user's AI tasks over node agents, withdrawals, the reports of the latest run and of the demo's days, and the mails, sent to"
                + " an SMTP server the demo runs itself on loopback.",
                "Settings as --key=value apply as to any command, except spring.mail.host, spring.mail.port and"
                        + " mmc.mail.ops-recipients: the demo's mails go to its own server."})
class DemoCommand implements Callable<Integer> {

    private static final String LOOPBACK_SETTING = "mmc.probe.allowed-networks";
    private static final int CALLS_PER_NODE_HOUR = 6;
    private static final Duration DEMO_WINDOW = Duration.ofHours(2);
    private static final int WITHDRAWING_OWNERS = 3;

    private final HubRuntime runtime;

    @Option(names = "--nodes", defaultValue = "200", description = "Simulated nodes (at least 6; default ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--hours", defaultValue = "24",
            description = "Hours of traffic before the current window (default ${DEFAULT-VALUE}).")
    int hours;

    @Option(names = "--seed", defaultValue = "42",
            description = "Seed of the simulation: the same seed gives the same nodes and event ids (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", defaultValue = "data/demo", paramLabel = "DIR",
            description = "Where the reports (DIR/reports) and the mails as .eml files (DIR/mail) are written"
                    + " (default ${DEFAULT-VALUE}).")
    Path outDir;

    @Option(names = "--serve", description = "After the demo, keep the Hub serving as `serve` does, at a printed URL.")
    boolean serve;

    DemoCommand(HubRuntime runtime) {
        this.runtime = runtime;
    }

    /** Console users for the served demo, with passwords drawn for this run only. */
    private void consoleLogins(PrintStream out) {
        ConsoleUsers users = runtime.bean(ConsoleUsers.class);
        out.println("Web console logins (new passwords each demo run):");
        for (Role role : List.of(Role.OPS, Role.FINANCE)) {
            String username = "demo-" + role.name().toLowerCase(Locale.ROOT);
            char[] password = drawPassword();
            users.createOrReset(username, role, password);
            out.println("  " + username + " / " + new String(password) + "  (" + role + ")");
        }
    }

    private static char[] drawPassword() {
        String alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        SecureRandom random = new SecureRandom();
        char[] password = new char[16];
        for (int i = 0; i < password.length; i++) {
            password[i] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return password;
    }

    @Override
    public Integer call() throws Exception {
        SimulateCommand.checkNetwork(nodes, hours, CALLS_PER_NODE_HOUR);
        // the demo's node agents listen on loopback, which probes may only call when it is allowed
        if (System.getProperty(LOOPBACK_SETTING) == null) {
            System.setProperty(LOOPBACK_SETTING, "127.0.0.0/8,::1/128");
        }
        if (System.getProperty(DemoTasks.MLP_UNIT_SETTING) == null) {
            System.setProperty(DemoTasks.MLP_UNIT_SETTING, DemoTasks.MLP_UNIT_BYTES);
        }
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new IllegalArgumentException("--out " + outDir + " is not a folder that can be created ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        PrintStream out = System.out;
        try (DemoMail mail = DemoMail.start(runtime, out)) {
            if (serve) {
                runtime.start(WebApplicationType.SERVLET);
            }
            out.println("== 1. Simulated network: " + nodes + " nodes, " + hours + " h of traffic, seed " + seed);
            Simulator.Summary summary = runtime.bean(Simulator.class).simulate(nodes, hours, seed, CALLS_PER_NODE_HOUR);
            out.printf("nodes: %d new, %d already registered%ncall records from %s to %s: %,d stored, %,d already stored%n%n",
                    summary.newNodes(), summary.nodes() - summary.newNodes(), TimeText.format(summary.from()),
                    TimeText.format(summary.to()), summary.storedCalls(), summary.callRecords() - summary.storedCalls());

            out.println("== 2. Nodes (first 10)");
            NodeTable.print(runtime.bean(NodeRegistry.class).all(), runtime.bean(Clock.class).instant(),
                    runtime.bean(NodeSettings.class).onlineWindow(), 10, out);

            out.println();
            out.println("== 3. Call totals per 2-hour window");
            out.printf("%-22s %10s %10s %16s%n", "WINDOW (UTC)", "CALLS", "OK", "CREDITS (OK)");
            runtime.bean(CallTotals.class).perWindow(7200).forEach(w ->
                    out.printf("%-22s %,10d %,10d %,16d%n", TimeText.format(w.windowStart()), w.calls(), w.ok(),
                            w.successCredits()));

            out.println();
            out.println("== 4. A digest subscription, signed by the owner wallet and confirmed by the link of its mail"
                    + " (mails go to the demo's SMTP server " + mail.server() + ")");
            mail.subscribe(seed, nodes);

            Optional<SettlementRun> latest = settle(summary, out);
            probeRound(out);
            out.println();
            out.println("== 8. AI tasks: the demo's API user submits an MLP inference and an Iris training task,"
                    + " dispatched to node agents on loopback (CPU executor), one of which cheats");
            new DemoTasks(runtime, seed, DEMO_WINDOW).run(out);
            withdrawalsAndExport(out);

            out.println();
            out.println("== 11. Reports");
            reports(latest, summary, outDir.resolve("reports"), out);

            out.println();
            out.println("== 12. Mail: run summaries to " + DemoMail.OPS + ", alerts if any, the digest to "
                    + DemoMail.OPERATOR);
            mail.deliver(outDir.resolve("mail"));
            if (serve) {
                out.println();
                out.println("The Hub's mails keep going to the demo's SMTP server " + mail.server()
                        + " while it serves (kept in memory only).");
                consoleLogins(out);
                ServeCommand.serve(runtime.start(WebApplicationType.SERVLET), out);
            }
        }
        return 0;
    }

    /** Settles every due window and shows the last one; that run, or the last one stored, is the one reported. */
    private Optional<SettlementRun> settle(Simulator.Summary summary, PrintStream out) {
        out.println();
        out.println("== 5. Settlement of every due window (settlementJob, partitioned)");
        List<SettlementRun> settled = runtime.bean(SettlementService.class).settleDue().settled();
        SettlementRuns runs = runtime.bean(SettlementRuns.class);
        List<SettlementRun> shown = settled.isEmpty()
                ? runs.list(summary.from(), summary.to()) : settled;
        RunsCommand.printRuns(shown, out);
        if (shown.isEmpty()) {
            return Optional.empty();
        }
        SettlementRun last = shown.get(shown.size() - 1);
        List<NodeSettlementLine> nodes = runs.nodes(last.id());
        out.printf("%n== 6. Window %s: top 10 nodes by reward (cap %s)%n", TimeText.format(last.windowStart()),
                last.cap() == null ? "none" : DecimalText.of(last.cap()) + " credits");
        SettlementTable.print(RunsCommand.lines(nodes.stream()
                .sorted(Comparator.comparingLong(NodeSettlementLine::reward).reversed()).toList()), 10, out);
        out.println();
        out.println("Self-dealing (calls paid by the node's own owner earn nothing):");
        nodes.stream().filter(n -> n.selfDealt() > 0).forEach(n -> out.printf(
                "  %s credits %,d, self-dealt %,d%n", n.nodeId(), n.credits(), n.selfDealt()));
        out.println("Capped by median + 10 x 1.4826 x MAD (the wash-trading cluster):");
        nodes.stream().filter(n -> n.usage() < n.credits()).forEach(n -> out.printf(
                "  %s credits %,d counted as %s, reward %s MMC%n", n.nodeId(), n.credits(), DecimalText.of(n.usage()),
                MmcText.format(n.reward())));
        return Optional.of(last);
    }

    /** The finance report of {@code latest} and the period report of the UTC days the demo's traffic covers. */
    private void reports(Optional<SettlementRun> latest, Simulator.Summary summary, Path dir, PrintStream out) {
        if (latest.isEmpty()) {
            out.println("no settled run to report");
        } else {
            SettlementRun run = latest.get();
            out.printf("run report of window %s, revision %d (runs report %s --out %s):%n",
                    TimeText.format(run.windowStart()), run.revision(), TimeText.format(run.windowStart()), dir);
            runtime.bean(RunReportDocuments.class).write(new SettlementWindow(run.windowStart(), run.windowEnd()),
                    run.revision(), dir).forEach(file -> out.println("  " + file));
        }
        Instant from = summary.from().truncatedTo(ChronoUnit.DAYS);
        Instant to = summary.to().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
        out.printf("%nperiod report of the demo's days (report --from %s --to %s --out %s):%n", TimeText.format(from),
                TimeText.format(to), dir);
        PeriodReport period = runtime.bean(PeriodReports.class).report(from, to);
        PrintWriter text = new PrintWriter(out, true);
        PeriodReportText.print(period, text);
        text.flush();
        PeriodReportDocuments.write(period, dir).forEach(file -> out.println("  " + file));
    }

    private void withdrawalsAndExport(PrintStream out) {
        out.println();
        out.println("== 9. Withdrawals and their distribution published on Solana (exportJob, solanaj)");
        RewardSettings settings = runtime.bean(RewardSettings.class);
        LocalSolanaPeer peer = null;
        try {
            if (!LocalSolanaPeer.answers(settings.rpcUrl())) {
                peer = LocalSolanaPeer.start(Path.of(System.getProperty("mmc.home", ".")).resolve("solana-peer"),
                        URI.create(settings.rpcUrl()).getPort());
                out.println("started the local Solana peer (litesvm) at " + peer.url());
            }
            Account authority = demoAuthority(settings.authorityKeypair(), out);
            new RpcClient(settings.rpcUrl()).getApi().requestAirdrop(authority.getPublicKey(), 10_000_000_000L);
            RewardsService rewards = runtime.bean(RewardsService.class);
            Map<String, byte[]> owners = SimulatedOwners.keys(seed, nodes);
            String hubId = runtime.bean(Environment.class).getRequiredProperty("mmc.hub-id");
            // chosen by what they were paid, which a withdrawal does not change, so that a re-run picks the same three
            List<RewardBalance> best = owners.keySet().stream().map(rewards::balance).filter(b -> b.settled() > 1)
                    .sorted(Comparator.comparingLong(RewardBalance::settled).reversed()).limit(WITHDRAWING_OWNERS).toList();
            long nonce = runtime.bean(Clock.class).millis();
            for (RewardBalance owner : best) {
                List<WithdrawalRequest> earlier = rewards.withdrawals(owner.wallet());
                if (!earlier.isEmpty()) {
                    out.printf("  %s withdrew in an earlier demo (withdrawal #%d, %s MMC, %s): no new withdrawal%n",
                            owner.wallet(), earlier.get(0).id(), MmcText.format(earlier.get(0).amount()), earlier.get(0).status());
                    continue;
                }
                long amount = owner.withdrawable() / 2;
                rewards.withdraw(owner.wallet(), amount, nonce, Ed25519Signatures.sign(owners.get(owner.wallet()),
                        WithdrawalMessage.of(hubId, owner.wallet(), amount, nonce)));
                out.printf("  %s withdraws %s of %s MMC%n", owner.wallet(), MmcText.format(amount), MmcText.format(owner.withdrawable()));
            }
            if (best.isEmpty()) {
                out.println("no settled rewards to withdraw yet");
                return;
            }
            Optional<Distribution> exported = runtime.bean(ExportService.class).export();
            if (exported.isEmpty()) {
                out.println("nothing new to publish: no withdrawal is waiting, the distributions stay as they are");
            } else {
                Distribution distribution = exported.get();
                out.printf("distribution v%d %s: root %s, %d wallets, total %s MMC%n  memo transaction %s%n",
                        distribution.version(), distribution.status(), distribution.root(), distribution.leafCount(),
                        MmcText.format(distribution.total()), distribution.signature());
            }
            RewardsService.ClaimProof proof = rewards.proof(best.get(0).wallet());
            out.printf("claim proof of %s: cumulative %s MMC, %d siblings%n", proof.wallet(), MmcText.format(proof.cumulative()),
                    proof.proof().size());
            proof.proof().forEach(node -> out.println("  " + node));
            claimsOnChain(best, owners, hubId, out);
        } catch (RuntimeException | RpcException e) {
            out.println("skipped: " + e.getMessage());
        } finally {
            if (peer != null) {
                peer.close();
            }
        }
    }

    /**
     * Each withdrawing owner claims its confirmed cumulative amount, paid in MMC tokens from the treasury; the
     * treasury gets the emission minted first when it holds less than the claims need (the local peer starts empty).
     */
    private void claimsOnChain(List<RewardBalance> withdrawing, Map<String, byte[]> keys, String hubId,
                               PrintStream out) {
        out.println();
        out.println("== 10. Claims: each owner signs the claim of its confirmed cumulative amount; the Hub checks the"
                + " proof and pays MMC (SPL token) from the treasury");
        TokenService tokens = runtime.bean(TokenService.class);
        TokenSetup token = tokens.setup();
        out.printf("token setup: mint %s, treasury %s, stake vault %s (%s)%n", token.mint(), token.treasury(),
                token.vault(), token.created().isEmpty() ? "already there" : "created " + String.join(", ", token.created()));
        RewardsService rewards = runtime.bean(RewardsService.class);
        ClaimService claims = runtime.bean(ClaimService.class);
        Map<String, RewardsService.ClaimProof> proofs = new LinkedHashMap<>();
        for (RewardBalance owner : withdrawing) {
            try {
                proofs.put(owner.wallet(), rewards.proof(owner.wallet()));
            } catch (NotFoundException e) {
                out.println("  " + e.getMessage() + ": nothing to claim yet");
            }
        }
        long needed = proofs.values().stream().mapToLong(p -> p.cumulative() - claimed(claims, p.wallet())).sum();
        if (token.treasuryBalance() < needed) {
            long emission = settledRewards() - token.treasuryBalance();
            MintedEmission minted = tokens.mintEmission(emission);
            out.printf("minted the emission, %s MMC (the rewards settled so far), into the treasury in transaction %s%n",
                    MmcText.format(minted.amount()), minted.signature());
        }
        for (RewardsService.ClaimProof proof : proofs.values()) {
            String signature = Ed25519Signatures.sign(keys.get(proof.wallet()),
                    ClaimMessage.of(hubId, proof.wallet(), proof.version(), proof.cumulative()));
            String outcome;
            try {
                RewardClaim claim = claims.claim(proof.wallet(), proof.version(), proof.cumulative(), signature, null);
                outcome = String.format("claim #%d of v%d %s: %s MMC in transaction %s", claim.id(), claim.version(),
                        claim.status(), MmcText.format(claim.amount()), claim.transaction());
            } catch (ConflictException e) {
                outcome = "claim refused: " + e.getMessage();
            }
            out.printf("  %s %s%n    holds %s MMC on the peer%n", proof.wallet(), outcome,
                    MmcText.format(tokens.balanceOf(new PublicKey(proof.wallet()))));
        }
    }

    private static long claimed(ClaimService claims, String wallet) {
        return claims.ofWallet(wallet).stream().filter(RewardClaim::paid).mapToLong(RewardClaim::amount).sum();
    }

    /** What settlement allocated over every window, counting each window's current revision only. */
    private long settledRewards() {
        return runtime.bean(SettlementRuns.class).list(Instant.EPOCH, runtime.bean(Clock.class).instant()).stream()
                .collect(Collectors.toMap(SettlementRun::windowStart, run -> run,
                        (a, b) -> a.revision() >= b.revision() ? a : b))
                .values().stream().mapToLong(SettlementRun::allocated).sum();
    }

    /** The demo makes an authority key when none exists; a deployment brings its own (and the export refuses without). */
    private static Account demoAuthority(Path file, PrintStream out) {
        if (!Files.exists(file)) {
            try {
                NodeIdentity.writeKeypairFile(file, new Account());
                out.println("created a demo authority key in " + file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return AuthorityKey.load(file);
    }

    /**
     * A validator earns nothing and probes no one until OPS approve it and it has the minimum stake: the demo approves
     * a simulated one and sets its stake to the minimum when it has less.
     */
    private void approveAValidator(PrintStream out) {
        if (!runtime.bean(ProbeService.class).validators().isEmpty()) {
            return;
        }
        NodeRegistry registry = runtime.bean(NodeRegistry.class);
        long minimum = runtime.bean(MinimumStake.class).of(NodeKind.VALIDATOR);
        registry.all().stream().filter(node -> node.getKind() == NodeKind.VALIDATOR).findFirst().ifPresent(node -> {
            if (node.needsApproval()) {
                registry.approve(node.getNodeId(), "demo", "the demo's simulated validator");
                out.println("  OPS approve validator " + node.getNodeId() + " (nodes approve NODE --operator --reason)");
            }
            if (node.getStake() < minimum) {
                registry.setStake(node.getNodeId(), minimum, "demo", "the demo's simulated validator stakes the minimum");
                out.println("  OPS set its stake to the minimum, " + MmcText.format(minimum) + " MMC (stake set NODE"
                        + " AMOUNT --operator --reason)");
            }
        });
    }

    /**
     * The round of the current 2-hour window (its id comes from the window's start), by the first approved validator,
     * over five agents whose keys come from the seed: a re-run in the same window shows the stored round and starts
     * no agent; a later window gets its own round over the same agent nodes.
     */
    private void probeRound(PrintStream out) {
        out.println();
        out.println("== 7. Validator probe round (probeJob) over real node agents on loopback, CPU executor");
        approveAValidator(out);
        ProbeService probes = runtime.bean(ProbeService.class);
        String validator = probes.validators().stream().findFirst().orElseThrow(() -> new IllegalStateException(
                "the simulated network has no approved validator"));
        Clock clock = runtime.bean(Clock.class);
        ProbeRequest request = new ProbeRequest(ProbeRequest.roundId(validator,
                SettlementWindow.containing(clock.instant(), DEMO_WINDOW).start()), validator, Duration.ofSeconds(5));
        Behaviour[] behaviours = {Behaviour.HONEST, Behaviour.HONEST, Behaviour.WRONG_RESULT, Behaviour.NO_ANSWER,
                Behaviour.DOWN};
        Set<String> agentIds = IntStream.range(0, behaviours.length).mapToObj(i -> LoopbackAgents.nodeId(seed, i))
                .collect(Collectors.toSet());
        ProbeRoundReport report;
        if (runtime.bean(ProbeRounds.class).finished(request.roundId())) {
            out.println("  round " + request.roundId() + " of this 2-hour window ran in an earlier demo: its stored"
                    + " results, no agent started");
            report = probes.run(request);
        } else {
            try (LoopbackAgents agents = new LoopbackAgents(runtime.bean(NodeRegistry.class),
                    runtime.bean(Environment.class).getRequiredProperty("mmc.hub-id"), clock)) {
                for (int i = 0; i < behaviours.length; i++) {
                    LoopbackAgents.Agent agent = agents.start(behaviours[i], seed, i);
                    out.printf("  agent %s  %-12s %s%n", agent.nodeId(), behaviours[i], agent.endpoint());
                }
                report = probes.run(request);
            }
        }
        out.println("(the simulated nodes have no task server behind their endpoints: they count as FAILED)");
        ProbeCommand.print(new ProbeRoundReport(report.roundId(), report.validatorId(), report.results().stream()
                .filter(r -> agentIds.contains(r.nodeId())).toList()), 10, out);
        out.println("all nodes probed in this round: " + report.countsByStatus());
    }
}
