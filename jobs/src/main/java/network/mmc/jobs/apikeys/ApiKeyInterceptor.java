package network.mmc.jobs.apikeys;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/** Enforces {@link RequiresRole}; answers 401 without a valid key and 403 with a key of another role. */
@Component
class ApiKeyInterceptor implements HandlerInterceptor {

    private final ApiKeys apiKeys;

    ApiKeyInterceptor(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws IOException {
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
        var key = apiKeys.authenticate(presentedKey(request));
        if (key.isEmpty()) {
            return deny(response, HttpStatus.UNAUTHORIZED, "a valid API key is required (Authorization: Bearer <key>)");
        }
        if (!key.get().getRole().grants(required.value())) {
            return deny(response, HttpStatus.FORBIDDEN, "this API key has role " + key.get().getRole()
                    + "; the request needs " + required.value());
        }
        return true;
    }

    /** The key sent as {@code Authorization: Bearer <key>}, or null. */
    static String presentedKey(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && header.startsWith("Bearer ") ? header.substring(7).trim() : null;
    }

    private static boolean deny(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write("{\"status\":" + status.value() + ",\"title\":\"" + status.getReasonPhrase()
                + "\",\"detail\":\"" + detail.replace("\"", "'") + "\"}");
        return false;
    }
}
