package network.mmc.jobs.simulation;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import network.mmc.jobs.calls.CallRecordLoader;
import network.mmc.jobs.calls.CallRecordRow;
import network.mmc.jobs.csv.CsvWriter;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.settlement.SettlementWindow;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Fills the database (or a CSV file) with a deterministic simulated network and its traffic over the
 * {@code hours} before the start of the current 2-hour window. Re-running with the same seed stores nothing new:
 * nodes and event ids are the same (what a run stored is in its {@link Summary}).
 */
@Service
public class Simulator {

    /** The network and its traffic, and how much of each this run stored (the rest was there already). */
    public record Summary(int nodes, int newNodes, long callRecords, long storedCalls, Instant from, Instant to) {
    }

    private final JdbcTemplate jdbc;
    private final CallRecordLoader loader;
    private final Clock clock;

    Simulator(JdbcTemplate jdbc, CallRecordLoader loader, Clock clock) {
        this.jdbc = jdbc;
        this.loader = loader;
        this.clock = clock;
    }

    public Summary simulate(int nodeCount, int hours, long seed, int callsPerNodeHour) {
        SimulatedNetwork network = SimulatedNetwork.of(seed, checkSize(nodeCount));
        int newNodes = registerNodes(network);
        Instant to = SettlementWindow.containing(clock.instant(), Duration.ofHours(2)).start();
        Instant from = to.minus(Duration.ofHours(hours));
        long[] generated = {0};
        long[] stored = {0};
        new TrafficGenerator(network, callsPerNodeHour).generate(from, hours, rows -> {
            stored[0] += loader.load(rows);
            generated[0] += rows.size();
        });
        return new Summary(nodeCount, newNodes, generated[0], stored[0], from, to);
    }

    /** Writes the traffic as an {@code import-calls} CSV instead of storing it; the nodes are registered. */
    public Summary simulateToCsv(int nodeCount, int hours, long seed, int callsPerNodeHour, Path csv) {
        SimulatedNetwork network = SimulatedNetwork.of(seed, checkSize(nodeCount));
        int newNodes = registerNodes(network);
        Instant to = SettlementWindow.containing(clock.instant(), Duration.ofHours(2)).start();
        Instant from = to.minus(Duration.ofHours(hours));
        long[] written = {0};
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            CsvWriter file = CsvWriter.verbatim(out).texts("event_id", "node_id", "caller_type", "caller_id",
                    "caller_wallet", "task_type", "status", "credits", "latency_ms", "called_at").endRow();
            new TrafficGenerator(network, callsPerNodeHour).generate(from, hours, rows -> {
                for (CallRecordRow row : rows) {
                    file.text(row.eventId()).text(row.nodeId()).text(row.callerType().name()).text(row.callerId())
                            .text(row.callerWallet()).text(row.taskType()).text(row.status().name())
                            .number(row.credits()).text(row.latencyMs() == null ? null : row.latencyMs().toString())
                            .text(row.calledAt() == null ? null : row.calledAt().toString()).endRow();
                }
                written[0] += rows.size();
            });
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + csv + " failed", e);
        }
        return new Summary(nodeCount, newNodes, written[0], 0, from, to);
    }

    private static int checkSize(int nodeCount) {
        if (nodeCount < 6) {
            throw new IllegalArgumentException("simulate needs at least 6 nodes (self-dealer, wash cluster, flaky node), got " + nodeCount);
        }
        return nodeCount;
    }

    /** Registers the nodes not registered yet; how many there were. */
    private int registerNodes(SimulatedNetwork network) {
        List<String> ids = network.nodes().stream().map(SimulatedNetwork.SimulatedNode::nodeId).toList();
        Integer before = jdbc.queryForObject("SELECT COUNT(*) FROM node WHERE node_id IN ("
                + String.join(",", Collections.nCopies(ids.size(), "?")) + ")", Integer.class, ids.toArray());
        Timestamp now = UtcTimestamps.of(clock.instant());
        Timestamp stale = UtcTimestamps.of(clock.instant().minus(Duration.ofHours(3)));
        List<Object[]> rows = network.nodes().stream().map(n -> new Object[]{
                n.nodeId(), n.publicKey(), n.kind().name(), n.ownerWallet(), n.stake(),
                "http://127.0.0.1:0/sim/" + n.index(), now, n.online() ? now : stale, "RTX 4090", 24_576, "sim-1.0"
        }).toList();
        jdbc.batchUpdate("INSERT IGNORE INTO node (node_id, public_key, kind, owner_wallet, stake, endpoint_url,"
                + " registered_at, last_status_at, gpu_model, gpu_memory_mb, agent_version) VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows);
        return ids.size() - before;
    }
}
