package network.mmc.gpu.training;

/** What a trained MLP predicts: the class of its largest output (the lowest class on a tie). */
public record Classifier(MlpParameters parameters) {

    public int predict(Samples samples, int sample) {
        int[][] activations = CpuShardGradients.activations(parameters.shape(), samples);
        CpuShardGradients.forward(parameters, samples, sample, activations);
        int[] outputs = activations[parameters.shape().layers()];
        int best = 0;
        for (int j = 1; j < outputs.length; j++) {
            if (outputs[j] > outputs[best]) {
                best = j;
            }
        }
        return best;
    }

    /** How many of {@code samples} it classifies right. */
    public int correct(Samples samples) {
        samples.checkFits(parameters.shape());
        int correct = 0;
        for (int sample = 0; sample < samples.count(); sample++) {
            if (predict(samples, sample) == samples.label(sample)) {
                correct++;
            }
        }
        return correct;
    }
}
