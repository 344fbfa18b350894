package network.mmc.node;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import network.mmc.gpu.MatmulWireFormat;
import network.mmc.gpu.training.FixedPointOverflowException;
import network.mmc.gpu.training.GradientRequest;
import network.mmc.gpu.training.GradientSums;
import network.mmc.gpu.training.MlpParameters;
import network.mmc.gpu.training.ShardGradients;
import network.mmc.gpu.training.TrainingWireFormat;

/**
 * {@code POST /v1/tasks/train-gradient} ({@link TrainingWireFormat}): a shard's gradient sums at the parameters sent,
 * or at the parameters kept under the hash sent. The node keeps the last few parameters it was sent, by hash, so the
 * Hub sends a step's parameters once and then only their hash; an unknown hash is answered 409, an overflow 422.
 */
final class TrainingGradientHandler implements HttpHandler {

    /** Parameters kept: a few jobs' current steps. */
    private static final int KEPT_PARAMETERS = 4;
    private static final long KEPT_BYTES = 256L << 20;

    private final ShardGradients gradients;
    private final KeptOperands<MlpParameters> kept = new KeptOperands<>(KEPT_PARAMETERS, KEPT_BYTES);

    TrainingGradientHandler(ShardGradients gradients) {
        this.gradients = gradients;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "use POST");
                return;
            }
            String length = exchange.getRequestHeaders().getFirst("Content-Length");
            long declared = length == null ? -1 : parseLength(length);
            if (declared < 0 || declared > TrainingWireFormat.MAX_REQUEST_BYTES) {
                send(exchange, 413, "a gradient request needs a Content-Length of at most "
                        + TrainingWireFormat.MAX_REQUEST_BYTES + " bytes");
                return;
            }
            GradientRequest request;
            try {
                request = TrainingWireFormat.decode(exchange.getRequestBody().readNBytes((int) declared));
            } catch (IllegalArgumentException e) {
                send(exchange, 400, e.getMessage());
                return;
            }
            MlpParameters parameters = parameters(request);
            if (parameters == null) {
                send(exchange, TrainingWireFormat.UNKNOWN_PARAMETERS, "unknown parameters " + request.hashHex()
                        + ": send them");
                return;
            }
            GradientSums sums;
            try {
                sums = gradients.gradients(parameters, request.shard());
            } catch (FixedPointOverflowException e) {
                send(exchange, 422, e.getMessage());
                return;
            } catch (IllegalArgumentException e) {
                send(exchange, 400, e.getMessage());
                return;
            }
            exchange.getResponseHeaders().set(MatmulWireFormat.EXECUTOR_HEADER, gradients.description());
            send(exchange, 200, "application/octet-stream", TrainingWireFormat.encode(sums));
        } catch (RuntimeException e) {
            send(exchange, 500, String.valueOf(e.getMessage()));
        }
    }

    private MlpParameters parameters(GradientRequest request) {
        if (request.parameters() != null) {
            kept.keep(request.hashHex(), request.parameters(),
                    (long) request.parameters().shape().parameterCount() * Integer.BYTES);
            return request.parameters();
        }
        return kept.get(request.hashHex());
    }

    private static long parseLength(String header) {
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void send(HttpExchange exchange, int status, String text) throws IOException {
        send(exchange, status, "text/plain", text.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
