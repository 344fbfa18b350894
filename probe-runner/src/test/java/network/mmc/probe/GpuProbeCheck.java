package network.mmc.probe;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import network.mmc.gpu.CudaMatmulExecutor;
import network.mmc.gpu.GpuUnavailableException;
import network.mmc.node.MatmulTaskServer;

/**
 * bench/gpu.sh, last step: a probe round over HTTP against a node task server that computes on the GPU,
 * with the Hub's default challenge (n = k = 1024): the verdict and the GFLOPS the node reports.
 */
public final class GpuProbeCheck {

    private GpuProbeCheck() {
    }

    public static void main(String[] args) {
        CudaMatmulExecutor gpu;
        try {
            gpu = CudaMatmulExecutor.open(0);
        } catch (GpuUnavailableException e) {
            System.out.println("no GPU, no GPU probe: " + e.getMessage());
            System.exit(1);
            return;
        }
        try (gpu; MatmulTaskServer node = MatmulTaskServer.start("127.0.0.1", 0, gpu, "gpu-node");
             ProbeRound round = new ProbeRound(new ProbeSettings(1024, 1024, 4, Duration.ofSeconds(30), 3),
                     AddressPolicy.allowing(List.of("127.0.0.0/8")), Clock.systemUTC())) {
            for (int i = 0; i < 3; i++) {
                ProbeOutcome outcome = round.probe(List.of(new ProbeTarget("gpu-node", node.endpoint()))).get(0);
                System.out.printf("probe %d of a GPU node (%s): %s in %d ms, node reports %.0f GFLOPS%n", i + 1,
                        gpu.description(), outcome.status(), outcome.latencyMillis(),
                        outcome.gflops() == null ? 0 : outcome.gflops());
            }
        }
    }
}
