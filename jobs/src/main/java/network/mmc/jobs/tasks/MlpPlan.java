package network.mmc.jobs.tasks;

import java.util.ArrayList;
import java.util.List;
import network.mmc.gpu.MlpModel;
import network.mmc.gpu.MlpWireFormat;
import network.mmc.jobs.tasks.TaskRequest.Layer;

/**
 * An MLP inference task checked and cut into units: each unit ({@link PlannedUnit}: part 0, first and last its rows)
 * is a band of consecutive input rows, as many as fit {@code max-unit-bytes} both on the wire (the model, the rows and
 * their outputs) and on a GPU (the largest layer's product of the band, padded to the SGEMM kernel's tiles: a node
 * runs one layer at a time), bands as even as possible. A unit of r rows costs
 * {@code max(1, ceil(r · flopsPerRow · credits-per-gflop / 10^9))} credits, {@code flopsPerRow = 2·Σ (d(l-1)+1)·d(l)}.
 */
public record MlpPlan(MlpModel model, float[] inputs, int rows, List<PlannedUnit> units) implements TaskPlan {

    /** A band's outputs. */
    @Override
    public long largestAnswerBytes() {
        return units.stream().mapToLong(unit -> (long) Float.BYTES * (unit.last() - unit.first()) * model.outputs())
                .max().orElse(0);
    }

    private static final long GIGA = 1_000_000_000L;
    private static final int TILE_MN = 128;
    private static final int TILE_K = 8;

    /** Checks the request's model and inputs against the limits and cuts them; throws naming the field. */
    public static MlpPlan of(TaskRequest.Model requested, float[][] requestedInputs, TaskSettings.Mlp limits) {
        MlpModel model = model(requested, limits);
        int rows = inputRows(requestedInputs, model.inputs(), limits);
        float[] inputs = flatten("inputs", requestedInputs, model.inputs());
        return new MlpPlan(model, inputs, rows, cut(model, rows, limits));
    }

    /** Credits of a unit of {@code rows} rows. */
    public static long price(MlpModel model, int rows, long creditsPerGflop) {
        long cost = Math.multiplyExact(Math.multiplyExact(model.flopsPerRow(), rows), creditsPerGflop);
        return Math.max(1, (cost + GIGA - 1) / GIGA);
    }

    /** What a GPU holds to run a band of {@code rows} rows: its largest layer's padded A, B and C. */
    static long gpuBytes(MlpModel model, int rows) {
        long most = 0;
        long paddedRows = roundUp(rows, TILE_MN);
        for (MlpModel.Layer layer : model.layers()) {
            long k = roundUp(layer.inputs(), TILE_K);
            long n = roundUp(layer.outputs(), TILE_MN);
            most = Math.max(most, Float.BYTES * (paddedRows * k + k * n + paddedRows * n));
        }
        return most;
    }

    /** The most a band of {@code rows} rows needs: on the GPU, or on the wire there and back. */
    static long unitBytes(MlpModel model, int rows) {
        return Math.max(gpuBytes(model, rows), MlpWireFormat.unitBytes(model, rows) + (long) Float.BYTES * rows
                * model.outputs());
    }

    private static MlpModel model(TaskRequest.Model requested, TaskSettings.Mlp limits) {
        if (requested == null || requested.layers() == null || requested.layers().isEmpty()) {
            throw new IllegalArgumentException("model.layers is missing: give at least one layer");
        }
        if (requested.layers().size() > limits.maxLayers()) {
            throw new IllegalArgumentException("model.layers has " + requested.layers().size() + " layers; at most "
                    + limits.maxLayers() + " are allowed (mmc.tasks.mlp.max-layers)");
        }
        List<MlpModel.Layer> layers = new ArrayList<>();
        for (int l = 0; l < requested.layers().size(); l++) {
            String name = "model.layers[" + l + "]";
            Layer layer = requested.layers().get(l);
            if (layer == null || layer.weights() == null || layer.biases() == null) {
                throw new IllegalArgumentException(name + " needs weights (a row per input, a number per output in"
                        + " each) and biases (a number per output)");
            }
            int inputs = width(name + ".weights has " + layer.weights().length + " rows (inputs)", layer.weights().length,
                    limits);
            int outputs = width(name + ".weights[0] has " + (layer.weights()[0] == null ? 0 : layer.weights()[0].length)
                    + " numbers (outputs)", layer.weights()[0] == null ? 0 : layer.weights()[0].length, limits);
            if (l > 0 && inputs != layers.get(l - 1).outputs()) {
                throw new IllegalArgumentException(name + " takes " + inputs + " inputs (rows of weights) and"
                        + " model.layers[" + (l - 1) + "] gives " + layers.get(l - 1).outputs() + " outputs");
            }
            if (layer.biases().length != outputs) {
                throw new IllegalArgumentException(name + ".biases has " + layer.biases().length + " numbers and the"
                        + " layer " + outputs + " outputs");
            }
            finite(name + ".biases", layer.biases());
            layers.add(new MlpModel.Layer(inputs, outputs, flatten(name + ".weights", layer.weights(), outputs),
                    layer.biases().clone()));
        }
        return new MlpModel(layers);
    }

    private static int width(String what, int width, TaskSettings.Mlp limits) {
        if (width < 1 || width > limits.maxWidth()) {
            throw new IllegalArgumentException(what + "; a layer takes and gives 1 to " + limits.maxWidth()
                    + " (mmc.tasks.mlp.max-width)");
        }
        return width;
    }

    private static int inputRows(float[][] inputs, int width, TaskSettings.Mlp limits) {
        if (inputs == null || inputs.length == 0) {
            throw new IllegalArgumentException("inputs is missing: give at least one row of " + width + " numbers");
        }
        if (inputs.length > limits.maxRows()) {
            throw new IllegalArgumentException("inputs has " + inputs.length + " rows; at most " + limits.maxRows()
                    + " are allowed (mmc.tasks.mlp.max-rows)");
        }
        return inputs.length;
    }

    private static float[] flatten(String field, float[][] matrix, int columns) {
        float[] flat = new float[Math.multiplyExact(matrix.length, columns)];
        for (int row = 0; row < matrix.length; row++) {
            if (matrix[row] == null || matrix[row].length != columns) {
                throw new IllegalArgumentException(field + "[" + row + "] has " + (matrix[row] == null ? 0
                        : matrix[row].length) + " numbers; it needs " + columns);
            }
            finite(field + "[" + row + "]", matrix[row]);
            System.arraycopy(matrix[row], 0, flat, row * columns, columns);
        }
        return flat;
    }

    private static void finite(String row, float[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException(row + "[" + i + "] is beyond the FP32 range (about ±3.4e38)");
            }
        }
    }

    private static List<PlannedUnit> cut(MlpModel model, int rows, TaskSettings.Mlp limits) {
        long limit = limits.maxUnitBytes().toBytes();
        if (unitBytes(model, 1) > limit) {
            throw new IllegalArgumentException("the model and one row need " + unitBytes(model, 1) + " bytes, more than"
                    + " a unit may (mmc.tasks.mlp.max-unit-bytes = " + limit + "): give a smaller model");
        }
        // the most rows that fit: unitBytes grows with the rows
        int low = 1;
        int high = rows;
        while (low < high) {
            int middle = low + (high - low + 1) / 2;
            if (unitBytes(model, middle) <= limit) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        int bands = (rows + low - 1) / low;
        if (bands > MAX_UNITS) {
            throw new IllegalArgumentException("the inputs are cut into " + bands + " units, more than " + MAX_UNITS
                    + " (bands of " + low + " rows fit mmc.tasks.mlp.max-unit-bytes = " + limit + "): give fewer rows");
        }
        int rowsPerBand = (rows + bands - 1) / bands;
        List<PlannedUnit> units = new ArrayList<>();
        for (int first = 0; first < rows; first += rowsPerBand) {
            int last = Math.min(rows, first + rowsPerBand);
            units.add(new PlannedUnit(units.size(), 0, first, last, price(model, last - first, limits.creditsPerGflop()),
                    gpuBytes(model, last - first)));
        }
        return List.copyOf(units);
    }

    private static int roundUp(int value, int multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }
}
