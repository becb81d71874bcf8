package fr.esup.podmigrate.verify;

import fr.esup.podmigrate.job.JobAlreadyRunningException;
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
import java.nio.file.Path;
import java.security.Principal;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

@Controller
class VerifyController {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final VerificationService service;
    private final MigrationReport report;

    VerifyController(VerificationService service, MigrationReport report) {
        this.service = service;
        this.report = report;
    }

    @GetMapping("/verify")
    String verify(@RequestParam(defaultValue = "all") String show, HtmxRequest htmx, Model model) throws SQLException {
        return page(Verification.Filter.of(show), htmx, model);
    }

    /** Counts and checks in a job; its verdict is the step's status. */
    @PostMapping("/verify")
    String start(HtmxRequest htmx, Model model, Principal principal) throws SQLException {
        try {
            service.start(principal.getName());
        } catch (JobAlreadyRunningException e) {
            model.addAttribute("busy", e.running());
        }
        return page(Verification.Filter.ALL, htmx, model);
    }

    @GetMapping("/verify/report.md")
    ResponseEntity<byte[]> markdown(Principal principal, Locale locale) {
        Verification verification = latest();
        return download(report.markdown(verification, principal.getName(), locale), verification, "md",
                new MediaType("text", "markdown", StandardCharsets.UTF_8));
    }

    @GetMapping("/verify/report.csv")
    ResponseEntity<byte[]> csv() {
        Verification verification = latest();
        return download(report.csv(verification), verification, "csv", new MediaType("text", "csv", StandardCharsets.UTF_8));
    }

    /** Every row difference of the newest verification, as it wrote them. */
    @GetMapping("/verify/differences.csv")
    ResponseEntity<Resource> differences() {
        Verification verification = latest();
        Path file = service.differences().orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "The newest verification compared no rows"));
        String name = "pod-migrate-differences-" + STAMP.format(verification.at()) + ".csv";
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(new FileSystemResource(file));
    }

    private Verification latest() {
        return service.latest().orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "No verification has run yet: count the rows on the verify page first"));
    }

    private String page(Verification.Filter filter, HtmxRequest htmx, Model model) throws SQLException {
        service.latestJob().ifPresent(job -> model.addAttribute("job", job));
        Optional<Verification> latest = service.latest();
        if (latest.isPresent()) {
            model.addAttribute("verification", latest.get());
            model.addAttribute("lines", latest.get().lines(filter));
            model.addAttribute("withoutContentType", service.modelsWithoutContentType());
        }
        model.addAttribute("filter", filter);
        model.addAttribute("filters", Verification.Filter.values());
        return htmx.isHtmxRequest() ? "verify/verify :: panel" : "verify/verify";
    }

    private static ResponseEntity<byte[]> download(String content, Verification verification, String extension,
                                                   MediaType type) {
        String name = "pod-migrate-report-" + STAMP.format(verification.at()) + "." + extension;
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .contentType(type)
                .body(content.getBytes(StandardCharsets.UTF_8));
    }
}
