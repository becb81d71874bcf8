package fr.esup.podmigrate.job;

import fr.esup.podmigrate.run.RunStore;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;

import java.security.Principal;

/** A job's progress: the fragment that polls itself while the job runs, or the job's own page. */
@Controller
class JobController {

    private final JobRunner runner;
    private final RunStore runStore;

    JobController(JobRunner runner, RunStore runStore) {
        this.runner = runner;
        this.runStore = runStore;
    }

    @GetMapping("/jobs/{id}")
    String job(@PathVariable String id, HtmxRequest htmx, Model model) {
        model.addAttribute("job", runner.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        return htmx.isHtmxRequest() ? "fragments/job :: job" : "run/job";
    }

    @PostMapping("/jobs/{id}/cancel")
    String cancel(@PathVariable String id, HtmxRequest htmx, Model model, Principal principal) {
        Job job = runner.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        runner.cancel(id);
        runStore.audit(principal.getName(), job.step().key() + ": asked to cancel job " + id);
        model.addAttribute("job", runner.find(id).orElseThrow());
        return htmx.isHtmxRequest() ? "fragments/job :: job" : "run/job";
    }
}
