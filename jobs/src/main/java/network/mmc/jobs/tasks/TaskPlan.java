package network.mmc.jobs.tasks;

import java.util.List;

/** A task request checked and cut into units by its {@link TaskKindHandler}: what the queue and the ledger hold. */
public interface TaskPlan {

    /** The most units one task is cut into: each is a row of the queue and of the credit ledger. */
    int MAX_UNITS = 10_000;

    /** In index order, from 0. */
    List<PlannedUnit> units();

    /** The bytes of the largest unit's answer, which the Hub stores as it is: the database must take it. */
    long largestAnswerBytes();

    /** What is held from the user's balance at submission: the sum of the units' prices. */
    default long estimate() {
        return units().stream().mapToLong(PlannedUnit::price).sum();
    }
}
