package network.mmc.node;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shared operands a node keeps by hash (a GEMM product's B, a training step's parameters), so that the Hub sends
 * one once and then names it: the most recently used, at most {@code count} of them and {@code bytes} in all (the
 * newest is kept even when it alone is larger). Thread safe.
 *
 * @param <T> the decoded operand
 */
final class KeptOperands<T> {

    private record Kept<T>(T operand, long bytes) {
    }

    private final int count;
    private final long bytes;
    private final LinkedHashMap<String, Kept<T>> kept = new LinkedHashMap<>(16, 0.75f, true);
    private long held;

    KeptOperands(int count, long bytes) {
        this.count = count;
        this.bytes = bytes;
    }

    synchronized void keep(String hash, T operand, long operandBytes) {
        Kept<T> replaced = kept.put(hash, new Kept<>(operand, operandBytes));
        held += operandBytes - (replaced == null ? 0 : replaced.bytes());
        Iterator<Map.Entry<String, Kept<T>>> eldest = kept.entrySet().iterator();
        while (kept.size() > 1 && (kept.size() > count || held > bytes)) {
            Map.Entry<String, Kept<T>> entry = eldest.next();
            held -= entry.getValue().bytes();
            eldest.remove();
        }
    }

    /** The operand kept under this hash, or null. */
    synchronized T get(String hash) {
        Kept<T> operand = kept.get(hash);
        return operand == null ? null : operand.operand();
    }
}
