package fr.esup.podmigrate.run;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

import java.io.IOException;
import java.sql.SQLException;

/**
 * The pages after the import read the databases and the podv2.sql on every view: when one cannot be read, the page
 * says so and why instead of an error page. An htmx request gets the message as its fragment, which htmx swaps in.
 */
@ControllerAdvice(basePackages = {"fr.esup.podmigrate.sitefix", "fr.esup.podmigrate.checklist",
        "fr.esup.podmigrate.verify", "fr.esup.podmigrate.finish"})
class DatabaseFailureAdvice {

    private static final Logger log = LoggerFactory.getLogger(DatabaseFailureAdvice.class);

    private final RunStore runStore;

    DatabaseFailureAdvice(RunStore runStore) {
        this.runStore = runStore;
    }

    @ExceptionHandler({SQLException.class, DataAccessException.class, IOException.class})
    String unreadable(Exception e, HttpServletRequest request, HttpServletResponse response, Model model) {
        log.warn("{} {}: {}", request.getMethod(), request.getRequestURI(), e.toString());
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(e);
        model.addAttribute("detail", cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
        if (request.getHeader("HX-Request") != null) {
            return "run/database-failure :: failure";
        }
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        model.addAttribute("steps", runStore.states());
        return "run/database-failure";
    }
}
