package fr.esup.podmigrate.run;

public enum StepStatus {
    NOT_STARTED, RUNNING, DONE, FAILED, INTERRUPTED;

    /** Message key part and CSS class. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
