package network.mmc.jobs.apikeys;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.security.Principal;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API keys of the actuator endpoints. Health and info are public; a valid key becomes the request's principal
 * with its role, so that their servlet role checks show health details to OPS keys only
 * ({@code management.endpoint.health.show-details: when-authorized}, {@code roles: OPS}). Every other endpoint
 * needs a key, whatever {@code management.endpoints.web.exposure} lists: {@code prometheus} a FINANCE key (or OPS),
 * the rest an OPS key. A refusal is the problem JSON of the REST API (401 with {@code WWW-Authenticate: Bearer}, 403).
 */
@Component
class ApiKeyRoles extends OncePerRequestFilter {

    private static final Set<String> PUBLIC = Set.of("health", "info");
    private static final String METRICS = "prometheus";

    private final ApiKeys apiKeys;
    private final JsonMapper json;
    private final String basePath;

    ApiKeyRoles(ApiKeys apiKeys, JsonMapper json,
                @Value("${management.endpoints.web.base-path:/actuator}") String basePath) {
        this.apiKeys = apiKeys;
        this.json = json;
        this.basePath = basePath;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = path(request);
        return !path.equals(basePath) && !path.startsWith(basePath + "/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<ApiKey> key = apiKeys.authenticate(ApiKeyInterceptor.presentedKey(request));
        Role required = required(path(request));
        ErrorResponseException refusal = required == null ? null : ApiKeyInterceptor.refusal(key, required);
        if (refusal != null) {
            refuse(refusal, request, response);
            return;
        }
        chain.doFilter(key.isEmpty() ? request : new KeyHolder(request, key.get()), response);
    }

    /** The role the endpoint of {@code path} needs, null for a public one (the index, which is not published, too). */
    private Role required(String path) {
        if (path.equals(basePath)) {
            return null;
        }
        String rest = path.substring(basePath.length() + 1);
        String endpoint = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
        if (PUBLIC.contains(endpoint)) {
            return null;
        }
        return endpoint.equals(METRICS) ? Role.FINANCE : Role.OPS;
    }

    /**
     * The path as the container decoded and normalised it, without path parameters: what the actuator's mapping
     * matches, so that {@code /%61ctuator/prometheus} or {@code /actuator;x=1/prometheus} is checked like the plain
     * path. The raw request URI is not.
     */
    private static String path(HttpServletRequest request) {
        String pathInfo = request.getPathInfo();
        return request.getServletPath() + (pathInfo == null ? "" : pathInfo);
    }

    private void refuse(ErrorResponseException refusal, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        ProblemDetail problem = refusal.getBody();
        try {
            problem.setInstance(URI.create(request.getRequestURI()));
        } catch (IllegalArgumentException e) {
            // a URI the container accepted but java.net.URI does not: the problem goes without its instance
        }
        response.setStatus(problem.getStatus());
        refusal.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(problem));
    }

    private static final class KeyHolder extends HttpServletRequestWrapper {

        private final ApiKey key;

        KeyHolder(HttpServletRequest request, ApiKey key) {
            super(request);
            this.key = key;
        }

        @Override
        public Principal getUserPrincipal() {
            return () -> "api key " + key.getLabel();
        }

        @Override
        public boolean isUserInRole(String role) {
            for (Role held : Role.values()) {
                if (held.name().equals(role) && key.getRole().grants(held)) {
                    return true;
                }
            }
            return false;
        }
    }
}
