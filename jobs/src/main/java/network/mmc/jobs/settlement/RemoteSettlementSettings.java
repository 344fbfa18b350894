package network.mmc.jobs.settlement;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code mmc.settlement.remote.*}: the remote mode of settlement (RabbitMQ itself is {@code spring.rabbitmq.*}).
 *
 * @param queue         the durable queue that carries partition requests from the job's process to the workers
 * @param timeout       how long the job waits for all partitions before its aggregation step fails
 * @param pollInterval  how often the job looks in the job repository for partitions the workers finished
 * @param workerThreads partitions a worker aggregates at once
 */
@ConfigurationProperties("mmc.settlement.remote")
public record RemoteSettlementSettings(String queue, Duration timeout, Duration pollInterval, Integer workerThreads) {

    public RemoteSettlementSettings {
        queue = queue == null || queue.isBlank() ? "mmc.settlement.partitions" : queue;
        timeout = timeout == null ? Duration.ofMinutes(15) : timeout;
        pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
        workerThreads = workerThreads == null ? 2 : workerThreads;
        if (timeout.isNegative() || timeout.isZero() || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("mmc.settlement.remote.timeout and poll-interval must be positive, not "
                    + timeout + " and " + pollInterval);
        }
        if (workerThreads < 1) {
            throw new IllegalArgumentException("mmc.settlement.remote.worker-threads must be at least 1, not " + workerThreads);
        }
    }
}
