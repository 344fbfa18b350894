package network.mmc.jobs.staking;

/**
 * A signed stake transaction the Hub sent: its {@code signature} and, once the sync recorded it, the
 * {@code transfer} (CREDITED, or REPORTED with the reason); null while it is not seen confirmed yet (the next sync
 * records it).
 */
public record StakeSubmission(String signature, StakeTransfer transfer) {

    public boolean recorded() {
        return transfer != null;
    }
}
