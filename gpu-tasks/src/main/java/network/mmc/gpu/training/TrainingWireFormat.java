package network.mmc.gpu.training;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * How a shard's gradient work travels between the Hub and a node, all integers big-endian: {@code POST
 * /v1/tasks/train-gradient} with an {@code application/octet-stream} body of the 32-byte SHA-256 parameter hash,
 * int32 P, then P bytes of the parameters' canonical form ({@link MlpParameters#canonicalBytes()}; P = 0 when the
 * node should use the parameters it keeps under that hash), then int32 sample count n, inputs and classes, n·inputs
 * int32 Q16.16 features and n int32 labels. A 200 answer is int32 n, int32 parameter count, then the int64 gradient
 * sums; a node that does not hold the parameters answers 409 and is sent them.
 */
public final class TrainingWireFormat {

    public static final String GRADIENT_PATH = "/v1/tasks/train-gradient";
    public static final int HASH_BYTES = 32;
    /** Largest request a node reads: parameters of the largest shape plus a large shard. */
    public static final long MAX_REQUEST_BYTES = 160L << 20;
    /** What a node answers when it does not hold the parameters of the hash it was sent. */
    public static final int UNKNOWN_PARAMETERS = 409;

    private TrainingWireFormat() {
    }

    public static byte[] encode(GradientRequest request) {
        byte[] parameters = request.parameters() == null ? new byte[0] : request.parameters().canonicalBytes();
        byte[] samples = encodeSamples(request.shard());
        return ByteBuffer.allocate(HASH_BYTES + Integer.BYTES + parameters.length + samples.length)
                .put(request.parametersHash()).putInt(parameters.length).put(parameters).put(samples).array();
    }

    /** Samples as int32 count, inputs and classes, then the features and the labels (the tail of a request). */
    public static byte[] encodeSamples(Samples samples) {
        ByteBuffer body = ByteBuffer.allocate(Math.toIntExact(3L * Integer.BYTES
                + (long) Integer.BYTES * samples.count() * (samples.inputs() + 1L)));
        body.putInt(samples.count()).putInt(samples.inputs()).putInt(samples.classes());
        body.asIntBuffer().put(samples.features()).put(samples.labels());
        return body.array();
    }

    /** Reads {@link #encodeSamples}; throws naming what is wrong. */
    public static Samples decodeSamples(byte[] bytes) {
        try {
            return samples(ByteBuffer.wrap(bytes));
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("the samples end early (" + bytes.length + " bytes)");
        }
    }

    /** Reads a request; throws naming what is wrong, including parameters that do not hash to the hash sent. */
    public static GradientRequest decode(byte[] body) {
        try {
            ByteBuffer in = ByteBuffer.wrap(body);
            byte[] hash = new byte[HASH_BYTES];
            in.get(hash);
            int parameterBytes = in.getInt();
            if (parameterBytes < 0 || parameterBytes > in.remaining()) {
                throw new IllegalArgumentException("the body declares " + parameterBytes + " bytes of parameters, "
                        + in.remaining() + " follow");
            }
            MlpParameters parameters = null;
            if (parameterBytes > 0) {
                byte[] canonical = new byte[parameterBytes];
                in.get(canonical);
                parameters = MlpParameters.fromCanonicalBytes(canonical);
            }
            return new GradientRequest(hash, parameters, samples(in));
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("the body ends early (" + body.length + " bytes)");
        }
    }

    private static Samples samples(ByteBuffer in) {
        int count = in.getInt();
        int inputs = in.getInt();
        int classes = in.getInt();
        if (count < 0 || count > Samples.MAX_SAMPLES || inputs < 1 || inputs > MlpShape.MAX_WIDTH || classes < 1
                || classes > MlpShape.MAX_WIDTH) {
            throw new IllegalArgumentException("a shard of " + count + " samples, " + inputs + " inputs and "
                    + classes + " classes is out of bounds");
        }
        long expected = (long) count * (inputs + 1) * Integer.BYTES;
        if (in.remaining() != expected) {
            throw new IllegalArgumentException(count + " samples of " + inputs + " inputs need " + expected
                    + " bytes, the body has " + in.remaining() + " left");
        }
        int[] features = new int[count * inputs];
        int[] labels = new int[count];
        in.asIntBuffer().get(features).get(labels);
        return new Samples(inputs, classes, features, labels);
    }

    public static byte[] encode(GradientSums sums) {
        ByteBuffer body = ByteBuffer.allocate(2 * Integer.BYTES + sums.length() * Long.BYTES);
        body.putInt(sums.samples()).putInt(sums.length());
        body.asLongBuffer().put(sums.sums());
        return body.array();
    }

    /** The bytes an answer for {@code parameters} parameters has. */
    public static int answerBytes(int parameters) {
        return 2 * Integer.BYTES + parameters * Long.BYTES;
    }

    /** Reads an answer expected to hold {@code parameters} sums; throws saying what does not fit. */
    public static GradientSums decodeSums(byte[] body, int parameters) {
        if (body.length != answerBytes(parameters)) {
            throw new IllegalArgumentException("an answer for " + parameters + " parameters has "
                    + answerBytes(parameters) + " bytes, got " + body.length);
        }
        ByteBuffer in = ByteBuffer.wrap(body);
        int samples = in.getInt();
        int count = in.getInt();
        if (count != parameters) {
            throw new IllegalArgumentException("the answer declares " + count + " parameters, expected " + parameters);
        }
        long[] sums = new long[parameters];
        in.asLongBuffer().get(sums);
        return new GradientSums(sums, samples);
    }
}
