package fr.esup.podmigrate.checklist;

import fr.esup.podmigrate.pod.PodMigrationRules;
import fr.esup.podmigrate.run.RunStore;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import java.io.IOException;
import java.security.Principal;
import java.sql.SQLException;
import java.util.Map;

/** The checklist: tables to check by hand, each ticked by the operator, and the v2 broadcasters to re-create. */
@Controller
class ChecklistController {

    private final ChecklistService service;
    private final RunStore runStore;

    ChecklistController(ChecklistService service, RunStore runStore) {
        this.service = service;
        this.runStore = runStore;
    }

    @GetMapping("/checklist")
    String checklist(HtmxRequest htmx, Model model) throws SQLException, IOException {
        return page(htmx, model);
    }

    @PostMapping("/checklist/items/{item}")
    String tick(@PathVariable String item, @RequestParam boolean checked, HtmxRequest htmx, Model model,
                Principal principal) throws SQLException, IOException {
        if (!PodMigrationRules.CHECKED_AFTER_IMPORT.contains(item)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No checklist item " + item);
        }
        Map<String, ChecklistStore.Tick> ticks = service.tick(item, checked, principal.getName());
        if (!htmx.isHtmxRequest()) {
            return page(htmx, model);
        }
        model.addAttribute("item", item);
        model.addAttribute("tick", ticks.get(item));
        model.addAttribute("ticked", ChecklistService.ticked(ticks));
        model.addAttribute("total", PodMigrationRules.CHECKED_AFTER_IMPORT.size());
        model.addAttribute("steps", runStore.states());
        return "checklist/tick :: response";
    }

    /** Without {@code confirm}, shows which v2 rows would be inserted; with it, inserts them. */
    @PostMapping("/checklist/recreate/{table}")
    String recreate(@PathVariable String table, @RequestParam(defaultValue = "false") boolean confirm, HtmxRequest htmx,
                    Model model, Principal principal) throws SQLException, IOException {
        if (!ChecklistService.recreated().contains(table)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No re-created table " + table);
        }
        if (!confirm) {
            model.addAttribute("confirmInsert", table);
            return page(htmx, model);
        }
        try {
            model.addAttribute("inserted", service.insertMissing(table, principal.getName()));
            model.addAttribute("steps", runStore.states());
            model.addAttribute("stepsChanged", true);
        } catch (DataAccessException | SQLException e) {
            model.addAttribute("insertError", NestedExceptionUtils.getMostSpecificCause(e).getMessage());
        }
        model.addAttribute("insertedInto", table);
        return page(htmx, model);
    }

    private String page(HtmxRequest htmx, Model model) throws SQLException, IOException {
        model.addAttribute("page", service.page());
        return htmx.isHtmxRequest() ? "checklist/checklist :: panel" : "checklist/checklist";
    }
}
