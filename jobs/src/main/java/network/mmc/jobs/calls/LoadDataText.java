package network.mmc.jobs.calls;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import network.mmc.jobs.database.LoadDataLocal;

/**
 * Call records as the text {@link CallRecordLoader}'s {@code LOAD DATA} reads ({@link LoadDataLocal}'s format),
 * written straight into one growing byte array: on the REST path encoding used to cost as much CPU as parsing the
 * JSON, because every field went through a {@link StringBuilder} and every line through a String and its bytes.
 * Not thread-safe.
 */
final class LoadDataText {

    private static final int BYTES_PER_ROW = 200;

    private byte[] bytes;
    private int size;

    LoadDataText(int expectedRows) {
        bytes = new byte[Math.max(BYTES_PER_ROW, expectedRows * BYTES_PER_ROW)];
    }

    void append(CallRecordRow row) {
        text(row.eventId()).tab();
        text(row.nodeId()).tab();
        text(row.callerType().name()).tab();
        text(row.callerId()).tab();
        text(row.callerWallet()).tab();
        text(row.taskType()).tab();
        text(row.status().name()).tab();
        number(row.credits()).tab();
        (row.latencyMs() == null ? nullValue() : number(row.latencyMs())).tab();
        time(row.calledAt()).tab();
        time(row.recordedAt()).put('\n');
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private LoadDataText tab() {
        return put('\t');
    }

    private LoadDataText nullValue() {
        return put('\\').put('N');
    }

    private LoadDataText text(String value) {
        if (value == null) {
            return nullValue();
        }
        ensure(value.length() * 2);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                // ids, wallets and enum names are ASCII once validated; rows from elsewhere may not be
                return rest(value, i);
            }
            if (c == '\\' || c == '\t' || c == '\n') {
                bytes[size++] = '\\';
                c = c == '\t' ? 't' : c == '\n' ? 'n' : '\\';
            }
            bytes[size++] = (byte) c;
        }
        return this;
    }

    private LoadDataText rest(String value, int from) {
        byte[] utf8 = LoadDataLocal.appendField(new StringBuilder(value.length() - from), value.substring(from))
                .toString().getBytes(StandardCharsets.UTF_8);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, bytes, size, utf8.length);
        size += utf8.length;
        return this;
    }

    private LoadDataText number(long value) {
        if (value < 0) {
            put('-');
            // every long but Long.MIN_VALUE negates; no column takes that one
            value = -value;
        }
        ensure(20);
        long divisor = 1;
        while (divisor <= value / 10) {
            divisor *= 10;
        }
        for (; divisor > 0; divisor /= 10) {
            bytes[size++] = (byte) ('0' + value / divisor % 10);
        }
        return this;
    }

    /** {@code yyyy-MM-dd HH:mm:ss.SSSSSS} in UTC, as DATETIME(6) takes it. */
    private LoadDataText time(Instant instant) {
        if (instant == null) {
            return nullValue();
        }
        long seconds = instant.getEpochSecond();
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        ensure(26);
        digits(date.getYear(), 4).put('-');
        digits(date.getMonthValue(), 2).put('-');
        digits(date.getDayOfMonth(), 2).put(' ');
        digits(secondOfDay / 3600, 2).put(':');
        digits(secondOfDay / 60 % 60, 2).put(':');
        digits(secondOfDay % 60, 2).put('.');
        return digits(instant.getNano() / 1000, 6);
    }

    private LoadDataText digits(int value, int width) {
        for (int i = width - 1; i >= 0; i--) {
            bytes[size + i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        size += width;
        return this;
    }

    private LoadDataText put(char ascii) {
        ensure(1);
        bytes[size++] = (byte) ascii;
        return this;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
