package network.mmc.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeEndpointTests {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "file:///etc/passwd | not an http or https URL",
            "gopher://example.com:70/_x | not an http or https URL",
            "javascript:alert(1) | not an http or https URL",
            "ftp://example.com:21 | not an http or https URL",
            "http://example.com | no port",
            "http://example.com:0 | no port",
            "http://example.com:65536 | no port",
            "http://user:secret@example.com:80 | user info",
            "http://example.com:80/x?debug=1 | query or fragment",
            "http://example.com:80/? | query or fragment",
            "http://example.com:80/#top | query or fragment",
            "http://2130706433:80 | no valid host",
            "http://0x7f000001:80 | no valid host",
            "http://0x7f.0.0.1:80 | no valid host",
            "http://017.0.0.1:80 | no valid host",
            "http://0177.0.0.1:80 | no valid host",
            "http://127.1:80 | no valid host",
            "http://1.2.3.4.5:80 | no valid host",
            "http://[fe80::1%25eth0]:80 | no valid host",
            "http://:80 | no valid host",
            "http://exa mple.com:80 | not a URL",
            "not a url | is not a URL"})
    void refusesAnythingButHttpOrHttpsWithAHostAndAPort(String text, String reason) {
        assertThatThrownBy(() -> NodeEndpoint.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void keepsSchemeHostPortAndPathWithoutATrailingSlash() {
        NodeEndpoint endpoint = NodeEndpoint.parse("HTTPS://node-7.example.com:8443/mmc/");

        assertThat(endpoint).isEqualTo(new NodeEndpoint("https", "node-7.example.com", 8443, "/mmc"));
        assertThat(endpoint.authority()).isEqualTo("node-7.example.com:8443");
        assertThat(endpoint.literalAddress()).isNull();
        assertThat(NodeEndpoint.parse("http://example.com:80").authority()).isEqualTo("example.com");
    }

    @Test
    void ipLiteralsAreReadWithoutALookup() {
        assertThat(NodeEndpoint.parse("http://203.0.113.9:7070").literalAddress().getHostAddress()).isEqualTo("203.0.113.9");
        NodeEndpoint v6 = NodeEndpoint.parse("http://[2001:db8::1]:7070");
        assertThat(v6.hostName()).isEqualTo("2001:db8::1");
        assertThat(v6.literalAddress().getHostAddress()).isEqualTo("2001:db8:0:0:0:0:0:1");
    }
}
