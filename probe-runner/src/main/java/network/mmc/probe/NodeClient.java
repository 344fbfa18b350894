package network.mmc.probe;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import network.mmc.probe.AddressPolicy.RefusedAddressException;

/**
 * Sends one piece of work to a node's task server: the endpoint is parsed and its address checked against the
 * {@link AddressPolicy} once, then connected to (no second DNS answer can redirect it), with one deadline for the
 * whole exchange and no more of the answer read than the caller allows. Probes and API users' task units both go
 * through here.
 */
public final class NodeClient {

    /** How a call ended: answered (any HTTP status), never sent (endpoint or address refused), failed, or timed out. */
    public enum Outcome { ANSWERED, REFUSED, FAILED, TIMEOUT }

    /**
     * @param status  the HTTP status when ANSWERED
     * @param headers the answer's headers by lower-case name when ANSWERED
     * @param body    the answer's body up to the caller's limit when ANSWERED
     * @param longer  whether the answer's body was longer than that
     * @param detail  why it was REFUSED or FAILED, as a person reads it; printable
     */
    public record Reply(Outcome outcome, int status, Map<String, String> headers, byte[] body, boolean longer,
                        long latencyMillis, String detail) {

        static Reply of(Outcome outcome, long startedNanos, String detail) {
            return new Reply(outcome, 0, Map.of(), new byte[0], false, millisSince(startedNanos), detail);
        }

        /** The body as text a person may read: control characters replaced. */
        public String printableBody() {
            return ProbeHttp.printable(new String(body, StandardCharsets.UTF_8));
        }
    }

    private final AddressPolicy addresses;
    private final ProbeHttp http;

    public NodeClient(AddressPolicy addresses) {
        this(addresses, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    NodeClient(AddressPolicy addresses, SSLSocketFactory tls) {
        this.addresses = addresses;
        this.http = new ProbeHttp(tls);
    }

    /**
     * POSTs {@code body} to {@code path} under the node's registered {@code endpoint}; reads at most {@code okBodyLimit}
     * bytes of a 200 answer and {@code errorBodyLimit} of any other. Never throws for what the node does.
     */
    public Reply post(String endpoint, String path, String contentType, byte[] body, long deadlineNanos,
                      int okBodyLimit, int errorBodyLimit) {
        long started = System.nanoTime();
        NodeEndpoint parsed;
        InetAddress address;
        try {
            parsed = NodeEndpoint.parse(endpoint);
            address = addresses.check(parsed);
        } catch (IllegalArgumentException e) {
            return Reply.of(Outcome.REFUSED, started, "endpoint " + ProbeHttp.printable(e.getMessage()));
        } catch (RefusedAddressException e) {
            return Reply.of(Outcome.REFUSED, started, e.getMessage());
        }
        try {
            ProbeHttp.Answer answer = http.post(parsed, address, parsed.path() + path, contentType, body, deadlineNanos,
                    okBodyLimit, errorBodyLimit);
            return new Reply(Outcome.ANSWERED, answer.status(), answer.headers(), answer.body(), answer.longer(),
                    millisSince(started), null);
        } catch (SocketTimeoutException e) {
            return Reply.of(Outcome.TIMEOUT, started, null);
        } catch (IOException e) {
            return Reply.of(Outcome.FAILED, started, describe(e, address, parsed));
        }
    }

    private static String describe(IOException e, InetAddress address, NodeEndpoint endpoint) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : ProbeHttp.printable(e.getMessage());
        if (e instanceof ConnectException) {
            return "cannot connect to " + address.getHostAddress() + ":" + endpoint.port() + ": " + message;
        }
        if (e instanceof SSLException) {
            return "TLS with " + endpoint.hostName() + " failed: " + message;
        }
        return message;
    }

    private static long millisSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
