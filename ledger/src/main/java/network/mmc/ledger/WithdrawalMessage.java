package network.mmc.ledger;

/** The text an owner signs to withdraw (SETTLEMENT.md §7). */
public final class WithdrawalMessage {

    private WithdrawalMessage() {
    }

    public static String of(String hubId, String wallet, long amount, long nonce) {
        return "MMC-WITHDRAW\nhub:" + hubId + "\nwallet:" + wallet + "\namount:" + amount + "\nnonce:" + nonce;
    }
}
