package network.mmc.jobs.database;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** DATETIME columns hold UTC: the one conversion between them and {@link Instant}, both ways. */
public final class UtcTimestamps {

    private UtcTimestamps() {
    }

    public static Timestamp of(Instant instant) {
        return Timestamp.valueOf(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    public static Instant toInstant(Timestamp timestamp) {
        return timestamp.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }
}
