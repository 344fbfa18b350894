package network.mmc.jobs.reports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import network.mmc.jobs.settlement.RunFileNames;
import network.mmc.settlement.SettlementWindow;
import org.springframework.stereotype.Component;

/** A run's report in each of its forms, for downloads and for {@code runs report --out}. */
@Component
public class RunReportDocuments {

    /** One downloadable form: its file name (no colons) and bytes. */
    public record Document(String fileName, String contentType, byte[] bytes) {
    }

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

    private final RunReports reports;

    RunReportDocuments(RunReports reports) {
        this.reports = reports;
    }

    public Document document(SettlementWindow window, Integer revision, String kind) {
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("report '" + kind + "' is not one of " + KINDS);
        }
        return all(window, revision).get(KINDS.indexOf(kind));
    }

    /** Every form, in the order of {@link #KINDS}. */
    public List<Document> all(SettlementWindow window, Integer revision) {
        RunReport report = reports.report(window, revision);
        RunCharts.Charts charts = RunCharts.Charts.of(report);
        String html = RunReportHtml.render(report, charts);
        List<Document> documents = new ArrayList<>();
        documents.add(new Document(name(report, ".html"), "text/html;charset=UTF-8", utf8(html)));
        documents.add(new Document(name(report, "-nodes.csv"), "text/csv;charset=UTF-8", utf8(RunReportCsv.nodes(report))));
        documents.add(new Document(name(report, "-wallets.csv"), "text/csv;charset=UTF-8",
                utf8(RunReportCsv.wallets(report))));
        for (RunCharts.Chart chart : charts.all()) {
            documents.add(new Document(name(report, "-" + chart.name() + ".png"), "image/png", chart.png()));
        }
        for (RunCharts.Chart chart : charts.all()) {
            documents.add(new Document(name(report, "-" + chart.name() + ".svg"), "image/svg+xml", utf8(chart.svg())));
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

    private static String name(RunReport report, String suffix) {
        return RunFileNames.of(report.run(), "settlement", suffix);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
