package fr.esup.podmigrate.sql.script;

import fr.esup.podmigrate.sql.Identifiers;
import fr.esup.podmigrate.testsupport.TestFiles;
import fr.esup.podmigrate.testsupport.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Each script goes into one fresh database through the real {@code mariadb} client and into another through
 * StatementReader and plain JDBC: the client must have sent the same statements, and both databases must end
 * up alike (tables, row counts, CHECKSUM TABLE, triggers, routines, views).
 */
public class StatementReaderFidelityIT {

    private static final String SEPARATOR = "--------------";

    private final TestServer server = TestServer.get();
    private final List<String> databases = new ArrayList<>();

    @AfterEach
    void dropDatabases() {
        databases.forEach(server::dropDatabase);
    }

    public static Stream<String> corpus() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(corpusFolder())) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".sql")).sorted()
                    .toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void importsACorpusScriptAsTheClientDoes(String name) throws Exception {
        Path script = corpusFolder().resolve(name);
        assertImportsAlike(script, script);
    }

    @Test
    void importsAGzippedDumpOfThisServerAsTheClientImportsItPlain(@TempDir Path dir) throws Exception {
        String source = createDatabase("fid_source");
        fillWithTrickyData(source);
        Path dump = dir.resolve("dump.sql");
        dump(source, dump);
        Path gzipped = TestFiles.gzipped(dump);

        String viaReader = assertImportsAlike(dump, gzipped);

        assertThat(tableSnapshot(viaReader)).isEqualTo(tableSnapshot(source));
        try (StatementReader reader = StatementReader.open(gzipped)) {
            while (reader.next() != null) {
                assertThat(reader.bytesRead()).isLessThanOrEqualTo(Files.size(gzipped));
            }
            boolean sandboxed = Files.readString(dump, StandardCharsets.ISO_8859_1).contains("enable the sandbox mode");
            assertThat(reader.sandboxCommands()).isEqualTo(sandboxed ? 1 : 0);
        }
    }

    /** Runs the script through the client and through the reader; returns the reader's database. */
    private String assertImportsAlike(Path forClient, Path forReader) throws Exception {
        String viaClient = createDatabase("fid_client");
        String viaReader = createDatabase("fid_reader");
        List<String> sent = runClient(forClient, viaClient);
        List<SqlStatement> read = runReader(forReader, viaReader);

        assertThat(read).hasSameSizeAs(sent);
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            String ours = new String(read.get(i).text().getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
            // raw BLOB bytes are the one thing the reader sends otherwise: as a hex literal
            if (!ours.equals(sent.get(i)) && isUtf8(sent.get(i))) {
                differences.add("line " + read.get(i).line() + "\n client: " + sent.get(i) + "\n reader: " + ours);
            }
        }
        assertThat(differences).isEmpty();
        List<String> expected = snapshot(viaClient);
        assertThat(expected).anyMatch(line -> line.startsWith("table ") && !line.contains(" rows=0 "));
        assertThat(snapshot(viaReader)).isEqualTo(expected);
        return viaReader;
    }

    /** The statements the client sent, as it echoes them with -vvv (bytes kept as ISO-8859-1 characters). */
    private List<String> runClient(Path script, String database) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(server.clientBinary(), "--no-defaults", "--skip-ssl",
                "-h", server.host(), "-P", String.valueOf(server.port()), "-u", server.user()));
        if (!server.password().isEmpty()) {
            command.add("--password=" + server.password());
        }
        command.addAll(List.of("--default-character-set=utf8mb4", "-vvv", database));
        Process client = new ProcessBuilder(command).redirectInput(script.toFile()).redirectErrorStream(true).start();
        String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertThat(client.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(client.exitValue()).as(output).isZero();

        List<String> sent = new ArrayList<>();
        StringBuilder statement = null;
        for (String line : output.split("\n", -1)) {
            if (line.equals(SEPARATOR)) {
                if (statement == null) {
                    statement = new StringBuilder();
                } else {
                    // the client prepends the sandbox line's comment to the next statement; the reader drops it
                    sent.add(statement.toString().strip()
                            .replaceFirst("^/\\*M?!999999 enable the sandbox mode \\*/\\s*", ""));
                    statement = null;
                }
            } else if (statement != null) {
                statement.append(statement.isEmpty() ? "" : "\n").append(line);
            }
        }
        return sent;
    }

    private List<SqlStatement> runReader(Path script, String database) throws IOException, SQLException {
        List<SqlStatement> read = new ArrayList<>();
        try (StatementReader reader = StatementReader.open(script);
             Connection connection = server.connect(database);
             Statement statement = connection.createStatement()) {
            statement.setEscapeProcessing(false);
            for (SqlStatement s = reader.next(); s != null; s = reader.next()) {
                try {
                    statement.execute(s.text());
                } catch (SQLException e) {
                    fail("Line " + s.line() + " failed: " + e.getMessage() + "\n" + s.text());
                }
                read.add(s);
            }
        }
        return read;
    }

    /** Tables with their row counts and checksums, then triggers, routines and views. */
    private List<String> snapshot(String database) throws SQLException {
        List<String> lines = tableSnapshot(database);
        try (Connection c = server.connect(database)) {
            lines.addAll(rows(c, "SELECT TRIGGER_NAME, EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, "
                    + "ACTION_STATEMENT FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ? ORDER BY 1", database));
            lines.addAll(rows(c, "SELECT ROUTINE_NAME, ROUTINE_TYPE, ROUTINE_DEFINITION FROM information_schema.ROUTINES"
                    + " WHERE ROUTINE_SCHEMA = ? ORDER BY 1", database));
            lines.addAll(rows(c, "SELECT TABLE_NAME, VIEW_DEFINITION FROM information_schema.VIEWS"
                    + " WHERE TABLE_SCHEMA = ? ORDER BY 1", database));
        }
        return lines;
    }

    private List<String> tableSnapshot(String database) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection c = server.connect(database); Statement s = c.createStatement()) {
            for (String table : rows(c, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?"
                    + " AND TABLE_TYPE = 'BASE TABLE' ORDER BY 1", database)) {
                String quoted = Identifiers.quote(table);
                try (ResultSet count = s.executeQuery("SELECT COUNT(*) FROM " + quoted)) {
                    count.next();
                    lines.add("table " + table + " rows=" + count.getLong(1) + " ");
                }
                try (ResultSet checksum = s.executeQuery("CHECKSUM TABLE " + quoted)) {
                    checksum.next();
                    lines.set(lines.size() - 1, lines.get(lines.size() - 1) + "checksum=" + checksum.getString(2));
                }
            }
        }
        return lines;
    }

    private static List<String> rows(Connection c, String sql, String database) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (PreparedStatement query = c.prepareStatement(sql)) {
            query.setString(1, database);
            try (ResultSet rs = query.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= columns; i++) {
                        row.append(i > 1 ? " | " : "").append(Objects.toString(rs.getString(i), "NULL")
                                .replace(database, "<db>"));
                    }
                    rows.add(row.toString());
                }
            }
        }
        return rows;
    }

    private void fillWithTrickyData(String database) throws SQLException {
        byte[] everyByte = new byte[256];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = (byte) i;
        }
        String[] titles = {"semi;colon", "it's", "say \"hi\"", "back\\slash", "-- dash dash", "/* block */", "# hash",
                "line\r\nbreak", "é€😀 日本語", "DELIMITER ;;", "nul\0byte", "'); DROP TABLE video; --", "\\g \\c",
                "/*!40101 not executable */", "`backtick`"};
        try (Connection c = server.connect(database); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE video (id INT PRIMARY KEY AUTO_INCREMENT, title VARCHAR(250),"
                    + " description LONGTEXT, thumbnail LONGBLOB, created DATETIME(6), duration DOUBLE)");
            s.execute("CREATE TABLE `weird;name` (`co``l` VARCHAR(20), `n--` INT)");
            s.execute("INSERT INTO `weird;name` VALUES ('a;b', 1), (NULL, NULL)");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO video (title, description, thumbnail,"
                    + " created, duration) VALUES (?, ?, ?, '2024-09-02 10:12:13.456789', ?)")) {
                for (int i = 0; i < 3000; i++) {
                    insert.setString(1, titles[i % titles.length]);
                    insert.setString(2, (titles[(i * 7) % titles.length] + "\n").repeat(1 + i % 20));
                    insert.setBytes(3, i % 3 == 0 ? null : everyByte);
                    insert.setDouble(4, i / 7.0);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            s.execute("CREATE TABLE video_log (id INT PRIMARY KEY AUTO_INCREMENT, message VARCHAR(100))");
            s.execute("CREATE TRIGGER video_ai AFTER INSERT ON video FOR EACH ROW"
                    + " INSERT INTO video_log (message) VALUES (CONCAT('added;', NEW.id))");
            s.execute("CREATE PROCEDURE count_videos(OUT n INT) BEGIN SELECT COUNT(*) INTO n FROM video;"
                    + " SET n = n + 0; END");
            s.execute("CREATE VIEW video_titles AS SELECT id, title FROM video WHERE title <> ';'");
        }
    }

    private void dump(String database, Path file) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(server.dumpBinary(), "--no-defaults", "--skip-ssl",
                "-h", server.host(), "-P", String.valueOf(server.port()), "-u", server.user()));
        if (!server.password().isEmpty()) {
            command.add("--password=" + server.password());
        }
        command.addAll(List.of("--default-character-set=utf8mb4", "--routines", "--triggers",
                "--net-buffer-length=16384", "--result-file=" + file, database));
        Process dump = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(dump.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(dump.exitValue()).as(output).isZero();
    }

    private String createDatabase(String label) {
        String name = server.createDatabase(label);
        databases.add(name);
        return name;
    }

    private static boolean isUtf8(String latin1View) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .decode(ByteBuffer.wrap(latin1View.getBytes(StandardCharsets.ISO_8859_1)));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    public static Path corpusFolder() throws URISyntaxException {
        return Path.of(Objects.requireNonNull(StatementReaderFidelityIT.class.getResource("/sql/corpus")).toURI());
    }
}
