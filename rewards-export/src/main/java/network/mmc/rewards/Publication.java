package network.mmc.rewards;

/** A confirmed publishing transaction: its signature, its slot, and whether an earlier attempt had already landed. */
public record Publication(String signature, long slot, boolean foundFromEarlierAttempt) {
}
