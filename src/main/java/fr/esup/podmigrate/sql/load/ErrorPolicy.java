package fr.esup.podmigrate.sql.load;

/** What an import does when a statement fails. */
public enum ErrorPolicy {
    /** Stop at the first failing statement. */
    STOP_AT_FIRST,
    /** Note the failure and go on, until {@link ImportOptions#maxErrors()} failures. */
    CONTINUE
}
