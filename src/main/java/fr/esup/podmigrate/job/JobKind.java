package fr.esup.podmigrate.job;

import fr.esup.podmigrate.run.WizardStep;

/**
 * What a job does for its step: the step's own work, whose outcome is the step's status, or an analysis (of a
 * podv2.sql before its import), which changes nothing and leaves every step's status as it is.
 */
public enum JobKind {
    WORK, ANALYSIS;

    /** The start of the job's id: its step's key for the step's work, {@code analysis} for an analysis. */
    String idPrefix(WizardStep step) {
        return this == WORK ? step.key() : "analysis";
    }
}
