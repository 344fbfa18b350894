package network.mmc.jobs.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import network.mmc.settlement.CallFact;
import network.mmc.settlement.CallStatus;
import network.mmc.settlement.CallerType;
import network.mmc.settlement.NodeProfile;

/**
 * Reads the audit inputs: {@code nodes.csv} (node_id,owner_wallet,stake,eligible) and {@code calls.csv}
 * (event_id,node_id,caller_type,caller_wallet,status,credits,recorded_at), each with a header line.
 * A malformed line stops the audit with its file, line number and reason.
 */
public final class AuditFiles {

    public static final String NODES_HEADER = "node_id,owner_wallet,stake,eligible";
    public static final String CALLS_HEADER = "event_id,node_id,caller_type,caller_wallet,status,credits,recorded_at";

    private AuditFiles() {
    }

    /** A call of calls.csv with its Hub receipt time. */
    public record TimedCall(CallFact call, Instant recordedAt) {
    }

    public static Map<String, NodeProfile> readNodes(Path file) {
        Map<String, NodeProfile> nodes = new HashMap<>();
        forEachLine(file, NODES_HEADER, 4, (fields, line) -> {
            String owner = fields[1].isEmpty() ? null : fields[1];
            boolean eligible = switch (fields[3]) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new IllegalArgumentException("eligible '" + fields[3] + "' is not true or false");
            };
            NodeProfile profile = new NodeProfile(fields[0], owner, Long.parseLong(fields[2]), eligible);
            if (nodes.put(profile.nodeId(), profile) != null) {
                throw new IllegalArgumentException("node " + profile.nodeId() + " is listed twice");
            }
        });
        return nodes;
    }

    public static void readCalls(Path file, Consumer<TimedCall> calls) {
        forEachLine(file, CALLS_HEADER, 7, (fields, line) -> calls.accept(new TimedCall(
                new CallFact(fields[1], CallerType.valueOf(fields[2]), fields[3].isEmpty() ? null : fields[3],
                        CallStatus.valueOf(fields[4]), Long.parseLong(fields[5])),
                Instant.parse(fields[6]))));
    }

    private interface LineHandler {
        void accept(String[] fields, long line);
    }

    private static void forEachLine(Path file, String header, int columns, LineHandler handler) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = reader.readLine();
            if (first == null || !first.strip().equals(header)) {
                throw new IllegalArgumentException(file + ": the first line must be the header " + header);
            }
            long lineNumber = 1;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split(",", -1);
                if (fields.length != columns) {
                    throw new IllegalArgumentException(file + " line " + lineNumber + ": " + fields.length
                            + " columns, expected " + columns);
                }
                try {
                    handler.accept(fields, lineNumber);
                } catch (IllegalArgumentException | DateTimeParseException e) {
                    throw new IllegalArgumentException(file + " line " + lineNumber + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
    }
}
