package fr.esup.podmigrate.run;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import java.util.List;

/** Gives every page the side bar's steps with their status. */
@ControllerAdvice
class WizardModelAdvice {

    private final RunStore runStore;

    WizardModelAdvice(RunStore runStore) {
        this.runStore = runStore;
    }

    @ModelAttribute("steps")
    List<StepState> steps() {
        return runStore.states();
    }
}
