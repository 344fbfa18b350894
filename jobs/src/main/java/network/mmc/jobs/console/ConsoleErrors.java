package network.mmc.jobs.console;

import network.mmc.jobs.crypto.InvalidSignedRequestException;
import network.mmc.jobs.errors.ConflictException;
import network.mmc.jobs.errors.NotFoundException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * A console page that cannot be shown answers a page, not the API's problem JSON: its status, and what is wrong in
 * the visitor's terms. Ahead of the API's handlers, for the console's controllers only.
 */
@ControllerAdvice(basePackageClasses = ConsoleErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleErrors {

    @ExceptionHandler(NotFoundException.class)
    ModelAndView notFound(NotFoundException e) {
        return page(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler(ConflictException.class)
    ModelAndView refused(ConflictException e) {
        return page(HttpStatus.CONFLICT, "Refused", e.getMessage());
    }

    @ExceptionHandler({IllegalArgumentException.class, InvalidSignedRequestException.class})
    ModelAndView badRequest(RuntimeException e) {
        return page(HttpStatus.BAD_REQUEST, "Bad request", e.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ModelAndView badParameter(MethodArgumentTypeMismatchException e) {
        Class<?> type = e.getRequiredType();
        boolean whole = type != null && (type == int.class || type == long.class || type == Integer.class
                || type == Long.class);
        return page(HttpStatus.BAD_REQUEST, "Bad request", "parameter '" + e.getName() + "' must be "
                + (whole ? "a whole number" : "a valid " + e.getName()) + ", got '" + e.getValue() + "'");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ModelAndView missingParameter(MissingServletRequestParameterException e) {
        return page(HttpStatus.BAD_REQUEST, "Bad request", "parameter '" + e.getParameterName() + "' is missing");
    }

    private static ModelAndView page(HttpStatus status, String title, String message) {
        ModelAndView page = new ModelAndView("console-error", status);
        page.addObject("title", title);
        page.addObject("message", message);
        return page;
    }
}
