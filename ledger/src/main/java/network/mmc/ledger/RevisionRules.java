package network.mmc.ledger;

import java.time.Instant;
import java.util.OptionalInt;

/**
 * Which revision a run of a window writes (SETTLEMENT.md §6): revision 1 is the scheduled run, a manual re-run with a
 * reason and an operator writes r+1 over the latest completed revision r; only the latest completed revision counts.
 */
public final class RevisionRules {

    private RevisionRules() {
    }

    /** The scheduled run: revision 1, refused once the window has a completed revision. */
    public static int scheduled(Instant windowStart, OptionalInt latestCompleted) {
        if (latestCompleted.isPresent()) {
            throw new RevisionRefusedException("window " + windowStart + " is already settled (revision "
                    + latestCompleted.getAsInt() + "); a new revision needs a re-run with a reason and an operator");
        }
        return 1;
    }

    /** A manual re-run: the revision after the latest completed one, refused while the window has none. */
    public static int rerun(Instant windowStart, OptionalInt latestCompleted) {
        if (latestCompleted.isEmpty()) {
            throw new RevisionRefusedException("window " + windowStart
                    + " has not been settled yet; settle it before re-running it");
        }
        return Math.addExact(latestCompleted.getAsInt(), 1);
    }
}
