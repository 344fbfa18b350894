package network.mmc.jobs.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP/1.1 over a plain socket, for requests no ordinary client sends: a Content-Length the body never delivers,
 * a chunked body of any size, bytes that are not JSON. Each request closes its connection.
 */
public final class RawHttp {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final int port;

    public RawHttp(int port) {
        this.port = port;
    }

    public record Response(int status, Map<String, String> headers, String text) {

        public JsonNode json() {
            return JSON.readTree(text);
        }
    }

    /** Sends the head with {@code Content-Length: declaredLength}, then no body at all, and waits for the answer. */
    public Response declaringLength(String method, String path, long declaredLength, String headers) {
        return exchange(method, path, "Content-Length: " + declaredLength + "\r\n" + headers, out -> { });
    }

    /** Sends {@code body} as it is, with its true Content-Length. */
    public Response withBody(String method, String path, String body, String headers) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return exchange(method, path, "Content-Length: " + bytes.length + "\r\n" + headers, out -> out.write(bytes));
    }

    /** Sends {@code first}, then {@code chunks} copies of {@code chunk}, each a chunk of its own (no Content-Length). */
    public Response chunked(String method, String path, String first, String chunk, int chunks, String headers) {
        return exchange(method, path, "Transfer-Encoding: chunked\r\n" + headers, out -> {
            writeChunk(out, first.getBytes(StandardCharsets.UTF_8));
            byte[] bytes = chunk.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < chunks; i++) {
                writeChunk(out, bytes);
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        });
    }

    private interface BodyWriter {
        void write(OutputStream out) throws IOException;
    }

    private Response exchange(String method, String path, String headers, BodyWriter body) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n"
                    + "Content-Type: application/json\r\n" + headers + "\r\n").getBytes(StandardCharsets.UTF_8));
            try {
                body.write(out);
                out.flush();
            } catch (IOException refusedMidway) {
                // the server may answer and close before the whole body is sent: its answer is what counts
            }
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeChunk(OutputStream out, byte[] bytes) throws IOException {
        out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** Reads one response by its framing (Content-Length or chunked), not to the end of the connection. */
    private static Response read(InputStream in) throws IOException {
        String status = line(in);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).toLowerCase(Locale.ROOT), header.substring(colon + 1).strip());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size = Integer.parseInt(line(in), 16); size > 0; size = Integer.parseInt(line(in), 16)) {
                body.write(in.readNBytes(size));
                line(in);
            }
        } else if (headers.containsKey("content-length")) {
            body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
        } else {
            in.transferTo(body);
        }
        return new Response(Integer.parseInt(status.split(" ")[1]), headers, body.toString(StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the connection closed in the middle of a response line");
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.US_ASCII).strip();
    }
}
