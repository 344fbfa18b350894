package network.mmc.jobs.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MailBodyTests {

    private static final String HOSTILE = "<script>alert('x')</script>&\"";

    @Test
    void everyValueIsEscapedInTheHtmlPartAndKeptAsIsInTheTextPart() {
        MailBody body = new MailBody().paragraph(HOSTILE).fields(List.<String[]>of(new String[]{"Node", HOSTILE}))
                .list("Nodes", List.of(HOSTILE)).table(List.of("node"), List.of(List.of(HOSTILE)))
                .link(HOSTILE, "https://hub.example.net/x?a=1&b=\"2\"");

        assertThat(body.html()).doesNotContain("<script>").doesNotContain("'x'")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;")
                .contains("href=\"https://hub.example.net/x?a=1&amp;b=&quot;2&quot;\"");
        assertThat(body.text()).contains("Node: " + HOSTILE).contains("- " + HOSTILE)
                .contains("https://hub.example.net/x?a=1&b=\"2\"");
    }

    @Test
    void anEmptyListSaysNone() {
        MailBody body = new MailBody().list("Anomalies", List.of());

        assertThat(body.text()).isEqualTo("Anomalies: none\n\n");
        assertThat(body.html()).contains("<p>Anomalies: none</p>");
    }
}
