package network.mmc.probe;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A node's task server as the Hub may call it: an {@code http} or {@code https} URL with a host and a port, an
 * optional path, and nothing else (no user info, query or fragment). A host is a DNS name, a dotted-quad IPv4
 * address in plain decimal, or a bracketed IPv6 address: decimal, octal or hexadecimal encodings of an address
 * are refused, as other clients would read them as another address than Java does.
 */
public record NodeEndpoint(String scheme, String host, int port, String path) {

    private static final Pattern DOTTED_QUAD = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");
    private static final Pattern NUMERIC_LABEL = Pattern.compile("[0-9]+|0[xX][0-9a-fA-F]*");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?");

    /** Parses {@code text}; the exception's message says what is wrong, to follow the field's name. */
    public static NodeEndpoint parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("is empty: give http(s)://HOST:PORT");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("'" + text + "' is not an http or https URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("'" + text + "' has user info; give http(s)://HOST:PORT");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("'" + text + "' has a query or fragment; give http(s)://HOST:PORT[/PATH]");
        }
        String host = uri.getHost();
        if (host == null || !validHost(host)) {
            throw new IllegalArgumentException("'" + text + "' has no valid host: give a DNS name, a dotted-quad IPv4"
                    + " address or a bracketed IPv6 address");
        }
        if (uri.getPort() < 1 || uri.getPort() > 65_535) {
            throw new IllegalArgumentException("'" + text + "' has no port between 1 and 65535");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return new NodeEndpoint(scheme, host, uri.getPort(), path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
    }

    private static boolean validHost(String host) {
        if (host.startsWith("[")) {
            // java.net.URI checked the IPv6 syntax; a zone id names an interface of the Hub's own machine
            return host.endsWith("]") && host.indexOf('%') < 0;
        }
        if (DOTTED_QUAD.matcher(host).matches()) {
            return true;
        }
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (name.isEmpty() || name.length() > 253) {
            return false;
        }
        String[] labels = name.split("\\.", -1);
        if (NUMERIC_LABEL.matcher(labels[labels.length - 1]).matches()) {
            // no top-level domain is numeric: this is an address in some other notation (127.1, 2130706433, 0x7f.1)
            return false;
        }
        for (String label : labels) {
            if (!DNS_LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    public boolean https() {
        return "https".equals(scheme);
    }

    /** The host as a DNS lookup or an address parser takes it: IPv6 without its brackets. */
    public String hostName() {
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    /** The address when the host is an IP address literal, else null (a DNS name); never looks anything up. */
    public InetAddress literalAddress() {
        if (!host.startsWith("[") && !DOTTED_QUAD.matcher(host).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(hostName());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a checked address literal did not parse: " + host, e);
        }
    }

    /** The {@code Host} header: the host, and the port unless it is the scheme's default. */
    public String authority() {
        boolean defaultPort = https() ? port == 443 : port == 80;
        return defaultPort ? host : host + ":" + port;
    }

    @Override
    public String toString() {
        return scheme + "://" + host + ":" + port + path;
    }
}
