package network.mmc.jobs.calls;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One record of {@code POST /api/calls} as the OpenAPI document describes it. The body is read token by token by
 * {@link JsonCallRecord}, not bound to a class: this record only gives the document the fields and rules that
 * {@link CallField} and {@link CallRowValidator} apply.
 */
@Schema(name = "CallRecord", description = "A call record. A record that breaks a rule is not stored and is listed in"
        + " the answer's `rejected` with its position and reason; the other records of the batch are stored.")
record CallRecordSchema(
        @JsonProperty("event_id") @Schema(requiredMode = RequiredMode.REQUIRED, minLength = 1,
                maxLength = CallRowValidator.MAX_EVENT_ID, pattern = ID, description = "unique per record: a re-sent"
                + " event id is a duplicate and stores nothing") String eventId,
        @JsonProperty("node_id") @Schema(requiredMode = RequiredMode.REQUIRED, minLength = 1,
                maxLength = CallRowValidator.MAX_NODE_ID, pattern = ID, description = "a registered node")
        String nodeId,
        @JsonProperty("caller_type") @Schema(requiredMode = RequiredMode.REQUIRED,
                allowableValues = {"API_USER", "VALIDATOR", "HUB"}) String callerType,
        @JsonProperty("caller_id") @Schema(minLength = 1, maxLength = CallRowValidator.MAX_CALLER_ID, pattern = ID)
        String callerId,
        @JsonProperty("caller_wallet") @Schema(description = "a Solana address: base58 of exactly 32 bytes",
                pattern = "^[1-9A-HJ-NP-Za-km-z]+$") String callerWallet,
        @JsonProperty("task_type") @Schema(minLength = 1, maxLength = CallRowValidator.MAX_TASK_TYPE, pattern = ID)
        String taskType,
        @JsonProperty("status") @Schema(requiredMode = RequiredMode.REQUIRED,
                allowableValues = {"SUCCESS", "FAILED", "TIMEOUT", "WRONG_RESULT"}) String status,
        @JsonProperty("credits") @Schema(requiredMode = RequiredMode.REQUIRED, minimum = "0", description = "a whole"
                + " number up to mmc.ingest.max-credits (10^6 by default)") long credits,
        @JsonProperty("latency_ms") @Schema(minimum = "0", maximum = "2147483647") Integer latencyMs,
        @JsonProperty("called_at") @Schema(format = "date-time", description = "ISO-8601 with offset, at most"
                + " microseconds; at most mmc.ingest.max-future-skew after its receipt and mmc.ingest.max-age before")
        String calledAt) {

    static final String ID = "^[A-Za-z0-9._:-]+$";
}
