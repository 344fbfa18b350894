package network.mmc.jobs.staking;

/**
 * The text a wallet signs to take back what it staked for a node (SETTLEMENT.md §9). The hub id stops replay against
 * another deployment, the nonce (strictly greater than the wallet's last accepted one) replay against this one.
 */
public final class UnstakeMessage {

    private UnstakeMessage() {
    }

    public static String of(String hubId, String wallet, String nodeId, long amount, long nonce) {
        return "MMC-UNSTAKE\nhub:" + hubId + "\nwallet:" + wallet + "\nnode:" + nodeId + "\namount:" + amount
                + "\nnonce:" + nonce;
    }

    /** The checks that need nothing stored: a positive amount and a positive nonce. */
    static void checkShape(Long amount, Long nonce) {
        if (amount == null || amount <= 0) {
            throw new IllegalArgumentException("amount must be a positive number of base units, got " + amount);
        }
        if (nonce == null || nonce <= 0) {
            throw new IllegalArgumentException("nonce must be a positive integer, got " + nonce);
        }
    }
}
