package network.mmc.jobs.calls;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import network.mmc.settlement.CallStatus;
import network.mmc.settlement.CallerType;
import org.p2p.solanaj.utils.Base58;

/**
 * Checks every field of an incoming call record against its column in {@code sql/V4__call_record.sql}, so that
 * what is stored is exactly what was sent; the first problem found names the field. A value is quoted in a
 * reason only when it is short printable ASCII, so a hostile value cannot garble the answer or the rejects file.
 */
final class CallRowValidator {

    static final int MAX_EVENT_ID = 128;
    static final int MAX_NODE_ID = 64;
    static final int MAX_CALLER_ID = 128;
    static final int MAX_TASK_TYPE = 64;
    static final String ID_CHARACTERS = "A-Z a-z 0-9 . _ : -";
    private static final int SOLANA_ADDRESS_BYTES = 32;
    private static final String BASE58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final int MAX_SHOWN = 64;
    private static final boolean[] ID_CHARACTER = idCharacters();
    // values() copies its array on every call; these are read once per record
    private static final CallerType[] CALLER_TYPES = CallerType.values();
    private static final CallStatus[] STATUSES = CallStatus.values();
    // what DATETIME(6) holds: years 1000 to 9999, whole microseconds
    private static final Instant EARLIEST = Instant.parse("1000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    // wallets recur in real traffic: each distinct one is decoded once per import, up to this many
    private static final int REMEMBERED_WALLETS = 100_000;

    private final Predicate<String> knownNode;
    private final long maxCredits;
    private final CalledAtLimits calledAtLimits;
    private final IngestPolicy policy;
    private final Set<String> validWallets = new HashSet<>();

    CallRowValidator(Predicate<String> knownNode, long maxCredits, CalledAtLimits calledAtLimits, IngestPolicy policy) {
        this.knownNode = knownNode;
        this.maxCredits = maxCredits;
        this.calledAtLimits = calledAtLimits;
        this.policy = policy;
    }

    /**
     * @param field      the raw text of each field, null or empty when absent
     * @param receivedAt the Hub's receipt time: the row's {@code recorded_at} unless the policy is a backfill
     */
    CallRecordRow validate(Function<CallField, String> field, Instant receivedAt) throws InvalidRowException {
        String eventId = id(field, CallField.EVENT_ID, MAX_EVENT_ID, true);
        String nodeId = id(field, CallField.NODE_ID, MAX_NODE_ID, true);
        if (!knownNode.test(nodeId)) {
            throw new InvalidRowException("unknown node '" + nodeId + "'");
        }
        CallerType callerType = enumOf(CALLER_TYPES, field, CallField.CALLER_TYPE);
        String callerId = id(field, CallField.CALLER_ID, MAX_CALLER_ID, false);
        String callerWallet = wallet(field, CallField.CALLER_WALLET);
        String taskType = id(field, CallField.TASK_TYPE, MAX_TASK_TYPE, false);
        CallStatus status = enumOf(STATUSES, field, CallField.STATUS);
        long credits = wholeNumber(field.apply(CallField.CREDITS), CallField.CREDITS, 0, maxCredits);
        String latencyText = field.apply(CallField.LATENCY_MS);
        Integer latency = latencyText == null || latencyText.isEmpty() ? null
                : (int) wholeNumber(latencyText, CallField.LATENCY_MS, 0, Integer.MAX_VALUE);
        Instant calledAt = calledAt(field, receivedAt);
        return new CallRecordRow(eventId, nodeId, callerType, callerId, callerWallet, taskType, status, credits,
                latency, calledAt, policy == IngestPolicy.BACKFILL ? calledAt : receivedAt);
    }

    private Instant calledAt(Function<CallField, String> field, Instant receivedAt) throws InvalidRowException {
        Instant calledAt = time(field, CallField.CALLED_AT);
        if (calledAt == null) {
            if (policy == IngestPolicy.BACKFILL) {
                throw new InvalidRowException(CallField.CALLED_AT.column + " is missing: a backfill puts each record"
                        + " in the window of its called_at");
            }
            return null;
        }
        String problem = calledAtLimits.problem(calledAt, receivedAt);
        if (problem != null) {
            throw new InvalidRowException(CallField.CALLED_AT.column + shown(field.apply(CallField.CALLED_AT)) + " " + problem);
        }
        return calledAt;
    }

    /** An id: 1 to {@code maxLength} characters of {@value #ID_CHARACTERS}, so none differ only in padding. */
    private static String id(Function<CallField, String> field, CallField which, int maxLength, boolean required)
            throws InvalidRowException {
        String value = field.apply(which);
        if (value == null || value.isEmpty()) {
            if (required) {
                throw new InvalidRowException(which.column + " is missing");
            }
            return null;
        }
        if (value.length() > maxLength) {
            throw new InvalidRowException(which.column + " is " + value.length() + " characters, at most " + maxLength);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!isIdCharacter(c)) {
                throw new InvalidRowException(which.column + " may only contain " + ID_CHARACTERS + "; it has "
                        + describe(c) + " at position " + (i + 1));
            }
        }
        return value;
    }

    static boolean isIdCharacter(char c) {
        return c < ID_CHARACTER.length && ID_CHARACTER[c];
    }

    // looked up for every character of every id of every record
    private static boolean[] idCharacters() {
        boolean[] allowed = new boolean[128];
        for (char c = 0; c < allowed.length; c++) {
            allowed[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '.' || c == '_' || c == ':' || c == '-';
        }
        return allowed;
    }

    /** A Solana address: base58 of exactly 32 bytes. */
    private String wallet(Function<CallField, String> field, CallField which) throws InvalidRowException {
        String value = field.apply(which);
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (validWallets.contains(value)) {
            return value;
        }
        for (int i = 0; i < value.length(); i++) {
            if (BASE58_ALPHABET.indexOf(value.charAt(i)) < 0) {
                throw new InvalidRowException(which.column + " is not a base58 Solana address; it has "
                        + describe(value.charAt(i)) + " at position " + (i + 1));
            }
        }
        // 32 bytes are 32 to 44 base58 digits; checked first so that no long text is decoded
        int bytes = value.length() > 44 ? -1 : Base58.decode(value).length;
        if (bytes != SOLANA_ADDRESS_BYTES) {
            throw new InvalidRowException(which.column + shown(value) + " is not a Solana address: it must decode to "
                    + SOLANA_ADDRESS_BYTES + " bytes" + (bytes < 0 ? "" : ", not " + bytes));
        }
        if (validWallets.size() < REMEMBERED_WALLETS) {
            validWallets.add(value);
        }
        return value;
    }

    private static <E extends Enum<E>> E enumOf(E[] constants, Function<CallField, String> field, CallField which)
            throws InvalidRowException {
        String value = field.apply(which);
        if (value == null || value.isEmpty()) {
            throw new InvalidRowException(which.column + " is missing");
        }
        for (E constant : constants) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        throw new InvalidRowException(which.column + shown(value) + " is not one of "
                + Arrays.toString(constants));
    }

    private static long wholeNumber(String value, CallField which, long min, long max) throws InvalidRowException {
        if (value == null || value.isEmpty()) {
            throw new InvalidRowException(which.column + " is missing");
        }
        String bound = which == CallField.CREDITS ? " (mmc.ingest.max-credits)" : "";
        if (!isWholeNumber(value)) {
            throw new InvalidRowException(which.column + shown(value) + " is not a whole number");
        }
        long number;
        try {
            number = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new InvalidRowException(value.startsWith("-") ? which.column + " must be >= " + min
                    : which.column + " must be at most " + max + bound + ", got a number of " + value.length() + " digits");
        }
        if (number < min) {
            throw new InvalidRowException(which.column + " must be >= " + min + ", got " + number);
        }
        if (number > max) {
            throw new InvalidRowException(which.column + " must be at most " + max + bound + ", got " + number);
        }
        return number;
    }

    /** ASCII digits with an optional minus sign (Long.parseLong alone would also take "+7" and other scripts' digits). */
    private static boolean isWholeNumber(String value) {
        int first = value.charAt(0) == '-' ? 1 : 0;
        if (first == value.length()) {
            return false;
        }
        for (int i = first; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static Instant time(Function<CallField, String> field, CallField which) throws InvalidRowException {
        String value = field.apply(which);
        if (value == null || value.isEmpty()) {
            return null;
        }
        Instant instant;
        try {
            instant = IsoTimes.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidRowException(which.column + shown(value) + " is not an ISO-8601 time with offset");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new InvalidRowException(which.column + shown(value) + " is outside the years 1000 to 9999 (UTC)");
        }
        if (instant.getNano() % 1000 != 0) {
            throw new InvalidRowException(which.column + shown(value) + " is finer than a microsecond, which is"
                    + " as fine as it is stored");
        }
        return instant;
    }

    /** {@code " 'value'"} when the value is short printable ASCII, else nothing. */
    private static String shown(String value) {
        if (value.length() > MAX_SHOWN) {
            return "";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == '\'') {
                return "";
            }
        }
        return " '" + value + "'";
    }

    private static String describe(char c) {
        if (c == ' ') {
            return "a space";
        }
        if (Character.isISOControl(c)) {
            return "a control character";
        }
        return c > ' ' && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }
}
