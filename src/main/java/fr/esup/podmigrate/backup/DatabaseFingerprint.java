package fr.esup.podmigrate.backup;

import fr.esup.podmigrate.sql.TableRows;
import fr.esup.podmigrate.v2.TableQueries;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a database holds, table by table: its exact row count and {@code CHECKSUM TABLE}, all read in one
 * consistent snapshot. Equal fingerprints mean the data did not change in between: a backup verified at the
 * first one restores the second.
 */
public record DatabaseFingerprint(SortedMap<String, TableState> tables) {

    /** A table's exact row count and checksum. */
    public record TableState(long rows, long checksum) {
    }

    public DatabaseFingerprint {
        tables = Collections.unmodifiableSortedMap(new TreeMap<>(tables));
    }

    /** Reads the fingerprint of the connection's current database (InnoDB's CHECKSUM TABLE reads the snapshot too). */
    public static DatabaseFingerprint read(Connection connection) throws SQLException {
        int isolation = connection.getTransactionIsolation();
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        SortedMap<String, TableState> tables = new TreeMap<>();
        try (Statement statement = connection.createStatement()) {
            statement.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
            try {
                List<String> names = TableQueries.names(connection);
                Map<String, Long> rows = TableRows.counts(statement, names);
                Map<String, Long> checksums = TableRows.checksums(statement, names);
                for (String table : names) {
                    tables.put(table, new TableState(rows.get(table), checksums.get(table)));
                }
            } finally {
                statement.execute("COMMIT");
            }
        } finally {
            connection.setTransactionIsolation(isolation);
        }
        return new DatabaseFingerprint(tables);
    }

    public long rows() {
        return tables.values().stream().mapToLong(TableState::rows).sum();
    }

    /** The tables whose rows or checksum differ, or that only one of the two fingerprints has, in name order. */
    public List<String> differences(DatabaseFingerprint other) {
        TreeSet<String> names = new TreeSet<>(tables.keySet());
        names.addAll(other.tables.keySet());
        List<String> different = new ArrayList<>();
        for (String name : names) {
            if (!Objects.equals(tables.get(name), other.tables.get(name))) {
                different.add(name);
            }
        }
        return different;
    }
}
