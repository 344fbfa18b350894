package network.mmc.jobs.reports;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import network.mmc.settlement.EmissionSchedule;
import network.mmc.settlement.SettlementParameters;

/** The pool of a window over the emission schedule: one point a day from genesis to a year after a window. */
final class EmissionPoints {

    record Point(Instant day, long pool) {
    }

    static final Duration AHEAD = Duration.ofDays(365);

    private EmissionPoints() {
    }

    /** From genesis (or {@code windowStart} when that is earlier) to a year after {@code windowStart}, inclusive. */
    static List<Point> of(SettlementParameters parameters, Instant windowStart) {
        EmissionSchedule schedule = new EmissionSchedule(parameters);
        Instant first = parameters.genesis().isBefore(windowStart) ? parameters.genesis() : windowStart;
        Instant last = windowStart.plus(AHEAD);
        List<Point> points = new ArrayList<>();
        for (Instant day = first; !day.isAfter(last); day = day.plus(Duration.ofDays(1))) {
            points.add(new Point(day, schedule.poolOf(day)));
        }
        return List.copyOf(points);
    }
}
