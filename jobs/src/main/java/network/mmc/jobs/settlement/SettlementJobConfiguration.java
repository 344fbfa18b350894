package network.mmc.jobs.settlement;

import java.time.Clock;
import java.time.Instant;
import network.mmc.jobs.batch.RunOwnerListener;
import network.mmc.ledger.RewardLedger;
import network.mmc.settlement.SettlementWindow;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.interceptor.DefaultTransactionAttribute;

/**
 * {@code settlementJob}: identifying parameters {@code windowStart} and {@code revision}, no incrementer.
 * Step 1 aggregates the window per node in {@code gridSize} id-range partitions: {@code partitionThreads} at a time
 * here, or on workers in remote mode ({@link RemoteSettlementConfiguration}); step 2 computes and writes the run in one
 * transaction.
 */
@Configuration(proxyBeanMethods = false)
class SettlementJobConfiguration {

    static final String JOB_NAME = "settlementJob";
    static final String PARTITION_STEP = "aggregatePartitionStep";

    @Bean
    Job settlementJob(JobRepository jobRepository, Step aggregateWindowStep, Step writeSettlementStep) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .start(aggregateWindowStep)
                .next(writeSettlementStep)
                .build();
    }

    // the settings first: a mode that is neither local nor remote is refused by their binding, naming the property
    @Bean
    Step aggregateWindowStep(SettlementSettings settings, JobRepository jobRepository, Partitioner windowPartitioner,
                             PartitionHandler windowPartitionHandler) {
        return new StepBuilder("aggregateWindowStep", jobRepository)
                .partitioner(PARTITION_STEP, windowPartitioner)
                .partitionHandler(windowPartitionHandler)
                .build();
    }

    /** Local mode: the partitions run on this process's threads. */
    @Bean
    @ConditionalOnProperty(name = "mmc.settlement.mode", havingValue = "local", matchIfMissing = true)
    TaskExecutorPartitionHandler windowPartitionHandler(Step aggregatePartitionStep, SettlementSettings settings) {
        SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor("settlement-partition-");
        threads.setConcurrencyLimit(settings.partitionThreads());
        TaskExecutorPartitionHandler handler = new TaskExecutorPartitionHandler();
        handler.setStep(aggregatePartitionStep);
        handler.setTaskExecutor(threads);
        handler.setGridSize(settings.gridSize());
        return handler;
    }

    @Bean
    @StepScope
    Partitioner windowPartitioner(WindowCallRange ranges, SettlementSettings settings,
                                         @Value("#{jobParameters['windowStart']}") String windowStart) {
        Instant start = Instant.parse(windowStart);
        return new IdRangePartitioner(ranges.of(new SettlementWindow(start, start.plus(settings.period()))));
    }

    @Bean
    Step aggregatePartitionStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                JdbcTemplate jdbc, SettlementSettings settings) {
        // partitions insert into the same scratch table at once: READ COMMITTED takes no gap locks, so no deadlocks
        DefaultTransactionAttribute readCommitted = new DefaultTransactionAttribute();
        readCommitted.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        return new StepBuilder(PARTITION_STEP, jobRepository)
                // run by a worker in remote mode: each partition records which one
                .listener(new RunOwnerListener(jobRepository))
                .tasklet(new PartitionAggregationTasklet(jdbc, settings.period()), transactionManager)
                .transactionAttribute(readCommitted)
                .build();
    }

    @Bean
    Step writeSettlementStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                             JdbcTemplate jdbc, SettlementSettings settings, Clock clock,
                             ObjectProvider<SettlementWriteListener> listeners, RewardLedger ledger) {
        return new StepBuilder("writeSettlementStep", jobRepository)
                .tasklet(new SettlementWriteTasklet(jdbc, settings, clock, listeners.orderedStream().toList(), ledger),
                        transactionManager)
                .build();
    }
}
