package network.mmc.jobs.reports;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.springframework.web.util.HtmlUtils;

/**
 * What the HTML reports share: one self-contained page (styles inline, charts embedded), tables whose every cell is
 * escaped, numbers aligned right.
 */
final class ReportHtml {

    private static final String STYLE = "body{font-family:sans-serif;max-width:1250px}table{border-collapse:collapse}"
            + "td,th{border:1px solid #ccc;padding:2px 6px}td.n{text-align:right}"
            + "img.chart{width:100%;max-width:1200px;height:auto}"
            + ".unbalanced{border:3px solid #c00;background:#fee;padding:4px 12px}.unbalanced h2{color:#c00}"
            + ".balanced{border:2px solid #080;background:#efe;padding:4px 12px}";

    /**
     * For a report served over HTTP: the page may show its own styles and embedded images, and nothing else runs or
     * loads, whatever a stored value holds.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

    private ReportHtml() {
    }

    /** The page's head and the start of its body; {@code title} is escaped. */
    static StringBuilder page(String title) {
        return new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(e(title)).append("</title><style>").append(STYLE).append("</style></head><body>\n");
    }

    static String end() {
        return "</body></html>\n";
    }

    static void table(StringBuilder html, List<String> headers, List<List<String>> rows) {
        html.append("<table><tr>");
        headers.forEach(h -> html.append("<th>").append(e(h)).append("</th>"));
        html.append("</tr>\n");
        for (List<String> row : rows) {
            html.append("<tr>");
            for (String cell : row) {
                html.append(isNumber(cell) ? "<td class=\"n\">" : "<td>").append(e(cell)).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    /**
     * A chart as an SVG image that scales with the page. A {@code data:} URI in an {@code img} rather than inline
     * markup: an image's SVG runs no script and its ids cannot clash with the page's.
     */
    static String chart(RunCharts.Chart chart) {
        return "<p><img class=\"chart\" alt=\"" + e(chart.title()) + "\" width=\"" + RunCharts.WIDTH + "\" height=\""
                + RunCharts.HEIGHT + "\" src=\"data:image/svg+xml;base64,"
                + Base64.getEncoder().encodeToString(chart.svg().getBytes(StandardCharsets.UTF_8)) + "\"></p>\n";
    }

    /** Escapes {@code < > & " '} so that no stored value (node ids are chosen by operators) becomes markup. */
    static String e(String value) {
        return HtmlUtils.htmlEscape(value == null ? "" : value, "UTF-8");
    }

    private static boolean isNumber(String cell) {
        return cell.matches("-?[\\d.]+");
    }
}
