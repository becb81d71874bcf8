package fr.esup.podmigrate.finish;

import fr.esup.podmigrate.run.RunStore;
import fr.esup.podmigrate.run.StepStatus;
import fr.esup.podmigrate.run.WizardStep;
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
    private final RunStore runStore;

    FinishController(FinishService service, RunStore runStore) {
        this.service = service;
        this.runStore = runStore;
    }

    /** The commands; the operator's own directories, when given, replace Pod's usual ones. */
    @GetMapping("/finish")
    String finish(@RequestParam(required = false) String directory, @RequestParam(required = false) String virtualenv,
                  @RequestParam(required = false) String v2Media, HtmxRequest htmx, Model model) throws SQLException {
        return page(directory, virtualenv, v2Media, htmx, model);
    }

    @PostMapping("/finish")
    String done(@RequestParam(required = false) String directory, @RequestParam(required = false) String virtualenv,
                @RequestParam(required = false) String v2Media, HtmxRequest htmx, Model model, Principal principal)
            throws SQLException {
        runStore.record(WizardStep.FINISH, StepStatus.DONE, principal.getName(),
                "services restarted, videos reindexed and media files carried over");
        model.addAttribute("finished", true);
        return page(directory, virtualenv, v2Media, htmx, model);
    }

    private String page(String directory, String virtualenv, String v2Media, HtmxRequest htmx, Model model)
            throws SQLException {
        FinishForm defaults = service.defaults();
        model.addAttribute("imported", runStore.state(WizardStep.IMPORT).status() == StepStatus.DONE);
        model.addAttribute("page", service.page(new FinishForm(directory == null ? defaults.directory() : directory,
                virtualenv == null ? defaults.virtualenv() : virtualenv, v2Media == null ? defaults.v2Media() : v2Media)));
        return htmx.isHtmxRequest() ? "finish/finish :: body" : "finish/finish";
    }
}
