package fr.esup.podmigrate.checklist;

import fr.esup.podmigrate.pod.PodMigrationRules;
import fr.esup.podmigrate.run.RunStore;
import fr.esup.podmigrate.run.StepStatus;
import fr.esup.podmigrate.run.WizardStep;
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
        long ticked = recordStatus(ticks, principal.getName(), (checked ? "ticked " : "unticked ") + item, model);
        int total = PodMigrationRules.CHECKED_AFTER_IMPORT.size();
        if (!htmx.isHtmxRequest()) {
            return page(htmx, model);
        }
        model.addAttribute("item", item);
        model.addAttribute("tick", ticks.get(item));
        model.addAttribute("ticked", ticked);
        model.addAttribute("total", total);
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
            int inserted = service.insertMissing(table);
            recordStatus(service.ticks(), principal.getName(), "inserted " + inserted + " v2 row(s) into " + table, model);
            model.addAttribute("inserted", inserted);
        } catch (DataAccessException | SQLException e) {
            runStore.audit(principal.getName(), WizardStep.CHECKLIST.key() + ": inserting the v2 rows of " + table
                    + " failed and was rolled back: " + NestedExceptionUtils.getMostSpecificCause(e).getMessage());
            model.addAttribute("insertError", NestedExceptionUtils.getMostSpecificCause(e).getMessage());
        }
        model.addAttribute("insertedInto", table);
        return page(htmx, model);
    }

    /**
     * Records the step's status after an action: in progress until every item is checked, then done; the side bar
     * shows it, swapped out of band in an htmx answer. Returns the items checked.
     */
    private long recordStatus(Map<String, ChecklistStore.Tick> ticks, String operator, String action, Model model) {
        long ticked = PodMigrationRules.CHECKED_AFTER_IMPORT.stream().filter(ticks::containsKey).count();
        int total = PodMigrationRules.CHECKED_AFTER_IMPORT.size();
        runStore.record(WizardStep.CHECKLIST, ticked == total ? StepStatus.DONE : StepStatus.RUNNING, operator,
                action + " (" + ticked + " of " + total + " checked)");
        model.addAttribute("steps", runStore.states());
        model.addAttribute("stepsChanged", true);
        return ticked;
    }

    private String page(HtmxRequest htmx, Model model) throws SQLException, IOException {
        model.addAttribute("page", service.page());
        return htmx.isHtmxRequest() ? "checklist/checklist :: answer" : "checklist/checklist";
    }
}
