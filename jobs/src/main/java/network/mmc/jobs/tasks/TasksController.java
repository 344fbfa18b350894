package network.mmc.jobs.tasks;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import network.mmc.jobs.apikeys.ApiKey;
import network.mmc.jobs.apikeys.RequiresRole;
import network.mmc.jobs.apikeys.Role;
import network.mmc.jobs.apiusers.InsufficientCreditsException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** An API user's tasks, with the user's own API key: each user sees and cancels only its own tasks. */
@RestController
@RequestMapping("/api/tasks")
@RequiresRole(Role.API_USER)
class TasksController {

    private final TaskService tasks;
    private final TaskResults results;

    TasksController(TaskService tasks, TaskResults results) {
        this.tasks = tasks;
        this.results = results;
    }

    @Operation(summary = "Submit a task", description = "Checked, priced and cut into units; its estimate is held"
            + " from the user's credits and it is queued. Each unit verified is charged its price; a failed,"
            + " timed-out, wrong or cancelled unit costs nothing.")
    @ApiResponse(responseCode = "201", description = "The task as queued, with its estimate")
    @ApiResponse(responseCode = "402", description = "The user's available credits do not cover the estimate")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TaskView> submit(@Parameter(hidden = true) @RequestAttribute(RequiresRole.AUTHENTICATED_KEY) ApiKey key,
                                    @RequestBody TaskRequest request) {
        TaskView task = tasks.submit(key.getApiUserId(), request);
        return ResponseEntity.created(URI.create("/api/tasks/" + task.id())).body(task);
    }

    @Operation(summary = "A task's progress: units by state, credits charged and held, attempts per node")
    @ApiResponse(responseCode = "200", description = "The task")
    @ApiResponse(responseCode = "404", description = "No such task of this user")
    @GetMapping("/{id}")
    TaskView status(@Parameter(hidden = true) @RequestAttribute(RequiresRole.AUTHENTICATED_KEY) ApiKey key,
                    @PathVariable String id) {
        return tasks.status(key.getApiUserId(), id);
    }

    @Operation(summary = "A task's result", description = "`{id, kind, status, complete, ...}`. GEMM: `products: [{index,"
            + " m, n, c}]`, c as m rows of n FP32 numbers, products in the order they were given. MLP_INFERENCE: `rows,"
            + " columns, outputs`, outputs as rows rows of columns FP32 numbers, in the order of the inputs. TRAINING:"
            + " `training: {dataset, widths, steps, plannedSteps, parametersHash, trainingAccuracy, heldOutAccuracy,"
            + " parameters}`. A DONE task's result is complete; a task cancelled, expired or failed after some of its"
            + " units were done (and charged) has `complete: false` and what they computed: a row of a unit not done is"
            + " null, a training task's parameters are those after its last step whose every shard was done.")
    @ApiResponse(responseCode = "200", description = "The result")
    @ApiResponse(responseCode = "404", description = "No such task of this user")
    @ApiResponse(responseCode = "409", description = "The task is running, ended with no unit done, or its result was"
            + " deleted after the retention")
    @GetMapping(value = "/{id}/result", produces = MediaType.APPLICATION_JSON_VALUE)
    void result(@Parameter(hidden = true) @RequestAttribute(RequiresRole.AUTHENTICATED_KEY) ApiKey key,
                @PathVariable String id, HttpServletResponse response) throws IOException {
        results.write(tasks.owned(key.getApiUserId(), id), response);
    }

    @Operation(summary = "Cancel a task", description = "Its units not yet sent to a node are cancelled and cost"
            + " nothing; units on a node finish, and are charged when verified.")
    @ApiResponse(responseCode = "200", description = "The task, CANCELLED")
    @ApiResponse(responseCode = "404", description = "No such task of this user")
    @ApiResponse(responseCode = "409", description = "The task has ended already")
    @DeleteMapping("/{id}")
    TaskView cancel(@Parameter(hidden = true) @RequestAttribute(RequiresRole.AUTHENTICATED_KEY) ApiKey key,
                    @PathVariable String id) {
        return tasks.cancel(key.getApiUserId(), id);
    }

    @ExceptionHandler(InsufficientCreditsException.class)
    ProblemDetail insufficientCredits(InsufficientCreditsException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.PAYMENT_REQUIRED, e.getMessage());
    }
}
