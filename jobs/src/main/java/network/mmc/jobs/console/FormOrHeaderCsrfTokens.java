package network.mmc.jobs.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.function.Supplier;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;

/**
 * Spring Security's masked CSRF tokens, read from the form body or the htmx header only: a token in the query string
 * would land in logs, browser history and Referer headers, so a request carrying one there is refused.
 */
final class FormOrHeaderCsrfTokens implements CsrfTokenRequestHandler {

    private final XorCsrfTokenRequestAttributeHandler masked = new XorCsrfTokenRequestAttributeHandler();

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> token) {
        masked.handle(request, response, token);
    }

    @Override
    public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken token) {
        String query = request.getQueryString();
        if (query != null && (query.startsWith(token.getParameterName() + "=")
                || query.contains("&" + token.getParameterName() + "="))) {
            return null;
        }
        return masked.resolveCsrfTokenValue(request, token);
    }
}
