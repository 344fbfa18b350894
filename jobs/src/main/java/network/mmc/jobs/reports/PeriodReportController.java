package network.mmc.jobs.reports;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Instant;
import network.mmc.jobs.apikeys.RequiresRole;
import network.mmc.jobs.apikeys.Role;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/reports/period?from&to}: the period report as JSON; {@code period.html} the same report as a page;
 * {@code period-reconciliation.csv} its differences.
 */
@RestController
class PeriodReportController {

    private final PeriodReports reports;

    PeriodReportController(PeriodReports reports) {
        this.reports = reports;
    }

    @Operation(summary = "The period report [from, to): totals per window, wallet and node, and the reconciliation")
    @GetMapping("/api/reports/period")
    @RequiresRole(Role.FINANCE)
    PeriodReport period(@RequestParam Instant from, @RequestParam Instant to) {
        return reports.report(from, to);
    }

    @Operation(summary = "The period report as a page; what does not balance is listed first")
    @ApiResponse(responseCode = "200", description = "The report", content = @Content(mediaType = "text/html"))
    @GetMapping("/api/reports/period.html")
    @RequiresRole(Role.FINANCE)
    ResponseEntity<String> html(@RequestParam Instant from, @RequestParam Instant to) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/html;charset=UTF-8"))
                .header("Content-Security-Policy", ReportHtml.CONTENT_SECURITY_POLICY)
                .body(PeriodReportDocuments.html(reports.report(from, to)));
    }

    @Operation(summary = "The period's reconciliation as a CSV download: every figure compared, balanced or not")
    @ApiResponse(responseCode = "200", description = "`period-reconciliation.csv`",
            content = @Content(mediaType = "text/csv"))
    @GetMapping("/api/reports/period-reconciliation.csv")
    @RequiresRole(Role.FINANCE)
    ResponseEntity<String> reconciliation(@RequestParam Instant from, @RequestParam Instant to) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                .header("Content-Disposition", "attachment; filename=period-reconciliation.csv")
                .body(PeriodReportCsv.reconciliation(reports.report(from, to)));
    }
}
