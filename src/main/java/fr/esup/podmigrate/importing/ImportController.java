package fr.esup.podmigrate.importing;

import fr.esup.podmigrate.dump.ScriptFile;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Step 5: the analysis of the run's podv2.sql, the checks before the import, the import and its results. */
@Controller
class ImportController {

    private final ImportService service;

    ImportController(ImportService service) {
        this.service = service;
    }

    @GetMapping("/import")
    String page(HtmxRequest htmx, Model model) throws SQLException {
        return render(htmx, model);
    }

    @PostMapping("/import/analyze")
    String analyze(@RequestParam(required = false) String database,
                   @RequestParam(defaultValue = "false") boolean includeEphemeral, HtmxRequest htmx, Model model,
                   Principal principal) throws SQLException {
        attempt(model, () -> service.analyze(principal.getName(), database, includeEphemeral));
        return render(htmx, model);
    }

    @PostMapping("/import/start")
    String start(@RequestParam(defaultValue = "") String confirmation, @RequestParam(defaultValue = "false") boolean
            continueOnError, HtmxRequest htmx, Model model, Principal principal) throws SQLException {
        attempt(model, () -> service.start(principal.getName(), confirmation, continueOnError));
        return render(htmx, model);
    }

    @PostMapping("/import/resume")
    String resume(@RequestParam(defaultValue = "false") boolean continueOnError, HtmxRequest htmx, Model model,
                  Principal principal) throws SQLException {
        attempt(model, () -> service.resume(principal.getName(), continueOnError));
        return render(htmx, model);
    }

    /** Starting a job: an action on the target that may be refused, or find it busy. */
    private interface Start {
        Job call() throws SQLException;
    }

    private static void attempt(Model model, Start action) throws SQLException {
        try {
            action.call();
        } catch (RefusedException e) {
            model.addAttribute("refusal", e);
        } catch (JobAlreadyRunningException e) {
            model.addAttribute("busy", e.running());
        }
    }

    /** The page; the check of the target (every table counted and checksummed) only where it shows: before an import. */
    private String render(HtmxRequest htmx, Model model) throws SQLException {
        Optional<ScriptFile> script = service.script();
        model.addAttribute("script", script.orElse(null));
        Optional<PodImportAnalysis> analysis = script.flatMap(service::analysis);
        analysis.ifPresent(a -> model.addAttribute("analysis", a));
        service.latestAnalysis().ifPresent(job -> model.addAttribute("analysisJob", job));
        Optional<Job> job = service.latestImport();
        job.ifPresent(j -> {
            model.addAttribute("job", j);
            model.addAttribute("resumable", service.resumable(j));
            model.addAttribute("tables", tableResults(j));
            model.addAttribute("errors", j.result(Imported.class).map(Imported::errors).orElse(List.of()));
        });
        boolean running = job.map(j -> !j.status().finished()).orElse(false)
                || service.latestAnalysis().map(j -> !j.status().finished()).orElse(false);
        model.addAttribute("running", running);
        boolean importable = analysis.map(a -> !a.blocked()).orElse(false);
        if (importable && !running) {
            model.addAttribute("guard", service.guard());
        }
        return htmx.isHtmxRequest() ? "importing/import :: panel" : "importing/import";
    }

    /** Per v3 table, rows inserted and ignored and the server's counts, as the job recorded them. */
    static List<TableResult> tableResults(Job job) {
        Imported imported = job.result(Imported.class).orElse(null);
        if (imported == null) {
            return List.of();
        }
        Map<String, List<RowIssue>> issues = imported.issues().stream()
                .collect(Collectors.groupingBy(RowIssue::table, LinkedHashMap::new, Collectors.toList()));
        return imported.tables().entrySet().stream()
                .map(e -> new TableResult(e.getKey(), e.getValue().inserted(), e.getValue().ignored(),
                        e.getValue().before(), e.getValue().expected(), e.getValue().after(),
                        issues.getOrDefault(e.getKey(), List.of())))
                .toList();
    }

    /**
     * One line of the results table.
     *
     * @param before   rows the table held before the import, -1 when it did not exist
     * @param expected rows it must hold by the import's account, -1 when unknown
     * @param after    rows it holds after, counted by the server, -1 when it does not exist
     */
    public record TableResult(String table, long inserted, long ignored, long before, long expected, long after,
                              List<RowIssue> issues) {

        public boolean countMatches() {
            return expected == after;
        }
    }
}
