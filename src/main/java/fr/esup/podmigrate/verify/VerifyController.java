package fr.esup.podmigrate.verify;

import fr.esup.podmigrate.run.RunStore;
import fr.esup.podmigrate.run.StepStatus;
import fr.esup.podmigrate.run.WizardStep;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

@Controller
class VerifyController {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final VerificationService service;
    private final MigrationReport report;
    private final RunStore runStore;

    VerifyController(VerificationService service, MigrationReport report, RunStore runStore) {
        this.service = service;
        this.report = report;
        this.runStore = runStore;
    }

    @GetMapping("/verify")
    String verify(@RequestParam(defaultValue = "all") String show, HtmxRequest htmx, Model model) throws SQLException {
        return page(service.verify(), Verification.Filter.of(show), htmx, model);
    }

    /** Records the verdict in the run: the step is done unless a difference is unexplained. */
    @PostMapping("/verify")
    String record(HtmxRequest htmx, Model model, Principal principal) throws SQLException {
        Verification verification = service.verify();
        runStore.record(WizardStep.VERIFY,
                verification.verdict() == Verification.Verdict.PROBLEMS ? StepStatus.FAILED : StepStatus.DONE,
                principal.getName(), verification.summary());
        model.addAttribute("recorded", true);
        return page(verification, Verification.Filter.ALL, htmx, model);
    }

    @GetMapping("/verify/report.md")
    ResponseEntity<byte[]> markdown(Principal principal, Locale locale) throws SQLException {
        Verification verification = service.verify();
        return download(report.markdown(verification, principal.getName(), locale), verification, "md",
                new MediaType("text", "markdown", StandardCharsets.UTF_8));
    }

    @GetMapping("/verify/report.csv")
    ResponseEntity<byte[]> csv() throws SQLException {
        Verification verification = service.verify();
        return download(report.csv(verification), verification, "csv", new MediaType("text", "csv", StandardCharsets.UTF_8));
    }

    private static String page(Verification verification, Verification.Filter filter, HtmxRequest htmx, Model model) {
        model.addAttribute("verification", verification);
        model.addAttribute("filter", filter);
        model.addAttribute("filters", Verification.Filter.values());
        model.addAttribute("lines", verification.lines(filter));
        return htmx.isHtmxRequest() ? "verify/verify :: body" : "verify/verify";
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
