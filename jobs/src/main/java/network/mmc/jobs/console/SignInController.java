package network.mmc.jobs.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** The sign-in form (Spring Security handles its POST) and the page shown when a role may not do something. */
@Controller
class SignInController {

    @GetMapping("/login")
    String signIn() {
        return "login";
    }

    // forwarded here, with the refused request's method, when a form's CSRF token is missing, stale or not its session's
    @RequestMapping("/form-expired")
    String formExpired() {
        return "form-expired";
    }

    // forwarded here by Spring Security with the refused request's method, POST included
    @RequestMapping("/denied")
    String denied() {
        return "denied";
    }
}
