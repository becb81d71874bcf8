package fr.esup.podmigrate.v2;


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

    /** Tables counted by one query: a UNION ALL of counts costs one round trip instead of one per table. */
    private static final int COUNTS_PER_QUERY = 100;

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

    /** The exact row count of each table, sorted by table. */
    public static Map<String, Long> rowCounts(JdbcClient db, Collection<String> tables) {
        Map<String, Long> counts = new TreeMap<>();
        List<String> all = new ArrayList<>(tables);
        for (int from = 0; from < all.size(); from += COUNTS_PER_QUERY) {
            List<String> sql = new ArrayList<>();
            List<String> chunk = all.subList(from, Math.min(all.size(), from + COUNTS_PER_QUERY));
            for (int i = 0; i < chunk.size(); i++) {
                sql.add("SELECT " + i + ", COUNT(*) FROM " + quote(chunk.get(i)));
            }
            db.sql(String.join(" UNION ALL ", sql)).query(rs -> {
                counts.put(chunk.get(rs.getInt(1)), rs.getLong(2));
            });
        }
        return counts;
    }
}
