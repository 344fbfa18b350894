package network.mmc.jobs.rewards;

/** A wallet's settled balance (Σ ledger), what it has requested so far, and what it may still request. */
public record RewardBalance(String wallet, long settled, long requested, long withdrawable) {
}
