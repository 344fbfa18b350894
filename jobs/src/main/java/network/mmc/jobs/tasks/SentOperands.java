package network.mmc.jobs.tasks;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which parts' shared operands (a GEMM product's B, a training step's parameters) this Hub instance last sent each
 * node in full, so that the node's next units of those parts name them by hash ({@link TaskKindHandler#call}) and the
 * dispatcher prefers, among equally loaded nodes, one that keeps the part. A hint only: a node that keeps the operand
 * no more (restarted, or sent others since) answers 409 and is sent it again. As many per node and task kind as a node
 * agent keeps of each kind, the most recently used. Kept both ways, per node and per part, so that a dispatch pass asks
 * once per unit which nodes hold its part.
 */
final class SentOperands {

    private static final int PER_NODE = 4;
    /** Nodes times kinds remembered, the least recently sent forgotten first. */
    private static final int NODES = 65_536;

    private final Map<String, Set<String>> holdersByPart = new HashMap<>();
    private final Map<NodeKind, Deque<String>> partsByNode = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<NodeKind, Deque<String>> eldest) {
            if (size() <= NODES) {
                return false;
            }
            eldest.getValue().forEach(part -> dropHolder(part, eldest.getKey().nodeId()));
            return true;
        }
    };

    /** The nodes that keep the part's operand, as far as this instance knows: a snapshot. */
    synchronized Set<String> holders(String taskId, int part) {
        Set<String> holders = holdersByPart.get(key(taskId, part));
        return holders == null ? Set.of() : Set.copyOf(holders);
    }

    synchronized boolean holds(String nodeId, String taskId, int part) {
        Set<String> holders = holdersByPart.get(key(taskId, part));
        return holders != null && holders.contains(nodeId);
    }

    /** The node answered a unit of the part: it keeps the part's operand, as its most recently used of the kind. */
    synchronized void sent(String nodeId, TaskKind kind, String taskId, int part) {
        String key = key(taskId, part);
        Deque<String> parts = partsByNode.computeIfAbsent(new NodeKind(nodeId, kind),
                id -> new ArrayDeque<>(PER_NODE + 1));
        parts.remove(key);
        parts.addLast(key);
        holdersByPart.computeIfAbsent(key, k -> new HashSet<>()).add(nodeId);
        if (parts.size() > PER_NODE) {
            dropHolder(parts.removeFirst(), nodeId);
        }
    }

    /** The node said it keeps the part's operand no more. */
    synchronized void forget(String nodeId, TaskKind kind, String taskId, int part) {
        String key = key(taskId, part);
        Deque<String> parts = partsByNode.get(new NodeKind(nodeId, kind));
        if (parts != null && parts.remove(key)) {
            dropHolder(key, nodeId);
        }
    }

    private void dropHolder(String key, String nodeId) {
        Set<String> holders = holdersByPart.get(key);
        if (holders != null && holders.remove(nodeId) && holders.isEmpty()) {
            holdersByPart.remove(key);
        }
    }

    private static String key(String taskId, int part) {
        return taskId + ":" + part;
    }

    private record NodeKind(String nodeId, TaskKind kind) {
    }
}
