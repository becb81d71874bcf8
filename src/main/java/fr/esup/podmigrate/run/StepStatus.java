package fr.esup.podmigrate.run;

public enum StepStatus {
    NOT_STARTED, RUNNING, DONE, FAILED, INTERRUPTED,
    /** Done or tried before an earlier step changed the target (a wipe, a restore, a new import): to do again. */
    TO_REDO;

    /** Message key part and CSS class. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
