package network.mmc.jobs.reports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import network.mmc.jobs.settlement.RunFileNames;
import network.mmc.settlement.SettlementWindow;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** A run's report in each of its forms, for downloads and for {@code runs report --out}. */
@Component
public class RunReportDocuments {

    /** One downloadable form: its file name (no colons) and bytes. */
    public record Document(String fileName, String contentType, byte[] bytes) {

        /** The answer that downloads it, for the REST API and the console alike. */
        public ResponseEntity<byte[]> asAttachment() {
            return ResponseEntity.ok().contentType(MediaType.parseMediaType(contentType))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=" + fileName)
                    .header("Content-Security-Policy", ReportHtml.CONTENT_SECURITY_POLICY)
                    .body(bytes);
        }
    }

    /** The charts by the name their downloads end with ({@code report-NAME.png|svg}), in the report's order. */
    public static final List<String> CHARTS = RunCharts.NAMES;

    /**
     * The forms by the name their download path ends with: {@code report.html}, {@code report-nodes.csv},
     * {@code report-wallets.csv}, then each chart as {@code report-<chart>.png}, then each as {@code report-<chart>.svg}.
     */
    public static final List<String> KINDS = kinds();

    private static List<String> kinds() {
        List<String> kinds = new ArrayList<>(List.of("report.html", "report-nodes.csv", "report-wallets.csv"));
        RunCharts.NAMES.forEach(chart -> kinds.add("report-" + chart + ".png"));
        RunCharts.NAMES.forEach(chart -> kinds.add("report-" + chart + ".svg"));
        return List.copyOf(kinds);
    }

    private static final String CSV = "text/csv;charset=UTF-8";

    private final RunReports reports;

    RunReportDocuments(RunReports reports) {
        this.reports = reports;
    }

    /** One form; only what it holds is drawn (a chart alone, the HTML with every chart). */
    public Document document(SettlementWindow window, Integer revision, String kind) {
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("report '" + kind + "' is not one of " + KINDS);
        }
        RunReport report = reports.report(window, revision);
        return switch (kind) {
            case "report.html" -> html(report, RunCharts.Charts.of(report));
            case "report-nodes.csv" -> nodesCsv(report);
            case "report-wallets.csv" -> walletsCsv(report);
            default -> {
                RunCharts.Chart chart = RunCharts.one(kind.substring("report-".length(), kind.lastIndexOf('.')),
                        report);
                yield kind.endsWith(".svg") ? svg(report, chart) : png(report, chart);
            }
        };
    }

    /** Every form, in the order of {@link #KINDS}. */
    public List<Document> all(SettlementWindow window, Integer revision) {
        RunReport report = reports.report(window, revision);
        RunCharts.Charts charts = RunCharts.Charts.of(report);
        List<Document> documents = new ArrayList<>(List.of(html(report, charts), nodesCsv(report), walletsCsv(report)));
        charts.all().forEach(chart -> documents.add(png(report, chart)));
        charts.all().forEach(chart -> documents.add(svg(report, chart)));
        return documents;
    }

    /** Writes every form into {@code dir} (created when missing) and returns the files written. */
    public List<Path> write(SettlementWindow window, Integer revision, Path dir) {
        List<Document> documents = all(window, revision);
        List<Path> files = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            for (Document document : documents) {
                files.add(Files.write(dir.resolve(document.fileName()), document.bytes()));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write to " + dir + ": " + e.getMessage());
        }
        return files;
    }

    private static Document html(RunReport report, RunCharts.Charts charts) {
        return new Document(name(report, ".html"), "text/html;charset=UTF-8", utf8(RunReportHtml.render(report, charts)));
    }

    private static Document nodesCsv(RunReport report) {
        return new Document(name(report, "-nodes.csv"), CSV, utf8(RunReportCsv.nodes(report)));
    }

    private static Document walletsCsv(RunReport report) {
        return new Document(name(report, "-wallets.csv"), CSV, utf8(RunReportCsv.wallets(report)));
    }

    private static Document png(RunReport report, RunCharts.Chart chart) {
        return new Document(name(report, "-" + chart.name() + ".png"), "image/png", chart.png());
    }

    private static Document svg(RunReport report, RunCharts.Chart chart) {
        return new Document(name(report, "-" + chart.name() + ".svg"), "image/svg+xml", utf8(chart.svg()));
    }

    private static String name(RunReport report, String suffix) {
        return RunFileNames.of(report.run(), "settlement", suffix);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
