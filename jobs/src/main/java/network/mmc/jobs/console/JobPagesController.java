package network.mmc.jobs.console;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import network.mmc.jobs.errors.ConflictException;
import network.mmc.jobs.scheduling.JobExecutionLine;
import network.mmc.jobs.scheduling.JobExecutions;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The job executions, newest first, and one execution with its steps; OPS stop a running one and restart a FAILED or
 * STOPPED one. What {@link JobExecutions} answers, done or refused, is shown as it says it: a done action redirects
 * to the execution it concerns, a refused one answers the execution's page with the reason and 409.
 */
@Controller
class JobPagesController {

    static final int PAGE_SIZE = 25;

    private final JobExecutions executions;

    JobPagesController(JobExecutions executions) {
        this.executions = executions;
    }

    @GetMapping("/jobs")
    String jobs(@RequestParam(defaultValue = "1") String page, Model model) {
        int number = Paging.number(page);
        Paging paging = Paging.of("job executions", number, PAGE_SIZE, executions.count(), "/jobs");
        List<JobExecutionLine> lines = executions.recent(PAGE_SIZE, paging.offset());
        model.addAttribute("lines", lines);
        model.addAttribute("paging", paging);
        model.addAttribute("running", lines.stream().anyMatch(JobExecutionLine::running));
        return "jobs";
    }

    @GetMapping("/jobs/{id}")
    String job(@PathVariable long id, Model model) {
        model.addAttribute("line", executions.line(id));
        model.addAttribute("steps", executions.steps(id));
        return "job";
    }

    @PostMapping("/jobs/{id}/stop")
    String stop(@PathVariable long id, Model model, RedirectAttributes redirect, HttpServletResponse response) {
        JobExecutions.StopOutcome outcome;
        try {
            outcome = executions.stop(id);
        } catch (ConflictException e) {
            return refused(id, e, model, response);
        }
        redirect.addFlashAttribute("notice", "Execution " + id + " " + outcome.detail() + ".");
        return "redirect:/jobs/" + id;
    }

    @PostMapping("/jobs/{id}/restart")
    String restart(@PathVariable long id, Model model, RedirectAttributes redirect, HttpServletResponse response) {
        long restarted;
        try {
            restarted = executions.restart(id).execution().getId();
        } catch (ConflictException e) {
            return refused(id, e, model, response);
        }
        redirect.addFlashAttribute("notice", "Execution " + id + " restarted as execution " + restarted
                + ", which resumes where it ended and runs on; this page follows it.");
        return "redirect:/jobs/" + restarted;
    }

    private String refused(long id, ConflictException refusal, Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.CONFLICT.value());
        // htmx pushes the address a done action redirects to; a refused one stays at the execution's, not the POST's
        response.setHeader("HX-Push-Url", "false");
        model.addAttribute("refusal", refusal.getMessage());
        return job(id, model);
    }
}
