package network.mmc.ledger;

/** An accepted withdrawal request no distribution version holds yet. */
public record WaitingRequest(long id, String wallet, long amount) {
}
