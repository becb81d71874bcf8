package fr.esup.podmigrate.run;

import java.util.List;

/** The nine steps of the procedure, in order. */
public enum WizardStep {
    CONNECTIONS("connections"),
    BACKUP("backup"),
    WIPE("wipe"),
    DUMP("dump"),
    IMPORT("import"),
    SITE_FIXES("sitefix"),
    CHECKLIST("checklist"),
    VERIFY("verify"),
    FINISH("finish");

    private final String key;

    WizardStep(String key) {
        this.key = key;
    }

    /** The step's URL path segment and message key part. */
    public String key() {
        return key;
    }

    public String path() {
        return "/" + key;
    }

    public int number() {
        return ordinal() + 1;
    }

    /** The step after this one, null after the last. */
    public WizardStep next() {
        return ordinal() + 1 < values().length ? values()[ordinal() + 1] : null;
    }

    /** The steps whose outcome this step changes when it runs again or is undone: they must be done again. */
    public List<WizardStep> invalidates() {
        return this == WIPE || this == IMPORT ? List.of(SITE_FIXES, CHECKLIST, VERIFY, FINISH) : List.of();
    }
}
