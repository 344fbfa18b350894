package network.mmc.gpu;

import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * How work travels between the Hub and a node. A probe's challenge: {@code POST /v1/tasks/matmul} with the form
 * body {@code seed=<hex>&n=<n>&k=<k>}; the answer is C as n·n little-endian FP32 values. A unit of an API user's
 * GEMM job: {@code POST /v1/tasks/gemm} with an {@code application/octet-stream} body of m, k, n as little-endian
 * int32, then A (m·k) and B (k·n) as little-endian FP32, row-major; the answer is C as m·n little-endian FP32 values.
 */
public final class MatmulWireFormat {

    public static final String TASK_PATH = "/v1/tasks/matmul";
    public static final String GEMM_PATH = "/v1/tasks/gemm";
    public static final String HEALTH_PATH = "/v1/health";
    /** Largest m, k or n of a GEMM body. */
    public static final int MAX_GEMM_SIZE = 16_384;
    private static final int GEMM_HEADER = 3 * Integer.BYTES;
    public static final String EXECUTOR_HEADER = "X-Mmc-Executor";
    public static final String GFLOPS_HEADER = "X-Mmc-Gflops";

    private MatmulWireFormat() {
    }

    public static String form(MatmulChallenge challenge) {
        return "seed=" + challenge.seedHex() + "&n=" + challenge.n() + "&k=" + challenge.k();
    }

    /** Reads a challenge form; throws naming the missing or malformed field. */
    public static MatmulChallenge parseForm(String body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return MatmulChallenge.of(required(fields, "seed"), integer(fields, "n"), integer(fields, "k"));
    }

    /** The bytes a GEMM body of these sizes has. */
    public static long gemmBodyBytes(int m, int k, int n) {
        return GEMM_HEADER + ((long) m * k + (long) k * n) * Float.BYTES;
    }

    public static byte[] encodeOperands(MatmulOperands operands) {
        ByteBuffer body = ByteBuffer.allocate(Math.toIntExact(gemmBodyBytes(operands.m(), operands.k(), operands.n())))
                .order(ByteOrder.LITTLE_ENDIAN);
        body.putInt(operands.m()).putInt(operands.k()).putInt(operands.n());
        body.asFloatBuffer().put(operands.a()).put(operands.b());
        return body.array();
    }

    /** Reads a GEMM body; throws saying what is wrong with its sizes or length. */
    public static MatmulOperands decodeOperands(byte[] body) {
        if (body.length < GEMM_HEADER) {
            throw new IllegalArgumentException("the body has " + body.length + " bytes, less than the " + GEMM_HEADER
                    + " of m, k and n");
        }
        ByteBuffer in = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
        int m = in.getInt();
        int k = in.getInt();
        int n = in.getInt();
        for (int size : new int[] {m, k, n}) {
            if (size < 1 || size > MAX_GEMM_SIZE) {
                throw new IllegalArgumentException("sizes m=" + m + ", k=" + k + ", n=" + n + " must each be in [1, "
                        + MAX_GEMM_SIZE + "]");
            }
        }
        long expected = gemmBodyBytes(m, k, n);
        if (body.length != expected) {
            throw new IllegalArgumentException("the body has " + body.length + " bytes; m=" + m + ", k=" + k + ", n="
                    + n + " need " + expected);
        }
        float[] a = new float[m * k];
        float[] b = new float[k * n];
        in.asFloatBuffer().get(a).get(b);
        return new MatmulOperands(m, k, n, a, b);
    }

    public static byte[] encode(float[] c) {
        ByteBuffer body = ByteBuffer.allocate(c.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        body.asFloatBuffer().put(c);
        return body.array();
    }

    /** The n x n answer, or null when the body does not hold exactly n·n values. */
    public static float[] decode(byte[] body, int n) {
        return decode(body, n, n);
    }

    /** The m x n answer, or null when the body does not hold exactly m·n values. */
    public static float[] decode(byte[] body, int m, int n) {
        if (body.length != (long) m * n * Float.BYTES) {
            return null;
        }
        float[] c = new float[m * n];
        ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(c);
        return c;
    }

    private static String required(Map<String, String> fields, String field) {
        String value = fields.get(field);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return value;
    }

    private static int integer(Map<String, String> fields, String field) {
        String value = required(fields, field);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " '" + value + "' is not an integer");
        }
    }
}
