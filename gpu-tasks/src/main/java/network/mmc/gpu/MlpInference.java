package network.mmc.gpu;

/**
 * Runs rows through an {@link MlpModel} with a {@link MatmulExecutor}: each layer's {@code X·W} is one product on the
 * executor (the GPU's SGEMM kernel, or the CPU's), then the biases are added and, between layers, ReLU applied. FP32
 * throughout; GPU and CPU results differ only by the order of their sums (see {@link MlpTolerance}).
 */
public final class MlpInference {

    private final MatmulExecutor executor;

    public MlpInference(MatmulExecutor executor) {
        this.executor = executor;
    }

    /** What ran a batch, its outputs ({@code rows x model.outputs()}, row-major) and the executor's compute time. */
    public record Result(float[] outputs, long computeNanos, String executor) {
    }

    /** {@code inputs} is {@code rows x model.inputs()}, row-major. */
    public Result infer(MlpModel model, float[] inputs, int rows) {
        if (rows < 1 || inputs.length != (long) rows * model.inputs()) {
            throw new IllegalArgumentException(rows + " rows of " + model.inputs() + " inputs need "
                    + (long) rows * model.inputs() + " numbers, got " + inputs.length);
        }
        float[] activations = inputs;
        long computeNanos = 0;
        String description = executor.description();
        for (int l = 0; l < model.layers().size(); l++) {
            MlpModel.Layer layer = model.layers().get(l);
            MatmulResult product = executor.multiply(new MatmulOperands(rows, layer.inputs(), layer.outputs(),
                    activations, layer.weights()));
            computeNanos += product.computeNanos();
            description = product.executor();
            activations = product.c();
            boolean relu = l < model.layers().size() - 1;
            float[] biases = layer.biases();
            int outputs = layer.outputs();
            for (int row = 0; row < rows; row++) {
                for (int o = 0; o < outputs; o++) {
                    float value = activations[row * outputs + o] + biases[o];
                    activations[row * outputs + o] = relu && value < 0 ? 0 : value;
                }
            }
        }
        return new Result(activations, computeNanos, description);
    }
}
