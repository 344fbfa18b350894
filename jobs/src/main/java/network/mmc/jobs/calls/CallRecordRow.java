package network.mmc.jobs.calls;

import java.time.Instant;
import network.mmc.settlement.CallStatus;
import network.mmc.settlement.CallerType;

/** A validated call record, ready to store. Nullable: callerId, callerWallet, taskType, latencyMs, calledAt. */
public record CallRecordRow(
        String eventId,
        String nodeId,
        CallerType callerType,
        String callerId,
        String callerWallet,
        String taskType,
        CallStatus status,
        long credits,
        Integer latencyMs,
        Instant calledAt,
        Instant recordedAt) {
}
