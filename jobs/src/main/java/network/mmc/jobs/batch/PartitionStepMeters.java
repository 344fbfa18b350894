package network.mmc.jobs.batch;

import io.micrometer.core.instrument.config.MeterFilter;
import java.util.regex.Pattern;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring Batch times every step ({@code spring.batch.step}), and names each partition of a partitioned step apart
 * ({@code aggregatePartitionStep:partition7}): one series per partition, as many as {@code mmc.settlement.grid-size}
 * says. They are counted as one step, {@code aggregatePartitionStep:partition}; the job's own timer
 * ({@code spring.batch.job}, by job name and status) is left as it is.
 */
@Configuration(proxyBeanMethods = false)
class PartitionStepMeters {

    private static final Pattern PARTITION_NUMBER = Pattern.compile("(:partition)\\d+$");

    @Bean
    MeterFilter onePartitionStepSeries() {
        return MeterFilter.replaceTagValues("spring.batch.step.name",
                name -> PARTITION_NUMBER.matcher(name).replaceFirst("$1"));
    }
}
