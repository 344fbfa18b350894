package network.mmc.gpu;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A unit of an API user's MLP inference task on the wire: {@code POST /v1/tasks/mlp} with an
 * {@code application/octet-stream} body, all little-endian: the model (int32 L, the L + 1 layer sizes d0 … dL as
 * int32, then per layer its weights, d(l-1) x d(l) FP32 row-major, and its d(l) biases), then int32 rows and the
 * rows x d0 inputs (FP32, row-major). The answer is rows x dL FP32 outputs. The model alone, in the same layout, is
 * how the Hub stores it.
 */
public final class MlpWireFormat {

    public static final String MLP_PATH = "/v1/tasks/mlp";
    /** Most layers of a model on the wire. */
    public static final int MAX_LAYERS = 64;
    /** Largest layer size (inputs or outputs) on the wire. */
    public static final int MAX_WIDTH = MatmulWireFormat.MAX_GEMM_SIZE;

    private MlpWireFormat() {
    }

    /** The bytes of a model. */
    public static long modelBytes(MlpModel model) {
        return (long) Integer.BYTES * (model.layers().size() + 2) + Float.BYTES * model.parameters();
    }

    /** The bytes of a unit's body: the model, the row count and the rows. */
    public static long unitBytes(MlpModel model, int rows) {
        return modelBytes(model) + Integer.BYTES + (long) Float.BYTES * rows * model.inputs();
    }

    public static byte[] encodeModel(MlpModel model) {
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(modelBytes(model))).order(ByteOrder.LITTLE_ENDIAN);
        putModel(out, model);
        return out.array();
    }

    public static byte[] encodeUnit(MlpModel model, float[] inputs, int rows) {
        if (inputs.length != (long) rows * model.inputs()) {
            throw new IllegalArgumentException(rows + " rows of " + model.inputs() + " inputs need "
                    + (long) rows * model.inputs() + " numbers, got " + inputs.length);
        }
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(unitBytes(model, rows))).order(ByteOrder.LITTLE_ENDIAN);
        putModel(out, model);
        out.putInt(rows);
        out.asFloatBuffer().put(inputs);
        return out.array();
    }

    private static void putModel(ByteBuffer out, MlpModel model) {
        out.putInt(model.layers().size());
        out.putInt(model.inputs());
        for (MlpModel.Layer layer : model.layers()) {
            out.putInt(layer.outputs());
        }
        for (MlpModel.Layer layer : model.layers()) {
            FloatBuffer floats = out.asFloatBuffer();
            floats.put(layer.weights()).put(layer.biases());
            out.position(out.position() + Float.BYTES * (layer.weights().length + layer.biases().length));
        }
    }

    /** A model as the Hub stores it; throws saying what is wrong. */
    public static MlpModel decodeModel(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        MlpModel model = readModel(in);
        if (in.hasRemaining()) {
            throw new IllegalArgumentException("the model is followed by " + in.remaining() + " more bytes");
        }
        return model;
    }

    /** A unit's model, rows and inputs. */
    public record Unit(MlpModel model, int rows, float[] inputs) {
    }

    /** Reads a unit's body; throws saying what is wrong with its sizes or length, before allocating for them. */
    public static Unit decodeUnit(byte[] body) {
        ByteBuffer in = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
        MlpModel model = readModel(in);
        need(in, Integer.BYTES, "the row count");
        int rows = in.getInt();
        if (rows < 1) {
            throw new IllegalArgumentException("rows = " + rows + " must be positive");
        }
        long expected = (long) Float.BYTES * rows * model.inputs();
        if (in.remaining() != expected) {
            throw new IllegalArgumentException("the body has " + in.remaining() + " bytes of inputs; " + rows
                    + " rows of " + model.inputs() + " need " + expected);
        }
        float[] inputs = new float[rows * model.inputs()];
        in.asFloatBuffer().get(inputs);
        return new Unit(model, rows, inputs);
    }

    private static MlpModel readModel(ByteBuffer in) {
        need(in, Integer.BYTES, "the layer count");
        int count = in.getInt();
        if (count < 1 || count > MAX_LAYERS) {
            throw new IllegalArgumentException("layers = " + count + " must be in [1, " + MAX_LAYERS + "]");
        }
        need(in, (long) Integer.BYTES * (count + 1), "the layer sizes");
        int[] sizes = new int[count + 1];
        long floats = 0;
        for (int l = 0; l <= count; l++) {
            sizes[l] = in.getInt();
            if (sizes[l] < 1 || sizes[l] > MAX_WIDTH) {
                throw new IllegalArgumentException("layer size d" + l + " = " + sizes[l] + " must be in [1, "
                        + MAX_WIDTH + "]");
            }
            if (l > 0) {
                floats += (long) (sizes[l - 1] + 1) * sizes[l];
            }
        }
        need(in, floats * Float.BYTES, "the weights and biases");
        List<MlpModel.Layer> layers = new ArrayList<>();
        for (int l = 1; l <= count; l++) {
            float[] weights = new float[sizes[l - 1] * sizes[l]];
            float[] biases = new float[sizes[l]];
            FloatBuffer view = in.asFloatBuffer();
            view.get(weights).get(biases);
            in.position(in.position() + Float.BYTES * (weights.length + biases.length));
            layers.add(new MlpModel.Layer(sizes[l - 1], sizes[l], weights, biases));
        }
        return new MlpModel(layers);
    }

    private static void need(ByteBuffer in, long bytes, String what) {
        if (in.remaining() < bytes) {
            throw new IllegalArgumentException("the body ends before " + what + " (" + bytes + " bytes needed, "
                    + in.remaining() + " left)");
        }
    }
}
