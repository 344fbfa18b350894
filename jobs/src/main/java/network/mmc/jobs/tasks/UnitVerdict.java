package network.mmc.jobs.tasks;

/**
 * What a {@link TaskKindHandler} makes of a node's answer to a unit.
 *
 * @param right   accepted: the unit is DONE and charged; not right: WRONG_RESULT, the unit runs elsewhere and the
 *                node gets no more units of the task
 * @param result  what the task's result is assembled from (stored with the unit), when right
 * @param checked the answer was verified (recomputed, or checked by an exact test) rather than accepted unchecked: it
 *                counts in the node's track record ({@link SpotCheckRate}); a wrong answer is always a checked one
 * @param detail  why it is wrong, when it is, or why the unit cannot be computed
 * @param unfit   the node was right to refuse the unit: the user's inputs cannot be computed (the Hub found the same),
 *                so the unit fails with its task at once, the node's attempt is a SUCCESS that costs the user nothing
 */
public record UnitVerdict(boolean right, byte[] result, boolean checked, String detail, boolean unfit) {

    public static UnitVerdict verified(byte[] result) {
        return new UnitVerdict(true, result, true, null, false);
    }

    public static UnitVerdict unchecked(byte[] result) {
        return new UnitVerdict(true, result, false, null, false);
    }

    public static UnitVerdict wrong(String detail) {
        return new UnitVerdict(false, null, true, detail, false);
    }

    /** The node said the unit cannot be computed, and the Hub's own run of it agrees. */
    public static UnitVerdict unfit(String detail) {
        return new UnitVerdict(true, null, true, detail, true);
    }
}
