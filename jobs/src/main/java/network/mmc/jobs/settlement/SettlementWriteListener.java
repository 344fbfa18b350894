package network.mmc.jobs.settlement;

import network.mmc.settlement.SettlementWindow;

/**
 * Hears the write step inside its transaction: whatever a listener throws or writes is rolled back with the run.
 * Tests register one to crash a settlement or cut its connection before the ledger; the Hub's mail writes the
 * run's messages to the outbox after it ({@code mail/RunMails}).
 */
public interface SettlementWriteListener {

    /** The run and its node rows are written, the ledger entries not yet. */
    default void beforeLedger(SettlementWindow window) {
    }

    /** The run, its node rows and its ledger entries are written (not committed) under {@code runId}. */
    default void afterLedger(long runId, SettlementWindow window) {
    }
}
