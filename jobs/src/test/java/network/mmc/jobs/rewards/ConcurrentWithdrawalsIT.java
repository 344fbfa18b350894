package network.mmc.jobs.rewards;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import network.mmc.jobs.support.HubClient;
import network.mmc.jobs.support.HubIntegrationTest;
import network.mmc.ledger.DistributionPlanner;
import network.mmc.ledger.PlannedDistribution;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import static org.assertj.core.api.Assertions.assertThat;

/** Many signed withdrawals of one wallet at once, over HTTP: none overspends, none fails with a server error. */
class ConcurrentWithdrawalsIT extends HubIntegrationTest {

    private static final int PARALLEL = 20;
    private static final Duration LOCK_WAIT_DEADLINE = Duration.ofSeconds(30);

    @Autowired
    DataSource dataSource;

    @Autowired
    Distributions distributions;

    @Test
    void parallelFirstWithdrawalsOfWalletsNeverSpendMoreThanTheirBalance() throws Exception {
        List<WalletOwner> owners = IntStream.range(0, 4).mapToObj(i -> owner(1_000)).toList();
        List<Attempt> attempts = new ArrayList<>();
        for (WalletOwner owner : owners) {
            IntStream.rangeClosed(1, PARALLEL).forEach(nonce -> attempts.add(new Attempt(owner, 300, nonce)));
        }

        Map<Attempt, HubClient.Response> responses = inParallel(attempts);

        for (WalletOwner owner : owners) {
            assertNeverOverspent(owner, 0, List.of(), responses);
        }
    }

    @Test
    void parallelWithdrawalsOfAWalletWithEarlierWithdrawalsNeverSpendMoreThanItsBalance() throws Exception {
        WalletOwner owner = owner(1_000);
        assertThat(owner.withdraw(100, 1).status()).isEqualTo(201);
        List<Attempt> attempts = IntStream.rangeClosed(2, PARALLEL + 1).mapToObj(nonce -> new Attempt(owner, 250, nonce))
                .toList();

        Map<Attempt, HubClient.Response> responses = inParallel(attempts);

        assertNeverOverspent(owner, 100, List.of(1L), responses);
    }

    @Test
    void parallelRequestsReusingOneNonceAreAcceptedOnce() throws Exception {
        WalletOwner owner = owner(1_000);
        List<Attempt> attempts = IntStream.range(0, PARALLEL).mapToObj(i -> new Attempt(owner, 10 + i, 7)).toList();

        Map<Attempt, HubClient.Response> responses = inParallel(attempts);

        assertThat(responses.values()).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(responses.values()).filteredOn(r -> r.status() != 201).hasSize(PARALLEL - 1)
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(409))
                .allSatisfy(r -> assertThat(detail(r)).startsWith("nonce 7 is not greater than the wallet's last nonce 7"));
        assertNeverOverspent(owner, 0, List.of(), responses);
    }

    @Test
    void aFirstWithdrawalThatWaitedForTheWalletSeesTheWithdrawalCommittedMeanwhile() throws Exception {
        WalletOwner owner = owner(1_000);
        assertRefusedAfterWaiting(owner, OtherHubWithdrawal.firstOfWallet(dataSource, owner, 600, 1), 2);
    }

    @Test
    void aLaterWithdrawalThatWaitedForTheWalletSeesTheWithdrawalCommittedMeanwhile() throws Exception {
        WalletOwner owner = owner(1_000);
        assertThat(owner.withdraw(100, 1).status()).isEqualTo(201);
        assertRefusedAfterWaiting(owner, OtherHubWithdrawal.laterOfWallet(dataSource, owner, 500, 2), 3);
    }

    /**
     * Asks for 600 while {@code other} holds the wallet with an uncommitted withdrawal leaving 400, then commits it:
     * the waiting request must see that withdrawal and be refused.
     */
    private void assertRefusedAfterWaiting(WalletOwner owner, OtherHubWithdrawal other, long nonce) throws Exception {
        HubClient.Response response;
        try (other) {
            CompletableFuture<HubClient.Response> waiting = CompletableFuture.supplyAsync(() -> owner.withdraw(600, nonce));
            awaitLockWaitOn("reward_wallet");
            other.commit();
            response = waiting.get(60, TimeUnit.SECONDS);
        }

        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(detail(response)).startsWith("amount 600 exceeds the withdrawable balance 400 ");
        assertThat(owner.rewards().body().get("withdrawable").asLong()).isEqualTo(400);
    }

    @Test
    void aReplayIsRefusedAtOnceWhileAnotherWithdrawalOfTheWalletIsBeingStored() throws Exception {
        WalletOwner owner = owner(1_000);
        assertThat(owner.withdraw(100, 1).status()).isEqualTo(201);
        HubClient.Response replay;
        try (OtherHubWithdrawal other = OtherHubWithdrawal.laterOfWallet(dataSource, owner, 200, 2)) {
            replay = CompletableFuture.supplyAsync(() -> owner.withdraw(100, 1)).get(30, TimeUnit.SECONDS);
        }

        assertThat(replay.status()).as(replay.text()).isEqualTo(409);
        assertThat(detail(replay)).startsWith("nonce 1 is not greater than the wallet's last nonce 1 ");
        assertThat(jdbc.queryForList("SELECT nonce FROM withdrawal_request WHERE wallet = ?", Long.class, owner.wallet))
                .containsExactly(1L);
    }

    @Test
    void anExportHoldsExactlyTheRequestsItTakesWhileNewRequestsArrive() throws Exception {
        WalletOwner stillStoring = owner(1_000);
        WalletOwner stored = owner(1_000);
        Long version = null;
        try {
            try (OtherHubWithdrawal other = OtherHubWithdrawal.firstOfWallet(dataSource, stillStoring, 600, 1)) {
                assertThat(stored.withdraw(300, 1).status()).isEqualTo(201);
                CompletableFuture<PlannedDistribution> export = CompletableFuture.supplyAsync(() ->
                        distributions.createNext(DistributionPlanner::next).orElseThrow());
                awaitLockWaitOn("withdrawal_request");
                other.commit();
                version = export.get(60, TimeUnit.SECONDS).version();
            }

            Map<String, Long> leaves = sums("SELECT wallet, cumulative FROM distribution_leaf WHERE version = ?", version);
            Map<String, Long> requested = sums("SELECT wallet, SUM(amount) FROM withdrawal_request WHERE version <= ?"
                    + " GROUP BY wallet", version);
            assertThat(leaves).containsEntry(stillStoring.wallet, 600L).containsEntry(stored.wallet, 300L)
                    .isEqualTo(requested);
            assertThat(distributions.version(version).orElseThrow().total())
                    .isEqualTo(requested.values().stream().mapToLong(Long::longValue).sum());
        } finally {
            if (version != null) {
                forget(version);
            }
        }
    }

    private WalletOwner owner(long settled) {
        return WalletOwner.withSettled(settled, jdbc, hub());
    }

    private record Attempt(WalletOwner owner, long amount, long nonce) {
    }

    /** Sends every attempt at once (each on a thread of its own, released together) and waits for every answer. */
    private static Map<Attempt, HubClient.Response> inParallel(List<Attempt> attempts) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(attempts.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            Map<Attempt, Future<HubClient.Response>> pending = new HashMap<>();
            for (Attempt attempt : attempts) {
                pending.put(attempt, threads.submit(() -> {
                    start.await();
                    return attempt.owner().withdraw(attempt.amount(), attempt.nonce());
                }));
            }
            start.countDown();
            Map<Attempt, HubClient.Response> responses = new HashMap<>();
            for (Map.Entry<Attempt, Future<HubClient.Response>> entry : pending.entrySet()) {
                responses.put(entry.getKey(), entry.getValue().get(120, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * Every attempt of the owner got 201 or a 4xx naming its reason; what was accepted fits the balance left
     * after the earlier requests, and is exactly what is stored beside them.
     */
    private void assertNeverOverspent(WalletOwner owner, long requestedBefore, List<Long> earlierNonces,
                                      Map<Attempt, HubClient.Response> responses) {
        Map<Attempt, HubClient.Response> mine = new HashMap<>(responses);
        mine.keySet().removeIf(attempt -> attempt.owner() != owner);
        mine.forEach((attempt, response) -> {
            switch (response.status()) {
                case 201 -> assertThat(response.body().get("amount").asLong()).isEqualTo(attempt.amount());
                case 400 -> assertThat(detail(response)).startsWith("amount " + attempt.amount()
                        + " exceeds the withdrawable balance ");
                case 409 -> assertThat(detail(response)).startsWith("nonce " + attempt.nonce() + " is not greater than");
                default -> throw new AssertionError("attempt " + attempt.nonce() + " got " + response.status() + ": "
                        + response.text());
            }
        });
        List<Long> acceptedNonces = mine.entrySet().stream().filter(e -> e.getValue().status() == 201)
                .map(e -> e.getKey().nonce()).toList();
        long accepted = mine.entrySet().stream().filter(e -> e.getValue().status() == 201)
                .mapToLong(e -> e.getKey().amount()).sum();
        assertThat(acceptedNonces).isNotEmpty();
        assertThat(requestedBefore + accepted).isLessThanOrEqualTo(owner.settled);
        JsonNode view = owner.rewards().body();
        assertThat(view.get("requested").asLong()).isEqualTo(requestedBefore + accepted);
        assertThat(view.get("withdrawable").asLong()).isEqualTo(owner.settled - requestedBefore - accepted)
                .isNotNegative();
        List<Long> stored = new ArrayList<>(earlierNonces);
        stored.addAll(acceptedNonces);
        assertThat(jdbc.queryForList("SELECT nonce FROM withdrawal_request WHERE wallet = ?", Long.class, owner.wallet))
                .containsExactlyInAnyOrderElementsOf(stored);
    }

    private static String detail(HubClient.Response response) {
        assertThat(response.body()).as("a problem body: " + response.text()).isNotNull();
        return response.body().get("detail").asString();
    }

    /** Waits until a transaction on this test's database is blocked on a row lock by a statement on {@code table}. */
    private void awaitLockWaitOn(String table) throws InterruptedException {
        Instant deadline = Instant.now().plus(LOCK_WAIT_DEADLINE);
        while (jdbc.queryForObject("SELECT COUNT(*) FROM information_schema.INNODB_TRX t"
                + " JOIN information_schema.PROCESSLIST p ON p.ID = t.trx_mysql_thread_id"
                + " WHERE p.DB = DATABASE() AND t.trx_state = 'LOCK WAIT' AND t.trx_query LIKE ?", Long.class,
                "%" + table + "%") == 0) {
            assertThat(Instant.now()).as(() -> "a statement on " + table + " waiting for a lock; statements: "
                    + jdbc.queryForList("SELECT STATE, INFO FROM information_schema.PROCESSLIST"
                    + " WHERE DB = DATABASE() AND COMMAND <> 'Sleep'")).isBefore(deadline);
            // InnoDB refreshes INNODB_TRX only after 100 ms without a read of it: faster polling would starve it
            Thread.sleep(200);
        }
    }

    private Map<String, Long> sums(String sql, long version) {
        Map<String, Long> sums = new HashMap<>();
        jdbc.query(sql, row -> {
            sums.put(row.getString(1), row.getLong(2));
        }, version);
        return sums;
    }

    /** Takes the test's version back out, so that no other test's export finds it pending. */
    private void forget(long version) {
        jdbc.update("UPDATE withdrawal_request SET version = NULL WHERE version = ?", version);
        jdbc.update("DELETE FROM distribution_leaf WHERE version = ?", version);
        jdbc.update("DELETE FROM distribution WHERE version = ?", version);
    }

    /**
     * A withdrawal that another Hub instance on the same database is storing: the wallet's row locked (or
     * created, for its first withdrawal), the request inserted and the nonce moved, not yet committed.
     */
    private static final class OtherHubWithdrawal implements AutoCloseable {

        private final Connection connection;

        private OtherHubWithdrawal(DataSource dataSource, WalletOwner owner, long amount, long nonce, String lockWallet)
                throws SQLException {
            connection = dataSource.getConnection();
            connection.setAutoCommit(false);
            execute(lockWallet, owner.wallet);
            execute("INSERT INTO withdrawal_request (wallet, amount, nonce, signature, status, requested_at)"
                    + " VALUES (?, ?, ?, ?, 'REQUESTED', UTC_TIMESTAMP(6))", owner.wallet, amount, nonce,
                    owner.sign(amount, nonce));
            execute("UPDATE reward_wallet SET last_nonce = ? WHERE wallet = ?", nonce, owner.wallet);
        }

        static OtherHubWithdrawal firstOfWallet(DataSource dataSource, WalletOwner owner, long amount, long nonce)
                throws SQLException {
            return new OtherHubWithdrawal(dataSource, owner, amount, nonce,
                    "INSERT INTO reward_wallet (wallet, last_nonce) VALUES (?, 0)");
        }

        static OtherHubWithdrawal laterOfWallet(DataSource dataSource, WalletOwner owner, long amount, long nonce)
                throws SQLException {
            return new OtherHubWithdrawal(dataSource, owner, amount, nonce,
                    "SELECT last_nonce FROM reward_wallet WHERE wallet = ? FOR UPDATE");
        }

        private void execute(String sql, Object... parameters) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                statement.execute();
            }
        }

        void commit() throws SQLException {
            connection.commit();
        }

        @Override
        public void close() throws SQLException {
            connection.rollback();
            connection.close();
        }
    }
}
