package fr.esup.podmigrate.connection;

import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.config.Databases;
import fr.esup.podmigrate.run.RunStore;
import fr.esup.podmigrate.run.StepStatus;
import fr.esup.podmigrate.run.WizardStep;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;

import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@Controller
class ConnectionController {

    private final Databases databases;
    private final ConnectionTester tester;
    private final RunStore runStore;

    ConnectionController(Databases databases, ConnectionTester tester, RunStore runStore) {
        this.databases = databases;
        this.tester = tester;
        this.runStore = runStore;
    }

    @GetMapping("/")
    String home() {
        return "redirect:/connections";
    }

    @GetMapping("/connections")
    String connections(Model model) {
        model.addAttribute("cards", cards());
        model.addAttribute("demo", databases.demo());
        return "connection/connections";
    }

    @PostMapping("/connections/{role}/test")
    String test(@PathVariable String role, HtmxRequest htmx, Model model, Principal principal) {
        DatabaseRole databaseRole = parseRole(role);
        DatabaseEndpoint endpoint = endpoint(databaseRole)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No " + role + " database configured"));
        ConnectionReport report = tester.test(endpoint, databaseRole);
        if (databaseRole == DatabaseRole.TARGET) {
            boolean usable = report.succeeded() && !report.looksSwapped();
            runStore.record(WizardStep.CONNECTIONS, usable ? StepStatus.DONE : StepStatus.FAILED, principal.getName(),
                    "tested the target database " + endpoint);
        }
        model.addAttribute("report", report);
        if (htmx.isHtmxRequest()) {
            return "connection/result :: result";
        }
        model.addAttribute("cards", cards());
        model.addAttribute("demo", databases.demo());
        model.addAttribute("reportRole", databaseRole.key());
        return "connection/connections";
    }

    private List<ConnectionCard> cards() {
        List<ConnectionCard> cards = new ArrayList<>();
        cards.add(new ConnectionCard(DatabaseRole.TARGET.key(), databases.target()));
        cards.add(new ConnectionCard(DatabaseRole.SOURCE.key(), databases.source().orElse(null)));
        return cards;
    }

    private Optional<DatabaseEndpoint> endpoint(DatabaseRole role) {
        return role == DatabaseRole.TARGET ? Optional.of(databases.target()) : databases.source();
    }

    private static DatabaseRole parseRole(String role) {
        try {
            return DatabaseRole.fromKey(role);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage());
        }
    }
}
