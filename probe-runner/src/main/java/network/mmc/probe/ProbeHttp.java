package network.mmc.probe;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 POST to an address the caller has already checked, over a connection of its own. The JDK's
 * clients resolve the host themselves, so a second DNS answer could point the request elsewhere; here the
 * socket goes to the checked address while {@code Host}, TLS SNI and certificate checks use the endpoint's
 * host name. Redirects are answers like any other (never followed), the whole exchange has one deadline,
 * and no more of the body is read than the caller allows.
 */
final class ProbeHttp {

    private static final int MAX_LINE = 8 * 1024;
    private static final int MAX_HEADERS = 100;
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "node-write-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    /** An answer: status, headers by lower-case name, the body up to the limit and whether there was more. */
    record Answer(int status, Map<String, String> headers, byte[] body, boolean longer) {
    }

    private final SSLSocketFactory tls;

    ProbeHttp(SSLSocketFactory tls) {
        this.tls = tls;
    }

    /**
     * POSTs {@code body} to {@code path} of {@code endpoint} at {@code address}; reads at most {@code okBodyLimit}
     * bytes of a 200 answer's body and {@code errorBodyLimit} of any other.
     *
     * @throws SocketTimeoutException when {@code deadlineNanos} ({@link System#nanoTime()}) passes first
     */
    Answer post(NodeEndpoint endpoint, InetAddress address, String path, String contentType, byte[] body,
                long deadlineNanos, int okBodyLimit, int errorBodyLimit) throws IOException {
        try (Socket plain = new Socket()) {
            plain.setTcpNoDelay(true);
            plain.connect(new InetSocketAddress(address, endpoint.port()), remainingMillis(deadlineNanos));
            Socket socket = endpoint.https() ? secure(plain, endpoint, deadlineNanos) : plain;
            try {
                String head = "POST " + path + " HTTP/1.1\r\nHost: " + endpoint.authority()
                        + "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + body.length
                        + "\r\nConnection: close\r\n\r\n";
                write(socket, head.getBytes(StandardCharsets.US_ASCII), body, deadlineNanos);
                InputStream in = new BufferedInputStream(new DeadlineInput(socket, deadlineNanos));
                return read(in, okBodyLimit, errorBodyLimit);
            } finally {
                socket.close();
            }
        }
    }

    /**
     * Socket writes take no timeout: a node that stops reading a large body would hold the caller for good. A watchdog
     * closes the socket at the deadline instead, and the write then fails as a timeout.
     */
    private static void write(Socket socket, byte[] head, byte[] body, long deadlineNanos) throws IOException {
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
            expired.set(true);
            try {
                socket.close();
            } catch (IOException e) {
                // closing is all the watchdog does; a failure to close leaves nothing to undo
            }
        }, remainingMillis(deadlineNanos), TimeUnit.MILLISECONDS);
        try {
            OutputStream out = socket.getOutputStream();
            out.write(head);
            out.write(body);
            out.flush();
        } catch (IOException e) {
            if (expired.get()) {
                throw new SocketTimeoutException("the node did not take the request within the deadline");
            }
            throw e;
        } finally {
            watchdog.cancel(false);
        }
    }

    private SSLSocket secure(Socket plain, NodeEndpoint endpoint, long deadlineNanos) throws IOException {
        SSLSocket ssl = (SSLSocket) tls.createSocket(plain, endpoint.hostName(), endpoint.port(), true);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (endpoint.literalAddress() == null) {
            parameters.setServerNames(List.of(new SNIHostName(endpoint.hostName())));
        }
        ssl.setSSLParameters(parameters);
        ssl.setSoTimeout(remainingMillis(deadlineNanos));
        ssl.startHandshake();
        return ssl;
    }

    private static Answer read(InputStream in, int okBodyLimit, int errorBodyLimit) throws IOException {
        while (true) {
            int status = status(line(in));
            Map<String, String> headers = headers(in);
            // an interim answer (100 Continue) is followed by the real one
            if (status >= 200) {
                return body(in, status, headers, status == 200 ? okBodyLimit : errorBodyLimit);
            }
        }
    }

    private static Answer body(InputStream in, int status, Map<String, String> headers, int limit) throws IOException {
        if (status == 204 || status == 304) {
            return new Answer(status, headers, new byte[0], false);
        }
        String encoding = headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT);
        if (encoding.contains("chunked")) {
            return chunked(in, status, headers, limit);
        }
        String length = headers.get("content-length");
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                throw new IOException("the answer's Content-Length '" + length + "' is not a number");
            }
            if (declared < 0) {
                throw new IOException("the answer's Content-Length is negative");
            }
            // straight into an array of the length expected (the caller's limit bounds it): a probe's 4 MiB answer
            // then arrives in large reads, not in 8 KiB pieces joined afterwards
            byte[] body = new byte[(int) Math.min(declared, limit)];
            int read = in.readNBytes(body, 0, body.length);
            if (read < body.length) {
                throw new IOException("the connection closed after " + read + " of " + declared + " bytes");
            }
            return new Answer(status, headers, body, declared > limit);
        }
        byte[] body = in.readNBytes(limit);
        return new Answer(status, headers, body, body.length == limit && in.read() >= 0);
    }

    private static Answer chunked(InputStream in, int status, Map<String, String> headers, int limit) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(in);
            int extension = sizeLine.indexOf(';');
            long size;
            try {
                size = Long.parseLong((extension < 0 ? sizeLine : sizeLine.substring(0, extension)).trim(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("the answer's chunk size '" + sizeLine + "' is not hexadecimal");
            }
            if (size < 0) {
                throw new IOException("the answer's chunk size is negative");
            }
            if (size == 0) {
                return new Answer(status, headers, body.toByteArray(), false);
            }
            if (body.size() + size > limit) {
                body.write(in.readNBytes(limit - body.size()));
                return new Answer(status, headers, body.toByteArray(), true);
            }
            byte[] chunk = in.readNBytes((int) size);
            if (chunk.length < size) {
                throw new IOException("the connection closed inside a chunk");
            }
            body.write(chunk);
            line(in);
        }
    }

    private static int status(String line) throws IOException {
        String[] parts = line.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("the answer is not HTTP/1.x: '" + printable(line) + "'");
        }
        try {
            return Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("the answer's status '" + printable(parts[1]) + "' is not a number");
        }
    }

    private static Map<String, String> headers(InputStream in) throws IOException {
        Map<String, String> headers = new HashMap<>();
        for (int count = 0; ; count++) {
            String line = line(in);
            if (line.isEmpty()) {
                return headers;
            }
            if (count == MAX_HEADERS) {
                throw new IOException("the answer has more than " + MAX_HEADERS + " headers");
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.putIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
    }

    /** A line without its CR LF (or bare LF), at most {@link #MAX_LINE} bytes. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the connection closed before the answer was complete");
            }
            if (line.size() == MAX_LINE) {
                throw new IOException("the answer has a line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    /** Text a node sent, safe to store and print: control characters become '?'. */
    static String printable(String text) {
        StringBuilder safe = new StringBuilder(text.length());
        text.codePoints().forEach(c -> safe.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return safe.toString();
    }

    private static int remainingMillis(long deadlineNanos) throws SocketTimeoutException {
        long remaining = (deadlineNanos - System.nanoTime()) / 1_000_000;
        if (remaining < 1) {
            throw new SocketTimeoutException("no answer within the probe's timeout");
        }
        return (int) Math.min(Integer.MAX_VALUE, remaining);
    }

    /** Each read may wait only until the exchange's deadline: a node sending a byte at a time cannot hold a probe. */
    private static final class DeadlineInput extends FilterInputStream {

        private final Socket socket;
        private final long deadlineNanos;

        DeadlineInput(Socket socket, long deadlineNanos) throws IOException {
            super(socket.getInputStream());
            this.socket = socket;
            this.deadlineNanos = deadlineNanos;
        }

        @Override
        public int read() throws IOException {
            socket.setSoTimeout(remainingMillis(deadlineNanos));
            return super.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            socket.setSoTimeout(remainingMillis(deadlineNanos));
            return super.read(buffer, offset, length);
        }
    }
}
