package network.mmc.jobs.reports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
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
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=" + fileName).body(bytes);
        }
    }

    /** The charts by the name their download path ends with ({@code report-NAME.png}), in the report's order. */
    public static final List<String> CHARTS = List.copyOf(RunCharts.BY_NAME.keySet());

    /** The forms by the name their download path ends with: {@code report.html}, {@code report-nodes.csv}, … */
    public static final List<String> KINDS = Stream.concat(Stream.of("report.html", "report-nodes.csv",
            "report-wallets.csv"), CHARTS.stream().map(chart -> "report-" + chart + ".png")).toList();

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
                String chart = kind.substring("report-".length(), kind.length() - ".png".length());
                yield chart(report, chart, RunCharts.BY_NAME.get(chart).apply(report));
            }
        };
    }

    /** Every form, in the order of {@link #KINDS}. */
    public List<Document> all(SettlementWindow window, Integer revision) {
        RunReport report = reports.report(window, revision);
        RunCharts.Charts charts = RunCharts.Charts.of(report);
        List<Document> documents = new ArrayList<>(List.of(html(report, charts), nodesCsv(report), walletsCsv(report)));
        for (int i = 0; i < CHARTS.size(); i++) {
            documents.add(chart(report, CHARTS.get(i), charts.inOrder().get(i)));
        }
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

    private static Document chart(RunReport report, String chart, byte[] png) {
        return new Document(name(report, "-" + chart + ".png"), "image/png", png);
    }

    private static String name(RunReport report, String suffix) {
        return RunFileNames.of(report.run(), "settlement", suffix);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
