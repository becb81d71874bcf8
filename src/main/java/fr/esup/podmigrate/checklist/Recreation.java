package fr.esup.podmigrate.checklist;

import java.util.List;
import java.util.Locale;

/**
 * A table the import leaves out for the operator to re-create (broadcasters): its v2 rows, whether v3 has each, and
 * how v3's columns can be filled from v2's.
 *
 * @param inV2      whether the v2 side holds the table at all
 * @param columns   how each v3 column is filled
 * @param unmapped  v3 columns that need a value nothing gives: no row can be inserted
 * @param v2Only    v2 columns v3 has no place for in this table
 * @param shown     the v2 columns the page shows for each row
 */
public record Recreation(String table, boolean inV2, List<ColumnMapping> columns, List<String> unmapped,
                        List<V2OnlyColumn> v2Only, List<String> shown, List<V2Row> rows) {

    public boolean insertable() {
        return inV2 && unmapped.isEmpty() && !insertableRows().isEmpty();
    }

    /** The v2 rows whose id v3 lacks. */
    public List<V2Row> missing() {
        return rows.stream().filter(row -> !row.present()).toList();
    }

    /** The missing rows whose keys all point to rows v3 has: those an insert takes. */
    public List<V2Row> insertableRows() {
        return missing().stream().filter(row -> row.pointingNowhere().isEmpty()).toList();
    }

    /** The missing rows a foreign key of v3 would refuse: an insert leaves them out. */
    public List<V2Row> blockedRows() {
        return missing().stream().filter(row -> !row.pointingNowhere().isEmpty()).toList();
    }

    /** Where a v3 column's value comes from. */
    public record ColumnMapping(String column, Source source, String expression) {
    }

    public enum Source {
        /** The v2 column of the same name. */
        COPIED,
        /** An expression on v2 columns, as Pod's own upgrade converts them. */
        CONVERTED,
        /** The value Pod gives rows from v2 (a model default). */
        VALUE,
        /** Left to the column's default or NULL. */
        DEFAULT;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A v2 column without a v3 column of its table, and where v3 keeps that information, if anywhere. */
    public record V2OnlyColumn(String column, String becomesIn) {
    }

    /**
     * A v2 row: its id, the values of the shown columns, whether v3 has a row with that id, and its values that a
     * foreign key of v3 refuses (empty when none).
     */
    public record V2Row(String id, List<String> values, boolean present, List<DanglingKey> pointingNowhere) {
    }

    /** A row's value in a foreign key column that names no row of the table the key refers to, in v3. */
    public record DanglingKey(String column, String value, String referencedTable) {
    }
}
