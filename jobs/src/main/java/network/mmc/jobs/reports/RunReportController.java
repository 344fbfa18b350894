package network.mmc.jobs.reports;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import network.mmc.jobs.apikeys.RequiresRole;
import network.mmc.jobs.apikeys.Role;
import network.mmc.jobs.settlement.SettlementService;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A run's report downloads: {@code /api/settlements/{window}/report.html}, {@code report-nodes.csv}, … */
@RestController
class RunReportController {

    private final RunReportDocuments documents;
    private final SettlementService settlement;

    RunReportController(RunReportDocuments documents, SettlementService settlement) {
        this.documents = documents;
        this.settlement = settlement;
    }

    @Operation(summary = "One form of a run's report, as a download",
            description = "`kind`: `report.html` (the charts embedded as SVG), `report-nodes.csv`, `report-wallets.csv`,"
                    + " or a chart `report-<chart>.png` / `report-<chart>.svg` with `<chart>` one of rewards, lorenz,"
                    + " credits, probes, emission. CSV cells a spreadsheet would run as a formula get a leading `'`.")
    @ApiResponse(responseCode = "200", description = "The file, named `settlement-<window>-r<revision><suffix>`",
            content = {@Content(mediaType = "text/html"), @Content(mediaType = "text/csv"),
                    @Content(mediaType = "image/png"), @Content(mediaType = "image/svg+xml")})
    @ApiResponse(responseCode = "400", description = "`kind` is not one of the forms above, or the window is malformed")
    @ApiResponse(responseCode = "404", description = "The window is not settled, or has no such revision")
    @GetMapping("/api/settlements/{window}/{kind:report.*}")
    @RequiresRole(Role.FINANCE)
    ResponseEntity<byte[]> report(@PathVariable String window, @PathVariable String kind,
                                  @RequestParam(required = false) Integer revision) {
        return documents.document(settlement.window(window), revision, kind).asAttachment();
    }
}
