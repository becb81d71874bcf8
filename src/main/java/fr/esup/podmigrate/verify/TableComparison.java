package fr.esup.podmigrate.verify;

/**
 * One line of the row-count table: a v2 table and the v3 table its rows land in, following the renames.
 *
 * @param v2Table      null for a table only v3 has
 * @param v2Rows       null when unknown
 * @param v3Table      null when v3 has no table for the v2 one
 * @param inserted     rows the import inserted into the v3 table, null when no import recorded it
 * @param ignored      rows INSERT IGNORE dropped, null when no import recorded it
 * @param skipped      row tuples of the v2 table the import skipped (excluded tables), null when no import recorded it
 * @param reason       why, when Pod's knowledge says (message key part), else null
 * @param reasonTarget the table or column the reason names, else empty
 */
public record TableComparison(String v2Table, Long v2Rows, String v3Table, Long v3Rows, Long inserted, Long ignored,
                              Long skipped, Difference difference, String reason, String reasonTarget) {

    /** v3 rows minus v2 rows, null unless both are known. */
    public Long delta() {
        return v2Rows == null || v3Rows == null ? null : v3Rows - v2Rows;
    }

    /** A missing table loses nothing when v2 had no rows, and loses them knowingly when Pod says where they go. */
    public Difference.Severity severity() {
        if (difference == Difference.MISSING_TABLE && v2Rows != null && v2Rows == 0) {
            return Difference.Severity.OK;
        }
        if (difference == Difference.MISSING_TABLE && reason != null) {
            return Difference.Severity.WARNING;
        }
        return difference.severity();
    }

    /** No row on either side and nothing wrong: a table v3 adds, or v2 left empty, that "only differences" leaves out. */
    public boolean emptyOnBothSides() {
        return (v2Rows == null || v2Rows == 0) && (v3Rows == null || v3Rows == 0) && severity() == Difference.Severity.OK;
    }

    /** The name the line goes by: the v2 table, or the v3 one when v2 has none. */
    public String name() {
        return v2Table != null ? v2Table : v3Table;
    }
}
