package fr.esup.podmigrate.backup;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The base tables of a connection's current database, as the backup, restore and wipe see them (views are never data). */
public final class LiveTables {

    private LiveTables() {
    }

    /** The base table names, in name order. */
    public static List<String> names(Connection connection) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT TABLE_NAME FROM information_schema.TABLES"
                     + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    /** The exact row count: information_schema's TABLE_ROWS is only an estimate for InnoDB. */
    public static long rows(Statement statement, String table) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + quote(table))) {
            rows.next();
            return rows.getLong(1);
        }
    }

    public static String quote(String table) {
        return '`' + table.replace("`", "``") + '`';
    }
}
