package network.mmc.jobs.cli;

import java.time.Instant;
import network.mmc.settlement.TimeText;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Every time option of every command reads {@link TimeText}'s forms; picocli names the option in the error. */
final class TimeConverter implements ITypeConverter<Instant> {

    @Override
    public Instant convert(String text) {
        try {
            return TimeText.parse(text);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
