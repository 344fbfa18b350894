package network.mmc.gpu.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DataParallelTrainerTests {

    private static final LabelledDataset IRIS = IrisDataset.load();
    private static final TrainingPlan PLAN = IrisDataset.referencePlan(60);
    private static final String SINGLE_MACHINE = PLAN.trainLocally(IRIS.training(), new CpuShardGradients()).hashHex();
    private final ExecutorService pool = Executors.newFixedThreadPool(8);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void oneThreeAndEightWorkersAnsweringInRandomOrderEndWithTheSingleMachineHash() {
        for (int count : new int[] {1, 3, 8}) {
            // given workers that answer after random delays, so shards arrive in a different order each step
            List<GradientWorker> workers = new ArrayList<>();
            for (int w = 0; w < count; w++) {
                workers.add(new SlowWorker("w" + w, new SplittableRandom(w), false));
            }

            // when
            DataParallelTrainer.Result result = new DataParallelTrainer(PLAN, IRIS.training(), new CpuShardGradients(),
                    pool, new SplittableRandom(count)).train(workers);

            // then
            assertThat(result.parameters().hashHex()).as("%d workers", count).isEqualTo(SINGLE_MACHINE);
            assertThat(result.excluded()).isEmpty();
            assertThat(result.shardsChecked()).isEqualTo(PLAN.steps());
        }
    }

    @Test
    void aWorkerWithWrongSumsIsExcludedAndItsUncheckedStepsAreRunAgain() {
        // given three honest workers and one that adds one ulp to a sum
        List<GradientWorker> workers = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            workers.add(new SlowWorker("honest-" + w, new SplittableRandom(w), false));
        }
        workers.add(new SlowWorker("cheat", new SplittableRandom(9), true));

        // when
        DataParallelTrainer.Result result = new DataParallelTrainer(PLAN, IRIS.training(), new CpuShardGradients(), pool,
                new SplittableRandom(5)).train(workers);

        // then the cheat was caught and the result is still the single machine's
        assertThat(result.excluded()).containsExactly("cheat");
        assertThat(result.parameters().hashHex()).isEqualTo(SINGLE_MACHINE);
    }

    @Test
    void aFailingWorkersShardIsRunByAnother() {
        GradientWorker broken = new GradientWorker() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public GradientSums gradients(MlpParameters parameters, Samples shard) {
                throw new IllegalStateException("connection refused");
            }
        };

        DataParallelTrainer.Result result = new DataParallelTrainer(PLAN, IRIS.training(), new CpuShardGradients(), pool,
                new SplittableRandom(1)).train(List.of(broken, new SlowWorker("ok", new SplittableRandom(2), false)));

        assertThat(result.parameters().hashHex()).isEqualTo(SINGLE_MACHINE);
    }

    /** Computes on the CPU after a random pause of up to 2 ms; a cheating one adds 1 to its first sum. */
    private record SlowWorker(String name, SplittableRandom random, boolean cheats) implements GradientWorker {

        @Override
        public GradientSums gradients(MlpParameters parameters, Samples shard) {
            long pause;
            synchronized (random) {
                pause = random.nextLong(2_000_000);
            }
            LockSupport.parkNanos(pause);
            GradientSums sums = new CpuShardGradients().gradients(parameters, shard);
            if (!cheats) {
                return sums;
            }
            long[] wrong = sums.sums();
            wrong[0]++;
            return new GradientSums(wrong, sums.samples());
        }
    }
}
