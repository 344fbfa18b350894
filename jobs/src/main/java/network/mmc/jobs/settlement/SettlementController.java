package network.mmc.jobs.settlement;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import network.mmc.jobs.apikeys.RequiresRole;
import network.mmc.jobs.apikeys.Role;
import network.mmc.jobs.csv.CsvWriter;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/settlements")
class SettlementController {

    private static final Map<String, Comparator<NodeSettlementLine>> SORTS = Map.of(
            "node", Comparator.comparing(NodeSettlementLine::nodeId),
            "reward", Comparator.comparingLong(NodeSettlementLine::reward),
            "credits", Comparator.comparingLong(NodeSettlementLine::credits),
            "calls", Comparator.comparingLong(NodeSettlementLine::calls),
            "quality", Comparator.comparingDouble(NodeSettlementLine::quality));
    private static final List<String> DIRECTIONS = List.of("asc", "desc");

    private final SettlementService settlement;
    private final SettlementRuns runs;

    SettlementController(SettlementService settlement, SettlementRuns runs) {
        this.settlement = settlement;
        this.runs = runs;
    }

    record RerunRequest(String reason, String operator) {
    }

    record NodePage(int page, int size, int total, List<NodeSettlementLine> nodes) {
    }

    @Operation(summary = "Every revision of the windows starting in [from, to)")
    @GetMapping
    @RequiresRole(Role.FINANCE)
    List<SettlementRun> list(@RequestParam Instant from, @RequestParam Instant to) {
        return runs.list(from, to);
    }

    @Operation(summary = "One run of a window: its latest revision, or the one asked for")
    @ApiResponse(responseCode = "200", description = "The run")
    @ApiResponse(responseCode = "404", description = "The window is not settled, or has no such revision")
    @GetMapping("/{window}")
    @RequiresRole(Role.FINANCE)
    SettlementRun run(@PathVariable String window, @RequestParam(required = false) Integer revision) {
        return runs.get(settlement.window(window), revision);
    }

    @Operation(operationId = "settlementNodes", summary = "A run's node lines, sorted and paged")
    @ApiResponse(responseCode = "200", description = "One page of the node lines and their total")
    @ApiResponse(responseCode = "404", description = "The window is not settled, or has no such revision")
    @GetMapping("/{window}/nodes")
    @RequiresRole(Role.FINANCE)
    NodePage nodes(@PathVariable String window, @RequestParam(required = false) Integer revision,
                   @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "100") int size,
                   @RequestParam(defaultValue = "node") String sort, @RequestParam(defaultValue = "asc") String direction) {
        Comparator<NodeSettlementLine> order = SORTS.get(sort);
        if (order == null) {
            throw new IllegalArgumentException("sort '" + sort + "' is not one of " + SORTS.keySet());
        }
        if (!DIRECTIONS.contains(direction)) {
            throw new IllegalArgumentException("direction '" + direction + "' is not one of " + DIRECTIONS);
        }
        if (page < 0 || size < 1 || size > 10_000) {
            throw new IllegalArgumentException("page must be >= 0 and size between 1 and 10000");
        }
        List<NodeSettlementLine> all = runs.nodes(runs.get(settlement.window(window), revision).id()).stream()
                .sorted(direction.equals("desc") ? order.reversed() : order).toList();
        List<NodeSettlementLine> slice = all.stream().skip((long) page * size).limit(size).toList();
        return new NodePage(page, size, all.size(), slice);
    }

    @Operation(summary = "A run's node lines as a CSV download",
            description = "RFC 4180; a text cell a spreadsheet would run as a formula gets a leading `'`.")
    @ApiResponse(responseCode = "200", description = "`settlement-<window>-r<revision>.csv`: node_id, owner_wallet,"
            + " calls, ok, credits, self_dealt, quality, weight, reward_base_units")
    @ApiResponse(responseCode = "404", description = "The window is not settled, or has no such revision")
    @GetMapping(value = "/{window}/nodes.csv", produces = "text/csv")
    @RequiresRole(Role.FINANCE)
    ResponseEntity<String> nodesCsv(@PathVariable String window, @RequestParam(required = false) Integer revision) {
        SettlementRun run = runs.get(settlement.window(window), revision);
        StringBuilder csv = new StringBuilder();
        CsvWriter rows = CsvWriter.forSpreadsheets(csv)
                .texts("node_id", "owner_wallet", "calls", "ok", "credits", "self_dealt", "quality", "weight",
                        "reward_base_units")
                .endRow();
        for (NodeSettlementLine n : runs.nodes(run.id())) {
            rows.text(n.nodeId()).text(n.ownerWallet()).number(n.calls()).number(n.ok()).number(n.credits())
                    .number(n.selfDealt()).number(n.quality()).number(n.weight()).number(n.reward()).endRow();
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                .header("Content-Disposition", "attachment; filename=" + RunFileNames.of(run, "settlement", ".csv"))
                .body(csv.toString());
    }

    @Operation(summary = "Re-run a settled window: revision r+1 and its ledger corrections")
    @ApiResponse(responseCode = "201", description = "The new revision")
    @ApiResponse(responseCode = "409", description = "The window is not settled yet, is being settled right now, or a"
            + " backfill import is running")
    @PostMapping("/{window}/reruns")
    @RequiresRole(Role.OPS)
    @ResponseStatus(HttpStatus.CREATED)
    SettlementRun rerun(@PathVariable String window, @RequestBody RerunRequest request) {
        return settlement.rerun(settlement.window(window), request.reason(), request.operator());
    }
}
