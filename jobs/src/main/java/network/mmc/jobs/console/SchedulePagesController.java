package network.mmc.jobs.console;

import jakarta.servlet.http.HttpServletResponse;
import network.mmc.jobs.scheduling.SchedulerControl;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Every trigger with its state and fires; OPS pause, resume and fire them (the security configuration refuses these
 * POSTs to anyone else). A done action redirects back to the list with what was done, which htmx follows and swaps
 * in; a refused one answers the list with the reason and its status.
 */
@Controller
class SchedulePagesController {

    private final SchedulerControl scheduler;

    SchedulePagesController(SchedulerControl scheduler) {
        this.scheduler = scheduler;
    }

    @GetMapping("/schedules")
    String schedules(Model model) {
        model.addAttribute("triggers", scheduler.triggers());
        model.addAttribute("scheduler", scheduler.state());
        return "schedules";
    }

    @PostMapping("/schedules/{name}/pause")
    String pause(@PathVariable String name, Model model, RedirectAttributes redirect, HttpServletResponse response) {
        return act(() -> scheduler.pause(name), "Paused " + name + ": it does not fire until it is resumed.", model,
                redirect, response);
    }

    @PostMapping("/schedules/{name}/resume")
    String resume(@PathVariable String name, Model model, RedirectAttributes redirect, HttpServletResponse response) {
        return act(() -> scheduler.resume(name), "Resumed " + name + ": it fires on its schedule again (a fire"
                + " missed while paused runs once now).", model, redirect, response);
    }

    @PostMapping("/schedules/{name}/trigger")
    String trigger(@PathVariable String name, Model model, RedirectAttributes redirect, HttpServletResponse response) {
        return act(() -> scheduler.triggerNow(name), "Triggered " + name + ": its job runs once now, on the first Hub"
                + " instance firing schedules to pick it up.", model, redirect, response);
    }

    private String act(Runnable action, String done, Model model, RedirectAttributes redirect,
                       HttpServletResponse response) {
        try {
            action.run();
        } catch (IllegalArgumentException e) {
            // the schedule's only refusal: no trigger of that name (the message lists the known ones)
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("refusal", e.getMessage());
            return schedules(model);
        }
        redirect.addFlashAttribute("notice", done);
        return "redirect:/schedules";
    }
}
