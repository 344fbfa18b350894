package network.mmc.jobs.settlement;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.amqp.dsl.Amqp;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.core.MessagingTemplate;
import org.springframework.integration.dsl.IntegrationFlow;

/**
 * Remote mode ({@code mmc.settlement.mode=remote}), the job's side: the aggregation step's partitions go to the
 * workers as Spring Batch partition requests on the queue, and the step waits for them in the job repository.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "mmc.settlement.mode", havingValue = "remote")
@EnableIntegration
class RemoteSettlementConfiguration {

    @Bean
    DirectChannel settlementPartitionRequests() {
        return new DirectChannel();
    }

    @Bean
    IntegrationFlow settlementPartitionRequestsToBroker(DirectChannel settlementPartitionRequests,
                                                        ConnectionFactory connectionFactory,
                                                        RemoteSettlementSettings remote) {
        RabbitTemplate template = new RabbitTemplate(connectionFactory);
        template.setMessageConverter(SettlementQueueConfiguration.requestConverter());
        return IntegrationFlow.from(settlementPartitionRequests)
                .handle(Amqp.outboundAdapter(template).routingKey(remote.queue()))
                .get();
    }

    @Bean
    RemotePartitionHandler windowPartitionHandler(DirectChannel settlementPartitionRequests,
                                                  JobRepository jobRepository, AmqpAdmin broker,
                                                  ConnectionFactory connectionFactory,
                                                  RemoteSettlementSettings remote, SettlementSettings settings) {
        return new RemotePartitionHandler(new MessagingTemplate(settlementPartitionRequests), jobRepository, broker,
                connectionFactory.getHost() + ":" + connectionFactory.getPort(), remote, settings.gridSize());
    }
}
