package fr.esup.podmigrate.run;

import java.time.Instant;

/** A step's status in the current run, with who changed it and when. */
public record StepState(WizardStep step, StepStatus status, String operator, Instant updatedAt) {

    static StepState notStarted(WizardStep step) {
        return new StepState(step, StepStatus.NOT_STARTED, null, null);
    }
}
