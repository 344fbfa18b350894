package network.mmc.jobs.calls;

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
    IngestResult ingest(InputStream body) {
        return ingest.ingest(body);
    }

    @ExceptionHandler(BatchTooLargeException.class)
    ProblemDetail batchTooLarge(BatchTooLargeException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
    }
}
