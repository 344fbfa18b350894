package network.mmc.gpu;

/** What the CUDA driver reports about a device, and its FP32 peak derived from that. */
public record GpuDevice(int ordinal, String name, int computeMajor, int computeMinor, int multiprocessors,
                        int clockKHz, long memoryBytes) {

    /** FP32 lanes per multiprocessor by architecture (CUDA C Programming Guide, arithmetic throughput table). */
    public int fp32LanesPerMultiprocessor() {
        return switch (computeMajor) {
            case 6 -> computeMinor == 0 ? 64 : 128;
            case 7 -> 64;
            case 8 -> computeMinor == 0 ? 64 : 128;
            default -> computeMajor >= 9 ? 128 : 0;
        };
    }

    /** Lanes × 2 (a fused multiply-add is two operations) × multiprocessors × boost clock; 0 when unknown. */
    public double fp32PeakGflops() {
        return 2.0 * fp32LanesPerMultiprocessor() * multiprocessors * clockKHz / 1e6;
    }

    public long memoryMiB() {
        return memoryBytes >> 20;
    }

    @Override
    public String toString() {
        return "cuda:" + ordinal + " " + name + " (sm_" + computeMajor + computeMinor + ", " + multiprocessors
                + " SMs, " + memoryMiB() + " MiB)";
    }
}
