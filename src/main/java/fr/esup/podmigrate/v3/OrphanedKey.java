package fr.esup.podmigrate.v3;

import fr.esup.podmigrate.pod.PodMigrationRules;

import java.util.List;

/**
 * A foreign key of the v3 schema and the rows whose value points to no row (the import ran with foreign key checks
 * off).
 *
 * @param examples the primary keys of a few of those rows, lowest first
 * @param v2Rows   the rows of the same v2 table whose value pointed nowhere already in v2, null when v2 was not read
 */
public record OrphanedKey(String table, String column, String referencedTable, String referencedColumn, long rows,
                          List<String> examples, Long v2Rows) {

    public OrphanedKey(String table, String column, String referencedTable, String referencedColumn, long rows,
                       List<String> examples) {
        this(table, column, referencedTable, referencedColumn, rows, examples, null);
    }

    /** Every such row already pointed nowhere in v2: not the migration's doing. */
    public boolean preExisting() {
        return v2Rows != null && v2Rows >= rows;
    }

    /** The rows point to a table the procedure leaves out, which the operator re-creates by hand (the checklist). */
    public boolean toExcludedTable() {
        return PodMigrationRules.EXCLUDED_TABLES.stream().anyMatch(t -> t.table().equals(referencedTable));
    }

    /** Already so in v2, or pointing to a table the procedure leaves out: not a loss the migration caused. */
    public boolean explained() {
        return preExisting() || toExcludedTable();
    }

    public OrphanedKey withV2Rows(long rowsInV2) {
        return new OrphanedKey(table, column, referencedTable, referencedColumn, rows, examples, rowsInV2);
    }
}
