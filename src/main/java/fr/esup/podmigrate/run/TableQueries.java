package fr.esup.podmigrate.run;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

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

    /** A table or column name as MariaDB reads it whatever it holds. */
    public static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    /** The base tables of the connection's database, sorted. */
    public static Set<String> tables(JdbcClient db) {
        return new TreeSet<>(db.sql("SELECT table_name FROM information_schema.tables"
                + " WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'").query(String.class).list());
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
