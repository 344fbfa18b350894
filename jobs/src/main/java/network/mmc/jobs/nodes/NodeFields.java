package network.mmc.jobs.nodes;

/** The node endpoints' column limits, checked with {@link network.mmc.jobs.errors.TextFields}, and the GPU memory. */
final class NodeFields {

    static final int ENDPOINT_URL = 255;
    static final int GPU_MODEL = 128;
    static final int AGENT_VERSION = 64;
    static final int OPERATOR = 128;
    static final int REASON = 500;

    private NodeFields() {
    }

    /** The GPU memory as the INT column holds it: 0 up to 2 147 483 647 MB. */
    static Integer memoryMb(Long value) {
        if (value != null && (value < 0 || value > Integer.MAX_VALUE)) {
            throw new IllegalArgumentException("gpuMemoryMb must be between 0 and " + Integer.MAX_VALUE + ", got " + value);
        }
        return value == null ? null : value.intValue();
    }
}
