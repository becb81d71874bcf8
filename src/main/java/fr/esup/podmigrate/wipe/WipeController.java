package fr.esup.podmigrate.wipe;

import fr.esup.podmigrate.job.Job;
import fr.esup.podmigrate.job.JobAlreadyRunningException;
import fr.esup.podmigrate.run.RefusedException;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.security.Principal;
import java.sql.SQLException;
import java.util.Optional;

/** Step 3: what the wipe will empty and keep, whether a backup allows it, and the wipe itself. */
@Controller
class WipeController {

    private final WipeService service;

    WipeController(WipeService service) {
        this.service = service;
    }

    @GetMapping("/wipe")
    String wipe(HtmxRequest htmx, Model model) throws SQLException {
        Optional<Job> latest = service.latestJob();
        latest.ifPresent(job -> model.addAttribute("job", job));
        if (latest.map(job -> job.status().finished()).orElse(true)) {
            addPlan(model);
        }
        return view(htmx);
    }

    @PostMapping("/wipe")
    String start(@RequestParam(defaultValue = "") String confirmation, HtmxRequest htmx, Model model,
                 Principal principal) throws SQLException {
        WipePlan plan = addPlan(model);
        try {
            model.addAttribute("job", service.start(plan, principal.getName(), confirmation));
            return view(htmx);
        } catch (RefusedException e) {
            model.addAttribute("refusal", e);
        } catch (JobAlreadyRunningException e) {
            model.addAttribute("busy", e.running());
        }
        service.latestJob().ifPresent(job -> model.addAttribute("job", job));
        return view(htmx);
    }

    private WipePlan addPlan(Model model) throws SQLException {
        WipePlan plan = service.plan();
        model.addAttribute("plan", plan);
        return plan;
    }

    private static String view(HtmxRequest htmx) {
        return htmx.isHtmxRequest() ? "wipe/wipe :: panel" : "wipe/wipe";
    }
}
