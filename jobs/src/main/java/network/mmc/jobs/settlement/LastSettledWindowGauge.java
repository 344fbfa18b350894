package network.mmc.jobs.settlement;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code mmc.settlement.last.window.end} (Prometheus {@code mmc_settlement_last_window_end_seconds}): when the latest
 * settled window ended, in seconds since the epoch; {@code time() - …} is how far settlement lags. Read at each
 * scrape: one index step (see {@link SettlementRuns#lastSettledWindowEnd()}). NaN while no window is settled.
 */
@Component
class LastSettledWindowGauge {

    LastSettledWindowGauge(SettlementRuns runs, MeterRegistry registry) {
        Gauge.builder("mmc.settlement.last.window.end", runs,
                        r -> r.lastSettledWindowEnd().map(end -> (double) end.getEpochSecond()).orElse(Double.NaN))
                .description("End of the latest window with a completed settlement run, in seconds since the epoch")
                .baseUnit("seconds")
                .register(registry);
    }
}
