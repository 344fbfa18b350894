package network.mmc.jobs.settlement;

import java.util.function.Supplier;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.context.Lifecycle;

/**
 * Starts a worker's consumption of partition requests once the broker answers: started by the {@code worker} command
 * rather than with the context, so that a broker that does not answer is said in one line instead of the listener's
 * retries in the background.
 */
public final class PartitionConsumer {

    private final ConnectionFactory broker;
    private final Supplier<Lifecycle> inbound;
    private final RemoteSettlementSettings remote;

    PartitionConsumer(ConnectionFactory broker, Supplier<Lifecycle> inbound, RemoteSettlementSettings remote) {
        this.broker = broker;
        this.inbound = inbound;
        this.remote = remote;
    }

    /** Connects to the broker, then takes requests; says what it consumes from where. */
    public String start() {
        try (Connection connection = broker.createConnection()) {
            connection.isOpen();
        } catch (AmqpException e) {
            throw new IllegalStateException("RabbitMQ at " + address() + " does not answer (" + e.getMessage()
                    + "): start it, or point spring.rabbitmq.host and spring.rabbitmq.port at it");
        }
        inbound.get().start();
        return "settlement partitions from queue '" + remote.queue() + "' at RabbitMQ " + address() + ", "
                + remote.workerThreads() + " at a time";
    }

    private String address() {
        return broker.getHost() + ":" + broker.getPort();
    }
}
