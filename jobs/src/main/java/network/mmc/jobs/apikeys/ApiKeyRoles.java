package network.mmc.jobs.apikeys;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Makes a valid API key the request's principal with its role, for the actuator endpoints: their servlet role
 * checks then show health details to OPS keys only ({@code management.endpoint.health.show-details:
 * when-authorized}, {@code roles: OPS}). A missing or unknown key leaves the request anonymous.
 */
@Component
class ApiKeyRoles extends OncePerRequestFilter {

    private final ApiKeys apiKeys;

    ApiKeyRoles(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/actuator");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var key = apiKeys.authenticate(ApiKeyInterceptor.presentedKey(request));
        chain.doFilter(key.isEmpty() ? request : new KeyHolder(request, key.get()), response);
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
