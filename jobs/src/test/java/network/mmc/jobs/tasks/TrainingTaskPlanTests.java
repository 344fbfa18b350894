package network.mmc.jobs.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import network.mmc.gpu.training.MlpShape;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class TrainingTaskPlanTests {

    private static final TaskSettings.Training LIMITS = new TaskSettings.Training(50, 1_000, 1_000, 20,
            DataSize.ofMegabytes(32));

    private static TaskRequest.Training iris(int shards, int steps, String learningRate) {
        return new TaskRequest.Training("iris", null, null, new int[] {4, 16, 3}, 7L, 24, steps, learningRate, shards);
    }

    @Test
    void eachStepIsCutIntoItsShardsInUnitOrder() {
        TrainingTaskPlan plan = TrainingTaskPlan.of(iris(5, 3, "1/4"), LIMITS);

        assertThat(plan.units()).hasSize(15);
        assertThat(plan.units().get(7)).satisfies(unit -> {
            assertThat(unit.index()).isEqualTo(7);
            assertThat(unit.part()).isEqualTo(1);
            // 24 samples in 5 shards: 5, 5, 5, 5, 4; shard 2 is rows [10, 15)
            assertThat(unit.first()).isEqualTo(10);
            assertThat(unit.last()).isEqualTo(15);
        });
        assertThat(plan.plan().update().toString()).isEqualTo("1/4");
        assertThat(plan.training().count()).isEqualTo(120);
        assertThat(plan.heldOut().count()).isEqualTo(30);
    }

    @Test
    void aUnitCostsItsIntegerOperationsRoundedUp() {
        MlpShape shape = MlpShape.of(4, 16, 3);
        // 6 · 5 samples · 131 parameters = 3930 operations, · 50 credits per 10^9: below one credit, so 1
        assertThat(TrainingTaskPlan.price(5, shape, LIMITS)).isEqualTo(1);
        MlpShape large = MlpShape.of(1024, 1024, 10);
        // 6 · 1000 · 1 059 850 · 50 / 10^9 = 317.955 → 318
        assertThat(TrainingTaskPlan.price(1000, large, LIMITS)).isEqualTo(318);
    }

    @Test
    void badRequestsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> TrainingTaskPlan.of(iris(1, 3, "0.25"), LIMITS))
                .hasMessageContaining("training.learningRate '0.25' is not p/q");
        assertThatThrownBy(() -> TrainingTaskPlan.of(iris(25, 3, "1/4"), LIMITS))
                .hasMessageContaining("training.shards = 25");
        assertThatThrownBy(() -> TrainingTaskPlan.of(iris(1, 1_001, "1/4"), LIMITS))
                .hasMessageContaining("training.steps = 1001");
        assertThatThrownBy(() -> TrainingTaskPlan.of(new TaskRequest.Training("mnist", null, null, new int[] {4, 3},
                1L, 24, 3, "1/4", 1), LIMITS)).hasMessageContaining("training.dataset 'mnist' is unknown");
        assertThatThrownBy(() -> TrainingTaskPlan.of(new TaskRequest.Training(null, new TaskRequest.LabelledSamples(
                new int[][] {{1, 2}}, new int[] {5}), null, new int[] {2, 3}, 1L, 1, 3, "1/4", 1), LIMITS))
                .hasMessageContaining("training.samples: label of sample 0 is 5");
        assertThatThrownBy(() -> TrainingTaskPlan.of(null, LIMITS)).hasMessageContaining("training is missing");
        assertThatThrownBy(() -> TrainingTaskPlan.of(new TaskRequest.Training("iris", null,
                new TaskRequest.LabelledSamples(new int[][] {{1, 2, 3, 4}}, new int[] {7}), new int[] {4, 16, 3}, 7L, 24,
                3, "1/4", 1), LIMITS)).hasMessage("training.heldOut is given with a dataset, which holds its own"
                + " held-out samples; give heldOut with training.samples");
    }

    @Test
    void aShardTheHubCouldNotReComputeInTimeOrThatNeedsTooMuchMemoryIsRefusedNamingTheLimit() {
        // 24 samples of 131 parameters: 6 · 24 · 131 = 18 864 operations in one shard, 9 432 in each of two
        TaskSettings.Training fewOperations = new TaskSettings.Training(50, 1_000, 1_000, 0.00001,
                DataSize.ofMegabytes(32));
        assertThatThrownBy(() -> TrainingTaskPlan.of(iris(1, 3, "1/4"), fewOperations))
                .hasMessage("training: a shard of 24 samples of a model of 131 parameters is 1.89e-05·10^9 integer"
                        + " operations, more than 0.00001 (mmc.tasks.training.max-unit-gop): give more shards or a"
                        + " smaller batchSize");
        assertThat(TrainingTaskPlan.of(iris(2, 3, "1/4"), fewOperations).units()).hasSize(6);

        TaskSettings.Training littleMemory = new TaskSettings.Training(50, 1_000, 1_000, 20, DataSize.ofBytes(4_000));
        assertThatThrownBy(() -> TrainingTaskPlan.of(iris(1, 3, "1/4"), littleMemory))
                .hasMessageStartingWith("training: a shard of 24 samples of a model of 131 parameters needs "
                        + TrainingTaskPlan.gpuBytes(24, MlpShape.of(4, 16, 3)) + " bytes, more than 4000"
                        + " (mmc.tasks.training.max-unit-bytes)");
    }
}
