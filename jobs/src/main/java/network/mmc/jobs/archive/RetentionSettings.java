package network.mmc.jobs.archive;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code mmc.retention.*}: call-record retention (README: Call-record retention).
 *
 * @param age       a settled window that ended longer ago than this is archived and its rows removed
 * @param dir       where the archives go, one directory per window
 * @param batchSize rows deleted (or restored) per transaction
 */
@ConfigurationProperties("mmc.retention")
record RetentionSettings(Duration age, Path dir, int batchSize) {

    RetentionSettings {
        if (age == null || age.isNegative() || age.isZero()) {
            throw new IllegalArgumentException("mmc.retention.age must be set and positive, got " + age);
        }
        if (dir == null) {
            throw new IllegalArgumentException("mmc.retention.dir must be set");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("mmc.retention.batch-size must be at least 1, got " + batchSize);
        }
    }
}
