package network.mmc.jobs.settlement;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** File names of a run's downloads: {@code settlement-2026-11-25T1000Z-r1.csv}, no colons (some systems refuse them). */
public final class RunFileNames {

    private static final DateTimeFormatter FILE_NAME_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HHmm'Z'")
            .withZone(ZoneOffset.UTC);

    private RunFileNames() {
    }

    public static String of(SettlementRun run, String prefix, String suffix) {
        return prefix + "-" + FILE_NAME_TIME.format(run.windowStart()) + "-r" + run.revision() + suffix;
    }
}
