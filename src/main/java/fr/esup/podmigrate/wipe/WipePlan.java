package fr.esup.podmigrate.wipe;

import fr.esup.podmigrate.backup.BackupCheck;

import java.util.List;

/**
 * What the wipe will do to the target as it is now: empty every table but {@code django_migrations}, provided
 * a verified backup holds the database as it is.
 *
 * @param emptied the tables the wipe empties, with their rows now
 * @param kept    {@code django_migrations} with its rows, or null when the database has no such table
 */
public record WipePlan(String database, List<TableRows> emptied, TableRows kept, BackupCheck check) {

    public record TableRows(String table, long rows) {
    }

    public WipePlan {
        emptied = List.copyOf(emptied);
    }

    public long rowsToEmpty() {
        return emptied.stream().mapToLong(TableRows::rows).sum();
    }

    /** Nothing left to empty: the wipe is done, or the database is a blank one. */
    public boolean alreadyEmpty() {
        return rowsToEmpty() == 0;
    }

    public boolean allowed() {
        return kept != null && check.matches();
    }
}
