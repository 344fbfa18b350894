package network.mmc.jobs.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a console session whose account was disabled, or whose password changed, after it signed in: {@code user
 * disable} and {@code user password} lock a person out at their next request, on every Hub instance, since the
 * check reads the database rather than a registry of sessions kept in one process.
 */
final class ConsoleSessionCheck extends OncePerRequestFilter {

    private static final String SIGNED_IN_AT = ConsoleSessionCheck.class.getName() + ".signedInAt";

    private final ConsoleUsers users;

    ConsoleSessionCheck(ConsoleUsers users) {
        this.users = users;
    }

    /** After a sign-in: notes its time in the session, then goes where the visitor was going (or to the overview). */
    static SavedRequestAwareAuthenticationSuccessHandler recordingSignInTime(Clock clock) {
        SavedRequestAwareAuthenticationSuccessHandler handler = new SavedRequestAwareAuthenticationSuccessHandler() {
            @Override
            public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                                                Authentication authentication) throws ServletException, IOException {
                request.getSession().setAttribute(SIGNED_IN_AT, clock.instant());
                super.onAuthenticationSuccess(request, response, authentication);
            }
        };
        handler.setDefaultTargetUrl("/");
        return handler;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
        if (session != null && signedIn != null && signedIn.isAuthenticated()
                && !(signedIn instanceof AnonymousAuthenticationToken)) {
            Object signedInAt = session.getAttribute(SIGNED_IN_AT);
            if (!(signedInAt instanceof Instant at) || !users.sessionStillValid(signedIn.getName(), at)) {
                session.invalidate();
                SecurityContextHolder.clearContext();
                response.sendRedirect(request.getContextPath() + "/login?ended");
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
