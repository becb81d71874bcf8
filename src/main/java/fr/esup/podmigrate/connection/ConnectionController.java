package fr.esup.podmigrate.connection;

import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.config.Databases;
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

@Controller
class ConnectionController {

    private final Databases databases;
    private final ConnectionService service;

    ConnectionController(Databases databases, ConnectionService service) {
        this.databases = databases;
        this.service = service;
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
        DatabaseEndpoint endpoint = service.endpoint(databaseRole)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No " + role + " database configured"));
        ConnectionReport report = service.test(endpoint, databaseRole, principal.getName());
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

    private static DatabaseRole parseRole(String role) {
        try {
            return DatabaseRole.fromKey(role);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage());
        }
    }
}
