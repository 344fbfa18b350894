package network.mmc.ledger;

/** The text a wallet signs to claim what a confirmed distribution version allows it (SETTLEMENT.md §9). */
public final class ClaimMessage {

    private ClaimMessage() {
    }

    public static String of(String hubId, String wallet, long version, long cumulative) {
        return "MMC-CLAIM\nhub:" + hubId + "\nwallet:" + wallet + "\nversion:" + version + "\ncumulative:" + cumulative;
    }
}
