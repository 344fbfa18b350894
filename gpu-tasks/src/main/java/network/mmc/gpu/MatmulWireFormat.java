package network.mmc.gpu;

import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * How a challenge travels between a validator and a node: {@code POST /v1/tasks/matmul} with the form
 * body {@code seed=<hex>&n=<n>&k=<k>}; the answer is C as n·n little-endian FP32 values.
 */
public final class MatmulWireFormat {

    public static final String TASK_PATH = "/v1/tasks/matmul";
    public static final String HEALTH_PATH = "/v1/health";
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

    public static byte[] encode(float[] c) {
        ByteBuffer body = ByteBuffer.allocate(c.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        body.asFloatBuffer().put(c);
        return body.array();
    }

    /** The n x n answer, or null when the body does not hold exactly n·n values. */
    public static float[] decode(byte[] body, int n) {
        if (body.length != n * n * Float.BYTES) {
            return null;
        }
        float[] c = new float[n * n];
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
