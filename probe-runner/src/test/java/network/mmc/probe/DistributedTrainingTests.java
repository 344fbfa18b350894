package network.mmc.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import network.mmc.gpu.CpuMatmulExecutor;
import network.mmc.gpu.training.Classifier;
import network.mmc.gpu.training.CpuShardGradients;
import network.mmc.gpu.training.DataParallelTrainer;
import network.mmc.gpu.training.GradientWorker;
import network.mmc.gpu.training.IrisDataset;
import network.mmc.gpu.training.LabelledDataset;
import network.mmc.gpu.training.MlpParameters;
import network.mmc.gpu.training.ShardGradients;
import network.mmc.gpu.training.TrainingPlan;
import network.mmc.node.DrillExecutor.Drill;
import network.mmc.node.DrillGradients;
import network.mmc.node.MatmulTaskServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Training over real node agents on loopback, shard by shard over HTTP, against the single-machine run. */
class DistributedTrainingTests {

    private static final LabelledDataset IRIS = IrisDataset.load();
    private static final TrainingPlan PLAN = IrisDataset.referencePlan(200);

    private final CpuMatmulExecutor matmul = new CpuMatmulExecutor(1);
    private final List<MatmulTaskServer> agents = new ArrayList<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(8);
    private final NodeGradientClient client = new NodeGradientClient(new NodeClient(
            AddressPolicy.allowing(List.of("127.0.0.0/8"))));

    @AfterEach
    void stop() {
        agents.forEach(MatmulTaskServer::close);
        matmul.close();
        pool.shutdownNow();
    }

    @Test
    void trainingOverOneThreeAndEightAgentsGivesTheSingleMachinesHashAndAccuracy() {
        // given the single-machine run
        MlpParameters single = PLAN.trainLocally(IRIS.training(), new CpuShardGradients());
        int heldOutCorrect = new Classifier(single).correct(IRIS.heldOut());

        for (int count : new int[] {1, 3, 8}) {
            // when the same plan runs over that many agents
            List<GradientWorker> workers = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                workers.add(agent("agent-" + count + "-" + i, new CpuShardGradients()));
            }
            DataParallelTrainer.Result result = new DataParallelTrainer(PLAN, IRIS.training(), new CpuShardGradients(),
                    pool, new SplittableRandom(count)).train(workers);

            // then
            assertThat(result.parameters().hashHex()).as("%d agents", count).isEqualTo(single.hashHex());
            assertThat(new Classifier(result.parameters()).correct(IRIS.heldOut())).isEqualTo(heldOutCorrect);
        }
        assertThat(heldOutCorrect).isEqualTo(29);
    }

    @Test
    void anAgentReturningWrongSumsIsCaughtAndTheResultIsStillTheSingleMachines() {
        TrainingPlan shorter = IrisDataset.referencePlan(40);
        List<GradientWorker> workers = List.of(agent("honest-1", new CpuShardGradients()),
                agent("cheat", new DrillGradients(new CpuShardGradients(), Drill.WRONG_RESULT)),
                agent("honest-2", new CpuShardGradients()));

        DataParallelTrainer.Result result = new DataParallelTrainer(shorter, IRIS.training(), new CpuShardGradients(),
                pool, new SplittableRandom(3)).train(workers);

        assertThat(result.excluded()).containsExactly("cheat");
        assertThat(result.parameters().hashHex())
                .isEqualTo(shorter.trainLocally(IRIS.training(), new CpuShardGradients()).hashHex());
    }

    private GradientWorker agent(String nodeId, ShardGradients gradients) {
        MatmulTaskServer server = MatmulTaskServer.start("127.0.0.1", 0, matmul, gradients, nodeId);
        agents.add(server);
        return client.worker(nodeId, server.endpoint(), Duration.ofSeconds(10));
    }
}
