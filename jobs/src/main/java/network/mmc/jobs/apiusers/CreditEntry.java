package network.mmc.jobs.apiusers;

import java.time.Instant;

/**
 * One line of an API user's credit ledger: GRANT (+), HOLD (−price of a task unit), RELEASE (+price when the unit
 * ends) and CHARGE (−price when it ended verified). {@code taskId}/{@code unitIndex} are null for a grant, and
 * {@code reason}/{@code createdBy} null for the others.
 */
public record CreditEntry(long id, String kind, long amount, String taskId, Integer unitIndex, String reason,
                          String createdBy, Instant createdAt) {
}
