package network.mmc.jobs.console;

import java.time.Duration;
import java.time.Instant;
import network.mmc.settlement.MmcText;
import network.mmc.settlement.TimeText;
import org.springframework.stereotype.Component;

/** How console pages write times, durations and amounts: {@code ${@consoleFormat.mmc(run.pool)}} in a template. */
@Component
public class ConsoleFormat {

    public String time(Instant instant) {
        return instant == null ? "—" : TimeText.format(instant);
    }

    public String mmc(long baseUnits) {
        return MmcText.format(baseUnits);
    }

    public String duration(Duration duration) {
        if (duration == null) {
            return "—";
        }
        long seconds = duration.toSeconds();
        return seconds < 60 ? duration.toMillis() / 1000.0 + " s"
                : seconds < 3600 ? seconds / 60 + " min " + seconds % 60 + " s"
                : seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
    }
}
