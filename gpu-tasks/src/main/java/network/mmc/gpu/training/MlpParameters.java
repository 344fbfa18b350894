package network.mmc.gpu.training;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * The parameters of an MLP in Q16.16, laid out as {@link MlpShape} says. Their hash is SHA-256 of the canonical bytes:
 * the ASCII tag {@code mmc-mlp-q16.16}, the number of widths and each width as big-endian int32, then every
 * parameter as big-endian int32. Equal hashes mean bit-identical models.
 */
public record MlpParameters(MlpShape shape, int[] values) {

    private static final byte[] TAG = "mmc-mlp-q16.16".getBytes(StandardCharsets.US_ASCII);

    public MlpParameters {
        if (values.length != shape.parameterCount()) {
            throw new IllegalArgumentException(shape + " has " + shape.parameterCount() + " parameters, got "
                    + values.length);
        }
        values = values.clone();
    }

    /**
     * Weights drawn uniformly from [-g, g] with g = ⌊√(6 / (fan-in + fan-out)) · 2^16⌋ (Glorot), biases 0, from a
     * SplittableRandom seeded with {@code seed}, layer by layer in layout order.
     */
    public static MlpParameters initial(MlpShape shape, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] values = new int[shape.parameterCount()];
        for (int layer = 1; layer <= shape.layers(); layer++) {
            int fanIn = shape.width(layer - 1);
            int fanOut = shape.width(layer);
            long limit = (long) Math.floor(Math.sqrt(6.0 / (fanIn + fanOut)) * FixedPoint.ONE);
            int offset = shape.weightOffset(layer);
            for (int index = 0; index < fanIn * fanOut; index++) {
                values[offset + index] = (int) random.nextLong(-limit, limit + 1);
            }
        }
        return new MlpParameters(shape, values);
    }

    @Override
    public int[] values() {
        return values.clone();
    }

    public int value(int index) {
        return values[index];
    }

    /** The canonical bytes the hash is taken of, also the parameters' wire form. */
    public byte[] canonicalBytes() {
        int[] widths = shape.widths();
        ByteBuffer bytes = ByteBuffer.allocate(TAG.length + Integer.BYTES * (1 + widths.length + values.length));
        bytes.put(TAG).putInt(widths.length);
        for (int width : widths) {
            bytes.putInt(width);
        }
        bytes.asIntBuffer().put(values);
        return bytes.array();
    }

    /** Reads {@link #canonicalBytes()}; throws saying what is wrong. */
    public static MlpParameters fromCanonicalBytes(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (bytes.length < TAG.length + Integer.BYTES
                || !Arrays.equals(Arrays.copyOf(bytes, TAG.length), TAG)) {
            throw new IllegalArgumentException("parameters must start with the tag mmc-mlp-q16.16");
        }
        in.position(TAG.length);
        int count = in.getInt();
        if (count < 2 || count > MlpShape.MAX_LAYERS + 1 || in.remaining() < count * Integer.BYTES) {
            throw new IllegalArgumentException("parameters declare " + count + " widths");
        }
        int[] widths = new int[count];
        for (int l = 0; l < count; l++) {
            widths[l] = in.getInt();
        }
        MlpShape shape = new MlpShape(widths);
        if (in.remaining() != (long) shape.parameterCount() * Integer.BYTES) {
            throw new IllegalArgumentException("shape " + shape + " needs " + shape.parameterCount()
                    + " parameters, the bytes hold " + in.remaining() / Integer.BYTES);
        }
        int[] values = new int[shape.parameterCount()];
        in.asIntBuffer().get(values);
        return new MlpParameters(shape, values);
    }

    public byte[] hash() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(canonicalBytes());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public String hashHex() {
        return HexFormat.of().formatHex(hash());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MlpParameters parameters && shape.equals(parameters.shape)
                && Arrays.equals(values, parameters.values);
    }

    @Override
    public int hashCode() {
        return shape.hashCode() * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "MLP " + shape + " " + hashHex();
    }
}
