package network.mmc.jobs.scheduling;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
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

    record Triggered(String triggered) {
    }

    /** @param status STOPPING, or FAILED when the execution's process is gone */
    record StopAnswer(long execution, String status, String detail) {
    }

    record RestartAnswer(long restarted, long execution) {
    }

    @Operation(summary = "Every trigger: state, previous and next fire (UTC), schedule")
    @GetMapping("/api/schedule")
    List<TriggerView> triggers() {
        return control.triggers();
    }

    @Operation(summary = "Pause a trigger on every instance; answers the triggers")
    @ApiResponse(responseCode = "200", description = "The triggers, the paused one PAUSED")
    @ApiResponse(responseCode = "400", description = "No trigger of that name (`detail` lists the known ones)")
    @PostMapping("/api/schedule/{name}/pause")
    List<TriggerView> pause(@PathVariable String name) {
        control.pause(name);
        return control.triggers();
    }

    @Operation(summary = "Resume a paused trigger; answers the triggers")
    @ApiResponse(responseCode = "200", description = "The triggers")
    @ApiResponse(responseCode = "400", description = "No trigger of that name (`detail` lists the known ones)")
    @PostMapping("/api/schedule/{name}/resume")
    List<TriggerView> resume(@PathVariable String name) {
        control.resume(name);
        return control.triggers();
    }

    @Operation(summary = "Fire a trigger's job once now (a serving instance picks it up)")
    @ApiResponse(responseCode = "200", description = "The trigger fired")
    @ApiResponse(responseCode = "400", description = "No trigger of that name (`detail` lists the known ones)")
    @PostMapping("/api/schedule/{name}/trigger")
    Triggered trigger(@PathVariable String name) {
        control.triggerNow(name);
        return new Triggered(name);
    }

    @Operation(summary = "Recent job executions, newest first", description = "`limit` is kept between 1 and 500.")
    @GetMapping("/api/jobs")
    List<JobExecutionLine> jobs(@RequestParam(defaultValue = "20") int limit) {
        return executions.recent(Math.min(500, Math.max(1, limit)));
    }

    @Operation(summary = "Ask a running execution to stop")
    @ApiResponse(responseCode = "202", description = "STOPPING until its next step or chunk boundary, or FAILED at once"
            + " when its process is gone")
    @ApiResponse(responseCode = "404", description = "No such execution")
    @ApiResponse(responseCode = "409", description = "The execution is not running")
    @PostMapping("/api/jobs/{id}/stop")
    ResponseEntity<StopAnswer> stop(@PathVariable long id) {
        JobExecutions.StopOutcome outcome = executions.stop(id);
        return ResponseEntity.accepted().body(new StopAnswer(id, outcome.status(),
                "execution " + id + " " + outcome.detail()));
    }

    @Operation(summary = "Resume a FAILED or STOPPED execution where it ended")
    @ApiResponse(responseCode = "202", description = "The new execution, which runs on after the answer")
    @ApiResponse(responseCode = "404", description = "No such execution")
    @ApiResponse(responseCode = "409", description = "The execution cannot be restarted (`detail` says why: completed,"
            + " still running, not its instance's latest, …)")
    @PostMapping("/api/jobs/{id}/restart")
    ResponseEntity<RestartAnswer> restart(@PathVariable long id) {
        long restarted = executions.restart(id).execution().getId();
        return ResponseEntity.accepted().body(new RestartAnswer(id, restarted));
    }
}
