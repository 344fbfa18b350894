package network.mmc.jobs.probes;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import network.mmc.jobs.batch.RunningExecutions;
import network.mmc.jobs.errors.ConflictException;
import network.mmc.jobs.nodes.NodeKind;
import network.mmc.jobs.staking.MinimumStake;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** Runs validator probe rounds as {@code probeJob} executions. */
@Service
public class ProbeService {

    private final JobOperator jobOperator;
    private final RunningExecutions runningExecutions;
    private final Job probeJob;
    private final ProbeRounds rounds;
    private final JdbcTemplate jdbc;
    private final MinimumStake minimumStake;
    private final Clock clock;

    ProbeService(JobOperator jobOperator, RunningExecutions runningExecutions, Job probeJob, ProbeRounds rounds,
                 JdbcTemplate jdbc, MinimumStake minimumStake, Clock clock) {
        this.jobOperator = jobOperator;
        this.runningExecutions = runningExecutions;
        this.probeJob = probeJob;
        this.rounds = rounds;
        this.jdbc = jdbc;
        this.minimumStake = minimumStake;
        this.clock = clock;
    }

    /**
     * The approved, unsuspended VALIDATOR nodes with the minimum stake, oldest registration first: only these get a
     * probe trigger.
     */
    public List<String> validators() {
        return jdbc.queryForList("SELECT node_id FROM node WHERE kind = 'VALIDATOR' AND NOT suspended"
                + " AND approved_at IS NOT NULL AND stake >= ? ORDER BY registered_at, node_id", String.class,
                minimumStake.of(NodeKind.VALIDATOR));
    }

    /** A new round now, for {@code validatorId} or (null) the first registered validator. */
    public ProbeRoundReport probeNow(String validatorId, Duration timeout) {
        String validator = validator(validatorId);
        return run(new ProbeRequest(ProbeRequest.roundId(validator, clock.instant()), validator, timeout));
    }

    /** Runs the round, or restarts it where it stopped; a round that already completed is only reported. */
    public ProbeRoundReport run(ProbeRequest request) {
        rounds.requireApprovedValidator(request.validatorId());
        // a round left running by a killed process is recovered, so this start resumes it
        runningExecutions.recoverAbandoned(ProbeJobConfiguration.JOB_NAME,
                parameters -> request.roundId().equals(parameters.getString(ProbeRequest.ROUND_ID)));
        JobExecution execution = start(request);
        if (execution != null && execution.getStatus() != BatchStatus.COMPLETED) {
            String failures = execution.getAllFailureExceptions().stream().map(Throwable::getMessage).distinct()
                    .collect(Collectors.joining("; "));
            throw new IllegalStateException("probe round " + request.roundId() + " ended " + execution.getStatus()
                    + " (execution " + execution.getId() + "): " + failures + "; run it again to resume it");
        }
        return new ProbeRoundReport(request.roundId(), request.validatorId(), rounds.results(request.roundId()));
    }

    /** The execution, or null when the round had already completed: starting it again must not probe or pay twice. */
    private JobExecution start(ProbeRequest request) {
        try {
            return jobOperator.start(probeJob, request.toJobParameters());
        } catch (JobInstanceAlreadyCompleteException e) {
            return null;
        } catch (JobExecutionAlreadyRunningException e) {
            throw new ConflictException("probe round " + request.roundId() + " is running right now");
        } catch (Exception e) {
            throw new IllegalStateException("probe round " + request.roundId() + " could not start: " + e.getMessage(), e);
        }
    }

    /** The one named (checked when the round runs), else the first approved validator. */
    private String validator(String requested) {
        if (requested != null) {
            return requested;
        }
        List<String> validators = validators();
        if (validators.isEmpty()) {
            throw new IllegalArgumentException("no approved VALIDATOR node with the minimum stake: register one"
                    + " (mmc-node register --node validator ...), have OPS approve it (mmc-hub nodes approve NODE) and"
                    + " its owner stake " + minimumStake.of(NodeKind.VALIDATOR) + " base units (mmc.staking.min-stake)");
        }
        return validators.get(0);
    }

}
