package network.mmc.jobs.calls;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.io.InputStream;
import network.mmc.jobs.apikeys.RequiresRole;
import network.mmc.jobs.apikeys.Role;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class CallsController {

    private final CallIngest ingest;
    private final IngestAdmission admission;

    CallsController(CallIngest ingest, IngestAdmission admission) {
        this.ingest = ingest;
        this.admission = admission;
    }

    /**
     * A JSON array of call records, read as a stream; bad records are reported by their position and do not
     * stop the good ones.
     */
    @PostMapping(value = "/api/calls", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RequiresRole(Role.INGEST)
    @Operation(summary = "Store a batch of call records",
            description = "Each record is checked on its own: the good ones are stored, a re-sent event id counts as a"
                    + " duplicate, and a bad record is listed in `rejected` with its position and reason (the answer"
                    + " is still 200). A record counts in the window of its receipt (`policy: receipt-time`).",
            requestBody = @RequestBody(required = true, description = "A JSON array of at most mmc.ingest.max-batch"
                    + " (10 000) call records", content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    array = @ArraySchema(schema = @Schema(implementation = CallRecordSchema.class)))))
    @ApiResponse(responseCode = "200", description = "What became of each record")
    @ApiResponse(responseCode = "413", description = "More than mmc.ingest.max-batch records (nothing is stored), or a"
            + " body over mmc.web.max-calls-body-size")
    @ApiResponse(responseCode = "429", description = "mmc.ingest.max-concurrent batches are being stored already:"
            + " nothing of this one was stored; send it again after the seconds in Retry-After")
    IngestResult ingest(InputStream body) {
        return admission.admit(() -> ingest.ingest(body));
    }

    @ExceptionHandler(BatchTooLargeException.class)
    ProblemDetail batchTooLarge(BatchTooLargeException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
    }

    @ExceptionHandler(IngestBusyException.class)
    ResponseEntity<ProblemDetail> busy(IngestBusyException e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfter().getSeconds()))
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, e.getMessage()));
    }
}
