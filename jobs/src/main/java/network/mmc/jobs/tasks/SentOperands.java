package network.mmc.jobs.tasks;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which parts' shared operands (a GEMM product's B, a training step's parameters) this Hub instance last sent each
 * node in full, so that the node's next units of those parts name them by hash ({@link TaskKindHandler#call}) and the
 * dispatcher prefers, among equally loaded nodes, one that keeps the part. A hint only: a node that keeps the operand
 * no more (restarted, or sent others since) answers 409 and is sent it again. As many per node as a node agent keeps.
 */
final class SentOperands {

    private static final int PER_NODE = 4;
    private static final int NODES = 65_536;

    private final Map<String, Deque<String>> byNode = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<String>> eldest) {
            return size() > NODES;
        }
    };

    synchronized boolean holds(String nodeId, String taskId, int part) {
        Deque<String> parts = byNode.get(nodeId);
        return parts != null && parts.contains(key(taskId, part));
    }

    /** The node was sent the part's operand in full and answered. */
    synchronized void sent(String nodeId, String taskId, int part) {
        Deque<String> parts = byNode.computeIfAbsent(nodeId, id -> new ArrayDeque<>(PER_NODE + 1));
        String key = key(taskId, part);
        parts.remove(key);
        parts.addLast(key);
        if (parts.size() > PER_NODE) {
            parts.removeFirst();
        }
    }

    /** The node said it keeps the part's operand no more. */
    synchronized void forget(String nodeId, String taskId, int part) {
        Deque<String> parts = byNode.get(nodeId);
        if (parts != null) {
            parts.remove(key(taskId, part));
        }
    }

    private static String key(String taskId, int part) {
        return taskId + ":" + part;
    }
}
