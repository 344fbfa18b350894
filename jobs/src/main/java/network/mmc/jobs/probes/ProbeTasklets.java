package network.mmc.jobs.probes;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import network.mmc.probe.AddressPolicy;
import network.mmc.probe.ProbeOutcome;
import network.mmc.probe.ProbeRound;
import network.mmc.probe.ProbeTarget;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/** The three steps of {@code probeJob}: fix the targets, probe them chunk by chunk, pay the validator. */
final class ProbeTasklets {

    private ProbeTasklets() {
    }

    /** Refuses a validator OPS have not approved (a restarted or hand-started execution included). */
    static Tasklet openRound(ProbeRounds rounds, ProbeJobSettings settings, Duration onlineWindow, Clock clock) {
        return (contribution, chunkContext) -> {
            JobParameters parameters = parameters(contribution);
            rounds.requireApprovedValidator(parameters.getString(ProbeRequest.VALIDATOR_ID));
            rounds.open(parameters.getString(ProbeRequest.ROUND_ID), parameters.getString(ProbeRequest.VALIDATOR_ID),
                    settings.n(), settings.k(), clock.instant(), onlineWindow);
            return RepeatStatus.FINISHED;
        };
    }

    /**
     * Each call probes up to one chunk of the targets not probed yet and commits their records; the step
     * repeats until none are left, so a restart after a crash carries on with the rest.
     */
    static Tasklet probeTargets(ProbeRounds rounds, ProbeJobSettings settings, AddressPolicy addresses, Clock clock,
                                ProbeOutcomeCounts counts) {
        return (contribution, chunkContext) -> {
            JobParameters parameters = parameters(contribution);
            String roundId = parameters.getString(ProbeRequest.ROUND_ID);
            List<ProbeTarget> targets = rounds.unprobed(roundId, settings.chunkSize());
            if (targets.isEmpty()) {
                return RepeatStatus.FINISHED;
            }
            String timeout = parameters.getString(ProbeRequest.TIMEOUT);
            List<ProbeOutcome> outcomes;
            try (ProbeRound round = new ProbeRound(settings.roundSettings(timeout == null ? null : Duration.parse(timeout)),
                    addresses, clock)) {
                outcomes = round.probe(targets);
            }
            rounds.record(roundId, parameters.getString(ProbeRequest.VALIDATOR_ID), outcomes, settings.credits(),
                    clock.instant());
            counts.recorded(outcomes);
            contribution.incrementReadCount();
            contribution.incrementWriteCount(outcomes.size());
            return RepeatStatus.CONTINUABLE;
        };
    }

    static Tasklet payValidator(ProbeRounds rounds, long roundCredits, Clock clock) {
        return (contribution, chunkContext) -> {
            JobParameters parameters = parameters(contribution);
            rounds.requireApprovedValidator(parameters.getString(ProbeRequest.VALIDATOR_ID));
            rounds.close(parameters.getString(ProbeRequest.ROUND_ID), parameters.getString(ProbeRequest.VALIDATOR_ID),
                    roundCredits, clock.instant());
            return RepeatStatus.FINISHED;
        };
    }

    private static JobParameters parameters(StepContribution contribution) {
        return contribution.getStepExecution().getJobParameters();
    }
}
