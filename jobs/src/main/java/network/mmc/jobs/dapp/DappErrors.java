package network.mmc.jobs.dapp;

import network.mmc.jobs.crypto.InvalidSignedRequestException;
import network.mmc.jobs.errors.NotFoundException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * A DApp page that cannot be shown answers a DApp page naming what is wrong, not the API's problem JSON and never a
 * console page. The sign-text reads stay JSON (the API's handlers answer for them).
 */
@ControllerAdvice(assignableTypes = {DappPagesController.class, PublicNodePageController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class DappErrors {

    @ExceptionHandler(NotFoundException.class)
    ModelAndView notFound(NotFoundException e) {
        return page(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler({IllegalArgumentException.class, InvalidSignedRequestException.class})
    ModelAndView badRequest(RuntimeException e) {
        return page(HttpStatus.BAD_REQUEST, "Bad request", e.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ModelAndView badParameter(MethodArgumentTypeMismatchException e) {
        return page(HttpStatus.BAD_REQUEST, "Bad request", "parameter '" + e.getName() + "' must be a whole number,"
                + " got '" + e.getValue() + "'");
    }

    private static ModelAndView page(HttpStatus status, String title, String message) {
        ModelAndView page = new ModelAndView("dapp/error", status);
        page.addObject("title", title);
        page.addObject("message", message);
        return page;
    }
}
