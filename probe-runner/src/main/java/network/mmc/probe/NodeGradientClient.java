package network.mmc.probe;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import network.mmc.gpu.training.GradientRequest;
import network.mmc.gpu.training.GradientSums;
import network.mmc.gpu.training.GradientWorker;
import network.mmc.gpu.training.MlpParameters;
import network.mmc.gpu.training.Samples;
import network.mmc.gpu.training.TrainingWireFormat;

/**
 * Asks a node's task server for a training shard's gradient sums ({@link TrainingWireFormat}) through
 * {@link NodeClient}. The parameters go with the first shard a node gets at them; later shards carry only their hash,
 * and a node that no longer holds them (409) is sent them again within the same deadline.
 */
public final class NodeGradientClient {

    private static final String OCTETS = "application/octet-stream";
    private static final int ERROR_BODY_SHOWN = 200;
    private static final int REMEMBERED_ENDPOINTS = 4_096;

    /**
     * What came of one shard: the last reply, the sums when it was a well-formed 200, else why not in {@code problem}.
     */
    public record Answer(NodeClient.Reply reply, GradientSums sums, String problem) {

        public boolean answered() {
            return sums != null;
        }
    }

    private final NodeClient client;
    /** The parameter hash each endpoint was last sent in full: only a hint, a 409 corrects it. */
    private final Map<String, String> sent = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBERED_ENDPOINTS;
        }
    };

    public NodeGradientClient(NodeClient client) {
        this.client = client;
    }

    public Answer gradients(String endpoint, MlpParameters parameters, Samples shard, long deadlineNanos) {
        String hash = parameters.hashHex();
        boolean known;
        synchronized (sent) {
            known = hash.equals(sent.get(endpoint));
        }
        int answerBytes = TrainingWireFormat.answerBytes(parameters.shape().parameterCount());
        NodeClient.Reply reply = null;
        if (known) {
            reply = client.post(endpoint, TrainingWireFormat.GRADIENT_PATH, OCTETS,
                    TrainingWireFormat.encode(GradientRequest.byHash(parameters, shard)), deadlineNanos, answerBytes,
                    ERROR_BODY_SHOWN);
        }
        if (reply == null || reply.outcome() == NodeClient.Outcome.ANSWERED
                && reply.status() == TrainingWireFormat.UNKNOWN_PARAMETERS) {
            reply = client.post(endpoint, TrainingWireFormat.GRADIENT_PATH, OCTETS,
                    TrainingWireFormat.encode(GradientRequest.withParameters(parameters, shard)), deadlineNanos,
                    answerBytes, ERROR_BODY_SHOWN);
            if (reply.outcome() == NodeClient.Outcome.ANSWERED && reply.status() == 200) {
                synchronized (sent) {
                    sent.put(endpoint, hash);
                }
            }
        }
        return answer(reply, parameters.shape().parameterCount());
    }

    private static Answer answer(NodeClient.Reply reply, int parameters) {
        return switch (reply.outcome()) {
            case REFUSED -> new Answer(reply, null, "not sent: " + reply.detail());
            case TIMEOUT -> new Answer(reply, null, "no answer in time");
            case FAILED -> new Answer(reply, null, reply.detail());
            case ANSWERED -> {
                if (reply.status() != 200) {
                    yield new Answer(reply, null, "HTTP " + reply.status() + ": " + reply.printableBody());
                }
                if (reply.longer()) {
                    yield new Answer(reply, null, "answer longer than the " + TrainingWireFormat.answerBytes(parameters)
                            + " bytes of " + parameters + " gradient sums");
                }
                try {
                    yield new Answer(reply, TrainingWireFormat.decodeSums(reply.body(), parameters), null);
                } catch (IllegalArgumentException e) {
                    yield new Answer(reply, null, e.getMessage());
                }
            }
        };
    }

    /** The node as a {@link GradientWorker}: each shard within {@code timeout}; anything but sums is thrown. */
    public GradientWorker worker(String name, String endpoint, Duration timeout) {
        return new GradientWorker() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public GradientSums gradients(MlpParameters parameters, Samples shard) {
                Answer answer = NodeGradientClient.this.gradients(endpoint, parameters, shard,
                        System.nanoTime() + timeout.toNanos());
                if (!answer.answered()) {
                    throw new IllegalStateException(name + ": " + answer.problem());
                }
                return answer.sums();
            }
        };
    }
}
