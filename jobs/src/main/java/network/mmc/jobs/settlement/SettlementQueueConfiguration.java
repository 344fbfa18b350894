package network.mmc.jobs.settlement;

import org.springframework.amqp.core.Queue;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The broker side that the job's process and the workers share: the durable queue of partition requests (declared by
 * Boot's RabbitAdmin when a connection opens, so never in local mode) and their JSON form.
 */
@Configuration(proxyBeanMethods = false)
class SettlementQueueConfiguration {

    /** Only Spring Batch's partition request is read from the queue: no other type is ever instantiated. */
    static final String REQUEST_PACKAGE = "org.springframework.batch.integration.partition";

    @Bean
    Queue settlementPartitionQueue(RemoteSettlementSettings remote) {
        return new Queue(remote.queue(), true);
    }

    static JacksonJsonMessageConverter requestConverter() {
        return new JacksonJsonMessageConverter(REQUEST_PACKAGE);
    }
}
