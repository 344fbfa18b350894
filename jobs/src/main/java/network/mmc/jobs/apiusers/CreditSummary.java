package network.mmc.jobs.apiusers;

/**
 * An API user's credits: {@code balance} = Σ of the ledger = granted − held − spent, never negative. {@code held} is
 * reserved for task units not finished yet, {@code spent} charged for verified units.
 */
public record CreditSummary(String user, String wallet, long balance, long granted, long held, long spent) {
}
