package fr.esup.podmigrate.verify;

import java.util.Locale;

/**
 * One row that v3 does not hold as v2 held it, found by comparing the rows of the same primary key.
 *
 * @param key      the row's primary key (its columns joined by '#')
 * @param column   the v3 column whose value changed, null for a missing or extra row
 * @param v2Value  as both sides render it for the comparison (dates as text, binary as hex), null for SQL NULL
 * @param detail   what the explanation names: the unique key that refused the row and the row it collided with
 */
public record RowDifference(String v2Table, String v3Table, String key, Kind kind, Explanation explanation,
                            String column, String v2Value, String v3Value, String detail) {

    /** What differs. */
    public enum Kind {
        /** A v2 row v3 does not have. */
        MISSING,
        /** A v3 row v2 did not have. */
        EXTRA,
        /** The v3 value is the start of the v2 one. */
        TRUNCATED,
        /** The same value in another form, or NULL against a value. */
        CONVERTED,
        /** The v3 value is the v2 one decoded in the wrong character set (double-encoded), or its characters lost. */
        CHARSET,
        /** Any other value. */
        OTHER;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        public boolean changedValue() {
            return this != MISSING && this != EXTRA;
        }
    }

    /** Why it differs, when something known says so. */
    public enum Explanation {
        /** A unique key of v3 refused the v2 row at the import. */
        REFUSED_BY_KEY,
        /** The site fixes added or changed it. */
        SITE_FIXES,
        /** A table the operator completes by hand in the checklist. */
        CHECKLIST,
        /** The server changed the value at the import and said so in its warnings. */
        IMPORT_WARNING,
        /** Nothing known explains it. */
        NONE;

        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public boolean explained() {
        return explanation != Explanation.NONE;
    }
}
