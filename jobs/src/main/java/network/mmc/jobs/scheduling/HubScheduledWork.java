package network.mmc.jobs.scheduling;

import java.time.Instant;
import java.util.List;
import network.mmc.jobs.archive.ArchiveOutcome;
import network.mmc.jobs.archive.CallArchive;
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
    private final CallArchive archive;

    HubScheduledWork(SettlementService settlements, ProbeService probes, ExportService exports, StakingRound staking,
                     CallArchive archive) {
        this.settlements = settlements;
        this.probes = probes;
        this.exports = exports;
        this.staking = staking;
        this.archive = archive;
    }

    @Override
    public void settleDueWindows() {
        DueSettlements due = settlements.settleDue();
        if (!due.failed().isEmpty()) {
            throw new IllegalStateException(due.failureSummaryWithCauses());
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
    public void archiveCallRecords() {
        List<ArchiveOutcome> failed = archive.archive(CallArchive.Request.due()).stream().filter(ArchiveOutcome::failed)
                .toList();
        if (!failed.isEmpty()) {
            throw new IllegalStateException(failed.size() + " windows could not be archived: " + failed.stream()
                    .map(o -> o.windowStart() + " (" + o.failure() + ")").toList());
        }
    }

    @Override
    public List<String> validators() {
        return probes.validators();
    }
}
