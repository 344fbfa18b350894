package network.mmc.jobs.calls;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.function.Function;
import network.mmc.settlement.CallStatus;
import network.mmc.settlement.CallerType;

/** Checks every field of an incoming call record; the first problem found names the field and the value. */
final class CallRowValidator {

    static final int MAX_EVENT_ID = 128;
    private static final int MAX_TEXT = 128;
    private static final int MAX_WALLET = 44;

    private final Set<String> knownNodes;

    CallRowValidator(Set<String> knownNodes) {
        this.knownNodes = knownNodes;
    }

    /** @param field the raw text of each field, null or empty when absent */
    CallRecordRow validate(Function<CallField, String> field, Instant recordedAt) throws InvalidRowException {
        String eventId = required(field, CallField.EVENT_ID);
        if (eventId.length() > MAX_EVENT_ID) {
            throw new InvalidRowException("event_id is " + eventId.length() + " characters, at most " + MAX_EVENT_ID);
        }
        String nodeId = required(field, CallField.NODE_ID);
        if (!knownNodes.contains(nodeId)) {
            throw new InvalidRowException("unknown node '" + nodeId + "'");
        }
        CallerType callerType = enumOf(CallerType.class, field, CallField.CALLER_TYPE);
        CallStatus status = enumOf(CallStatus.class, field, CallField.STATUS);
        long credits = number(field, CallField.CREDITS);
        if (credits < 0) {
            throw new InvalidRowException("credits must be >= 0, got " + credits);
        }
        String latencyText = optional(field, CallField.LATENCY_MS, MAX_TEXT);
        Integer latency = null;
        if (latencyText != null) {
            long value = number(field, CallField.LATENCY_MS);
            if (value < 0 || value > Integer.MAX_VALUE) {
                throw new InvalidRowException("latency_ms must be between 0 and " + Integer.MAX_VALUE + ", got " + value);
            }
            latency = (int) value;
        }
        return new CallRecordRow(eventId, nodeId, callerType,
                optional(field, CallField.CALLER_ID, MAX_TEXT),
                optional(field, CallField.CALLER_WALLET, MAX_WALLET),
                optional(field, CallField.TASK_TYPE, MAX_TEXT),
                status, credits, latency, time(field, CallField.CALLED_AT), recordedAt);
    }

    private static String required(Function<CallField, String> field, CallField which) throws InvalidRowException {
        String value = optional(field, which, Integer.MAX_VALUE);
        if (value == null) {
            throw new InvalidRowException(which.column + " is missing");
        }
        return value;
    }

    private static String optional(Function<CallField, String> field, CallField which, int maxLength)
            throws InvalidRowException {
        String value = field.apply(which);
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() > maxLength) {
            throw new InvalidRowException(which.column + " is " + value.length() + " characters, at most " + maxLength);
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new InvalidRowException(which.column + " contains a control character");
            }
        }
        return value;
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, Function<CallField, String> field, CallField which)
            throws InvalidRowException {
        String value = required(field, which);
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new InvalidRowException(which.column + " '" + value + "' is not one of "
                    + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    private static long number(Function<CallField, String> field, CallField which) throws InvalidRowException {
        String value = required(field, which);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new InvalidRowException(which.column + " '" + value + "' is not a whole number");
        }
    }

    private static Instant time(Function<CallField, String> field, CallField which) throws InvalidRowException {
        String value = optional(field, which, 64);
        if (value == null) {
            return null;
        }
        try {
            return IsoTimes.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidRowException(which.column + " '" + value + "' is not an ISO-8601 time with offset");
        }
    }
}
