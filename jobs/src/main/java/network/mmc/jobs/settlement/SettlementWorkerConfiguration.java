package network.mmc.jobs.settlement;

import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.Lifecycle;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.amqp.dsl.Amqp;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;

/**
 * A worker ({@code ./mmc-hub worker}, which sets {@code mmc.settlement.worker=true}): takes partition requests from
 * the queue, {@code worker-threads} at a time and one each (prefetch 1, so that requests spread over the workers),
 * and acknowledges each once its partition is recorded. A worker that dies before that leaves its request to the
 * broker, which hands it to another worker: the partition is aggregated again from scratch (it replaces its rows).
 * Consumption starts when the command starts it ({@link PartitionConsumer}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "mmc.settlement.worker", havingValue = "true")
@EnableIntegration
class SettlementWorkerConfiguration {

    private static final String INBOUND = "settlementPartitionsInbound";

    @Bean
    PartitionWorker partitionWorker(JobRepository jobRepository, Step aggregatePartitionStep) {
        return new PartitionWorker(jobRepository, aggregatePartitionStep);
    }

    @Bean
    PartitionConsumer partitionConsumer(ConnectionFactory connectionFactory, BeanFactory beans,
                                        RemoteSettlementSettings remote) {
        // looked up when started: the flow registers its endpoint after this bean is made
        return new PartitionConsumer(connectionFactory, () -> beans.getBean(INBOUND, Lifecycle.class), remote);
    }

    @Bean
    IntegrationFlow settlementPartitionsFromBroker(ConnectionFactory connectionFactory, Queue settlementPartitionQueue,
                                                   RemoteSettlementSettings remote, PartitionWorker worker) {
        return IntegrationFlow.from(Amqp.inboundAdapter(connectionFactory, settlementPartitionQueue)
                        .messageConverter(SettlementQueueConfiguration.requestConverter())
                        .configureContainer(container -> container
                                .concurrentConsumers(remote.workerThreads())
                                .prefetchCount(1)
                                // a request that cannot be read or run is logged and dropped, not redelivered forever
                                .defaultRequeueRejected(false))
                        .id(INBOUND)
                        .autoStartup(false))
                .handle(StepExecutionRequest.class, (request, headers) -> {
                    worker.run(request);
                    return null;
                })
                .get();
    }
}
