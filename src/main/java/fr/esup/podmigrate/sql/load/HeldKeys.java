package fr.esup.podmigrate.sql.load;

import fr.esup.podmigrate.sql.Identifiers;
import fr.esup.podmigrate.sql.script.KeysAfterRows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The server side of {@link KeysAfterRows}: a table's CREATE TABLE runs without its secondary keys and foreign keys,
 * which come back in one ALTER TABLE once its rows are in. The import's sessions check no foreign key (see
 * {@link ImportWorker#openSession}), so the rows meet the same checks either way, and the server adds the foreign
 * keys without reading the rows again.
 */
final class HeldKeys {

    private HeldKeys() {
    }

    /**
     * Adds the held keys the table lacks; none when the table is gone or has them all (its CREATE TABLE ran whole, or
     * an import stopped after adding them).
     *
     * @throws SQLException naming the table when the server refuses them
     */
    static void add(Connection connection, String table, KeysAfterRows keys) throws SQLException {
        if (!exists(connection, table)) {
            return;
        }
        String alter = addMissing(connection, table, keys.keys());
        if (alter == null) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(alter);
        } catch (SQLException e) {
            throw new SQLException("The server refused the keys of " + Identifiers.quote(table) + ", which the import"
                    + " adds once the table's rows are in: " + e.getMessage(), e.getSQLState(), e.getErrorCode(), e);
        }
    }

    /** The ALTER TABLE that adds those of the keys the table lacks, looked for by name; null when it lacks none. */
    static String addMissing(Connection connection, String table, List<KeysAfterRows.HeldKey> keys)
            throws SQLException {
        return KeysAfterRows.alterTable(Identifiers.quote(table), keys, names(connection, table, "SELECT index_name"
                        + " FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = ?"),
                names(connection, table, "SELECT constraint_name FROM information_schema.table_constraints"
                        + " WHERE table_schema = DATABASE() AND table_name = ? AND constraint_type = 'FOREIGN KEY'"));
    }

    private static Set<String> names(Connection connection, String table, String query) throws SQLException {
        Set<String> names = new HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, table);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        return names;
    }

    private static boolean exists(Connection connection, String table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM information_schema.tables"
                + " WHERE table_schema = DATABASE() AND table_name = ?")) {
            statement.setString(1, table);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }
}
