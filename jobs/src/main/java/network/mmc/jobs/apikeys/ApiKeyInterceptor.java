package network.mmc.jobs.apikeys;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Enforces {@link RequiresRole}; answers 401 without a valid key and 403 with a key of another role, as problem
 * JSON written by the same handler as every other refusal. A key let through is left in the request for the handler
 * ({@link RequiresRole#AUTHENTICATED_KEY}).
 */
@Component
class ApiKeyInterceptor implements HandlerInterceptor {

    private final ApiKeys apiKeys;

    ApiKeyInterceptor(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        RequiresRole required = method.getMethodAnnotation(RequiresRole.class);
        if (required == null) {
            required = method.getBeanType().getAnnotation(RequiresRole.class);
        }
        if (required == null) {
            return true;
        }
        Optional<ApiKey> key = apiKeys.authenticate(presentedKey(request));
        ErrorResponseException refusal = refusal(key, required.value());
        if (refusal != null) {
            throw refusal;
        }
        request.setAttribute(RequiresRole.AUTHENTICATED_KEY, key.get());
        return true;
    }

    /**
     * Why a request with this key (empty: none, or not a valid one) may not do what needs {@code required}: 401 with
     * {@code WWW-Authenticate: Bearer}, or 403 naming both roles; null when it may.
     */
    static ErrorResponseException refusal(Optional<ApiKey> key, Role required) {
        if (key.isEmpty()) {
            ErrorResponseException refusal = refusal(HttpStatus.UNAUTHORIZED,
                    "a valid API key is required (Authorization: Bearer <key>)");
            refusal.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            return refusal;
        }
        if (!key.get().getRole().grants(required)) {
            return refusal(HttpStatus.FORBIDDEN, "this API key has role " + key.get().getRole()
                    + "; the request needs " + required);
        }
        return null;
    }

    /** The key sent as {@code Authorization: Bearer <key>}, or null. */
    static String presentedKey(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && header.startsWith("Bearer ") ? header.substring(7).trim() : null;
    }

    private static ErrorResponseException refusal(HttpStatus status, String detail) {
        return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
    }
}
