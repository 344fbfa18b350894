package network.mmc.gpu;

import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
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
    private static final int HASH_BYTES = 32;
    private static final int GEMM_HEADER = 3 * Integer.BYTES + HASH_BYTES + Integer.BYTES;
    /** What a node answers when it keeps no B under the hash it was sent. */
    public static final int UNKNOWN_B = 409;
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

    /**
     * What names a k x n B once a node keeps it: SHA-256 of k and n (int32) and B's FP32 values, little-endian, so
     * that equal hashes mean the same matrix, not only the same bytes.
     */
    public static byte[] hashOf(int k, int n, float[] b) {
        if (b.length != (long) k * n) {
            throw new IllegalArgumentException("B has " + b.length + " entries, not " + k + " x " + n);
        }
        ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact((long) b.length * Float.BYTES))
                .order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(b);
        return hashOf(k, n, bytes.array(), 0, bytes.capacity());
    }

    /** {@link #hashOf(int, int, float[])} of B as it lies on the wire, without a copy. */
    private static byte[] hashOf(int k, int n, byte[] wire, int offset, int length) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(ByteBuffer.allocate(2 * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN).putInt(k).putInt(n)
                    .array());
            sha256.update(wire, offset, length);
            return sha256.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** A band's body with B, which {@code bHash} ({@link #hashOf}) names. */
    public static byte[] encodeGemm(MatmulOperands band, byte[] bHash) {
        return encodeGemm(band, bHash, true);
    }

    /** A band's body naming B by {@code bHash} alone, for a node that keeps it. */
    public static byte[] encodeGemmKept(MatmulOperands band, byte[] bHash) {
        return encodeGemm(band, bHash, false);
    }

    private static byte[] encodeGemm(MatmulOperands band, byte[] bHash, boolean withB) {
        if (bHash.length != HASH_BYTES) {
            throw new IllegalArgumentException("B's hash has " + bHash.length + " bytes, not " + HASH_BYTES);
        }
        long bBytes = withB ? (long) band.b().length * Float.BYTES : 0;
        ByteBuffer body = ByteBuffer.allocate(Math.toIntExact(GEMM_HEADER + (long) band.a().length * Float.BYTES
                + bBytes)).order(ByteOrder.LITTLE_ENDIAN);
        body.putInt(band.m()).putInt(band.k()).putInt(band.n()).put(bHash).putInt((int) bBytes);
        body.asFloatBuffer().put(band.a()).put(withB ? band.b() : new float[0]);
        return body.array();
    }

    /**
     * Reads a GEMM body; throws saying what is wrong with its sizes or length, or that the B sent does not hash to
     * the hash sent (a node must never keep a B under another B's name).
     */
    public static GemmUnit decodeGemm(byte[] body) {
        if (body.length < GEMM_HEADER) {
            throw new IllegalArgumentException("the body has " + body.length + " bytes, less than the " + GEMM_HEADER
                    + " of m, k, n, B's hash and B's length");
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
        byte[] bHash = new byte[HASH_BYTES];
        in.get(bHash);
        long bBytes = in.getInt();
        long fullB = (long) k * n * Float.BYTES;
        if (bBytes != 0 && bBytes != fullB) {
            throw new IllegalArgumentException("B has " + bBytes + " bytes; k=" + k + ", n=" + n + " need " + fullB
                    + " (or 0 to use the B kept under its hash)");
        }
        long expected = GEMM_HEADER + (long) m * k * Float.BYTES + bBytes;
        if (body.length != expected) {
            throw new IllegalArgumentException("the body has " + body.length + " bytes; m=" + m + ", k=" + k + ", n="
                    + n + " with " + bBytes + " bytes of B need " + expected);
        }
        float[] a = new float[m * k];
        in.asFloatBuffer().get(a);
        if (bBytes == 0) {
            return new GemmUnit(m, k, n, bHash, a, null);
        }
        int bOffset = in.position() + a.length * Float.BYTES;
        byte[] actual = hashOf(k, n, body, bOffset, (int) bBytes);
        if (!Arrays.equals(actual, bHash)) {
            throw new IllegalArgumentException("B hashes to " + HexFormat.of().formatHex(actual) + ", not to the "
                    + HexFormat.of().formatHex(bHash) + " sent");
        }
        float[] b = new float[k * n];
        in.position(bOffset);
        in.asFloatBuffer().get(b);
        return new GemmUnit(m, k, n, bHash, a, b);
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
