package network.mmc.jobs.reports;

import java.time.Instant;
import java.util.List;
import network.mmc.ledger.SettledReconciliation;

/**
 * The windows starting in {@code [from, to)}, each at its latest completed revision, with totals per wallet and per
 * node, and the reconciliation: Σ ledger = Σ allocations per window and wallet, and the withdrawal stages.
 */
public record PeriodReport(Instant from, Instant to, List<Window> windows, List<WalletTotal> wallets,
                           List<NodeTotal> nodes, SettledReconciliation.Result settled, WithdrawalStages withdrawals) {

    public record Window(Instant start, int revision, long pool, long allocated, long unallocated, int nodes) {
    }

    /** @param settled Σ the wallet's ledger lines of the period's windows */
    public record WalletTotal(String wallet, long settled) {
    }

    public record NodeTotal(String nodeId, String ownerWallet, long reward) {
    }

    public boolean balances() {
        return settled.balances() && withdrawals.problems().isEmpty();
    }

    public long pool() {
        return windows.stream().mapToLong(Window::pool).sum();
    }

    public long allocated() {
        return windows.stream().mapToLong(Window::allocated).sum();
    }

    public long unallocated() {
        return windows.stream().mapToLong(Window::unallocated).sum();
    }
}
