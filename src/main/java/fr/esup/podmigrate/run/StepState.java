package fr.esup.podmigrate.run;

import java.time.Instant;

/**
 * A step's status in the current run, with who changed it and when.
 *
 * @param reason why the step is to redo, or why the operator finished anyway; null when none
 */
public record StepState(WizardStep step, StepStatus status, String operator, Instant updatedAt, String reason) {

    public StepState(WizardStep step, StepStatus status, String operator, Instant updatedAt) {
        this(step, status, operator, updatedAt, null);
    }

    static StepState notStarted(WizardStep step) {
        return new StepState(step, StepStatus.NOT_STARTED, null, null);
    }
}
