package fr.esup.podmigrate.finish;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.security.Principal;
import java.sql.SQLException;

/** The last step: the commands to run on the Pod servers, and the operator's word that they ran. */
@Controller
class FinishController {

    private final FinishService service;

    FinishController(FinishService service) {
        this.service = service;
    }

    /** The commands; the operator's own directories, when given, replace Pod's usual ones. */
    @GetMapping("/finish")
    String finish(@RequestParam(required = false) String directory, @RequestParam(required = false) String virtualenv,
                  @RequestParam(required = false) String v2Media, HtmxRequest htmx, Model model) throws SQLException {
        return page(directory, virtualenv, v2Media, htmx, model);
    }

    /** Marks the migration finished: over a verification that is not complete, only with the operator's reason. */
    @PostMapping("/finish")
    String done(@RequestParam(required = false) String directory, @RequestParam(required = false) String virtualenv,
                @RequestParam(required = false) String v2Media, @RequestParam(required = false) String reason,
                HtmxRequest htmx, Model model, Principal principal) throws SQLException {
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        model.addAttribute(service.finish(principal.getName(), why) ? "finished" : "reasonRequired", true);
        model.addAttribute("reason", why);
        return page(directory, virtualenv, v2Media, htmx, model);
    }

    private String page(String directory, String virtualenv, String v2Media, HtmxRequest htmx, Model model)
            throws SQLException {
        FinishForm defaults = service.defaults();
        model.addAttribute("imported", service.imported());
        model.addAttribute("verified", service.verified());
        model.addAttribute("page", service.page(new FinishForm(directory == null ? defaults.directory() : directory,
                virtualenv == null ? defaults.virtualenv() : virtualenv, v2Media == null ? defaults.v2Media() : v2Media)));
        return htmx.isHtmxRequest() ? "finish/finish :: panel" : "finish/finish";
    }
}
