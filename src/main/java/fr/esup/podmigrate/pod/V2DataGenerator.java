package fr.esup.podmigrate.pod;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Fills an empty database with a realistic Esup-Pod 2.9.x site: the blank schema and Pod's own rows, then
 * users, channels, videos and everything that hangs off them, including what breaks naive migrations
 * (4-byte UTF-8, quotes and backslashes, huge descriptions, NULLs, Dutch translations, a channel on two sites
 * and one on none, rows whose foreign keys point nowhere).
 *
 * <p>{@code scale} is the number of videos; every other table grows with it. The same seed gives the same rows.
 */
public final class V2DataGenerator {

    /** About a million rows: the benchmark's database. */
    public static final int BENCH_SCALE = 36_000;

    private static final String SECOND_SITE_DOMAIN = "pod-formation.univ-exemple.fr";

    private V2DataGenerator() {
    }

    /**
     * Loads the blank {@code version} schema into the connection's database, which must be empty, and fills it
     * with {@code scale} videos and what goes with them.
     */
    public static GeneratedRows generate(Connection connection, PodVersion version, int scale, long seed)
            throws SQLException {
        if (!version.isV2()) {
            throw new IllegalArgumentException("The generator fills Pod v2 databases, not " + version);
        }
        if (scale < 1) {
            throw new IllegalArgumentException("scale is a number of videos, at least 1: " + scale);
        }
        try (Statement statement = connection.createStatement()) {
            try (ResultSet tables = statement.executeQuery("SELECT COUNT(*) FROM information_schema.tables"
                    + " WHERE table_schema = DATABASE()")) {
                tables.next();
                if (tables.getLong(1) > 0) {
                    throw new IllegalStateException("The generator fills an empty database; this one has tables");
                }
            }
            PodSchemas.loadBlank(version, connection);
            int foreignKeyChecks;
            int uniqueChecks;
            String sqlMode;
            try (ResultSet saved = statement.executeQuery(
                    "SELECT @@SESSION.foreign_key_checks, @@SESSION.unique_checks, @@SESSION.sql_mode")) {
                saved.next();
                foreignKeyChecks = saved.getInt(1);
                uniqueChecks = saved.getInt(2);
                sqlMode = saved.getString(3);
            }
            // The rows are consistent by construction except the deliberately broken ones; the literals assume
            // backslash escapes.
            statement.execute("SET SESSION foreign_key_checks = 0, unique_checks = 1,"
                    + " sql_mode = 'STRICT_TRANS_TABLES,NO_ENGINE_SUBSTITUTION'");
            try {
                return fill(statement, version, scale, seed);
            } finally {
                try (PreparedStatement restore = connection.prepareStatement(
                        "SET SESSION foreign_key_checks = ?, unique_checks = ?, sql_mode = ?")) {
                    restore.setInt(1, foreignKeyChecks);
                    restore.setInt(2, uniqueChecks);
                    restore.setString(3, sqlMode);
                    restore.execute();
                }
            }
        }
    }

    /**
     * Generates a sample database from the command line: {@code <jdbc-url of an empty database> [2.9.1|2.9.3]
     * [scale] [seed]}. The URL carries the credentials ({@code ?user=...&password=...}).
     */
    public static void main(String[] args) throws SQLException {
        if (args.length < 1) {
            System.err.println("usage: V2DataGenerator <jdbc:mariadb://host:port/empty_db?user=...> [2.9.1|2.9.3]"
                    + " [scale, default " + BENCH_SCALE + "] [seed, default 1]");
            System.exit(2);
        }
        PodVersion version = PodVersion.of(args.length > 1 ? args[1] : "2.9.1");
        int scale = args.length > 2 ? Integer.parseInt(args[2]) : BENCH_SCALE;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 1;
        long start = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(args[0])) {
            GeneratedRows rows = generate(connection, version, scale, seed);
            rows.perTable().forEach((table, count) -> System.out.printf("%-45s %,10d%n", table, count));
            System.out.printf("%,d rows in %.1f s%n", rows.total(), (System.nanoTime() - start) / 1e9);
        }
    }

    private static GeneratedRows fill(Statement statement, PodVersion version, int scale, long seed)
            throws SQLException {
        int videoContentType;
        try (ResultSet ct = statement.executeQuery(
                "SELECT id FROM django_content_type WHERE app_label = 'video' AND model = 'video'")) {
            ct.next();
            videoContentType = ct.getInt(1);
        }
        V2Site site = new V2Site(statement, version, scale, seed, videoContentType);
        statement.executeUpdate("UPDATE django_site SET domain = 'pod.univ-exemple.fr', name = 'Pod Université'"
                + " WHERE id = " + PodMigrationRules.DEFAULT_SITE_ID);
        site.table("django_site", 1, "domain", "name").row(SECOND_SITE_DOMAIN, "Pod Formation");
        new V2People(site).write();
        new V2Catalog(site).write();
        new V2Videos(site).write();
        new V2Live(site).write();
        return site.finish();
    }
}
