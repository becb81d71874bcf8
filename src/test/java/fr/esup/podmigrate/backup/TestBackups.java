package fr.esup.podmigrate.backup;

import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.config.Workspace;
import fr.esup.podmigrate.pod.PodTestDatabase;
import fr.esup.podmigrate.sql.Identifiers;
import fr.esup.podmigrate.testsupport.TestServer;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Backups taken the way the backup step takes them, for the tests of the steps that need one; and what they compare. */
public final class TestBackups {

    private TestBackups() {
    }

    /** The test server's database {@code name} as the console sees a target. */
    public static DatabaseEndpoint endpoint(String name) {
        TestServer server = TestServer.get();
        return new DatabaseEndpoint(server.jdbcUrl(name), server.user(), server.password(), "test");
    }

    /** Takes and verifies a backup of {@code endpoint} into the workspace. */
    public static Backup take(Workspace workspace, DatabaseEndpoint endpoint) throws Exception {
        return new BackupTaker(new Backups(workspace)).take(endpoint, "alice", Backup.Kind.REQUESTED, new RecordingContext());
    }

    /** {@code CHECKSUM TABLE} of every base table, read here rather than through the console's fingerprint. */
    public static Map<String, Long> checksums(Connection connection) throws SQLException {
        Map<String, Long> checksums = new TreeMap<>();
        try (Statement statement = connection.createStatement()) {
            for (String table : strings(statement, "SHOW FULL TABLES WHERE Table_type = 'BASE TABLE'")) {
                try (ResultSet rows = statement.executeQuery("CHECKSUM TABLE " + Identifiers.quote(table))) {
                    rows.next();
                    checksums.put(table, rows.getLong(2));
                }
            }
        }
        return checksums;
    }

    /** Every row in first-column order, each value as text and binary values as hex: a byte-for-byte comparison. */
    public static List<String> rows(Connection connection, String table) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT * FROM " + Identifiers.quote(table) + " ORDER BY 1")) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    Object value = result.getObject(i);
                    row.append(value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : String.valueOf(value)).append('|');
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    /** Runs statements in one session of the database, so that a SET applies to the ones after it. */
    public static void execute(PodTestDatabase db, String... sql) {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String one : sql) {
                s.execute(one);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static long count(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM " + Identifiers.quote(table))) {
            result.next();
            return result.getLong(1);
        }
    }

    private static List<String> strings(Statement statement, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
