package network.mmc.jobs.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses a request body over its endpoint's limit before anything parses it: at once when its Content-Length
 * says so, and by counting the bytes of a body without one (chunked) as they are read. Either way the answer is
 * 413 with a problem body naming the limit and its setting.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestBodyLimits extends OncePerRequestFilter {

    private static final String CALLS = "/api/calls";
    private static final String TASKS = "/api/tasks";

    private final WebSettings settings;
    private final JsonMapper json;

    RequestBodyLimits(WebSettings settings, JsonMapper json) {
        this.settings = settings;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // the exact paths only: any other spelling of them gets the small limit
        boolean post = "POST".equals(request.getMethod());
        boolean calls = post && CALLS.equals(request.getRequestURI());
        boolean tasks = post && TASKS.equals(request.getRequestURI());
        long limit = (calls ? settings.maxCallsBodySize() : tasks ? settings.maxTasksBodySize() : settings.maxBodySize())
                .toBytes();
        String refusal = "the request body is larger than " + limit + " bytes, the limit of " + (calls ? "POST " + CALLS
                + " (mmc.web.max-calls-body-size)" : tasks ? "POST " + TASKS + " (mmc.web.max-tasks-body-size)"
                : "this endpoint (mmc.web.max-body-size)");
        if (request.getContentLengthLong() > limit) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, refusal);
            response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            // the unread body is not worth reading to keep the connection
            response.setHeader("Connection", "close");
            response.getOutputStream().write(json.writeValueAsBytes(problem));
            return;
        }
        chain.doFilter(new LimitedRequest(request, limit, refusal), response);
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long limit;
        private final String refusal;
        private ServletInputStream body;

        LimitedRequest(HttpServletRequest request, long limit, String refusal) {
            super(request);
            this.limit = limit;
            this.refusal = refusal;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (body == null) {
                body = new CountedStream(super.getInputStream(), limit, refusal);
            }
            return body;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    private static final class CountedStream extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private final String refusal;
        private long count;

        CountedStream(ServletInputStream in, long limit, String refusal) {
            this.in = in;
            this.limit = limit;
            this.refusal = refusal;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) throws BodyTooLargeException {
            count += n;
            if (count > limit) {
                throw new BodyTooLargeException(refusal);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
