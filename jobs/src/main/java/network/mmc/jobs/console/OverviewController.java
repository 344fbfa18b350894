package network.mmc.jobs.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import network.mmc.jobs.calls.CallTotals;
import network.mmc.jobs.nodes.NodeKind;
import network.mmc.jobs.nodes.NodeRegistry;
import network.mmc.jobs.scheduling.JobExecutionLine;
import network.mmc.jobs.scheduling.JobExecutions;
import network.mmc.jobs.scheduling.SchedulerControl;
import network.mmc.jobs.settlement.SettlementRun;
import network.mmc.jobs.settlement.SettlementRuns;
import network.mmc.jobs.settlement.SettlementSettings;
import network.mmc.settlement.SettlementWindow;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The console's first page: what fires next, what ran, what failed, who is online, what the open window holds. */
@Controller
class OverviewController {

    private static final int LAST_RUNS = 8;
    private static final int EXECUTIONS_SCANNED = 200;
    private static final int FAILED_SHOWN = 5;
    private static final Comparator<SettlementRun> NEWEST_FIRST = Comparator.comparing(SettlementRun::windowStart)
            .thenComparing(SettlementRun::revision).reversed();

    private final SchedulerControl scheduler;
    private final SettlementRuns runs;
    private final JobExecutions executions;
    private final NodeRegistry nodes;
    private final CallTotals calls;
    private final SettlementSettings settlement;
    private final Clock clock;

    OverviewController(SchedulerControl scheduler, SettlementRuns runs, JobExecutions executions, NodeRegistry nodes,
                       CallTotals calls, SettlementSettings settlement, Clock clock) {
        this.scheduler = scheduler;
        this.runs = runs;
        this.executions = executions;
        this.nodes = nodes;
        this.calls = calls;
        this.settlement = settlement;
        this.clock = clock;
    }

    @GetMapping("/")
    String overview(Model model) {
        Instant now = clock.instant();
        Duration period = settlement.period();
        SettlementWindow open = SettlementWindow.containing(now, period);
        List<SettlementRun> recent = runs.list(open.start().minus(period.multipliedBy(LAST_RUNS * 2L)), open.end());
        Map<NodeKind, Long> online = new EnumMap<>(NodeKind.class);
        for (NodeKind kind : NodeKind.values()) {
            online.put(kind, nodes.onlineCount(kind));
        }
        List<JobExecutionLine> failed = executions.failedAmongRecent(EXECUTIONS_SCANNED, FAILED_SHOWN);
        model.addAttribute("now", now);
        model.addAttribute("scheduler", scheduler.state());
        model.addAttribute("triggers", scheduler.triggers());
        model.addAttribute("runs", recent.stream().sorted(NEWEST_FIRST).limit(LAST_RUNS).toList());
        model.addAttribute("failed", failed);
        model.addAttribute("online", online);
        model.addAttribute("openWindow", open);
        model.addAttribute("openCalls", calls.receivedBetween(open.start(), open.end()));
        return "overview";
    }
}
