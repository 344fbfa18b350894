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

    // forwarded here by Spring Security with the refused request's method, POST included
    @RequestMapping("/denied")
    String denied() {
        return "denied";
    }
}
