package network.mmc.jobs.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import network.mmc.jobs.csv.CsvFormatException;
import network.mmc.jobs.csv.CsvReader;
import network.mmc.settlement.CallFact;
import network.mmc.settlement.CallStatus;
import network.mmc.settlement.CallerType;
import network.mmc.settlement.NodeProfile;

/**
 * Reads the audit inputs: {@code nodes.csv} (node_id,owner_wallet,stake_base_units,eligible) and {@code calls.csv}
 * (event_id,node_id,caller_type,caller_wallet,status,credits,recorded_at), each with a header line, in RFC 4180
 * CSV (a value holding a comma, quote or line break is quoted, as {@code runs export} writes it).
 * A file whose name ends in {@code .gz} is read through gzip (a call-record archive's {@code calls.csv.gz}); an
 * archive's calls file has the columns of {@link #ARCHIVE_CALLS_HEADER}: the audit's seven first, then the rest of each
 * stored row, which the audit does not read.
 * A malformed line stops the audit with its file, line number and reason.
 */
public final class AuditFiles {

    public static final String NODES_HEADER = "node_id,owner_wallet,stake_base_units,eligible";
    public static final String CALLS_HEADER = "event_id,node_id,caller_type,caller_wallet,status,credits,recorded_at";
    /** {@link #CALLS_HEADER} followed by what a restore needs to store each row again as it was. */
    public static final String ARCHIVE_CALLS_HEADER = CALLS_HEADER + ",id,caller_id,task_type,latency_ms,called_at";

    private AuditFiles() {
    }

    /** A call of calls.csv with its Hub receipt time. */
    public record TimedCall(CallFact call, Instant recordedAt) {
    }

    public static Map<String, NodeProfile> readNodes(Path file) {
        Map<String, NodeProfile> nodes = new HashMap<>();
        forEachLine(file, List.of(NODES_HEADER), fields -> {
            String owner = fields.get(1).isEmpty() ? null : fields.get(1);
            boolean eligible = switch (fields.get(3)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new IllegalArgumentException("eligible '" + fields.get(3) + "' is not true or false");
            };
            NodeProfile profile = new NodeProfile(fields.get(0), owner, number("stake_base_units", fields.get(2)), eligible);
            if (nodes.put(profile.nodeId(), profile) != null) {
                throw new IllegalArgumentException("node " + profile.nodeId() + " is listed twice");
            }
        });
        return nodes;
    }

    public static void readCalls(Path file, Consumer<TimedCall> calls) {
        forEachLine(file, List.of(CALLS_HEADER, ARCHIVE_CALLS_HEADER), fields -> calls.accept(new TimedCall(
                new CallFact(fields.get(1), oneOf(CallerType.class, "caller_type", fields.get(2)),
                        fields.get(3).isEmpty() ? null : fields.get(3), oneOf(CallStatus.class, "status", fields.get(4)),
                        number("credits", fields.get(5))),
                time("recorded_at", fields.get(6)))));
    }

    private static long number(String column, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column + " '" + value + "' is not a whole number");
        }
    }

    private static <E extends Enum<E>> E oneOf(Class<E> type, String column, String value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        throw new IllegalArgumentException(column + " '" + value + "' is not one of "
                + Arrays.toString(type.getEnumConstants()));
    }

    private static Instant time(String column, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(column + " '" + value + "' is not an ISO-8601 instant");
        }
    }

    /**
     * Hands each line's fields to {@code handler}; the first line must be one of {@code headers}, which also sets how
     * many columns every line has.
     */
    public static void forEachLine(Path file, List<String> headers, Consumer<List<String>> handler) {
        try (CsvReader reader = new CsvReader(open(file))) {
            List<String> first = next(reader, file);
            String header = first == null ? null : String.join(",", first).strip();
            if (header == null || !headers.contains(header)) {
                throw new IllegalArgumentException(file + ": the first line must be the header "
                        + String.join(" or ", headers));
            }
            int columns = header.split(",").length;
            for (List<String> fields = next(reader, file); fields != null; fields = next(reader, file)) {
                if (fields.size() == 1 && fields.get(0).isBlank()) {
                    continue;
                }
                if (fields.size() != columns) {
                    throw new IllegalArgumentException(file + " line " + reader.line() + ": " + fields.size()
                            + " columns, expected " + columns);
                }
                try {
                    handler.accept(fields);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(file + " line " + reader.line() + ": " + e.getMessage());
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static BufferedReader open(Path file) throws IOException {
        if (!file.getFileName().toString().endsWith(".gz")) {
            return Files.newBufferedReader(file, StandardCharsets.UTF_8);
        }
        return new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file), 1 << 16),
                StandardCharsets.UTF_8));
    }

    private static List<String> next(CsvReader reader, Path file) {
        try {
            return reader.next();
        } catch (CsvFormatException e) {
            throw new IllegalArgumentException(file + " line " + reader.line() + ": " + e.getMessage());
        }
    }
}
