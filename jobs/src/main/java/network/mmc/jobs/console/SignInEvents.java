package network.mmc.jobs.console;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/** Clears the count of sign-in attempts on a successful one (each attempt was counted before its check). */
@Component
class SignInEvents {

    private final ConsoleUsers users;

    SignInEvents(ConsoleUsers users) {
        this.users = users;
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken signedIn) {
            users.recordSignIn(signedIn.getName());
        }
    }
}
