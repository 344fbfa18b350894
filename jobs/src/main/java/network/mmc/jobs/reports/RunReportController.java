package network.mmc.jobs.reports;

import network.mmc.jobs.apikeys.RequiresRole;
import network.mmc.jobs.apikeys.Role;
import network.mmc.jobs.settlement.SettlementService;
import org.springframework.http.MediaType;
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

    @GetMapping("/api/settlements/{window}/{kind:report.*}")
    @RequiresRole(Role.FINANCE)
    ResponseEntity<byte[]> report(@PathVariable String window, @PathVariable String kind,
                                  @RequestParam(required = false) Integer revision) {
        RunReportDocuments.Document document = documents.document(settlement.window(window), revision, kind);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(document.contentType()))
                .header("Content-Disposition", "attachment; filename=" + document.fileName())
                .header("Content-Security-Policy", ReportHtml.CONTENT_SECURITY_POLICY)
                .body(document.bytes());
    }
}
