package network.mmc.settlement;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.stream.Collectors;

/** SHA-256 over the aggregates a run read, so that a re-run can prove it read the same input (SETTLEMENT.md §5). */
final class InputDigest {

    private InputDigest() {
    }

    /** @param usagesInIdOrder aggregates sorted by node id */
    static String of(Collection<NodeUsage> usagesInIdOrder) {
        String lines = usagesInIdOrder.stream().map(NodeUsage::digestLine).collect(Collectors.joining("\n"));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(lines.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
