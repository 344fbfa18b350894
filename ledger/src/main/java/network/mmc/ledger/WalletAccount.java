package network.mmc.ledger;

/**
 * What the withdrawal rules read of a wallet, under its lock.
 *
 * @param hasLedger whether any ledger line was ever posted to it
 * @param lastNonce the nonce of its last accepted request, 0 before the first
 */
public record WalletAccount(String wallet, boolean hasLedger, long lastNonce, Balance balance) {
}
