package fr.esup.podmigrate.run;

import java.util.List;

/** The nine steps of the procedure, in order. A step not built yet says what it will do and stays disabled. */
public enum WizardStep {
    CONNECTIONS("connections", true),
    BACKUP("backup", true),
    WIPE("wipe", true),
    DUMP("dump", true),
    IMPORT("import", true),
    SITE_FIXES("sitefix", true),
    CHECKLIST("checklist", true),
    VERIFY("verify", true),
    FINISH("finish", true);

    private final String key;
    private final boolean available;

    WizardStep(String key, boolean available) {
        this.key = key;
        this.available = available;
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

    public boolean available() {
        return available;
    }

    /** The steps whose outcome this step changes when it runs again or is undone: they must be done again. */
    public List<WizardStep> invalidates() {
        return this == WIPE || this == IMPORT ? List.of(SITE_FIXES, CHECKLIST, VERIFY, FINISH) : List.of();
    }
}
