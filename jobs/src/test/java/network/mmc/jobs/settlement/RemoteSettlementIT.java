package network.mmc.jobs.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import network.mmc.jobs.batch.StoredOwners;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.jobs.support.ChildHub;
import network.mmc.jobs.support.HeldPartition;
import network.mmc.jobs.support.TestDatabase;
import network.mmc.settlement.SettlementWindow;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Remote mode against the RabbitMQ server on 127.0.0.1:5672 (skipped, saying so, when it does not answer): the
 * settling Hub and its workers are processes of their own on a database of this class's own, holding a copy of the
 * window's nodes and calls; this JVM's Hub settles the same window in local mode, and both results must be equal.
 */
class RemoteSettlementIT extends SettlementIntegrationTest {

    private static final String BROKER_HOST = "127.0.0.1";
    private static final int BROKER_PORT = 5672;
    // a queue of this test JVM's own: other test runs on the same broker never take its requests
    private static final String QUEUE = "mmc-it-settlement-" + ProcessHandle.current().pid();
    private static final Pattern PARTITION_DONE = Pattern.compile("partition\\d+ of settlement execution \\d+ COMPLETED");

    private static final String LATEST_SETTLEMENT = "SELECT MAX(p.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION_PARAMS p"
            + " WHERE p.PARAMETER_NAME = 'windowStart' AND p.PARAMETER_VALUE = ?";

    private static TestDatabase remoteDb;
    private static JdbcTemplate remoteJdbc;
    private static SingleConnectionDataSource remoteConnection;

    @Autowired
    StoredOwners owners;

    @BeforeAll
    static void brokerAnswers() {
        assumeTrue(answers(), "RabbitMQ does not answer on " + BROKER_HOST + ":" + BROKER_PORT
                + ": remote settlement is not tested (.ci/run starts or installs rabbitmq-server)");
        remoteDb = TestDatabase.get().sibling("remote");
        remoteConnection = new SingleConnectionDataSource(remoteDb.url(), remoteDb.user(), remoteDb.password(), true);
        remoteJdbc = new JdbcTemplate(remoteConnection);
    }

    @AfterAll
    static void deleteQueue() {
        if (remoteConnection == null) {
            return;
        }
        remoteConnection.destroy();
        CachingConnectionFactory broker = new CachingConnectionFactory(BROKER_HOST, BROKER_PORT);
        try {
            new RabbitAdmin(broker).deleteQueue(QUEUE);
        } finally {
            broker.destroy();
        }
    }

    @Test
    void workersInOtherProcessesSettleExactlyAsLocalMode() throws Exception {
        // given
        SettlementWindow window = aWindowWithCalls();
        SettlementRun local = settlement.settle(window);
        try (ChildHub first = worker(); ChildHub second = worker()) {
            awaitReady(first);
            awaitReady(second);
            copyToRemoteDb(window);

            // when
            ChildHub manager = settle(window, "PT5M", "mmc.settlement.grid-size=8");
            int exit = manager.awaitExit(300);

            // then
            assertThat(exit).as(manager.output()).isZero();
            // with prefetch 1 the broker hands requests round the consumers: both workers aggregate
            assertThat(completedPartitions(first)).as(first.output()).isPositive();
            assertThat(completedPartitions(second)).as(second.output()).isPositive();
            assertThat(completedPartitions(first) + completedPartitions(second)).isEqualTo(8);
            assertThat(settlementInstance(window)).as("the settlement names the process that settled")
                    .isEqualTo(manager.instance());
            assertThat(partitionInstances(window)).as("each partition names the worker that aggregated it")
                    .containsOnly(first.instance(), second.instance())
                    .filteredOn(first.instance()::equals).hasSize(completedPartitions(first));
        }
        assertSameResult(window, local);
    }

    @Test
    void aWorkerKilledMidPartitionFailsTheStepAndARestartCompletesIdentically() throws Exception {
        // given: two partitions on one worker with two threads; partition 0 is held in the database, so the worker is
        // inside it when killed, and partition 1 is done by then
        SettlementWindow window = aWindowWithCalls();
        SettlementRun local = settlement.settle(window);
        String failure;
        try (ChildHub worker = worker("mmc.settlement.remote.worker-threads=2")) {
            awaitReady(worker);
            copyToRemoteDb(window);
            try (HeldPartition held = HeldPartition.of(window, remoteDb)) {
                ChildHub manager = settle(window, "PT40S", "mmc.settlement.grid-size=2");
                long execution = held.awaitHeldExecution(remoteJdbc, Duration.ofMinutes(3));
                Awaitility.await("partition 1 done").atMost(Duration.ofMinutes(2)).until(() -> remoteJdbc.queryForList(
                        "SELECT STATUS FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ?"
                        + " AND STEP_NAME = 'aggregatePartitionStep:partition1'", String.class, execution),
                        statuses -> statuses.equals(List.of("COMPLETED")));

                // when
                worker.kill();
                int exit = manager.awaitExit(300);

                // then
                assertThat(exit).as(manager.output()).isEqualTo(1);
                failure = manager.output();
            }
        }
        assertThat(failure).contains("remote settlement: 1 of 2 partitions not finished by a worker within PT40S",
                "unfinished: partition0 STARTED (its worker stopped or is stuck)", "settle the window again");
        assertThat(remoteJdbc.queryForObject("SELECT COUNT(*) FROM settlement_run WHERE window_start = ?",
                Long.class, UtcTimestamps.of(window.start()))).as("nothing of the failed run is stored").isZero();

        // when: a fresh worker, which drops the request the killed one left, and the window settled again
        try (ChildHub worker = worker()) {
            awaitReady(worker);
            assertThat(worker.awaitLine("dropped", 60)).as(worker.output()).isTrue();
            ChildHub manager = settle(window, "PT5M", "mmc.settlement.grid-size=2");
            int exit = manager.awaitExit(300);

            // then: partition 1 stands from the failed attempt, partition 0 is aggregated again
            assertThat(exit).as(manager.output()).isZero();
            assertThat(completedPartitions(worker)).as(worker.output()).isEqualTo(1);
        }
        assertSameResult(window, local);
    }

    private String settlementInstance(SettlementWindow window) {
        return remoteJdbc.queryForObject("SELECT e.JOB_EXECUTION_ID, " + StoredOwners.JOB_CONTEXT
                        + " FROM BATCH_JOB_EXECUTION e WHERE e.JOB_EXECUTION_ID = (" + LATEST_SETTLEMENT + ")",
                (row, n) -> owners.owner(row.getLong(1), row.getString(2)), window.start().toString());
    }

    private List<String> partitionInstances(SettlementWindow window) {
        return remoteJdbc.query("SELECT s.STEP_EXECUTION_ID, " + StoredOwners.STEP_CONTEXT + " FROM BATCH_STEP_EXECUTION s"
                        + " WHERE s.STEP_NAME LIKE 'aggregatePartitionStep:%' AND s.JOB_EXECUTION_ID = ("
                        + LATEST_SETTLEMENT + ")",
                (row, n) -> owners.owner(row.getLong(1), row.getString(2)), window.start().toString());
    }

    private static ChildHub worker(String... settings) {
        List<String> properties = new ArrayList<>(remoteProperties());
        properties.addAll(List.of(settings));
        return ChildHub.start(properties, "worker");
    }

    private static ChildHub settle(SettlementWindow window, String timeout, String... settings) {
        List<String> properties = new ArrayList<>(remoteProperties());
        properties.add("mmc.settlement.mode=remote");
        properties.add("mmc.settlement.remote.timeout=" + timeout);
        properties.add("mmc.settlement.remote.poll-interval=PT0.2S");
        properties.addAll(List.of(settings));
        return ChildHub.start(properties, "settle", "--window", window.start().toString());
    }

    private static List<String> remoteProperties() {
        List<String> properties = new ArrayList<>(remoteDb.datasourceProperties());
        properties.add("spring.rabbitmq.host=" + BROKER_HOST);
        properties.add("spring.rabbitmq.port=" + BROKER_PORT);
        properties.add("mmc.settlement.remote.queue=" + QUEUE);
        return properties;
    }

    private static void awaitReady(ChildHub worker) throws InterruptedException {
        assertThat(worker.awaitLine("MMC Hub worker: settlement partitions from queue '" + QUEUE + "'", 240))
                .as(worker.output()).isTrue();
    }

    private static int completedPartitions(ChildHub worker) {
        Matcher done = PARTITION_DONE.matcher(worker.output());
        int count = 0;
        while (done.find()) {
            count++;
        }
        return count;
    }

    /** The window's nodes and call records, ids included, into the remote Hub's database (migrated by its worker). */
    private void copyToRemoteDb(SettlementWindow window) {
        String main = TestDatabase.get().name();
        String remote = remoteDb.name();
        Object[] range = {UtcTimestamps.of(window.start()), UtcTimestamps.of(window.end())};
        jdbc.update("INSERT INTO `" + remote + "`.node SELECT * FROM `" + main + "`.node WHERE node_id IN"
                + " (SELECT node_id FROM `" + main + "`.call_record WHERE recorded_at >= ? AND recorded_at < ?)", range);
        jdbc.update("INSERT INTO `" + remote + "`.call_record SELECT * FROM `" + main + "`.call_record"
                + " WHERE recorded_at >= ? AND recorded_at < ?", range);
    }

    /** The remote run equals the local one: its terms, input digest, node rows and ledger entries. */
    private void assertSameResult(SettlementWindow window, SettlementRun local) {
        Object start = UtcTimestamps.of(window.start());
        String run = "SELECT CONCAT_WS('|', window_end, revision, status, pool, allocated, unallocated, cap, parameters,"
                + " input_sha256, node_count, call_count, first_call_id, last_call_id) FROM settlement_run"
                + " WHERE window_start = ?";
        String nodes = "SELECT CONCAT_WS('|', n.node_id, n.owner_wallet, n.calls, n.ok, n.credits, n.self_dealt,"
                + " n.quality, n.usage_capped, n.stake, n.stake_factor, n.eligible, n.raw_weight, n.weight, n.reward)"
                + " FROM node_settlement n JOIN settlement_run r ON r.id = n.run_id WHERE r.window_start = ?"
                + " ORDER BY n.node_id";
        String ledger = "SELECT CONCAT_WS('|', wallet, revision, entry_type, amount) FROM ledger_entry"
                + " WHERE window_start = ? ORDER BY wallet, revision";
        assertThat(remoteJdbc.queryForList(run, String.class, start)).isEqualTo(jdbc.queryForList(run, String.class, start))
                .hasSize(1);
        assertThat(remoteJdbc.queryForList(nodes, String.class, start))
                .isEqualTo(jdbc.queryForList(nodes, String.class, start)).hasSize(6);
        assertThat(remoteJdbc.queryForList(ledger, String.class, start))
                .isEqualTo(jdbc.queryForList(ledger, String.class, start)).isNotEmpty();
        assertThat(remoteJdbc.queryForObject("SELECT input_sha256 FROM settlement_run WHERE window_start = ?",
                String.class, start)).isEqualTo(local.inputSha256());
    }

    private static boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(BROKER_HOST, BROKER_PORT), 2_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
