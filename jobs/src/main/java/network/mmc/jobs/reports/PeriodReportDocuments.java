package network.mmc.jobs.reports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a period report's files: {@code period.html} and the CSV files {@code period-windows.csv},
 * {@code -wallets}, {@code -nodes}, {@code -reconciliation}.
 */
public final class PeriodReportDocuments {

    private PeriodReportDocuments() {
    }

    /** The report as one HTML page. */
    public static String html(PeriodReport report) {
        return PeriodReportHtml.render(report);
    }

    public static List<Path> write(PeriodReport report, Path dir) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("period.html", html(report));
        files.put("period-windows.csv", PeriodReportCsv.windows(report));
        files.put("period-wallets.csv", PeriodReportCsv.wallets(report));
        files.put("period-nodes.csv", PeriodReportCsv.nodes(report));
        files.put("period-reconciliation.csv", PeriodReportCsv.reconciliation(report));
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, String> file : files.entrySet()) {
                written.add(Files.writeString(dir.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write to " + dir + ": " + e.getMessage());
        }
        return written;
    }
}
