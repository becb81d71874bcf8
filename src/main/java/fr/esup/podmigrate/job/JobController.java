package fr.esup.podmigrate.job;

import fr.esup.podmigrate.run.RunStore;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxResponseHeader;
import jakarta.servlet.http.HttpServletResponse;
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

    /** The event an ended job's fragment fires: the panels listen for it on the body. */
    static final String JOB_ENDED = "jobEnded";

    private final JobRunner runner;
    private final RunStore runStore;

    JobController(JobRunner runner, RunStore runStore) {
        this.runner = runner;
        this.runStore = runStore;
    }

    @GetMapping("/jobs/{id}")
    String job(@PathVariable String id, HtmxRequest htmx, Model model, HttpServletResponse response) {
        return view(runner.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)), htmx, model,
                response);
    }

    @PostMapping("/jobs/{id}/cancel")
    String cancel(@PathVariable String id, HtmxRequest htmx, Model model, Principal principal,
                  HttpServletResponse response) {
        Job job = runner.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        runner.cancel(id);
        runStore.audit(principal.getName(), job.step().key() + ": asked to cancel job " + id);
        return view(runner.find(id).orElseThrow(), htmx, model, response);
    }

    /**
     * The job's page, or its fragment; once the job has ended, the fragment also brings the side bar's statuses
     * (swapped out of band) and fires {@value #JOB_ENDED} for the step's panel, which then shows what the job produced.
     */
    private static String view(Job job, HtmxRequest htmx, Model model, HttpServletResponse response) {
        model.addAttribute("job", job);
        if (!htmx.isHtmxRequest()) {
            return "run/job";
        }
        if (!job.status().finished()) {
            return "fragments/job :: job";
        }
        response.setHeader(HtmxResponseHeader.HX_TRIGGER.getValue(), JOB_ENDED);
        return "fragments/job :: ended";
    }
}
