package network.mmc.jobs.scheduling;

import java.time.Instant;
import java.util.List;
import network.mmc.jobs.probes.ProbeRequest;
import network.mmc.jobs.probes.ProbeService;
import network.mmc.jobs.rewards.ExportService;
import network.mmc.jobs.settlement.DueSettlements;
import network.mmc.jobs.settlement.SettlementService;
import network.mmc.jobs.staking.StakingRound;
import network.mmc.scheduler.ScheduledWork;
import org.springframework.stereotype.Component;

/** What the Quartz triggers start: the Spring Batch jobs, through the services that launch them. */
@Component
class HubScheduledWork implements ScheduledWork {

    private final SettlementService settlements;
    private final ProbeService probes;
    private final ExportService exports;
    private final StakingRound staking;

    HubScheduledWork(SettlementService settlements, ProbeService probes, ExportService exports, StakingRound staking) {
        this.settlements = settlements;
        this.probes = probes;
        this.exports = exports;
        this.staking = staking;
    }

    @Override
    public void settleDueWindows() {
        DueSettlements due = settlements.settleDue();
        if (!due.failed().isEmpty()) {
            throw new IllegalStateException(due.failureSummary());
        }
    }

    @Override
    public void probeRound(String validatorId, Instant scheduledFireTime) {
        probes.run(new ProbeRequest(ProbeRequest.roundId(validatorId, scheduledFireTime), validatorId, null));
    }

    @Override
    public void exportDistributions() {
        exports.export();
    }

    @Override
    public void stakingRound() {
        staking.run();
    }

    @Override
    public List<String> validators() {
        return probes.validators();
    }
}
