package network.mmc.jobs.probes;

import java.time.Clock;
import network.mmc.jobs.nodes.NodeSettings;
import network.mmc.jobs.settlement.SettlementSettings;
import network.mmc.probe.AddressPolicy;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/** {@code probeJob}: identifying parameter {@code roundId}; restartable, each chunk of probes committed alone. */
@Configuration(proxyBeanMethods = false)
class ProbeJobConfiguration {

    static final String JOB_NAME = "probeJob";

    /** Where probes may go; registration checks literal endpoint addresses against it too. */
    @Bean
    AddressPolicy probeAddressPolicy(ProbeJobSettings settings) {
        try {
            return AddressPolicy.allowing(settings.allowedNetworks());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mmc.probe.allowed-networks: " + e.getMessage(), e);
        }
    }

    @Bean
    Job probeJob(JobRepository jobRepository, PlatformTransactionManager transactionManager, ProbeRounds rounds,
                 ProbeJobSettings settings, AddressPolicy addresses, NodeSettings nodeSettings,
                 SettlementSettings settlementSettings, Clock clock, ProbeOutcomeCounts counts) {
        Step open = new StepBuilder("openProbeRoundStep", jobRepository)
                .tasklet(ProbeTasklets.openRound(rounds, settings, nodeSettings.onlineWindow(), clock), transactionManager)
                .build();
        Step probe = new StepBuilder("probeTargetsStep", jobRepository)
                .tasklet(ProbeTasklets.probeTargets(rounds, settings, addresses, clock, counts), transactionManager)
                .build();
        Step pay = new StepBuilder("payValidatorStep", jobRepository)
                .tasklet(ProbeTasklets.payValidator(rounds, settlementSettings.validatorRoundCredits(), clock),
                        transactionManager)
                .build();
        return new JobBuilder(JOB_NAME, jobRepository)
                .start(open)
                .next(probe)
                .next(pay)
                .build();
    }
}
