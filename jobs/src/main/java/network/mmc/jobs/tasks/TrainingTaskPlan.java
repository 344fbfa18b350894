package network.mmc.jobs.tasks;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Locale;
import java.util.List;
import network.mmc.gpu.training.IrisDataset;
import network.mmc.gpu.training.LabelledDataset;
import network.mmc.gpu.training.MlpShape;
import network.mmc.gpu.training.Samples;
import network.mmc.gpu.training.SgdUpdate;
import network.mmc.gpu.training.ShardSplit;
import network.mmc.gpu.training.TrainingPlan;
import network.mmc.gpu.training.TrainingWireFormat;

/**
 * A TRAINING request checked and cut: {@code steps} × {@code shards} units, unit s·shards + i being shard i of step
 * s's batch (part = s, rows [first, last) of the batch), each priced by its integer operations.
 */
record TrainingTaskPlan(TrainingPlan plan, String dataset, Samples training, Samples heldOut, int shards,
                        List<PlannedUnit> units) implements TaskPlan {

    /** A shard's gradient sums, 64 bits a parameter. */
    @Override
    public long largestAnswerBytes() {
        return TrainingWireFormat.answerBytes(plan.shape().parameterCount());
    }

    static TrainingTaskPlan of(TaskRequest.Training request, TaskSettings.Training limits) {
        if (request == null) {
            throw new IllegalArgumentException("training is missing: the model, data and steps to train");
        }
        if (request.widths() == null) {
            throw new IllegalArgumentException("training.widths is missing, e.g. [4, 16, 3]");
        }
        MlpShape shape = new MlpShape(request.widths());
        Samples training;
        Samples heldOut;
        String dataset;
        if (request.samples() != null) {
            if (request.dataset() != null) {
                throw new IllegalArgumentException("training: give dataset or samples, not both");
            }
            dataset = "inline";
            training = samples("training.samples", request.samples(), shape, limits.maxSamples());
            heldOut = request.heldOut() == null ? null : samples("training.heldOut", request.heldOut(), shape,
                    limits.maxSamples());
        } else if (request.heldOut() != null && request.dataset() != null) {
            throw new IllegalArgumentException("training.heldOut is given with a dataset, which holds its own held-out"
                    + " samples; give heldOut with training.samples");
        } else if ("iris".equals(request.dataset())) {
            LabelledDataset iris = IrisDataset.load();
            dataset = "iris";
            training = iris.training();
            heldOut = iris.heldOut();
            if (shape.inputs() != 4 || shape.outputs() != 3) {
                throw new IllegalArgumentException("training.widths " + shape + ": iris has 4 inputs and 3 classes");
            }
        } else {
            throw new IllegalArgumentException("training.dataset " + (request.dataset() == null ? "is missing"
                    : "'" + request.dataset() + "' is unknown") + ": iris, or give training.samples");
        }
        if (request.steps() == null || request.steps() < 1 || request.steps() > limits.maxSteps()) {
            throw new IllegalArgumentException("training.steps = " + request.steps() + ", must be in [1, "
                    + limits.maxSteps() + "] (mmc.tasks.training.max-steps)");
        }
        if (request.batchSize() == null || request.batchSize() < 1 || request.batchSize() > training.count()) {
            throw new IllegalArgumentException("training.batchSize = " + request.batchSize() + ", must be in [1, "
                    + training.count() + "] (the training samples)");
        }
        int shards = request.shards() == null ? 1 : request.shards();
        if (shards < 1 || shards > request.batchSize()) {
            throw new IllegalArgumentException("training.shards = " + shards + ", must be in [1, batchSize]");
        }
        if ((long) shards * request.steps() > MAX_UNITS) {
            throw new IllegalArgumentException("training: " + request.steps() + " steps of " + shards + " shards are "
                    + (long) shards * request.steps() + " units, more than " + MAX_UNITS);
        }
        TrainingPlan plan = new TrainingPlan(shape, request.seed() == null ? 1 : request.seed(), request.batchSize(),
                request.steps(), learningRate(request.learningRate()));
        ShardSplit split = new ShardSplit(request.batchSize(), shards);
        List<PlannedUnit> units = new ArrayList<>();
        for (int step = 0; step < request.steps(); step++) {
            for (int shard = 0; shard < shards; shard++) {
                int size = split.to(shard) - split.from(shard);
                if (step == 0) {
                    checkUnitSize(size, shape, limits);
                }
                units.add(new PlannedUnit(units.size(), step, split.from(shard), split.to(shard),
                        price(size, shape, limits), gpuBytes(size, shape)));
            }
        }
        return new TrainingTaskPlan(plan, dataset, training, heldOut, shards, List.copyOf(units));
    }

    private static void checkUnitSize(int samples, MlpShape shape, TaskSettings.Training limits) {
        double gop = 6.0 * samples * shape.parameterCount() / 1e9;
        if (gop > limits.maxUnitGop()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "training: a shard of %d samples of a model of"
                    + " %d parameters is %.3g·10^9 integer operations, more than %s (mmc.tasks.training.max-unit-gop):"
                    + " give more shards or a smaller batchSize", samples, shape.parameterCount(), gop,
                    BigDecimal.valueOf(limits.maxUnitGop()).stripTrailingZeros().toPlainString()));
        }
        long bytes = gpuBytes(samples, shape);
        if (bytes > limits.maxUnitBytes().toBytes()) {
            throw new IllegalArgumentException("training: a shard of " + samples + " samples of a model of "
                    + shape.parameterCount() + " parameters needs " + bytes + " bytes, more than "
                    + limits.maxUnitBytes().toBytes() + " (mmc.tasks.training.max-unit-bytes): give more shards, a"
                    + " smaller batchSize or a smaller model");
        }
    }

    /** max(1, ceil(6·n·P · creditsPerGop / 10^9)). */
    static long price(int samples, MlpShape shape, TaskSettings.Training limits) {
        long operations = 6L * samples * shape.parameterCount();
        long scaled = Math.multiplyExact(operations, limits.creditsPerGop());
        return Math.max(1, (scaled + 999_999_999L) / 1_000_000_000L);
    }

    /** Parameters, the shard, each sample's activations and errors, and the 64-bit sums. */
    static long gpuBytes(int samples, MlpShape shape) {
        return 4L * shape.parameterCount() + 4L * samples * (shape.inputs() + 1)
                + 8L * samples * shape.activationCount() + 8L * shape.parameterCount();
    }

    private static SgdUpdate learningRate(String text) {
        if (text == null) {
            throw new IllegalArgumentException("training.learningRate is missing, e.g. \"1/4\"");
        }
        String[] terms = text.split("/", -1);
        try {
            if (terms.length == 2) {
                return new SgdUpdate(Integer.parseInt(terms[0].trim()), Integer.parseInt(terms[1].trim()));
            }
        } catch (NumberFormatException e) {
            // the message below says what is expected
        }
        throw new IllegalArgumentException("training.learningRate '" + text + "' is not p/q with whole p and q, e.g. 1/4");
    }

    private static Samples samples(String field, TaskRequest.LabelledSamples given, MlpShape shape, int max) {
        if (given.features() == null || given.labels() == null || given.features().length != given.labels().length) {
            throw new IllegalArgumentException(field + " needs features and labels, one row and one label per sample");
        }
        if (given.labels().length < 1 || given.labels().length > Math.min(max, Samples.MAX_SAMPLES)) {
            throw new IllegalArgumentException(field + " has " + given.labels().length + " samples, must be in [1, "
                    + Math.min(max, Samples.MAX_SAMPLES) + "] (mmc.tasks.training.max-samples)");
        }
        int[] features = new int[given.labels().length * shape.inputs()];
        for (int s = 0; s < given.labels().length; s++) {
            if (given.features()[s] == null || given.features()[s].length != shape.inputs()) {
                throw new IllegalArgumentException(field + ".features[" + s + "] needs " + shape.inputs() + " numbers");
            }
            System.arraycopy(given.features()[s], 0, features, s * shape.inputs(), shape.inputs());
        }
        try {
            return new Samples(shape.inputs(), shape.outputs(), features, given.labels());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
        }
    }
}
