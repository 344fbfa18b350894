package network.mmc.jobs.console;

import java.util.Comparator;
import java.util.List;
import network.mmc.jobs.reports.RecheckCommands;
import network.mmc.jobs.reports.RunReportDocuments;
import network.mmc.jobs.reports.RunReports;
import network.mmc.jobs.settlement.NodeSettlementLine;
import network.mmc.jobs.settlement.SettlementRun;
import network.mmc.jobs.settlement.SettlementRuns;
import network.mmc.jobs.settlement.SettlementService;
import network.mmc.settlement.DecimalText;
import network.mmc.settlement.SettlementWindow;
import network.mmc.settlement.TimeText;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Settlement runs in the console: the settled windows, and a run with its node table, charts, report downloads and
 * revision history. The charts and downloads are the REST report endpoints' documents, served here because the
 * console's session does not open {@code /api}. A sort, direction, page or size outside what a table accepts is
 * refused with a 400 page naming what it accepts, never silently replaced.
 */
@Controller
class RunsController {

    static final int MAX_RUNS_PAGE = 200;
    static final int MAX_NODES_PAGE = 500;

    private final SettlementRuns runs;
    private final SettlementService settlement;
    private final RunReports reports;
    private final RunReportDocuments documents;

    RunsController(SettlementRuns runs, SettlementService settlement, RunReports reports, RunReportDocuments documents) {
        this.runs = runs;
        this.settlement = settlement;
        this.reports = reports;
        this.documents = documents;
    }

    @GetMapping("/runs")
    String list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "25") int size, Model model) {
        TablePage paging = TablePage.of(page, size, MAX_RUNS_PAGE, runs.settledWindowCount());
        model.addAttribute("windows", runs.settledWindows(paging.offset(), size));
        model.addAttribute("paging", paging);
        return "runs/list";
    }

    /** The whole page, or only its node table for htmx (a sort or page link; not a history restore, which wants it all). */
    @GetMapping("/runs/{window}")
    String run(@PathVariable String window, @RequestParam(required = false) Integer revision,
               @RequestParam(defaultValue = "node") String sort, @RequestParam(defaultValue = "asc") String direction,
               @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size,
               @RequestHeader(value = "HX-Request", defaultValue = "false") boolean htmx,
               @RequestHeader(value = "HX-History-Restore-Request", defaultValue = "false") boolean restore, Model model) {
        SettlementWindow settled = settlement.window(window);
        NodeOrder order = NodeOrder.of(sort, direction);
        SettlementRun run = runs.get(settled, revision);
        List<NodeSettlementLine> nodes = runs.nodes(run.id());
        TablePage paging = TablePage.of(page, size, MAX_NODES_PAGE, nodes.size());
        model.addAttribute("run", run);
        model.addAttribute("window", TimeText.format(settled.start()));
        model.addAttribute("columns", NodeColumn.values());
        model.addAttribute("order", order);
        model.addAttribute("paging", paging);
        model.addAttribute("nodes", nodes.stream().sorted(order.comparator()).skip(paging.offset()).limit(size)
                .map(NodeRow::of).toList());
        if (htmx && !restore) {
            return "runs/detail :: #nodes";
        }
        List<SettlementRun> revisions = runs.list(settled.start(), settled.end());
        model.addAttribute("cap", run.cap() == null ? null : DecimalText.of(run.cap()));
        model.addAttribute("latest", revisions.get(revisions.size() - 1).revision());
        model.addAttribute("recheck", RecheckCommands.of(run));
        model.addAttribute("charts", RunReportDocuments.CHARTS);
        model.addAttribute("history", revisions.stream().sorted(Comparator.comparingInt(SettlementRun::revision).reversed())
                .map(r -> RevisionEntry.of(r, r.revision() == 1 ? List.of() : reports.walletChanges(r))).toList());
        return "runs/detail";
    }

    @GetMapping("/runs/{window}/charts/{chart}.png")
    ResponseEntity<byte[]> chart(@PathVariable String window, @PathVariable String chart,
                                 @RequestParam(required = false) Integer revision) {
        if (!RunReportDocuments.CHARTS.contains(chart)) {
            throw new IllegalArgumentException("chart '" + chart + "' is not one of " + RunReportDocuments.CHARTS);
        }
        RunReportDocuments.Document png = documents.document(settlement.window(window), revision, "report-" + chart + ".png");
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).body(png.bytes());
    }

    /** What {@code GET /api/settlements/{window}/report…} serves, from the same code. */
    @GetMapping("/runs/{window}/{kind:report.*}")
    ResponseEntity<byte[]> download(@PathVariable String window, @PathVariable String kind,
                                    @RequestParam(required = false) Integer revision) {
        return documents.document(settlement.window(window), revision, kind).asAttachment();
    }
}
