package network.mmc.jobs.rewards;

import java.util.OptionalLong;
import network.mmc.ledger.DistributionPlanner;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.interceptor.DefaultTransactionAttribute;

/**
 * {@code exportJob}: step 1 does nothing when no version is unconfirmed and no request waits; otherwise it checks
 * the authority key, then takes the unconfirmed version (a retry publishes the same version) or builds version v+1
 * from the waiting requests; step 2 publishes and confirms it.
 */
@Configuration(proxyBeanMethods = false)
class ExportJobConfiguration {

    static final String JOB_NAME = "exportJob";
    static final String VERSION_KEY = "distribution.version";

    @Bean
    Job exportJob(JobRepository jobRepository, PlatformTransactionManager transactionManager, Distributions distributions,
                  DistributionPublisher publisher) {
        Step prepare = new StepBuilder("prepareDistributionStep", jobRepository)
                .tasklet((contribution, chunk) -> {
                    OptionalLong pending = distributions.pendingVersion();
                    DistributionPlanner.Action action = DistributionPlanner.decide(pending.isPresent(),
                            distributions.hasWaitingRequests());
                    if (action == DistributionPlanner.Action.NOTHING) {
                        // nothing to publish: the export succeeds without the key, which serve reports on its own
                        return RepeatStatus.FINISHED;
                    }
                    publisher.authority();
                    OptionalLong version = action == DistributionPlanner.Action.PUBLISH_PENDING ? pending
                            : distributions.createNext(DistributionPlanner::next)
                                    .map(plan -> OptionalLong.of(plan.version())).orElse(OptionalLong.empty());
                    version.ifPresent(v -> contribution.getStepExecution().getJobExecution().getExecutionContext()
                            .putLong(VERSION_KEY, v));
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                // the waiting requests are taken with a locking read: under READ COMMITTED it locks those rows only,
                // not the gap where new requests are inserted, so withdrawals go on while the version is built
                .transactionAttribute(readCommitted())
                .build();
        Step publish = new StepBuilder("publishDistributionStep", jobRepository)
                .tasklet((contribution, chunk) -> {
                    var context = contribution.getStepExecution().getJobExecution().getExecutionContext();
                    if (context.containsKey(VERSION_KEY)) {
                        publisher.publish(distributions.version(context.getLong(VERSION_KEY)).orElseThrow());
                        contribution.incrementWriteCount(1);
                    }
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
        return new JobBuilder(JOB_NAME, jobRepository)
                .start(prepare)
                .next(publish)
                .build();
    }

    private static DefaultTransactionAttribute readCommitted() {
        DefaultTransactionAttribute attribute = new DefaultTransactionAttribute();
        attribute.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        return attribute;
    }
}
