package network.mmc.ledger;

import network.mmc.ledger.ClaimRefusedException.Reason;

/**
 * Whether a claim pays, and how much (SETTLEMENT.md §9). The caller has verified the wallet's signature over the
 * claim and the Merkle proof; these are the checks of the version and the numbers. A claim pays
 * {@code cumulative − claimed}, so that what a wallet claims in all never exceeds the cumulative amount of a
 * confirmed version: an old proof, or the same one twice, pays nothing more.
 */
public final class ClaimRules {

    private ClaimRules() {
    }

    /** The checks that need nothing stored: a positive version and a positive cumulative amount. */
    public static void checkShape(Long version, Long cumulative) {
        if (version == null || version <= 0) {
            throw new ClaimRefusedException(Reason.MALFORMED, "version must be a positive distribution version, got "
                    + version);
        }
        if (cumulative == null || cumulative <= 0) {
            throw new ClaimRefusedException(Reason.MALFORMED, "cumulative must be a positive number of base units, got "
                    + cumulative);
        }
    }

    /**
     * @param status the version's stored status, null when there is no such version
     */
    public static void checkConfirmed(long version, String status) {
        if (status == null) {
            throw new ClaimRefusedException(Reason.UNKNOWN_VERSION, "there is no distribution v" + version);
        }
        if (!"CONFIRMED".equals(status)) {
            throw new ClaimRefusedException(Reason.NOT_CONFIRMED, "distribution v" + version + " is " + status
                    + ", not CONFIRMED: its root is not confirmed on chain yet, nothing can be claimed from it");
        }
    }

    /**
     * @param leafCumulative the wallet's cumulative amount in the version, null when the version has no leaf for it
     * @param proofVerifies  whether the proof of (wallet, cumulative) leads to the version's root
     */
    public static void checkLeaf(String wallet, long version, long cumulative, Long leafCumulative,
                                 boolean proofVerifies) {
        if (leafCumulative == null) {
            throw new ClaimRefusedException(Reason.NOT_IN_VERSION, "wallet " + wallet + " has no leaf in distribution v"
                    + version);
        }
        if (!proofVerifies) {
            throw new ClaimRefusedException(Reason.PROOF_INVALID, "the Merkle proof of wallet " + wallet
                    + " with cumulative " + cumulative + " does not verify against the root of distribution v" + version
                    + (leafCumulative == cumulative ? "" : " (its leaf there has cumulative " + leafCumulative + ")"));
        }
    }

    /**
     * What the claim pays: {@code cumulative − claimed}, refused when that is not positive.
     *
     * @param claimed what the wallet's earlier claims pay in all, confirmed or still in flight
     */
    public static long payable(String wallet, long version, long cumulative, long claimed) {
        long payable = Math.subtractExact(cumulative, claimed);
        if (payable <= 0) {
            throw new ClaimRefusedException(Reason.NOTHING_TO_CLAIM, "nothing new to claim: wallet " + wallet
                    + " has claimed " + claimed + " base units, and its cumulative amount in distribution v" + version
                    + " is " + cumulative);
        }
        return payable;
    }
}
