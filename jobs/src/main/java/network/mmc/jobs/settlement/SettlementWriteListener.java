package network.mmc.jobs.settlement;

import network.mmc.settlement.SettlementWindow;

/**
 * Hears the write step inside its transaction, once the run and its node rows are written and before the ledger
 * entries: whatever a listener throws rolls all of it back. The Hub registers none; tests register one to crash a
 * settlement or cut its connection at that point.
 */
public interface SettlementWriteListener {

    void beforeLedger(SettlementWindow window);
}
