package network.mmc.jobs.errors;

/** Text fields against their columns: too long or with control characters is refused naming the field, never cut. */
public final class TextFields {

    private TextFields() {
    }

    /** {@code value} when it is null or fits; throws naming the field otherwise. */
    public static String optional(String field, String value, int maxCharacters) {
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

    public static String required(String field, String value, int maxCharacters) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return optional(field, value, maxCharacters);
    }
}
