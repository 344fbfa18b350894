package network.mmc.jobs.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import network.mmc.settlement.CallStatus;
import network.mmc.settlement.CallerType;
import org.junit.jupiter.api.Test;

class LoadDataTextTests {

    private static final String WALLET = "9WzDXwBbmkg8ZTbNMqUxvQRAyrZzDsGYdLVL9zYtAWWM";
    private static final Instant RECORDED = Instant.parse("2026-11-27T05:00:00Z");

    private static String encoded(CallRecordRow... rows) {
        return new String(CallRecordLoader.encode(List.of(rows)), StandardCharsets.UTF_8);
    }

    @Test
    void aRowIsOneTabSeparatedLineInColumnOrder() {
        // given
        CallRecordRow row = new CallRecordRow("evt-1:a.b_c", "node-1", CallerType.API_USER, "user-1", WALLET, "gemm",
                CallStatus.SUCCESS, 1_000_000, 35, Instant.parse("2026-11-26T09:59:59.123456Z"), RECORDED);

        // when
        String text = encoded(row);

        // then
        assertThat(text).isEqualTo("evt-1:a.b_c\tnode-1\tAPI_USER\tuser-1\t" + WALLET + "\tgemm\tSUCCESS\t1000000\t35\t"
                + "2026-11-26 09:59:59.123456\t2026-11-27 05:00:00.000000\n");
    }

    @Test
    void absentValuesAreSqlNulls() {
        // given
        CallRecordRow row = new CallRecordRow("evt-2", "node-1", CallerType.VALIDATOR, null, null, null, CallStatus.FAILED,
                0, null, null, RECORDED);

        // when
        String text = encoded(row);

        // then
        assertThat(text).isEqualTo("evt-2\tnode-1\tVALIDATOR\t\\N\t\\N\t\\N\tFAILED\t0\t\\N\t\\N\t2026-11-27 05:00:00.000000\n");
    }

    @Test
    void separatorsEscapesAndNonAsciiTextSurviveTheLoad() {
        // given rows that did not come through the validator (simulations, tests)
        CallRecordRow row = new CallRecordRow("a\\b\tc\nd", "nöde-€", CallerType.VALIDATOR, "x\\ÿ\t", null, null,
                CallStatus.SUCCESS, 7, null, null, RECORDED);

        // when
        String text = encoded(row);

        // then
        assertThat(text).startsWith("a\\\\b\\tc\\nd\tnöde-€\tVALIDATOR\tx\\\\ÿ\\t\t\\N\t");
    }

    @Test
    void timesAreWrittenInUtcToTheMicrosecondAcrossTheDatetimeRange() {
        // given
        CallRecordRow early = new CallRecordRow("e", "n", CallerType.VALIDATOR, null, null, null, CallStatus.SUCCESS,
                Long.MAX_VALUE, Integer.MAX_VALUE, Instant.parse("1000-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999Z"));
        CallRecordRow leap = new CallRecordRow("l", "n", CallerType.VALIDATOR, null, null, null, CallStatus.SUCCESS, 1,
                10, Instant.parse("2024-02-29T23:05:09.000001Z"), Instant.parse("1969-12-31T23:59:59.5Z"));

        // when
        String text = encoded(early, leap);

        // then
        assertThat(text.lines().map(line -> line.substring(line.indexOf("SUCCESS"))).toList()).containsExactly(
                "SUCCESS\t" + Long.MAX_VALUE + "\t" + Integer.MAX_VALUE
                        + "\t1000-01-01 00:00:00.000000\t9999-12-31 23:59:59.999999",
                "SUCCESS\t1\t10\t2024-02-29 23:05:09.000001\t1969-12-31 23:59:59.500000");
    }

    @Test
    void manyRowsGrowTheBufferWithoutLosingAny() {
        // given
        CallRecordRow row = new CallRecordRow("evt-" + "x".repeat(120), "node-1", CallerType.VALIDATOR, null, WALLET,
                null, CallStatus.SUCCESS, 1, 1, null, RECORDED);

        // when
        String text = new String(CallRecordLoader.encode(Collections.nCopies(5_000, row)), StandardCharsets.UTF_8);

        // then
        String one = encoded(row);
        assertThat(text).hasSize(5_000 * one.length());
        assertThat(text.lines()).hasSize(5_000).allMatch(line -> one.equals(line + "\n"));
    }
}
