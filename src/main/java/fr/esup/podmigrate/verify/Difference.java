package fr.esup.podmigrate.verify;

import java.util.Locale;

/** How a table's v3 row count compares with its v2 count, and why they differ. */
public enum Difference {
    /** The same count. */
    SAME(Severity.OK),
    /** The same count, in the table v2's rows are renamed into. */
    RENAMED(Severity.OK),
    /** A table the import never writes (kept by v3, or re-created by hand). */
    EXCLUDED(Severity.OK),
    /** A table v2 does not have. */
    V3_ONLY(Severity.OK),
    /** v3 has fewer rows, exactly the number INSERT IGNORE dropped. */
    IGNORED(Severity.WARNING),
    /** v3 has more rows than v2 (rows added since, or v2 rows under a v2 name v3 does not read). */
    EXTRA_ROWS(Severity.WARNING),
    /** v3 has no table for the v2 table: a problem unless Pod's knowledge says where its rows go. */
    MISSING_TABLE(Severity.PROBLEM),
    /** v3 has fewer rows and nothing known explains it. */
    UNEXPLAINED(Severity.PROBLEM),
    /** No v2 count to compare with: no source database and no import done. */
    V2_UNKNOWN(Severity.OK);

    /** How much a difference of this kind needs the operator. */
    public enum Severity {
        OK, WARNING, PROBLEM;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Severity severity;

    Difference(Severity severity) {
        this.severity = severity;
    }

    Severity severity() {
        return severity;
    }

    /** Message key part, CSS class and CSV value. */
    public String key() {
        return RowCounts.key(this);
    }
}
