package fr.esup.podmigrate.sql;

import fr.esup.podmigrate.sql.Identifiers;
import fr.esup.podmigrate.sql.dump.DumpOptions;
import fr.esup.podmigrate.sql.dump.DumpWriter;
import fr.esup.podmigrate.testsupport.TestServer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.mariadb.jdbc.MariaDbDataSource;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The databases and script files a dump or import test creates, and the {@code mariadb} clients it checks them with.
 * A JUnit extension, registered on a field with {@code @RegisterExtension}: after each test it drops the databases
 * and deletes the files.
 */
public final class DumpWriterFixture implements BeforeEachCallback, AfterEachCallback {

    public static final String TRICKY_TEXT = "it's \"q\" \\ back \0 nul \r\n crlf \u001a sub 😀 end";
    public static final String EMOJI_TEXT = "Ünïcödé 😀🎉 'q' \\";
    private static final String JSON = "{\"k\": \"v\\\"q\", \"e\": \"😀\", \"n\": [1, 2.5]}";

    private final TestServer server = TestServer.get();
    private final List<String> databases = new ArrayList<>();
    private Path directory;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        directory = Files.createTempDirectory("pod-migrate-fixture");
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        databases.forEach(server::dropDatabase);
        databases.clear();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    public String createDatabase(String label) {
        String name = server.createDatabase(label);
        databases.add(name);
        return name;
    }

    /**
     * Creates table {@code tricky}: every kind of value a Pod database holds (quotes, backslashes, NUL, emoji, a
     * megabyte of text, binary with all 256 byte values, NULL, zero dates, decimal(30,10), bit(7), JSON...), 503 rows.
     */
    public void createTrickyTable(String database) throws SQLException {
        byte[] randomMegabyte = new byte[1024 * 1024];
        new Random(42).nextBytes(randomMegabyte);
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            // Zero dates need a session without NO_ZERO_DATE; a non-UTC zone checks that TIMESTAMPs travel as UTC.
            statement.execute("SET SESSION sql_mode = '', time_zone = '+02:00'");
            statement.execute("""
                    CREATE TABLE tricky (
                      id int NOT NULL AUTO_INCREMENT PRIMARY KEY,
                      txt longtext, vc varchar(255), bin_all blob, vb varbinary(16), bin4 binary(4),
                      zd date, zdt datetime, dec30 decimal(30,10), b7 bit(7), js json, dbl double, flt float,
                      flag tinyint(1), ubig bigint unsigned, ts timestamp NULL, ts6 timestamp(6) NULL,
                      tm time, tm3 time(3), yr year, en enum('a','b'), st set('x','y'),
                      doubled int AS (id * 2) VIRTUAL
                    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""");
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO tricky (txt, vc, bin_all, js, vb, bin4, zd, zdt, dec30, b7, dbl, flt, flag, ubig,
                      ts, ts6, tm, tm3, yr, en, st)
                    VALUES (?, ?, ?, ?, '', 0x00010203, '0000-00-00', '0000-00-00 00:00:00',
                      -12345678901234567890.0123456789, b'1010101', -2.2250738585072014e-308, 3.25, -1,
                      18446744073709551615, '2024-03-31 02:30:00', '2024-01-02 03:04:05.123456',
                      '-838:59:59', '-00:00:01.500', 2024, 'b', 'x,y')""")) {
                insert.setString(1, TRICKY_TEXT);
                insert.setString(2, EMOJI_TEXT);
                insert.setBytes(3, allByteValues());
                insert.setString(4, JSON);
                insert.executeUpdate();
                insert.setString(1, "abc'\\\n".repeat(180_000) + "😀");
                insert.setBytes(3, randomMegabyte);
                insert.executeUpdate();
            }
            statement.execute("INSERT INTO tricky () VALUES ()");
            statement.execute("""
                    INSERT INTO tricky (vc, dbl, flt, flag, ubig, zdt, ts)
                    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500)
                    SELECT CONCAT('row ', i), i * 1.1e-3, i * 0.5, i % 2, i * 1000000007,
                      '2020-01-01 00:00:00' + INTERVAL i MINUTE, '2021-06-01 00:00:00' + INTERVAL i HOUR FROM n""");
        }
    }

    public static byte[] allByteValues() {
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    /** Runs statements in one session of {@code database}, so that a leading {@code SET SESSION} applies to the rest. */
    public void execute(String database, String... sql) throws SQLException {
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement()) {
            for (String s : sql) {
                statement.execute(s);
            }
        }
    }

    public Connection connect(String database) throws SQLException {
        return server.connect(database);
    }

    /** Opens connections to the database, as an importer's target or a dump's source. */
    public ConnectionFactory factory(String database) {
        return () -> server.connect(database);
    }

    public ConnectionFactory factory(String database, String user, String password) {
        return () -> DriverManager.getConnection(server.jdbcUrl(database), user, password);
    }

    /** Each base table with its row count and CHECKSUM TABLE, then the triggers, routines and views. */
    public List<String> snapshot(String database) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement()) {
            for (String table : column(statement, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = '"
                    + database + "' AND TABLE_TYPE = 'BASE TABLE' ORDER BY 1")) {
                String quoted = Identifiers.quote(table);
                lines.add("table " + table + " rows=" + column(statement, "SELECT COUNT(*) FROM " + quoted).get(0)
                        + " checksum=" + column(statement, "CHECKSUM TABLE " + quoted, 2).get(0));
            }
            lines.addAll(column(statement, "SELECT CONCAT_WS(' | ', TRIGGER_NAME, EVENT_OBJECT_TABLE, ACTION_STATEMENT)"
                    + " FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = '" + database + "' ORDER BY 1"));
            lines.addAll(column(statement, "SELECT CONCAT_WS(' | ', ROUTINE_NAME, ROUTINE_DEFINITION)"
                    + " FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = '" + database + "' ORDER BY 1"));
            lines.addAll(column(statement, "SELECT CONCAT_WS(' | ', TABLE_NAME, REPLACE(VIEW_DEFINITION, '" + database
                    + "', '<db>')) FROM information_schema.VIEWS WHERE TABLE_SCHEMA = '" + database + "' ORDER BY 1"));
        }
        return lines;
    }

    private static List<String> column(Statement statement, String sql) throws SQLException {
        return column(statement, sql, 1);
    }

    private static List<String> column(Statement statement, String sql, int index) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(index));
            }
        }
        return values;
    }

    public DataSource dataSource(String database) throws SQLException {
        MariaDbDataSource dataSource = new MariaDbDataSource(server.jdbcUrl(database));
        dataSource.setUser(server.user());
        dataSource.setPassword(server.password());
        return dataSource;
    }

    /** The dump without the time it completed at, the only line that differs between two dumps of the same data. */
    public static String withoutCompletionLine(String dump) {
        return dump.substring(0, dump.lastIndexOf("-- Dump completed on "));
    }

    public String dump(String database, DumpOptions options) throws SQLException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Connection connection = server.connect(database)) {
            new DumpWriter(options).write(connection, out);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    public Path dumpToFile(String database, DumpOptions options, String fileName) throws SQLException, IOException {
        Path file = directory.resolve(fileName);
        try (Connection connection = server.connect(database)) {
            new DumpWriter(options).write(connection, file);
        }
        return file;
    }

    public Path write(String script, String fileName) throws IOException {
        return Files.writeString(directory.resolve(fileName), script, StandardCharsets.UTF_8);
    }

    /** Imports {@code script} with the {@code mariadb} client into {@code database} (none: the script's USE decides). */
    public ClientRun importWithClient(String database, Path script) throws IOException, InterruptedException {
        List<String> command = clientCommand(server.clientBinary());
        if (database != null) {
            command.add(database);
        }
        return run(new ProcessBuilder(command).redirectInput(script.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD));
    }

    public void assertImports(String database, Path script) throws IOException, InterruptedException {
        ClientRun run = importWithClient(database, script);
        assertThat(run.exitCode()).as("mariadb client: %s", run.stderr()).isZero();
    }

    public Path mariadbDump(String database, String table, String fileName) throws IOException, InterruptedException {
        return mariadbDumpWith(fileName, database, table);
    }

    /** Dumps with {@code mariadb-dump}, its arguments (options, database, tables) after the connection's. */
    public Path mariadbDumpWith(String fileName, String... arguments) throws IOException, InterruptedException {
        Path file = directory.resolve(fileName);
        List<String> command = clientCommand(server.dumpBinary());
        command.addAll(List.of(arguments));
        ClientRun run = run(new ProcessBuilder(command).redirectOutput(file.toFile()));
        assertThat(run.exitCode()).as("mariadb-dump: %s", run.stderr()).isZero();
        return file;
    }

    public long checksum(String database, String table) throws SQLException {
        return queryLong(database, "CHECKSUM TABLE " + Identifiers.quote(table), 2);
    }

    /** A counter of the server's {@code SHOW GLOBAL STATUS}, such as {@code Com_load}, read from {@code database}. */
    public long globalStatus(String database, String name) throws SQLException {
        try (Connection connection = connect(database); Statement statement = connection.createStatement();
             ResultSet status = statement.executeQuery("SHOW GLOBAL STATUS LIKE '" + name + "'")) {
            return status.next() ? status.getLong(2) : 0;
        }
    }

    public long count(String database, String table) throws SQLException {
        return queryLong(database, "SELECT COUNT(*) FROM " + Identifiers.quote(table), 1);
    }

    public String queryString(String database, String sql) throws SQLException {
        return queryString(database, sql, 1);
    }

    /** The table's CREATE TABLE statement, as SHOW CREATE TABLE gives it (its second column). */
    public String showCreateTable(String database, String table) throws SQLException {
        return queryString(database, "SHOW CREATE TABLE " + Identifiers.quote(table), 2);
    }

    private String queryString(String database, String sql, int column) throws SQLException {
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).as(sql).isTrue();
            return rows.getString(column);
        }
    }

    private long queryLong(String database, String sql, int column) throws SQLException {
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).as(sql).isTrue();
            return rows.getLong(column);
        }
    }

    public void assertSameTable(String sourceDatabase, String sourceTable, String targetDatabase, String targetTable)
            throws SQLException {
        assertThat(count(targetDatabase, targetTable)).as("rows of %s", targetTable)
                .isEqualTo(count(sourceDatabase, sourceTable));
        assertThat(checksum(targetDatabase, targetTable)).as("checksum of %s", targetTable)
                .isEqualTo(checksum(sourceDatabase, sourceTable));
    }

    private List<String> clientCommand(String binary) {
        List<String> command = new ArrayList<>(List.of(binary, "--no-defaults", "--skip-ssl",
                "-h", server.host(), "-P", String.valueOf(server.port()), "-u", server.user()));
        if (!server.password().isEmpty()) {
            command.add("--password=" + server.password());
        }
        command.add("--default-character-set=utf8mb4");
        return command;
    }

    private ClientRun run(ProcessBuilder builder) throws IOException, InterruptedException {
        Path stderr = Files.createTempFile(directory, "client", ".err");
        Process process = builder.redirectError(stderr.toFile()).start();
        int exitCode = process.waitFor();
        return new ClientRun(exitCode, Files.readString(stderr));
    }

    public record ClientRun(int exitCode, String stderr) {
    }
}
