package network.mmc.node;

import network.mmc.gpu.CudaMatmulExecutor;
import network.mmc.gpu.MatmulExecutor;

/** What a heartbeat reports about the node's hardware; no GPU model when the CPU executor serves. */
public record NodeHardware(String gpuModel, Integer gpuMemoryMb) {

    public static NodeHardware of(MatmulExecutor executor) {
        if (executor instanceof CudaMatmulExecutor gpu) {
            return new NodeHardware(gpu.device().name(), (int) gpu.device().memoryMiB());
        }
        return new NodeHardware(null, null);
    }
}
