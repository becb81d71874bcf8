package fr.esup.podmigrate.importing;

import fr.esup.podmigrate.sql.load.ImportResult;
import fr.esup.podmigrate.sql.load.ValueChange;

import java.util.List;

/**
 * What the server changed or refused in a table's rows, as the import job records it and its page shows it.
 *
 * @param refused true: rows a unique key refused, {@code name} the key; false: values changed, {@code name} the column
 * @param keys    the primary keys of the first rows concerned
 */
public record RowIssue(String table, boolean refused, String name, ValueChange change, long rows, List<String> keys,
                       String sample) {

    static RowIssue of(String table, ImportResult.ValueIssue issue) {
        return new RowIssue(table, issue.refused(), issue.name(), issue.change(), issue.rows(), issue.keys(),
                issue.sample());
    }
}
