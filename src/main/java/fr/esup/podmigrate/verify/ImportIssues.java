package fr.esup.podmigrate.verify;

import fr.esup.podmigrate.importing.Imported;
import fr.esup.podmigrate.importing.RowIssue;
import fr.esup.podmigrate.job.Job;

import java.util.List;
import java.util.Optional;

/** What the import job recorded the server refused or changed, by v3 table and primary key (the first keys of each). */
public record ImportIssues(List<RowIssue> issues) {

    public static final ImportIssues NONE = new ImportIssues(List.of());

    public ImportIssues {
        issues = List.copyOf(issues);
    }

    static ImportIssues of(Job imported) {
        if (imported == null) {
            return NONE;
        }
        return new ImportIssues(imported.result(Imported.class).map(Imported::issues).orElse(List.of()));
    }

    /** The unique key that refused the row, when the import named the row. */
    Optional<String> refusedBy(String table, String key) {
        return issues.stream().filter(i -> i.refused() && i.table().equals(table) && i.keys().contains(key))
                .map(RowIssue::name).findFirst();
    }

    /** Whether the import said the server changed this value. */
    boolean changed(String table, String column, String key) {
        return issues.stream().anyMatch(i -> !i.refused() && i.table().equals(table) && i.name().equals(column)
                && i.keys().contains(key));
    }
}
