package network.mmc.jobs.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the servlet container forwards to {@code /error} (an error outside Spring MVC's handlers) is answered as
 * problem JSON like every other refusal, with no exception text; {@code /error} opened directly is not found.
 */
@RestController
class ErrorEndpoint implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        ProblemDetail problem = status == null
                ? ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "there is nothing at " + request.getRequestURI())
                : ProblemDetail.forStatusAndDetail(status, "the request to " + request.getAttribute(
                        RequestDispatcher.ERROR_REQUEST_URI) + " failed: " + status.getReasonPhrase());
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }
}
