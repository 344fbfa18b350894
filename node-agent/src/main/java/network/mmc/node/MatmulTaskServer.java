package network.mmc.node;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import network.mmc.gpu.GemmUnit;
import network.mmc.gpu.MatmulChallenge;
import network.mmc.gpu.MatmulExecutor;
import network.mmc.gpu.MatmulOperands;
import network.mmc.gpu.MatmulResult;
import network.mmc.gpu.MatmulWireFormat;
import network.mmc.gpu.MlpInference;
import network.mmc.gpu.MlpWireFormat;
import network.mmc.gpu.training.CpuShardGradients;
import network.mmc.gpu.training.ShardGradients;
import network.mmc.gpu.training.TrainingWireFormat;

/**
 * The node's task endpoints ({@link MatmulWireFormat}, {@link MlpWireFormat}): computes C = A·B for each probe
 * challenge and each GEMM unit (keeping the last few products' B, by hash, for their next bands), and an MLP's
 * outputs for each inference unit (its layers' products on the same executor), and answers with the executor and
 * GFLOPS in headers; training shards go to {@link TrainingGradientHandler}. {@code GET /v1/health} answers the node id, the executor and how many GEMM bands
 * came with B, named a kept B or named one not kept, as JSON.
 */
public final class MatmulTaskServer implements AutoCloseable {

    static {
        // the JDK server writes response headers and body separately; with Nagle on, the body waits for the
        // client's delayed ACK (~40 ms a probe). Read once, when the first JDK HTTP server is made.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** Largest GEMM or MLP body read: 256 MiB, e.g. a 4096 x 8192 band of A with an 8192 x 4096 B. */
    public static final long MAX_GEMM_BODY = 256L << 20;
    private static final String OCTETS = "application/octet-stream";
    /** Products' B kept: a few jobs' current products, at most 256 MiB. */
    private static final int KEPT_PRODUCTS = 4;
    private static final long KEPT_BYTES = 256L << 20;

    private final HttpServer server;
    private final ExecutorService handlers;
    private final MatmulExecutor executor;
    private final MlpInference inference;
    private final String nodeId;
    private final KeptOperands<MatmulOperands> keptB = new KeptOperands<>(KEPT_PRODUCTS, KEPT_BYTES);
    /** Bands that came with B, that named a kept B, and that named one not kept (answered 409): on the health page. */
    private final AtomicLong bSent = new AtomicLong();
    private final AtomicLong bNamed = new AtomicLong();
    private final AtomicLong bUnknown = new AtomicLong();

    private MatmulTaskServer(HttpServer server, ExecutorService handlers, MatmulExecutor executor, String nodeId) {
        this.server = server;
        this.handlers = handlers;
        this.executor = executor;
        this.inference = new MlpInference(executor);
        this.nodeId = nodeId;
    }

    /** Starts serving on {@code host:port} (port 0 picks a free one), training shards on the CPU. */
    public static MatmulTaskServer start(String host, int port, MatmulExecutor executor, String nodeId) {
        return start(host, port, executor, new CpuShardGradients(), nodeId);
    }

    /** Starts serving on {@code host:port} (port 0 picks a free one). */
    public static MatmulTaskServer start(String host, int port, MatmulExecutor executor, ShardGradients gradients,
                                         String nodeId) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 64);
            ExecutorService handlers = Executors.newFixedThreadPool(4, task -> {
                Thread thread = new Thread(task, "mmc-node-http");
                thread.setDaemon(true);
                return thread;
            });
            MatmulTaskServer taskServer = new MatmulTaskServer(server, handlers, executor, nodeId);
            server.createContext(MatmulWireFormat.TASK_PATH, taskServer::matmul);
            server.createContext(MatmulWireFormat.GEMM_PATH, taskServer::gemm);
            server.createContext(MlpWireFormat.MLP_PATH, taskServer::mlp);
            server.createContext(MatmulWireFormat.HEALTH_PATH, taskServer::health);
            server.createContext(TrainingWireFormat.GRADIENT_PATH, new TrainingGradientHandler(gradients));
            server.setExecutor(handlers);
            server.start();
            return taskServer;
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String endpoint() {
        return "http://" + server.getAddress().getHostString() + ":" + port();
    }

    private void matmul(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "text/plain", "use POST".getBytes(StandardCharsets.UTF_8));
                return;
            }
            MatmulChallenge challenge;
            try {
                challenge = MatmulWireFormat.parseForm(new String(exchange.getRequestBody().readAllBytes(),
                        StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                send(exchange, 400, "text/plain", e.getMessage().getBytes(StandardCharsets.UTF_8));
                return;
            }
            MatmulResult result = executor.multiply(challenge.matrices());
            exchange.getResponseHeaders().set(MatmulWireFormat.EXECUTOR_HEADER, result.executor());
            exchange.getResponseHeaders().set(MatmulWireFormat.GFLOPS_HEADER, String.format(Locale.ROOT, "%.3f", result.gflops(challenge)));
            send(exchange, 200, "application/octet-stream", MatmulWireFormat.encode(result.c()));
        } catch (RuntimeException e) {
            send(exchange, 500, "text/plain", String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8));
        }
    }

    private void gemm(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = unitBody(exchange, "GEMM");
            if (body == null) {
                return;
            }
            GemmUnit unit;
            MatmulOperands operands;
            try {
                unit = MatmulWireFormat.decodeGemm(body);
                operands = operands(unit);
            } catch (IllegalArgumentException e) {
                send(exchange, 400, "text/plain", e.getMessage().getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (operands == null) {
                bUnknown.incrementAndGet();
                send(exchange, MatmulWireFormat.UNKNOWN_B, "text/plain", ("unknown B " + unit.bHashHex()
                        + ": send it").getBytes(StandardCharsets.UTF_8));
                return;
            }
            MatmulResult result = executor.multiply(operands);
            exchange.getResponseHeaders().set(MatmulWireFormat.EXECUTOR_HEADER, result.executor());
            double gflops = result.computeNanos() <= 0 ? 0 : operands.flops() / result.computeNanos();
            exchange.getResponseHeaders().set(MatmulWireFormat.GFLOPS_HEADER, String.format(Locale.ROOT, "%.3f", gflops));
            send(exchange, 200, OCTETS, MatmulWireFormat.encode(result.c()));
        } catch (RuntimeException e) {
            send(exchange, 500, "text/plain", String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * The band's operands, with the B it came with (kept for the product's next bands) or the one kept under its
     * hash; null when none is. A kept B is k x n by its hash, so a band naming it with other sizes is refused.
     */
    private MatmulOperands operands(GemmUnit unit) {
        if (unit.b() != null) {
            bSent.incrementAndGet();
            MatmulOperands operands = unit.operands(unit.b());
            keptB.keep(unit.bHashHex(), operands, (long) unit.b().length * Float.BYTES);
            return operands;
        }
        MatmulOperands kept = keptB.get(unit.bHashHex());
        if (kept == null) {
            return null;
        }
        if (kept.k() != unit.k() || kept.n() != unit.n()) {
            throw new IllegalArgumentException("the B kept under " + unit.bHashHex() + " is " + kept.k() + " x "
                    + kept.n() + ", not " + unit.k() + " x " + unit.n());
        }
        bNamed.incrementAndGet();
        return unit.operands(kept.b());
    }

    private void mlp(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = unitBody(exchange, "MLP");
            if (body == null) {
                return;
            }
            MlpWireFormat.Unit unit;
            try {
                unit = MlpWireFormat.decodeUnit(body);
            } catch (IllegalArgumentException e) {
                send(exchange, 400, "text/plain", e.getMessage().getBytes(StandardCharsets.UTF_8));
                return;
            }
            MlpInference.Result result = inference.infer(unit.model(), unit.inputs(), unit.rows());
            exchange.getResponseHeaders().set(MatmulWireFormat.EXECUTOR_HEADER, result.executor());
            double gflops = result.computeNanos() <= 0 ? 0
                    : (double) unit.model().flopsPerRow() * unit.rows() / result.computeNanos();
            exchange.getResponseHeaders().set(MatmulWireFormat.GFLOPS_HEADER, String.format(Locale.ROOT, "%.3f", gflops));
            send(exchange, 200, OCTETS, MatmulWireFormat.encode(result.outputs()));
        } catch (RuntimeException e) {
            send(exchange, 500, "text/plain", String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A POSTed unit's body, at most {@link #MAX_GEMM_BODY} bytes as its Content-Length says; null once refused. */
    private static byte[] unitBody(HttpExchange exchange, String kind) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            send(exchange, 405, "text/plain", "use POST".getBytes(StandardCharsets.UTF_8));
            return null;
        }
        long declared = exchange.getRequestHeaders().getFirst("Content-Length") == null ? -1
                : parseLength(exchange.getRequestHeaders().getFirst("Content-Length"));
        if (declared < 0 || declared > MAX_GEMM_BODY) {
            send(exchange, 413, "text/plain", ("a " + kind + " body needs a Content-Length of at most " + MAX_GEMM_BODY
                    + " bytes").getBytes(StandardCharsets.UTF_8));
            return null;
        }
        return exchange.getRequestBody().readNBytes((int) declared);
    }

    private static long parseLength(String header) {
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void health(HttpExchange exchange) throws IOException {
        try (exchange) {
            String json = "{\"status\":\"UP\",\"nodeId\":\"" + nodeId + "\",\"executor\":\""
                    + executor.description().replace("\"", "'") + "\",\"gemmBands\":{\"withB\":" + bSent.get()
                    + ",\"keptB\":" + bNamed.get() + ",\"unknownB\":" + bUnknown.get() + "}}";
            send(exchange, 200, "application/json", json.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
