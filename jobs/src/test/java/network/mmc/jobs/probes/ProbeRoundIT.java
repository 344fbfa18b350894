package network.mmc.jobs.probes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.jobs.errors.ConflictException;
import network.mmc.jobs.nodes.NodeKind;
import network.mmc.jobs.nodes.NodeRegistry;
import network.mmc.jobs.simulation.LoopbackAgents.Agent;
import network.mmc.jobs.simulation.LoopbackAgents.Behaviour;
import network.mmc.jobs.simulation.LoopbackAgents;
import network.mmc.jobs.support.HubIntegrationTest;
import network.mmc.jobs.support.TestNode;
import network.mmc.probe.ProbeOutcome;
import network.mmc.probe.ProbeStatus;
import network.mmc.probe.ProbeTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.p2p.solanaj.utils.Base58;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = {"mmc.probe.n=64", "mmc.probe.k=64", "mmc.probe.timeout=PT1S",
        "mmc.probe.concurrency=16", "mmc.probe.chunk-size=20"})
class ProbeRoundIT extends HubIntegrationTest {

    @Autowired
    ProbeService probes;

    @Autowired
    ProbeRounds rounds;

    @Autowired
    NodeRegistry registry;

    @Autowired
    JobOperator jobOperator;

    @Autowired
    Job probeJob;

    @Autowired
    MeterRegistry meters;

    private LoopbackAgents agents;
    private final List<Agent> offline = new ArrayList<>();
    private String validator;

    @BeforeAll
    void startFiftyAgentsAndTwoOfflineOnes() {
        agents = new LoopbackAgents(registry, TestNode.HUB_ID, java.time.Clock.systemUTC());
        for (int i = 0; i < 50; i++) {
            agents.start(i < 40 ? Behaviour.HONEST : i < 44 ? Behaviour.NO_ANSWER : i < 47 ? Behaviour.WRONG_RESULT
                    : Behaviour.DOWN);
        }
        for (int i = 0; i < 2; i++) {
            Agent agent = agents.start(Behaviour.HONEST);
            jdbc.update("UPDATE node SET last_status_at = ? WHERE node_id = ?",
                    UtcTimestamps.of(Instant.now().minus(Duration.ofMinutes(31))), agent.nodeId());
            offline.add(agent);
        }
        TestNode node = TestNode.aNode();
        assertThat(hub().post("/api/nodes", node.registerRequest(NodeKind.VALIDATOR, null)).status()).isEqualTo(201);
        validator = node.id();
        registry.approve(validator, "ops", "the validator of these rounds");
        registry.setStake(validator, 1_000_000_000_000L, "ops", "a validator's minimum stake (mmc.staking.min-stake)");
    }

    @AfterAll
    void stopAgents() {
        agents.close();
    }

    @Test
    void aRoundRecordsOneCallPerOnlineNodeWithItsStatusAndNoneForOfflineNodes() {
        Set<String> onlineBefore = onlineComputingNodes();
        Map<String, Double> countedBefore = probeOutcomeCounts();

        ProbeRoundReport report = probes.probeNow(validator, null);

        Map<String, String> statusByNode = report.results().stream()
                .collect(Collectors.toMap(ProbeResultLine::nodeId, ProbeResultLine::status));
        assertThat(statusByNode.keySet()).containsAll(onlineBefore).isSubsetOf(onlineComputingNodes());
        for (Agent agent : agents.agents()) {
            String expected = switch (agent.behaviour()) {
                case HONEST -> "SUCCESS";
                case NO_ANSWER -> "TIMEOUT";
                case WRONG_RESULT -> "WRONG_RESULT";
                case DOWN -> "FAILED";
            };
            if (offline.contains(agent)) {
                assertThat(statusByNode).doesNotContainKey(agent.nodeId());
            } else {
                assertThat(statusByNode).containsEntry(agent.nodeId(), expected);
            }
        }
        assertThat(callRecords(report.roundId(), "VALIDATOR")).isEqualTo(report.results().size());
        assertThat(jdbc.queryForObject("SELECT SUM(credits) FROM call_record WHERE event_id LIKE ? AND caller_type = 'HUB'"
                + " AND node_id = ?", Long.class, report.roundId() + ":%", validator)).isEqualTo(200L);
        Map<String, Long> recorded = report.results().stream()
                .collect(Collectors.groupingBy(ProbeResultLine::status, Collectors.counting()));
        probeOutcomeCounts().forEach((status, count) -> assertThat(count - countedBefore.get(status)).as(status)
                .isEqualTo(recorded.getOrDefault(status, 0L).doubleValue()));
    }

    @Test
    void runningTheSameRoundAgainRecordsNothingNew() {
        ProbeRoundReport first = probes.probeNow(validator, null);
        long records = callRecords(first.roundId(), null);
        Map<String, Double> counted = probeOutcomeCounts();

        ProbeRoundReport again = probes.run(new ProbeRequest(first.roundId(), validator, null));

        assertThat(callRecords(first.roundId(), null)).isEqualTo(records);
        assertThat(probeOutcomeCounts()).isEqualTo(counted);
        assertThat(again.results()).isEqualTo(first.results());
    }

    @Test
    void aRoundCutOffAfterItsFirstChunkResumesWithTheNodesNotYetProbed() {
        String roundId = "probe-resume-" + System.nanoTime();
        rounds.open(roundId, validator, 64, 64, Instant.now(), Duration.ofMinutes(30));
        List<ProbeTarget> firstChunk = rounds.unprobed(roundId, 10);
        // what the crashed execution had committed: its first chunk, marked so a re-probe would show
        rounds.record(roundId, validator, firstChunk.stream().map(t -> new ProbeOutcome(t, ProbeStatus.FAILED,
                Instant.now(), 1, null, "recorded before the crash")).toList(), 100, Instant.now());

        ProbeRoundReport report = probes.run(new ProbeRequest(roundId, validator, null));

        Set<String> firstIds = firstChunk.stream().map(ProbeTarget::nodeId).collect(Collectors.toSet());
        Integer targets = jdbc.queryForObject("SELECT COUNT(*) FROM probe_target WHERE round_id = ?", Integer.class, roundId);
        assertThat(report.results()).hasSize(targets);
        assertThat(report.results()).filteredOn(r -> firstIds.contains(r.nodeId()))
                .allSatisfy(r -> assertThat(r.detail()).isEqualTo("recorded before the crash")).hasSize(10);
        assertThat(new HashSet<>(jdbc.queryForList("SELECT node_id FROM call_record WHERE event_id LIKE ?"
                + " AND caller_type = 'VALIDATOR'", String.class, roundId + ":%"))).hasSize(targets);
    }

    @Test
    void anUnapprovedValidatorProbesNoOneAndEarnsNothing() throws Exception {
        TestNode node = TestNode.aNode();
        assertThat(hub().post("/api/nodes", node.registerRequest(NodeKind.VALIDATOR, null)).status()).isEqualTo(201);
        String unapproved = node.id();

        assertThatThrownBy(() -> probes.probeNow(unapproved, null)).isInstanceOf(ConflictException.class)
                .hasMessage("node " + unapproved + " is a VALIDATOR that OPS have not approved (POST /api/nodes/"
                        + unapproved + "/approval or mmc-hub nodes approve): its probe rounds are refused and earn nothing");
        // started as `jobs restart` or a stale trigger would, past the service
        JobExecution execution = jobOperator.start(probeJob,
                new ProbeRequest("probe-unapproved-" + System.nanoTime(), unapproved, null).toJobParameters());

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(execution.getAllFailureExceptions()).extracting(Throwable::getMessage)
                .anySatisfy(message -> assertThat(message).contains("not approved"));
        assertThat(probes.validators()).contains(validator).doesNotContain(unapproved);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM probe_round WHERE validator_id = ?", Long.class, unapproved)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM call_record WHERE node_id = ? OR caller_id = ?", Long.class,
                unapproved, unapproved)).isZero();
    }

    @Test
    void aTargetProbesMayNotCallIsFailedWithTheReasonAndTheRoundGoesOn() {
        // rows as stored before endpoints were checked at registration
        Map<String, String> stored = Map.of(
                "http://169.254.169.254:80/latest/meta-data", "not probed: 169.254.169.254 is a cloud metadata address",
                "http://10.0.0.5:3306", "not probed: 10.0.0.5 is a private address outside the allowed networks",
                "gopher://127.0.0.1:6379/_FLUSHALL", "not probed: endpoint 'gopher://127.0.0.1:6379/_FLUSHALL' is not an http"
                        + " or https URL",
                "http://2130706433:3306", "not probed: endpoint 'http://2130706433:3306' has no valid host: give a DNS"
                        + " name, a dotted-quad IPv4 address or a bracketed IPv6 address");
        Map<String, String> expected = new HashMap<>();
        stored.forEach((endpoint, detail) -> {
            String nodeId = TestNode.aWallet();
            jdbc.update("INSERT INTO node (node_id, public_key, kind, endpoint_url, registered_at, last_status_at)"
                    + " VALUES (?, ?, 'COMPUTING', ?, NOW(6), NOW(6))", nodeId, Base58.decode(nodeId), endpoint);
            expected.put(nodeId, detail);
        });

        ProbeRoundReport report = probes.probeNow(validator, null);

        Map<String, ProbeResultLine> results = report.results().stream()
                .collect(Collectors.toMap(ProbeResultLine::nodeId, r -> r));
        expected.forEach((nodeId, detail) -> {
            assertThat(results.get(nodeId).status()).isEqualTo("FAILED");
            assertThat(results.get(nodeId).detail()).isEqualTo(detail);
        });
        agents.agents().stream().filter(a -> a.behaviour() == Behaviour.HONEST && !offline.contains(a))
                .forEach(a -> assertThat(results.get(a.nodeId()).status()).isEqualTo("SUCCESS"));
    }

    private Set<String> onlineComputingNodes() {
        return new HashSet<>(jdbc.queryForList("SELECT node_id FROM node WHERE kind = 'COMPUTING' AND NOT suspended"
                + " AND last_status_at >= ?", String.class, UtcTimestamps.of(Instant.now().minus(Duration.ofMinutes(30)))));
    }

    private long callRecords(String roundId, String callerType) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM call_record WHERE event_id LIKE ?"
                + (callerType == null ? "" : " AND caller_type = '" + callerType + "'"), Long.class, roundId + ":%");
    }

    /** {@code mmc.probe.outcomes} by status. */
    private Map<String, Double> probeOutcomeCounts() {
        Map<String, Double> counts = new HashMap<>();
        for (ProbeStatus status : ProbeStatus.values()) {
            counts.put(status.name(), meters.get("mmc.probe.outcomes").tag("status", status.name()).counter().count());
        }
        return counts;
    }
}
