package network.mmc.jobs.mail;

import java.util.List;
import org.springframework.web.util.HtmlUtils;

/**
 * A mail's plain-text and HTML parts built side by side, so both carry the same figures. Every value is escaped in
 * the HTML part: node ids, emails and exit messages come from outside.
 */
final class MailBody {

    private final StringBuilder text = new StringBuilder();
    private final StringBuilder html = new StringBuilder();

    MailBody paragraph(String line) {
        text.append(line).append("\n\n");
        html.append("<p>").append(escape(line)).append("</p>\n");
        return this;
    }

    /** Label: value lines; a table of two columns in HTML. */
    MailBody fields(List<String[]> labelsAndValues) {
        html.append("<table>\n");
        for (String[] field : labelsAndValues) {
            text.append(field[0]).append(": ").append(field[1]).append('\n');
            html.append("<tr><th align=\"left\">").append(escape(field[0])).append("</th><td>")
                    .append(escape(field[1])).append("</td></tr>\n");
        }
        text.append('\n');
        html.append("</table>\n");
        return this;
    }

    /** A list under a heading; "none" when empty. */
    MailBody list(String heading, List<String> items) {
        text.append(heading).append(":").append(items.isEmpty() ? " none\n" : "\n");
        html.append("<p>").append(escape(heading)).append(":").append(items.isEmpty() ? " none</p>\n" : "</p>\n<ul>\n");
        for (String item : items) {
            text.append("- ").append(item).append('\n');
            html.append("<li>").append(escape(item)).append("</li>\n");
        }
        if (!items.isEmpty()) {
            html.append("</ul>\n");
        }
        text.append('\n');
        return this;
    }

    /** Tab-separated in text, a table in HTML. */
    MailBody table(List<String> headers, List<List<String>> rows) {
        text.append(String.join("\t", headers)).append('\n');
        html.append("<table border=\"1\" cellpadding=\"4\">\n<tr>");
        headers.forEach(header -> html.append("<th>").append(escape(header)).append("</th>"));
        html.append("</tr>\n");
        for (List<String> row : rows) {
            text.append(String.join("\t", row)).append('\n');
            html.append("<tr>");
            row.forEach(cell -> html.append("<td>").append(escape(cell)).append("</td>"));
            html.append("</tr>\n");
        }
        text.append('\n');
        html.append("</table>\n");
        return this;
    }

    MailBody link(String label, String url) {
        text.append(label).append(": ").append(url).append("\n\n");
        html.append("<p><a href=\"").append(escape(url)).append("\">").append(escape(label)).append("</a></p>\n");
        return this;
    }

    String text() {
        return text.toString();
    }

    String html() {
        return "<!DOCTYPE html>\n<html><body>\n" + html + "</body></html>\n";
    }

    private static String escape(String value) {
        return HtmlUtils.htmlEscape(value, "UTF-8");
    }
}
