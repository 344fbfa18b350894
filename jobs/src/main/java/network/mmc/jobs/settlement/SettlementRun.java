package network.mmc.jobs.settlement;

import java.time.Instant;
import java.util.Map;

/**
 * A completed settlement run (one revision of one window).
 *
 * @param lateCallCount records counted in this window whose {@code called_at} lies in another window (received
 *                      late, or early within the skew allowance); null for runs written before it was counted
 */
public record SettlementRun(long id, Instant windowStart, Instant windowEnd, int revision, String status, long pool,
                            long allocated, long unallocated, Double cap, String inputSha256, int nodeCount,
                            long callCount, String reason, String operator, long jobExecutionId, Instant completedAt,
                            Long lateCallCount, Map<String, String> parameters) {
}
