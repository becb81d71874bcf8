package fr.esup.podmigrate.sql.dump;

import fr.esup.podmigrate.sql.DumpWriterFixture;
import fr.esup.podmigrate.sql.dump.DumpOptions.InsertMode;
import fr.esup.podmigrate.sql.dump.DumpOptions.Structure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;

import static fr.esup.podmigrate.sql.DumpWriterFixture.withoutCompletionLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each option of the dump writer, by what it writes and by what the {@code mariadb} client makes of it. */
class DumpWriterOptionsIT {

    private static final List<String> TABLES = List.of("child", "django_migrations", "parent", "video_encodingvideo");
    private static final String PARENT_TABLE = """
            CREATE TABLE parent (id int NOT NULL AUTO_INCREMENT PRIMARY KEY, name varchar(50) NOT NULL)
            ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""";

    @TempDir
    Path directory;
    @RegisterExtension
    final DumpWriterFixture fixture = new DumpWriterFixture();
    private String source;

    @BeforeEach
    void createPodLikeSource() throws Exception {
        source = fixture.createDatabase("options");
        fixture.execute(source, PARENT_TABLE, """
                CREATE TABLE child (id int NOT NULL AUTO_INCREMENT PRIMARY KEY, parent_id int NOT NULL, note text,
                  CONSTRAINT child_parent FOREIGN KEY (parent_id) REFERENCES parent (id)) ENGINE=InnoDB""",
                "CREATE TABLE django_migrations (id int NOT NULL AUTO_INCREMENT PRIMARY KEY, app varchar(255))",
                "CREATE TABLE video_encodingvideo (id int NOT NULL AUTO_INCREMENT PRIMARY KEY, video_id int)",
                "CREATE VIEW parent_names AS SELECT name FROM parent",
                "INSERT INTO parent (name) VALUES ('a'), ('b'), ('c')",
                "INSERT INTO child (parent_id, note) VALUES (1, 'x'), (2, 'y'), (3, 'z'), (1, 'w')",
                "INSERT INTO django_migrations (app) VALUES ('video')",
                "INSERT INTO video_encodingvideo (video_id) VALUES (10), (11)");
    }

    @Test
    void defaultsDumpEveryBaseTableInNameOrderWithHeaderAndFooter() throws Exception {
        String dump = dump(DumpOptions.builder());

        assertThat(dump).contains(
                "/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;",
                "/*!40101 SET NAMES utf8mb4 */;",
                "/*!40103 SET TIME_ZONE='+00:00' */;",
                "/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;",
                "/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;",
                "/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;",
                "/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;",
                "/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;",
                "-- Dump completed on ");
        assertThat(dump).containsSubsequence(TABLES.stream().map(t -> "CREATE TABLE `" + t + "`").toList());
        assertThat(dump).contains("DROP TABLE IF EXISTS `parent`;\nCREATE TABLE `parent`",
                "INSERT INTO `parent` (`id`,`name`) VALUES (1,'a'),(2,'b'),(3,'c');\n");
        assertThat(dump).doesNotContain("parent_names", "USE ", "TRUNCATE", "INSERT IGNORE", "REPLACE", "UNIQUE_CHECKS");

        String target = importIntoNewDatabase(dump);
        for (String table : TABLES) {
            fixture.assertSameTable(source, table, target, table);
        }
        assertThat(fixture.queryString(target, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"))
                .as("tables, no view").isEqualTo("4");
    }

    @Test
    void includesAndExcludesTables() throws Exception {
        String dump = dump(DumpOptions.builder()
                .includeTables("parent", "child", "video_encodingvideo")
                .excludeTables("child", "django_migrations"));

        assertThat(dump).contains("CREATE TABLE `parent`", "CREATE TABLE `video_encodingvideo`");
        assertThat(dump).doesNotContain("`child`", "django_migrations");
    }

    @Test
    void refusesAnIncludedTableThatIsNotABaseTable() {
        assertThatThrownBy(() -> dump(DumpOptions.builder().includeTables("parent_names")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parent_names");
    }

    @Test
    void structureNoneWritesDataOnly() throws Exception {
        String dump = dump(DumpOptions.builder().structure(Structure.NONE));
        String target = targetWithSourceStructure();

        assertThat(dump).doesNotContain("CREATE TABLE", "DROP TABLE");
        fixture.assertImports(target, fixture.write(dump, "data.sql"));
        fixture.assertSameTable(source, "child", target, "child");
    }

    @Test
    void createTableIfNotExistsLeavesAnExistingTableInPlace() throws Exception {
        String dump = dump(DumpOptions.builder().structure(Structure.CREATE_TABLE_IF_NOT_EXISTS).truncateBeforeInsert(true));
        String target = fixture.createDatabase("options_target");
        fixture.execute(target, PARENT_TABLE, "INSERT INTO parent VALUES (99, 'v3 row')");

        assertThat(dump).contains("CREATE TABLE IF NOT EXISTS `parent` (").doesNotContain("DROP TABLE");
        fixture.assertImports(target, fixture.write(dump, "if-not-exists.sql"));
        for (String table : TABLES) {
            fixture.assertSameTable(source, table, target, table);
        }
    }

    @Test
    void plainCreateTableFailsOnAnExistingTable() throws Exception {
        String dump = dump(DumpOptions.builder().structure(Structure.CREATE_TABLE));
        String target = targetWithSourceStructure();

        assertThat(dump).contains("CREATE TABLE `parent` (").doesNotContain("DROP TABLE");
        assertThat(fixture.importWithClient(target, fixture.write(dump, "create.sql")).stderr()).contains("already exists");
    }

    @Test
    void keepsOrStripsTheAutoIncrementTableOption() throws Exception {
        assertThat(dump(DumpOptions.builder().includeTables("parent"))).contains("AUTO_INCREMENT=4");

        String stripped = dump(DumpOptions.builder().includeTables("parent").keepAutoIncrement(false));

        assertThat(stripped).doesNotContain("AUTO_INCREMENT=").contains("`id` int(11) NOT NULL AUTO_INCREMENT,");
        String target = importIntoNewDatabase(stripped);
        fixture.assertSameTable(source, "parent", target, "parent");
    }

    @Test
    void truncateEmptiesTheTableBeforeInserting() throws Exception {
        String dump = dump(DumpOptions.builder().includeTables("parent").structure(Structure.NONE).truncateBeforeInsert(true));
        String target = targetWithSourceStructure();
        fixture.execute(target, "INSERT INTO parent VALUES (99, 'v3 row')");

        assertThat(dump).containsSubsequence("TRUNCATE TABLE `parent`;\n", "INSERT INTO `parent`");
        fixture.assertImports(target, fixture.write(dump, "truncate.sql"));
        fixture.assertSameTable(source, "parent", target, "parent");
    }

    @Test
    void insertIgnoreKeepsExistingRows() throws Exception {
        String target = importParentIntoTargetHoldingRowOne(InsertMode.INSERT_IGNORE, "INSERT IGNORE INTO `parent` (");

        assertThat(fixture.queryString(target, "SELECT name FROM parent WHERE id = 1")).isEqualTo("v3 row");
        assertThat(fixture.count(target, "parent")).isEqualTo(3);
    }

    @Test
    void replaceOverwritesExistingRows() throws Exception {
        String target = importParentIntoTargetHoldingRowOne(InsertMode.REPLACE, "REPLACE INTO `parent` (");

        fixture.assertSameTable(source, "parent", target, "parent");
    }

    private String importParentIntoTargetHoldingRowOne(InsertMode mode, String expectedStatementStart) throws Exception {
        String dump = dump(DumpOptions.builder().includeTables("parent").structure(Structure.NONE).insertMode(mode));
        String target = targetWithSourceStructure();
        fixture.execute(target, "INSERT INTO parent VALUES (1, 'v3 row')");

        assertThat(dump).contains(expectedStatementStart);
        fixture.assertImports(target, fixture.write(dump, mode + ".sql"));
        return target;
    }

    @Test
    void extendedInsertsStayUnderTheStatementCapUnlessOneRowIsLarger() throws Exception {
        fixture.execute(source, "CREATE TABLE wide (id int NOT NULL PRIMARY KEY, payload text)", """
                INSERT INTO wide
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 900)
                SELECT i, CONCAT(i, REPEAT('é', 100)) FROM n""",
                "INSERT INTO wide VALUES (1000, REPEAT('x', 10000))");
        int cap = 4096;

        String dump = dump(DumpOptions.builder().includeTables("wide").maxStatementBytes(cap));

        List<String> inserts = dump.lines().filter(line -> line.startsWith("INSERT")).toList();
        assertThat(inserts).hasSizeGreaterThan(20);
        for (String insert : inserts) {
            int bytes = insert.getBytes(StandardCharsets.UTF_8).length;
            if (insert.contains("),(")) {
                assertThat(bytes).as("statement of several rows").isLessThanOrEqualTo(cap);
            }
        }
        assertThat(inserts).last().matches(line -> line.length() > cap && line.contains("(1000,'xxx"));
        String target = importIntoNewDatabase(dump);
        fixture.assertSameTable(source, "wide", target, "wide");
    }

    @Test
    void renamesTablesInEveryStatementAndInForeignKeys() throws Exception {
        Map<String, String> renames = Map.of("video_encodingvideo", "video_encode_transcript_encodingvideo",
                "parent", "parent_v3");

        DumpOptions options = DumpOptions.builder().truncateBeforeInsert(true).tableRenames(renames).build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DumpResult result;
        try (Connection connection = fixture.connect(source)) {
            result = new DumpWriter(options).write(connection, out);
        }
        String dump = out.toString(StandardCharsets.UTF_8);

        assertThat(dump).doesNotContain("`video_encodingvideo`", "`parent`");
        assertThat(dump).contains("DROP TABLE IF EXISTS `parent_v3`;", "CREATE TABLE `parent_v3` (",
                "TRUNCATE TABLE `parent_v3`;", "INSERT INTO `parent_v3` (",
                "REFERENCES `parent_v3` (`id`)", "INSERT INTO `video_encode_transcript_encodingvideo` (");
        assertThat(result.tables()).extracting(DumpResult.TableResult::outputName)
                .containsExactly("child", "django_migrations", "parent_v3", "video_encode_transcript_encodingvideo");
        String target = importIntoNewDatabase(dump);
        fixture.assertSameTable(source, "parent", target, "parent_v3");
        fixture.assertSameTable(source, "video_encodingvideo", target, "video_encode_transcript_encodingvideo");
        assertThat(fixture.queryString(target, "SELECT REFERENCED_TABLE_NAME FROM information_schema.REFERENTIAL_CONSTRAINTS"
                + " WHERE CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME = 'child'")).isEqualTo("parent_v3");
    }

    @Test
    void useLineSelectsTheDatabaseTheClientImportsInto() throws Exception {
        String target = fixture.createDatabase("options_use");

        String dump = dump(DumpOptions.builder().includeTables("parent").useDatabase(target));

        assertThat(dump).contains("\nUSE `" + target + "`;\n");
        assertThat(fixture.importWithClient(null, fixture.write(dump, "use.sql")).exitCode()).isZero();
        fixture.assertSameTable(source, "parent", target, "parent");
    }

    @Test
    void compressesByOptionOrByFileName() throws Exception {
        DumpOptions plain = DumpOptions.builder().build();
        String expected = withoutCompletionLine(dump(DumpOptions.builder()));

        Path byName = fixture.dumpToFile(source, plain, "dump.sql.gz");
        Path byOption = fixture.dumpToFile(source, plain.toBuilder().gzip(true).build(), "dump.sql");

        assertThat(withoutCompletionLine(gunzip(byName))).isEqualTo(expected);
        assertThat(withoutCompletionLine(gunzip(byOption))).isEqualTo(expected);
        assertThat(directory.resolve("dump.sql.gz.partial")).doesNotExist();
    }

    @Test
    void reportsProgressAndWhatEachTableTook() throws Exception {
        List<DumpProgress> reports = new ArrayList<>();
        DumpOptions options = DumpOptions.builder().progress(reports::add).build();
        DumpResult result;
        try (Connection connection = fixture.connect(source)) {
            result = new DumpWriter(options).write(connection, new ByteArrayOutputStream());
        }

        assertThat(result.tables()).extracting(DumpResult.TableResult::sourceName).containsExactlyElementsOf(TABLES);
        assertThat(result.tables()).extracting(DumpResult.TableResult::rows).containsExactly(4L, 1L, 3L, 2L);
        assertThat(result.tables()).allMatch(t -> t.bytes() > 0);
        assertThat(result.tables().stream().mapToLong(DumpResult.TableResult::bytes).sum()).isLessThan(result.bytesWritten());
        assertThat(result.rowsWritten()).isEqualTo(10);
        assertThat(reports).isSortedAccordingTo((a, b) -> Long.compare(a.bytesWritten(), b.bytesWritten()));
        assertThat(reports).extracting(DumpProgress::currentTable).contains("child", "parent");
        assertThat(reports).last().isEqualTo(new DumpProgress(4, 4, null, 10, result.bytesWritten()));
    }

    @Test
    void cancellingStopsTheDumpAndLeavesNoFile() throws Exception {
        AtomicBoolean cancelled = new AtomicBoolean();
        DumpOptions options = DumpOptions.builder()
                .progress(p -> cancelled.set("parent".equals(p.currentTable())))
                .cancelled(cancelled::get)
                .build();
        Path file = directory.resolve("cancelled.sql");

        try (Connection connection = fixture.connect(source)) {
            assertThatThrownBy(() -> new DumpWriter(options).write(connection, file))
                    .isInstanceOf(CancellationException.class).hasMessageContaining("parent");
            assertThat(queryOn(connection, "SELECT COUNT(*) FROM child")).isEqualTo("4");
        }
        assertThat(directory).isEmptyDirectory();
    }

    @Test
    void interruptingTheThreadCancelsTheDump() throws Exception {
        DumpWriter writer = new DumpWriter(DumpOptions.builder().build());
        Path file = directory.resolve("interrupted.sql");

        try (Connection connection = fixture.connect(source)) {
            Thread.currentThread().interrupt();
            assertThatThrownBy(() -> writer.write(connection, file)).isInstanceOf(CancellationException.class);
        } finally {
            Thread.interrupted();
        }
        assertThat(directory).isEmptyDirectory();
    }

    @Test
    void dumpsFromADataSource() throws Exception {
        Path file = directory.resolve("from-data-source.sql");

        DumpResult result = new DumpWriter(DumpOptions.builder().includeTables("parent").build())
                .write(fixture.dataSource(source), file);

        assertThat(result.rowsWritten()).isEqualTo(3);
        assertThat(Files.readString(file)).contains("INSERT INTO `parent` (`id`,`name`) VALUES (1,'a'),(2,'b'),(3,'c');");
    }

    @Test
    void givesTheConnectionItsSessionSettingsBack() throws Exception {
        try (Connection connection = fixture.connect(source)) {
            queryOn(connection, "SET SESSION time_zone = '+05:00', sql_mode = 'ANSI_QUOTES'");
            int isolation = connection.getTransactionIsolation();

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new DumpWriter(DumpOptions.builder().includeTables("parent").build()).write(connection, out);

            assertThat(out.toString(StandardCharsets.UTF_8)).contains("CREATE TABLE `parent`");
            assertThat(queryOn(connection, "SELECT CONCAT(@@time_zone, ' ', @@sql_mode)")).isEqualTo("+05:00 ANSI_QUOTES");
            assertThat(connection.getTransactionIsolation()).isEqualTo(isolation);
        }
    }

    private String dump(DumpOptions.Builder options) throws Exception {
        return fixture.dump(source, options.build());
    }

    private String importIntoNewDatabase(String dump) throws Exception {
        String target = fixture.createDatabase("options_target");
        fixture.assertImports(target, fixture.write(dump, target + ".sql"));
        return target;
    }

    private String targetWithSourceStructure() throws Exception {
        String target = importIntoNewDatabase(dump(DumpOptions.builder()));
        for (String table : TABLES) {
            fixture.execute(target, "SET FOREIGN_KEY_CHECKS = 0", "DELETE FROM " + table);
        }
        return target;
    }

    private static String queryOn(Connection connection, String sql) throws Exception {
        try (Statement statement = connection.createStatement()) {
            if (!statement.execute(sql)) {
                return null;
            }
            try (ResultSet rows = statement.getResultSet()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    private static String gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
