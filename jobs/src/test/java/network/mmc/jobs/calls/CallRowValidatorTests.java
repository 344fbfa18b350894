package network.mmc.jobs.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import network.mmc.settlement.CallStatus;
import network.mmc.settlement.CallerType;
import org.junit.jupiter.api.Test;

class CallRowValidatorTests {

    private static final String NODE = "7Np41oeYqPefeNQEHSv1UDhYrehxin3NStELsSKCT4K2";
    private static final String WALLET = "9WzDXwBbmkg8ZTbNMqUxvQRAyrZzDsGYdLVL9zYtAWWM";
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    // wide enough for every time a DATETIME(6) column holds, for the tests of the columns themselves
    private static final CalledAtLimits ANY_TIME = new CalledAtLimits(Duration.ofDays(4_000_000), Duration.ofDays(4_000_000));
    private static final CalledAtLimits DEFAULT_LIMITS = new CalledAtLimits(Duration.ofMinutes(5), Duration.ofDays(7));

    private final CallRowValidator validator = new CallRowValidator(Set.of(NODE)::contains, 1_000_000, ANY_TIME,
            IngestPolicy.RECEIPT_TIME);

    private static Map<CallField, String> aRecord() {
        Map<CallField, String> fields = new EnumMap<>(CallField.class);
        fields.put(CallField.EVENT_ID, "evt-1:a.b_c");
        fields.put(CallField.NODE_ID, NODE);
        fields.put(CallField.CALLER_TYPE, "API_USER");
        fields.put(CallField.CALLER_ID, "user-1");
        fields.put(CallField.CALLER_WALLET, WALLET);
        fields.put(CallField.TASK_TYPE, "gemm-1024");
        fields.put(CallField.STATUS, "SUCCESS");
        fields.put(CallField.CREDITS, "1000000");
        fields.put(CallField.LATENCY_MS, "35");
        fields.put(CallField.CALLED_AT, "2026-11-26T09:59:59.123456Z");
        return fields;
    }

    private CallRecordRow validate(Map<CallField, String> fields) throws InvalidRowException {
        return validator.validate(fields::get, NOW);
    }

    private String refusal(CallField field, String value) {
        Map<CallField, String> fields = aRecord();
        fields.put(field, value);
        return assertThatThrownBy(() -> validate(fields)).isInstanceOf(InvalidRowException.class)
                .actual().getMessage();
    }

    @Test
    void aValidRecordIsKeptExactlyAsSent() throws Exception {
        CallRecordRow row = validate(aRecord());

        assertThat(row).isEqualTo(new CallRecordRow("evt-1:a.b_c", NODE, CallerType.API_USER, "user-1", WALLET,
                "gemm-1024", CallStatus.SUCCESS, 1_000_000, 35, Instant.parse("2026-11-26T09:59:59.123456Z"), NOW));
    }

    @Test
    void numbersAreAsciiDigitsWithinTheirColumn() {
        assertThat(refusal(CallField.CREDITS, "+7")).isEqualTo("credits '+7' is not a whole number");
        assertThat(refusal(CallField.CREDITS, "\u0663")).isEqualTo("credits is not a whole number");
        assertThat(refusal(CallField.CREDITS, "1e3")).isEqualTo("credits '1e3' is not a whole number");
        assertThat(refusal(CallField.CREDITS, " 5")).isEqualTo("credits is not a whole number");
        assertThat(refusal(CallField.CREDITS, "-1")).isEqualTo("credits must be >= 0, got -1");
        assertThat(refusal(CallField.CREDITS, "-99999999999999999999")).isEqualTo("credits must be >= 0");
        assertThat(refusal(CallField.CREDITS, "1000001"))
                .isEqualTo("credits must be at most 1000000 (mmc.ingest.max-credits), got 1000001");
        assertThat(refusal(CallField.LATENCY_MS, "2147483648")).isEqualTo("latency_ms must be at most 2147483647, got 2147483648");
    }

    @Test
    void timesFitDatetimeSixExactly() throws Exception {
        Map<CallField, String> last = aRecord();
        last.put(CallField.CALLED_AT, "9999-12-31T23:59:59.999999Z");

        assertThat(validate(last).calledAt()).isEqualTo(Instant.parse("9999-12-31T23:59:59.999999Z"));
        assertThat(refusal(CallField.CALLED_AT, "9999-12-31T23:00:00-01:00"))
                .isEqualTo("called_at '9999-12-31T23:00:00-01:00' is outside the years 1000 to 9999 (UTC)");
        assertThat(refusal(CallField.CALLED_AT, "0999-12-31T23:59:59Z"))
                .isEqualTo("called_at '0999-12-31T23:59:59Z' is outside the years 1000 to 9999 (UTC)");
        assertThat(refusal(CallField.CALLED_AT, "2026-11-26T10:00:00.0000001Z")).startsWith("called_at '2026-11-26T10:00:00.0000001Z' is finer than a microsecond");
        assertThat(refusal(CallField.CALLED_AT, "2026-11-26 10:00:00")).isEqualTo("called_at is not an ISO-8601 time with offset");
    }

    @Test
    void idsAreOfTheSafeCharactersOnly() {
        assertThat(refusal(CallField.EVENT_ID, "x\u00a0")).isEqualTo("event_id may only contain A-Z a-z 0-9 . _ : -; it has U+00A0 at position 2");
        assertThat(refusal(CallField.EVENT_ID, "caf\u00e9")).isEqualTo("event_id may only contain A-Z a-z 0-9 . _ : -; it has U+00E9 at position 4");
        assertThat(refusal(CallField.CALLER_ID, "=HYPERLINK(1)")).isEqualTo("caller_id may only contain A-Z a-z 0-9 . _ : -; it has '=' at position 1");
        assertThat(refusal(CallField.TASK_TYPE, "gemm\t")).isEqualTo("task_type may only contain A-Z a-z 0-9 . _ : -; it has a control character at position 5");
        assertThat(refusal(CallField.NODE_ID, "n".repeat(65))).isEqualTo("node_id is 65 characters, at most 64");
        assertThat(refusal(CallField.NODE_ID, "someone-else")).isEqualTo("unknown node 'someone-else'");
        assertThat(refusal(CallField.STATUS, "success")).startsWith("status 'success' is not one of [SUCCESS,");
    }

    @Test
    void walletsAreBase58OfThirtyTwoBytes() {
        assertThat(refusal(CallField.CALLER_WALLET, "0" + WALLET.substring(1)))
                .isEqualTo("caller_wallet is not a base58 Solana address; it has '0' at position 1");
        assertThat(refusal(CallField.CALLER_WALLET, WALLET + "z"))
                .isEqualTo("caller_wallet '" + WALLET + "z' is not a Solana address: it must decode to 32 bytes");
        assertThat(refusal(CallField.CALLER_WALLET, "1111"))
                .isEqualTo("caller_wallet '1111' is not a Solana address: it must decode to 32 bytes, not 4");
    }

    private static String refusal(CallRowValidator validator, String calledAt) {
        Map<CallField, String> fields = aRecord();
        fields.put(CallField.CALLED_AT, calledAt);
        return assertThatThrownBy(() -> validator.validate(fields::get, NOW)).isInstanceOf(InvalidRowException.class)
                .actual().getMessage();
    }

    @Test
    void calledAtBeyondTheFutureSkewOrOlderThanTheMaximumAgeIsRefusedNamingTheLimit() throws Exception {
        CallRowValidator limited = new CallRowValidator(Set.of(NODE)::contains, 1_000_000, DEFAULT_LIMITS, IngestPolicy.RECEIPT_TIME);
        Map<CallField, String> edges = aRecord();

        assertThat(refusal(limited, "2099-01-01T00:00:00Z")).isEqualTo("called_at '2099-01-01T00:00:00Z' is more than"
                + " mmc.ingest.max-future-skew (PT5M) after its receipt at 2026-11-26T10:00:00Z");
        assertThat(refusal(limited, "2026-11-26T10:05:00.000001Z")).startsWith("called_at '2026-11-26T10:05:00.000001Z'"
                + " is more than mmc.ingest.max-future-skew");
        assertThat(refusal(limited, "2026-11-19T09:59:59.999999Z")).isEqualTo("called_at '2026-11-19T09:59:59.999999Z'"
                + " is more than mmc.ingest.max-age (PT168H) before its receipt at 2026-11-26T10:00:00Z");
        edges.put(CallField.CALLED_AT, "2026-11-26T10:05:00Z");
        assertThat(limited.validate(edges::get, NOW).calledAt()).isEqualTo(Instant.parse("2026-11-26T10:05:00Z"));
        edges.put(CallField.CALLED_AT, "2026-11-19T10:00:00Z");
        assertThat(limited.validate(edges::get, NOW).calledAt()).isEqualTo(Instant.parse("2026-11-19T10:00:00Z"));
        edges.remove(CallField.CALLED_AT);
        assertThat(limited.validate(edges::get, NOW).calledAt()).as("no called_at is still accepted").isNull();
    }

    @Test
    void aBackfillDatesARecordByItsCalledAtAndNeedsOne() throws Exception {
        CallRowValidator backfill = new CallRowValidator(Set.of(NODE)::contains, 1_000_000, DEFAULT_LIMITS, IngestPolicy.BACKFILL);
        Map<CallField, String> fields = aRecord();
        fields.put(CallField.CALLED_AT, "2026-11-24T07:30:00Z");

        assertThat(backfill.validate(fields::get, NOW).recordedAt()).isEqualTo(Instant.parse("2026-11-24T07:30:00Z"));
        assertThat(refusal(backfill, "")).isEqualTo("called_at is missing: a backfill puts each record in the window"
                + " of its called_at");
        assertThat(refusal(backfill, "2026-11-01T00:00:00Z")).contains("mmc.ingest.max-age");
    }
}
