package network.mmc.jobs.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Whole numbers and durations as every command reads them, refused in the user's terms ("a whole number from … to …",
 * "a duration such as PT10M") rather than picocli's, which name Java types ("is not a long"); picocli names the
 * option in front.
 */
final class PlainValueConverters {

    private PlainValueConverters() {
    }

    static CommandLine register(CommandLine cli) {
        ITypeConverter<Integer> integer = text -> (int) wholeNumber(text, Integer.MIN_VALUE, Integer.MAX_VALUE);
        ITypeConverter<Long> whole = text -> wholeNumber(text, Long.MIN_VALUE, Long.MAX_VALUE);
        return cli.registerConverter(Integer.class, integer).registerConverter(int.class, integer)
                .registerConverter(Long.class, whole).registerConverter(long.class, whole)
                .registerConverter(Duration.class, PlainValueConverters::duration);
    }

    private static long wholeNumber(String text, long min, long max) {
        try {
            long value = Long.parseLong(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below, in the same words
        }
        throw new TypeConversionException("'" + text + "' is not a whole number from " + min + " to " + max);
    }

    private static Duration duration(String text) {
        try {
            return Duration.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + text + "' is not a duration such as PT10M, PT30S or PT0.5S"
                    + " (ISO-8601)");
        }
    }
}
