package fr.esup.podmigrate.backup;

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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import java.security.Principal;
import java.sql.SQLException;

/** Step 2: take a backup of the target, list, download and restore the backups. */
@Controller
class BackupController {

    private final BackupService service;

    BackupController(BackupService service) {
        this.service = service;
    }

    @GetMapping("/backup")
    String backups(HtmxRequest htmx, Model model) {
        service.latestJob().ifPresent(job -> model.addAttribute("job", job));
        return backupsView(htmx, model);
    }

    @PostMapping("/backup")
    String startBackup(HtmxRequest htmx, Model model, Principal principal) {
        try {
            model.addAttribute("job", service.startBackup(principal.getName()));
        } catch (JobAlreadyRunningException e) {
            model.addAttribute("busy", e.running());
            service.latestJob().ifPresent(job -> model.addAttribute("job", job));
        }
        return backupsView(htmx, model);
    }

    @GetMapping("/backup/{name}/download")
    ResponseEntity<Resource> download(@PathVariable String name) {
        Backup backup = backup(name);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(backup.name()).build().toString())
                .contentType(MediaType.parseMediaType("application/gzip"))
                .contentLength(backup.size())
                .body(new FileSystemResource(backup.file()));
    }

    @GetMapping("/backup/{name}/restore")
    String restorePage(@PathVariable String name, HtmxRequest htmx, Model model) throws SQLException {
        Backup backup = backup(name);
        Job running = service.latestJob().filter(job -> !job.status().finished()).orElse(null);
        if (running != null) {
            model.addAttribute("job", running);
        } else {
            addPlan(backup, model);
        }
        return restoreView(htmx, model, backup);
    }

    @PostMapping("/backup/{name}/restore")
    String restore(@PathVariable String name, @RequestParam(defaultValue = "") String confirmation, HtmxRequest htmx,
                   Model model, Principal principal) throws SQLException {
        Backup backup = backup(name);
        addPlan(backup, model);
        try {
            model.addAttribute("job", service.startRestore(backup, principal.getName(), confirmation));
        } catch (RefusedException e) {
            model.addAttribute("refusal", e);
        } catch (JobAlreadyRunningException e) {
            model.addAttribute("busy", e.running());
        }
        return restoreView(htmx, model, backup);
    }

    private void addPlan(Backup backup, Model model) throws SQLException {
        model.addAttribute("plan", service.restorePlan(backup));
    }

    private String backupsView(HtmxRequest htmx, Model model) {
        model.addAttribute("target", service.target());
        model.addAttribute("backups", service.backups());
        return htmx.isHtmxRequest() ? "backup/backups :: panel" : "backup/backups";
    }

    private String restoreView(HtmxRequest htmx, Model model, Backup backup) {
        model.addAttribute("target", service.target());
        model.addAttribute("backup", backup);
        return htmx.isHtmxRequest() ? "backup/restore :: panel" : "backup/restore";
    }

    private Backup backup(String name) {
        return service.find(name).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}
