package network.mmc.jobs.scheduling;

import java.util.List;
import java.util.Map;
import network.mmc.jobs.apikeys.RequiresRole;
import network.mmc.jobs.apikeys.Role;
import network.mmc.scheduler.TriggerView;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Ops control of triggers and job executions (OPS role). */
@RestController
@RequiresRole(Role.OPS)
class ScheduleController {

    private final SchedulerControl control;
    private final JobExecutions executions;

    ScheduleController(SchedulerControl control, JobExecutions executions) {
        this.control = control;
        this.executions = executions;
    }

    @GetMapping("/api/schedule")
    List<TriggerView> triggers() {
        return control.triggers();
    }

    @PostMapping("/api/schedule/{name}/pause")
    List<TriggerView> pause(@PathVariable String name) {
        control.pause(name);
        return control.triggers();
    }

    @PostMapping("/api/schedule/{name}/resume")
    List<TriggerView> resume(@PathVariable String name) {
        control.resume(name);
        return control.triggers();
    }

    @PostMapping("/api/schedule/{name}/trigger")
    Map<String, String> trigger(@PathVariable String name) {
        control.triggerNow(name);
        return Map.of("triggered", name);
    }

    @GetMapping("/api/jobs")
    List<JobExecutionLine> jobs(@RequestParam(defaultValue = "20") int limit) {
        return executions.recent(Math.min(500, Math.max(1, limit)));
    }

    /** 202: the execution ends STOPPED at its next step or chunk boundary (FAILED at once when its process is gone). */
    @PostMapping("/api/jobs/{id}/stop")
    ResponseEntity<Map<String, Object>> stop(@PathVariable long id) {
        JobExecutions.StopOutcome outcome = executions.stop(id);
        return ResponseEntity.accepted().body(Map.of("execution", id, "status", outcome.status(),
                "detail", "execution " + id + " " + outcome.detail()));
    }

    /** 202 with the new execution, which runs on after the answer. */
    @PostMapping("/api/jobs/{id}/restart")
    ResponseEntity<Map<String, Object>> restart(@PathVariable long id) {
        long restarted = executions.restart(id).execution().getId();
        return ResponseEntity.accepted().body(Map.of("restarted", id, "execution", restarted));
    }
}
