package network.mmc.jobs.settlement;


import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.jobs.errors.ConflictException;
import network.mmc.jobs.scheduling.JobExecutions;
import network.mmc.jobs.support.SettlementFixtures;
import network.mmc.jobs.support.TestDatabase;
import network.mmc.jobs.support.TestNode;
import network.mmc.settlement.SettlementWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettlementJobIT extends SettlementIntegrationTest {

    @Autowired
    JobExecutions jobs;


    @Test
    void aSettledWindowIsReproducedExactlyByTheOfflineAudit(@TempDir Path dir) throws Exception {
        SettlementWindow window = aWindowWithCalls();

        SettlementRun run = settlement.settle(window);
        SettlementExport.Files files = export.export(window, null, dir);
        Path auditJson = SettlementFixtures.audit(files.nodes(), files.calls(), window, dir.resolve("audit.json"));

        assertThat(run.revision()).isEqualTo(1);
        assertThat(run.pool()).isEqualTo(4_166_666_666_666L);
        assertThat(run.allocated() + run.unallocated()).isEqualTo(run.pool());
        assertThat(run.callCount()).isEqualTo(6 * 20 + 15);
        assertThat(Files.readString(auditJson)).isEqualTo(Files.readString(files.result()));
        assertThat(runs.nodes(run.id())).anySatisfy(n -> assertThat(n.selfDealt()).isPositive());
        Long ledger = jdbc.queryForObject("SELECT SUM(amount) FROM ledger_entry WHERE run_id = ?", Long.class, run.id());
        assertThat(ledger).isEqualTo(run.allocated());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM settlement_partial WHERE window_start = ?", Long.class,
                UtcTimestamps.of(window.start()))).as("scratch rows of the finished run").isZero();
        assertThat(jobs.recent(50)).filteredOn(line -> line.id() == run.jobExecutionId()).singleElement()
                .satisfies(line -> assertThat(line.reads()).as("call records read, as jobs list shows them")
                        .isEqualTo(run.callCount()));
    }

    @Test
    void aRerunWritesANewRevisionAndCorrectionsThatBringEachWalletToTheNewAmount() {
        SettlementWindow window = aWindowWithCalls();
        SettlementRun first = settlement.settle(window);
        // an eligible node below the stake target: more stake raises its weight, so rewards move
        String node = runs.nodes(first.id()).stream().filter(NodeSettlementLine::eligible)
                .filter(n -> n.stake() < 10_000_000_000_000L).findFirst().orElseThrow().nodeId();
        jdbc.update("UPDATE node SET stake = 20000000000000 WHERE node_id = ?", node);

        SettlementRun second = settlement.rerun(window, "stake was recorded late", "alice");

        assertThat(second.revision()).isEqualTo(2);
        assertThat(second.reason()).isEqualTo("stake was recorded late");
        assertThat(runs.get(window, 1).id()).isEqualTo(first.id());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger_entry WHERE run_id = ? AND entry_type = 'CORRECTION'",
                Long.class, second.id())).isPositive();
        for (NodeSettlementLine line : runs.nodes(second.id())) {
            if (line.ownerWallet() == null) {
                continue;
            }
            long owed = runs.nodes(second.id()).stream().filter(l -> line.ownerWallet().equals(l.ownerWallet()))
                    .mapToLong(NodeSettlementLine::reward).sum();
            Long balance = jdbc.queryForObject("SELECT COALESCE(SUM(amount), 0) FROM ledger_entry WHERE window_start = ? AND wallet = ?",
                    Long.class, UtcTimestamps.of(window.start()), line.ownerWallet());
            assertThat(balance).isEqualTo(owed);
        }
    }

    @Test
    void aRebindingOrStakeChangeAfterWindowEndLeavesARerunOfThatWindowUnchanged() {
        SettlementWindow window = aWindowWithCalls();
        SettlementRun first = settlement.settle(window);
        List<NodeSettlementLine> settled = runs.nodes(first.id());
        NodeSettlementLine dealer = settled.stream().filter(n -> n.selfDealt() > 0).findFirst().orElseThrow();
        NodeSettlementLine staked = settled.stream().filter(NodeSettlementLine::eligible)
                .filter(n -> n.stake() < 10_000_000_000_000L && !n.nodeId().equals(dealer.nodeId())).findFirst().orElseThrow();
        String newWallet = TestNode.aWallet();
        jdbc.update("INSERT INTO node_wallet_binding (node_id, wallet, previous_wallet, signature, bound_at)"
                + " VALUES (?, ?, ?, 'signed', NOW(6))", dealer.nodeId(), newWallet, dealer.ownerWallet());
        jdbc.update("UPDATE node SET owner_wallet = ?, owner_bound_at = NOW(6) WHERE node_id = ?", newWallet, dealer.nodeId());
        jdbc.update("INSERT INTO stake_change (node_id, previous_stake, new_stake, changed_by, reason, changed_at)"
                + " VALUES (?, ?, 20000000000000, 'ops', 'new stake', NOW(6))", staked.nodeId(), staked.stake());
        jdbc.update("UPDATE node SET stake = 20000000000000, stake_changed_at = NOW(6) WHERE node_id = ?", staked.nodeId());

        SettlementRun second = settlement.rerun(window, "audit after a re-binding", "carol");

        assertThat(runs.nodes(second.id())).usingRecursiveFieldByFieldElementComparator().isEqualTo(settled);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger_entry WHERE run_id = ?", Long.class, second.id())).isZero();
    }

    @Test
    void anIdenticalRerunChangesNothingInTheLedger() {
        SettlementWindow window = aWindowWithCalls();
        SettlementRun first = settlement.settle(window);

        SettlementRun second = settlement.rerun(window, "audit request", "bob");

        assertThat(second.inputSha256()).isEqualTo(first.inputSha256());
        assertThat(runs.nodes(second.id())).usingRecursiveFieldByFieldElementComparator()
                .isEqualTo(runs.nodes(first.id()));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger_entry WHERE run_id = ?", Long.class, second.id())).isZero();
    }

    @Test
    void refusesWindowsThatAreNotDueAndBadRequestsWritingNothing() {
        SettlementWindow current = SettlementWindow.containing(Instant.now(), Duration.ofHours(2));
        long before = jdbc.queryForObject("SELECT COUNT(*) FROM settlement_run", Long.class);

        assertThatThrownBy(() -> settlement.settle(current.next())).hasMessageContaining("is not due");
        assertThatThrownBy(() -> settlement.settle(current)).hasMessageContaining("is not due");
        assertThatThrownBy(() -> settlement.window("2026-11-25T11:00Z")).hasMessageContaining("boundary");
        assertThatThrownBy(() -> settlement.window("tomorrow")).hasMessageContaining("not an ISO-8601");
        SettlementWindow window = aWindowWithCalls();
        assertThatThrownBy(() -> settlement.rerun(window, "", "x")).hasMessageContaining("reason");
        assertThatThrownBy(() -> settlement.rerun(window, "why", "ops")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("has not been settled yet");

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM settlement_run", Long.class)).isEqualTo(before);
    }

    @Test
    void settlingAnAlreadySettledWindowIsRefused() {
        SettlementWindow window = aWindowWithCalls();
        settlement.settle(window);

        assertThatThrownBy(() -> settlement.settle(window)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("already settled (revision 1)");
    }

    @Test
    void twoSimultaneousSettlementsOfOneWindowGiveOneRevisionOne() throws Exception {
        SettlementWindow window = aWindowWithCalls();
        ExecutorService two = Executors.newFixedThreadPool(2);
        Callable<String> settle = () -> {
            try {
                return "settled revision " + settlement.settle(window).revision();
            } catch (ConflictException e) {
                return "refused";
            }
        };

        List<Future<String>> outcomes = two.invokeAll(List.of(settle, settle));
        two.shutdown();

        assertThat(List.of(outcomes.get(0).get(), outcomes.get(1).get()))
                .containsExactlyInAnyOrder("settled revision 1", "refused");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM settlement_run WHERE window_start = ?", Long.class,
                UtcTimestamps.of(window.start()))).isEqualTo(1);
    }

    @Test
    void aWindowLockedByAnotherHubProcessIsRefusedWritingNothing() throws Exception {
        SettlementWindow window = aWindowWithCalls();
        TestDatabase db = TestDatabase.get();
        try (Connection otherHub = DriverManager.getConnection(db.url(), db.user(), db.password());
             Statement statement = otherHub.createStatement()) {
            try (ResultSet locked = statement.executeQuery("SELECT GET_LOCK('" + WindowLocks.lockName(window) + "', 0)")) {
                assertThat(locked.next() && locked.getInt(1) == 1).isTrue();
            }

            assertThatThrownBy(() -> settlement.settle(window)).isInstanceOf(ConflictException.class)
                    .hasMessageContaining("is being settled right now by another run");
            assertThat(runs.latest(window)).isEmpty();
            // released here, not by the close: the server may take a moment to notice a closed connection
            statement.execute("DO RELEASE_LOCK('" + WindowLocks.lockName(window) + "')");
        }

        assertThat(settlement.settle(window).revision()).isEqualTo(1);
    }
}
