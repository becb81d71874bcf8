package fr.esup.podmigrate.run;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import java.security.Principal;
import java.util.List;

/** Gives every page the side bar's steps with their status; the login page, to anyone, nothing of the run. */
@ControllerAdvice
class WizardModelAdvice {

    private final RunStore runStore;

    WizardModelAdvice(RunStore runStore) {
        this.runStore = runStore;
    }

    @ModelAttribute("steps")
    List<StepState> steps(Principal operator) {
        return operator == null ? null : runStore.states();
    }
}
