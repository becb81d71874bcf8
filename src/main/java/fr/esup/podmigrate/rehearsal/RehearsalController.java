package fr.esup.podmigrate.rehearsal;

import fr.esup.podmigrate.dump.ScriptFile;
import fr.esup.podmigrate.job.Job;
import fr.esup.podmigrate.job.JobAlreadyRunningException;
import fr.esup.podmigrate.run.RefusedException;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.sql.SQLException;
import java.util.Optional;

/** The rehearsal's page: start one, follow it, its verdict and durations, its recipe, the scratch's drop, the replay. */
@Controller
class RehearsalController {

    private final RehearsalService service;

    RehearsalController(RehearsalService service) {
        this.service = service;
    }

    @GetMapping("/rehearsal")
    String rehearsal(HtmxRequest htmx, Model model) throws SQLException {
        return page(htmx, model);
    }

    @PostMapping("/rehearsal")
    String start(HtmxRequest htmx, Model model, Principal principal) throws SQLException {
        try {
            service.start(principal.getName());
        } catch (RefusedException e) {
            model.addAttribute("refusal", e);
        }
        return page(htmx, model);
    }

    @GetMapping("/rehearsal/recipe.json")
    ResponseEntity<Resource> recipe() {
        if (!Files.isRegularFile(service.recipeFile())) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No rehearsal has written its recipe yet");
        }
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(Recipe.FILE).build()
                        .toString())
                .contentType(MediaType.APPLICATION_JSON)
                .body(new FileSystemResource(service.recipeFile()));
    }

    /** The report of the newest replay, as it wrote it. */
    @GetMapping("/rehearsal/replay/report.md")
    ResponseEntity<Resource> replayReport() {
        Path report = service.replayReport().orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "No replay has written its report yet"));
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(report.getFileName().toString()).build().toString())
                .contentType(new MediaType("text", "markdown", StandardCharsets.UTF_8))
                .body(new FileSystemResource(report));
    }

    @PostMapping("/rehearsal/drop")
    String drop(@RequestParam(defaultValue = "") String confirmation, HtmxRequest htmx, Model model,
                Principal principal) throws SQLException {
        try {
            service.drop(principal.getName(), confirmation);
            model.addAttribute("dropped", true);
        } catch (RefusedException e) {
            model.addAttribute("refusal", e);
        }
        return page(htmx, model);
    }

    @PostMapping("/rehearsal/replay")
    String replay(@RequestParam(defaultValue = "") String confirmation, HtmxRequest htmx, Model model,
                  Principal principal) throws SQLException {
        try {
            service.startReplay(principal.getName(), confirmation);
        } catch (RefusedException e) {
            model.addAttribute("refusal", e);
        } catch (JobAlreadyRunningException e) {
            model.addAttribute("busy", e.running());
        }
        return page(htmx, model);
    }

    private String page(HtmxRequest htmx, Model model) throws SQLException {
        ScratchCopy scratch = service.scratch();
        model.addAttribute("scratch", scratch.name());
        model.addAttribute("scratchServer", scratch.endpoint().host() + ":" + scratch.endpoint().port());
        model.addAttribute("target", service.target().database());
        Optional<RehearsalRun> run = service.latest();
        Optional<Job> replay = service.latestReplay();
        run.ifPresent(latest -> model.addAttribute("run", latest));
        replay.ifPresent(job -> model.addAttribute("job", job));
        replay.flatMap(job -> job.result(Replayed.class)).ifPresent(replayed -> model.addAttribute("replayed", replayed));
        // While the panel polls, the choices (read from the workspace's jobs and analysis) are not what it shows.
        boolean polling = run.filter(RehearsalRun::running).isPresent()
                || replay.filter(job -> !job.status().finished()).isPresent();
        Optional<ScriptFile> script = service.script();
        script.ifPresent(chosen -> model.addAttribute("script", chosen));
        model.addAttribute("scratchExists", service.scratchExists());
        if (script.isPresent() && !polling) {
            model.addAttribute("choices", service.choices(script.get()));
        }
        service.recipe().ifPresent(recipe -> model.addAttribute("recipe", recipe));
        return htmx.isHtmxRequest() ? "rehearsal/rehearsal :: panel" : "rehearsal/rehearsal";
    }
}
