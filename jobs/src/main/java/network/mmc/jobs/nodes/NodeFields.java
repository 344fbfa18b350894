package network.mmc.jobs.nodes;

/** The node endpoints' text fields against their columns: too long or with control characters is refused, never cut. */
final class NodeFields {

    static final int ENDPOINT_URL = 255;
    static final int GPU_MODEL = 128;
    static final int AGENT_VERSION = 64;
    static final int OPERATOR = 128;
    static final int REASON = 500;

    private NodeFields() {
    }

    /** {@code value} when it is null or fits; throws naming the field otherwise. */
    static String optional(String field, String value, int maxCharacters) {
        if (value == null) {
            return null;
        }
        int length = value.codePointCount(0, value.length());
        if (length > maxCharacters) {
            throw new IllegalArgumentException(field + " is " + length + " characters long; at most " + maxCharacters
                    + " are allowed");
        }
        if (value.codePoints().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(field + " contains control characters (such as line breaks or tabs)");
        }
        return value;
    }

    static String required(String field, String value, int maxCharacters) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return optional(field, value, maxCharacters);
    }

    /** The GPU memory as the INT column holds it: 0 up to 2 147 483 647 MB. */
    static Integer memoryMb(Long value) {
        if (value != null && (value < 0 || value > Integer.MAX_VALUE)) {
            throw new IllegalArgumentException("gpuMemoryMb must be between 0 and " + Integer.MAX_VALUE + ", got " + value);
        }
        return value == null ? null : value.intValue();
    }
}
