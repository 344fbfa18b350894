package network.mmc.jobs.token;

/** Base units minted into the treasury, the transaction, and the treasury's balance after it. */
public record MintedEmission(String treasury, long amount, String signature, long treasuryBalance) {
}
