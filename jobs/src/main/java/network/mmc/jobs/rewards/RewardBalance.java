package network.mmc.jobs.rewards;

import network.mmc.ledger.Balance;

/** A wallet's settled balance (Σ ledger), what it has requested so far, and what it may still request. */
public record RewardBalance(String wallet, long settled, long requested, long withdrawable) {

    static RewardBalance of(String wallet, Balance balance) {
        return new RewardBalance(wallet, balance.settled(), balance.requested(), balance.withdrawable());
    }
}
