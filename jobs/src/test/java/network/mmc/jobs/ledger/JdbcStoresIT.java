package network.mmc.jobs.ledger;

import java.time.Instant;
import java.util.List;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.jobs.rewards.Distributions;
import network.mmc.jobs.support.HubIntegrationTest;
import network.mmc.ledger.DistributionStore;
import network.mmc.ledger.DistributionStoreContract;
import network.mmc.ledger.LedgerModelRun;
import network.mmc.ledger.LedgerStep;
import network.mmc.ledger.LedgerSteps;
import network.mmc.ledger.LedgerStore;
import network.mmc.ledger.LedgerStoreContract;
import network.mmc.ledger.RunStore;
import network.mmc.ledger.RunStoreContract;
import network.mmc.ledger.WithdrawalStore;
import network.mmc.ledger.WithdrawalStoreContract;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The database's stores pass the ledger's store contracts, and the domain over them agrees with the model. */
class JdbcStoresIT extends HubIntegrationTest {

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    JdbcLedgerStore ledger;

    @Autowired
    JdbcWithdrawalStore withdrawals;

    @Autowired
    Distributions distributions;

    /** A COMPLETED run row, as the settlement writes one, for ledger lines to refer to. */
    private long newRun(Instant windowStart, int revision) {
        return storeRun(windowStart, revision, "COMPLETED");
    }

    private long storeRun(Instant windowStart, int revision, String status) {
        jdbc.update("INSERT INTO settlement_run (window_start, window_end, revision, status, pool, allocated, unallocated,"
                        + " input_sha256, node_count, call_count, job_execution_id, completed_at)"
                        + " VALUES (?, ?, ?, ?, 0, 0, 0, ?, 0, 0, 0, NOW(6))",
                UtcTimestamps.of(windowStart), UtcTimestamps.of(windowStart.plusSeconds(7200)), revision, status,
                "0".repeat(64));
        return jdbc.queryForObject("SELECT id FROM settlement_run WHERE window_start = ? AND revision = ?", Long.class,
                UtcTimestamps.of(windowStart), revision);
    }

    @Nested
    class Ledger extends LedgerStoreContract {

        @Override
        protected LedgerStore store() {
            return ledger;
        }

        @Override
        protected long newRun(Instant windowStart, int revision) {
            return JdbcStoresIT.this.newRun(windowStart, revision);
        }

        @Override
        protected void inUnitOfWork(Runnable work) {
            new TransactionTemplate(transactions).executeWithoutResult(status -> work.run());
        }
    }

    @Nested
    class Runs extends RunStoreContract {

        @Override
        protected RunStore store() {
            return runs;
        }

        @Override
        protected void storeRun(Instant windowStart, int revision, boolean completed) {
            JdbcStoresIT.this.storeRun(windowStart, revision, completed ? "COMPLETED" : "FAILED");
        }
    }

    @Nested
    class Withdrawals extends WithdrawalStoreContract {

        @Override
        protected WithdrawalStore store() {
            return withdrawals;
        }
    }

    @Nested
    class DistributionVersions extends DistributionStoreContract {

        @Override
        protected WithdrawalStore withdrawals() {
            return withdrawals;
        }

        @Override
        protected DistributionStore distributions() {
            return distributions;
        }
    }

    @Test
    void theDomainOverTheDatabaseAgreesWithTheModel() {
        List<List<LedgerStep>> sequences = LedgerSteps.sequences(15).sampleStream().limit(6).toList();
        for (List<LedgerStep> steps : sequences) {
            LedgerModelRun.run(new LedgerModelRun.Stores(ledger, withdrawals, distributions, runs, this::newRun), steps);
        }
    }
}
