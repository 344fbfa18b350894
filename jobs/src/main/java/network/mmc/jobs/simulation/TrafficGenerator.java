package network.mmc.jobs.simulation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import network.mmc.jobs.calls.CallRecordRow;
import network.mmc.settlement.CallStatus;
import network.mmc.settlement.CallerType;

/**
 * Deterministic call traffic for a {@link SimulatedNetwork}: API users' tasks, validator probes every
 * 1-2 hours with the Hub's round payments, failures and timeouts, the self-dealer, the wash cluster and the
 * flaky node. Emitted hour by hour in {@code recorded_at} order, so that ids grow with time.
 */
final class TrafficGenerator {

    private static final String[] TASKS = {"gemm-1024", "mlp-infer", "llm-chat"};
    private static final long[] TASK_CREDITS = {120, 40, 300};
    private static final long PROBE_CREDITS = 100;
    private static final long ROUND_CREDITS = 200;

    private final SimulatedNetwork network;
    private final int callsPerNodeHour;

    TrafficGenerator(SimulatedNetwork network, int callsPerNodeHour) {
        this.network = network;
        this.callsPerNodeHour = callsPerNodeHour;
    }

    void generate(Instant from, int hours, Consumer<List<CallRecordRow>> hourly) {
        SplittableRandom random = new SplittableRandom(network.seed() * 31 + 7);
        long[] nextProbe = new long[network.validators().size()];
        for (int v = 0; v < nextProbe.length; v++) {
            nextProbe[v] = random.nextLong(3600, 7200);
        }
        long eventCounter = 0;
        for (int h = 0; h < hours; h++) {
            Instant hourStart = from.plus(Duration.ofHours(h));
            List<CallRecordRow> rows = new ArrayList<>();
            for (SimulatedNetwork.SimulatedNode node : network.computing()) {
                int count = random.nextInt(callsPerNodeHour * 2 + 1);
                if (node.isWashCluster()) {
                    count += callsPerNodeHour * 3;
                }
                for (int c = 0; c < count; c++) {
                    rows.add(userCall(random, node, hourStart, network.seed() + ":" + eventCounter++));
                }
            }
            for (int v = 0; v < nextProbe.length; v++) {
                while (nextProbe[v] < (h + 1) * 3600L) {
                    // a round and its records stay inside the hour being emitted, so ids grow with recorded_at
                    Instant roundAt = from.plusSeconds(Math.min(nextProbe[v], (h + 1) * 3600L - 60));
                    String validator = network.validators().get(v).nodeId();
                    for (SimulatedNetwork.SimulatedNode node : network.computing()) {
                        if (node.online()) {
                            rows.add(probe(random, node, validator, roundAt, network.seed() + ":" + eventCounter++));
                        }
                    }
                    rows.add(new CallRecordRow(network.seed() + ":" + eventCounter++, validator, CallerType.HUB, "hub",
                            null, "probe-round", CallStatus.SUCCESS, ROUND_CREDITS, null, roundAt,
                            roundAt.plusSeconds(30)));
                    nextProbe[v] += random.nextLong(3600, 7201);
                }
            }
            rows.sort(Comparator.comparing(CallRecordRow::recordedAt));
            hourly.accept(rows);
        }
    }

    private CallRecordRow userCall(SplittableRandom random, SimulatedNetwork.SimulatedNode node, Instant hourStart,
                                   String eventId) {
        int task = random.nextInt(TASKS.length);
        String caller;
        long credits = TASK_CREDITS[task] + random.nextInt(21) - 10;
        if (node.index() == SimulatedNetwork.SELF_DEALER && random.nextBoolean()) {
            caller = node.ownerWallet();
        } else if (node.isWashCluster()) {
            caller = network.userWallets().get(random.nextInt(2));
            credits *= 20;
        } else {
            caller = network.userWallets().get(2 + random.nextInt(network.userWallets().size() - 2));
        }
        CallStatus status = status(random, node.index() == SimulatedNetwork.FLAKY ? 50 : 5);
        int latency = status == CallStatus.TIMEOUT ? 30_000 : 50 + random.nextInt(2_000);
        Instant recordedAt = hourStart.plusMillis(random.nextLong(3_600_000));
        return new CallRecordRow("sim-" + eventId, node.nodeId(), CallerType.API_USER, "user-" + caller.substring(0, 6),
                caller, TASKS[task], status, credits, latency, recordedAt.minusMillis(latency), recordedAt);
    }

    private CallRecordRow probe(SplittableRandom random, SimulatedNetwork.SimulatedNode node, String validator,
                                Instant roundAt, String eventId) {
        CallStatus status = status(random, node.index() == SimulatedNetwork.FLAKY ? 50 : 3);
        int latency = status == CallStatus.TIMEOUT ? 30_000 : 200 + random.nextInt(3_000);
        Instant recordedAt = roundAt.plusMillis(random.nextInt(20_000));
        return new CallRecordRow("sim-" + eventId, node.nodeId(), CallerType.VALIDATOR, validator, null,
                "probe-matmul", status, PROBE_CREDITS, latency, recordedAt.minusMillis(latency), recordedAt);
    }

    private static CallStatus status(SplittableRandom random, int failurePercent) {
        int roll = random.nextInt(100);
        if (roll >= failurePercent) {
            return CallStatus.SUCCESS;
        }
        return switch (roll % 3) {
            case 0 -> CallStatus.FAILED;
            case 1 -> CallStatus.TIMEOUT;
            default -> CallStatus.WRONG_RESULT;
        };
    }
}
