package fr.esup.podmigrate.sql.load;

import fr.esup.podmigrate.sql.TableRows;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Rows the tables of the connection's database hold, counted by the server with {@code COUNT(*)}. */
final class ServerCounts {

    private ServerCounts() {
    }

    /** Every base table's rows. */
    static Map<String, Long> all(Connection connection) throws SQLException {
        return of(connection, baseTables(connection));
    }

    /** The rows of those of these tables that exist as base tables; the others are left out. */
    static Map<String, Long> of(Connection connection, Collection<String> tables) throws SQLException {
        Set<String> present = new HashSet<>(baseTables(connection));
        try (Statement statement = connection.createStatement()) {
            return TableRows.counts(statement, tables.stream().filter(present::contains).distinct().toList());
        }
    }

    /**
     * Whether a statement on a table of the connection's database can write no other table of it: no trigger, no
     * view, no stored function of the database (a script may call no other database's), no table of an engine that
     * stores its rows elsewhere (MERGE, FEDERATED, CONNECT, SPIDER...). Then a table no statement is left for holds
     * what it will hold at the end.
     */
    static boolean writesStayInTheirTables(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet others = statement.executeQuery("SELECT"
                     + " (SELECT COUNT(*) FROM information_schema.triggers WHERE trigger_schema = DATABASE())"
                     + " + (SELECT COUNT(*) FROM information_schema.views WHERE table_schema = DATABASE())"
                     + " + (SELECT COUNT(*) FROM information_schema.routines"
                     + "    WHERE routine_schema = DATABASE() AND routine_type = 'FUNCTION')"
                     + " + (SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()"
                     + "    AND table_type = 'BASE TABLE' AND engine NOT IN ('InnoDB', 'Aria', 'MyISAM', 'MEMORY'))")) {
            return others.next() && others.getLong(1) == 0;
        }
    }

    private static List<String> baseTables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT table_name FROM information_schema.tables"
                     + " WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }
}
