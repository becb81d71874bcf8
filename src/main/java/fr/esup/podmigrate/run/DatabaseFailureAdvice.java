package fr.esup.podmigrate.run;

import fr.esup.podmigrate.config.JdbcUrl;
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
 * Every step reads a database (and the pages after the import the podv2.sql) when it shows or acts: when one cannot be
 * read, the page says so and why instead of an error page. An htmx request gets the message as its fragment, which
 * htmx swaps in. The steps' controllers leave these failures to this advice rather than catch them.
 */
@ControllerAdvice(basePackages = {"fr.esup.podmigrate.backup", "fr.esup.podmigrate.wipe",
        "fr.esup.podmigrate.importing", "fr.esup.podmigrate.sitefix", "fr.esup.podmigrate.checklist",
        "fr.esup.podmigrate.verify", "fr.esup.podmigrate.finish", "fr.esup.podmigrate.rehearsal"})
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
        model.addAttribute("detail", cause.getMessage() == null ? cause.getClass().getSimpleName()
                : JdbcUrl.mask(cause.getMessage()));
        if (request.getHeader("HX-Request") != null) {
            return "run/database-failure :: failure";
        }
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        model.addAttribute("steps", runStore.states());
        return "run/database-failure";
    }
}
