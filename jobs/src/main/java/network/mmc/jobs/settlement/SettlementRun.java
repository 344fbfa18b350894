package network.mmc.jobs.settlement;

import java.time.Instant;

/** A completed settlement run (one revision of one window). */
public record SettlementRun(long id, Instant windowStart, Instant windowEnd, int revision, String status, long pool,
                            long allocated, long unallocated, Double cap, String inputSha256, int nodeCount,
                            long callCount, String reason, String operator, long jobExecutionId, Instant completedAt) {
}
