package network.mmc.jobs.nodes;

import network.mmc.jobs.errors.TextFields;

/** The node endpoints' text fields against their columns: too long or with control characters is refused, never cut. */
final class NodeFields {

    static final int ENDPOINT_URL = 255;
    static final int GPU_MODEL = 128;
    static final int AGENT_VERSION = 64;
    static final int OPERATOR = 128;
    static final int REASON = 500;

    private NodeFields() {
    }

    static String optional(String field, String value, int maxCharacters) {
        return TextFields.optional(field, value, maxCharacters);
    }

    static String required(String field, String value, int maxCharacters) {
        return TextFields.required(field, value, maxCharacters);
    }

    /** The GPU memory as the INT column holds it: 0 up to 2 147 483 647 MB. */
    static Integer memoryMb(Long value) {
        if (value != null && (value < 0 || value > Integer.MAX_VALUE)) {
            throw new IllegalArgumentException("gpuMemoryMb must be between 0 and " + Integer.MAX_VALUE + ", got " + value);
        }
        return value == null ? null : value.intValue();
    }
}
