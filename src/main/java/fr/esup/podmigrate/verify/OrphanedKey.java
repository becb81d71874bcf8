package fr.esup.podmigrate.verify;

import java.util.List;

/**
 * A foreign key of the v3 schema and the rows whose value points to no row (the import ran with foreign key checks
 * off).
 *
 * @param examples the primary keys of a few of those rows, lowest first
 */
public record OrphanedKey(String table, String column, String referencedTable, String referencedColumn, long rows,
                          List<String> examples) {
}
