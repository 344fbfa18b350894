package network.mmc.jobs.console;

import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import network.mmc.jobs.calls.CallTotals;
import network.mmc.jobs.errors.ConflictException;
import network.mmc.jobs.errors.NotFoundException;
import network.mmc.jobs.settlement.SettlementRun;
import network.mmc.jobs.settlement.SettlementService;
import network.mmc.settlement.SettlementWindow;
import network.mmc.settlement.TimeText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The re-run form (OPS only, enforced by {@link ConsoleSecurityConfiguration}): what a re-run would do, shown before
 * it is asked for, and the re-run itself through {@link SettlementService}, as the REST API and {@code settle
 * --rerun} run it. The operator is the signed-in user. A refused re-run is shown on the form; it wrote nothing.
 */
@Controller
class RerunController {

    private static final Logger log = LoggerFactory.getLogger(RerunController.class);

    private final SettlementService settlement;
    private final CallTotals calls;

    RerunController(SettlementService settlement, CallTotals calls) {
        this.settlement = settlement;
        this.calls = calls;
    }

    @GetMapping("/runs/{window}/rerun")
    String form(@PathVariable String window, Model model, HttpServletResponse response) {
        return form(settlement.window(window), "", null, model, response);
    }

    @PostMapping("/runs/{window}/reruns")
    String rerun(@PathVariable String window, @RequestParam(defaultValue = "") String reason,
                 @RequestParam int shownRevision, Authentication user, Model model, HttpServletResponse response,
                 RedirectAttributes redirect) {
        SettlementWindow rerun = settlement.window(window);
        SettlementRun written;
        try {
            written = settlement.rerun(rerun, reason, user.getName(), shownRevision);
        } catch (IllegalArgumentException e) {
            return refused(HttpStatus.BAD_REQUEST, e.getMessage(), rerun, reason, model, response);
        } catch (ConflictException e) {
            return refused(HttpStatus.CONFLICT, e.getMessage(), rerun, reason, model, response);
        } catch (NotFoundException e) {
            return refused(HttpStatus.NOT_FOUND, e.getMessage(), rerun, reason, model, response);
        } catch (IllegalStateException e) {
            // as for the REST API: the cause goes to the log, not to the page
            String incident = UUID.randomUUID().toString();
            log.error("incident {}: the re-run of window {} by {} failed", incident, rerun, user.getName(), e);
            return refused(HttpStatus.INTERNAL_SERVER_ERROR, "the re-run did not complete and wrote nothing; the Jobs"
                    + " page shows its failed execution, and the Hub's log its cause under incident " + incident,
                    rerun, reason, model, response);
        }
        redirect.addFlashAttribute("notice", "Revision " + written.revision() + " written: " + written.reason()
                + " (operator " + written.operator() + ").");
        return "redirect:" + UriComponentsBuilder.fromPath("/runs/{window}").queryParam("revision", written.revision())
                .buildAndExpand(TimeText.format(rerun.start())).toUriString();
    }

    private String refused(HttpStatus status, String error, SettlementWindow window, String reason, Model model,
                           HttpServletResponse response) {
        response.setStatus(status.value());
        return form(window, reason, error, model, response);
    }

    /** The form, with what a re-run would do now; for a window that is not settled, only why there is no form. */
    private String form(SettlementWindow window, String reason, String error, Model model, HttpServletResponse response) {
        model.addAttribute("window", TimeText.format(window.start()));
        model.addAttribute("reason", reason);
        model.addAttribute("maxReason", SettlementService.MAX_REASON);
        try {
            model.addAttribute("preview", settlement.previewRerun(window));
            model.addAttribute("recordsNow", calls.receivedBetween(window.start(), window.end()));
            model.addAttribute("error", error);
        } catch (NotFoundException | ConflictException e) {
            response.setStatus(e instanceof NotFoundException ? HttpStatus.NOT_FOUND.value() : HttpStatus.CONFLICT.value());
            model.addAttribute("error", e.getMessage());
        }
        return "runs/rerun";
    }
}
