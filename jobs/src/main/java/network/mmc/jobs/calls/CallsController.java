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
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class CallsController {

    private final CallIngest ingest;

    CallsController(CallIngest ingest) {
        this.ingest = ingest;
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
    IngestResult ingest(InputStream body) {
        return ingest.ingest(body);
    }

    @ExceptionHandler(BatchTooLargeException.class)
    ProblemDetail batchTooLarge(BatchTooLargeException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
    }
}
