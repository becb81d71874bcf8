package fr.esup.podmigrate.v2;

import fr.esup.podmigrate.sql.TableRows;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static fr.esup.podmigrate.sql.Identifiers.quote;

/** The queries the steps after the import run on the run's databases, whose tables they learn at run time. */
public final class TableQueries {

    private TableQueries() {
    }

    /** A client on an open connection, which stays the caller's to close (and to commit). */
    public static JdbcClient on(Connection connection) {
        return JdbcClient.create(new SingleConnectionDataSource(connection, true));
    }

    /** The base tables of the connection's database, sorted. */
    public static Set<String> tables(JdbcClient db) {
        return new TreeSet<>(db.sql("SELECT table_name FROM information_schema.tables"
                + " WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'").query(String.class).list());
    }

    /** The base table names of the connection's database, in name order (views are never data). */
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

    /** The exact row count of each table, sorted by table (see {@link TableRows#counts}). */
    public static Map<String, Long> rowCounts(JdbcClient db, Collection<String> tables) {
        Map<String, Long> counts = new TreeMap<>();
        for (List<String> chunk : TableRows.chunks(List.copyOf(tables))) {
            db.sql(TableRows.countsQuery(chunk)).query(rs -> {
                counts.put(chunk.get(rs.getInt(1)), rs.getLong(2));
            });
        }
        return counts;
    }
}
