package fr.esup.podmigrate.sql.load;

import fr.esup.podmigrate.sql.DumpWriterFixture;
import fr.esup.podmigrate.sql.ImportProgress;
import fr.esup.podmigrate.testsupport.HeldLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A table created by the script before a long run of its rows gets its secondary and foreign keys once the rows are
 * in (see {@link HeldKeys}), and ends exactly as the script describes it, resumed or not.
 */
class ImporterHeldKeysIT {

    /** InnoDB wants an AUTO_INCREMENT column first in a key: without its KEY, this table cannot be created. */
    private static final String CHILD_AUTO_INCREMENT_SECOND = """
            CREATE TABLE `child` (
              `id` int NOT NULL AUTO_INCREMENT,
              `parent_id` int NOT NULL,
              `label` varchar(40) NOT NULL,
              `note` text,
              PRIMARY KEY (`parent_id`, `id`),
              KEY `child_id` (`id`)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""";

    @TempDir
    Path directory;
    @RegisterExtension
    final DumpWriterFixture fixture = new DumpWriterFixture();
    @RegisterExtension
    final HeldLock slowLock = new HeldLock();

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 3})
    void endsWithTheStructureAndRowsTheClientGives(int parallelism) throws Exception {
        Path script = fixture.write(script(ChildRows.CREATE_TABLE, false), "held.sql");
        String reference = clientImport(script);
        String target = fixture.createDatabase("held");

        ImportResult result = new Importer(ImportOptions.builder().parallelism(parallelism).build())
                .run(script, fixture.factory(target));

        assertEndsAsTheClient(result, target, reference);
        assertThat(result.countMismatches()).isEmpty();
        assertThat(result.tables().get("child").rowsAfter()).isEqualTo(2L * ChildRows.STATEMENTS);
    }

    @Test
    void holdsTheKeysBackWhileTheRowsLoad() throws Exception {
        Path script = fixture.write(script(ChildRows.CREATE_TABLE, true), "held_slow.sql");
        String reference = clientImport(script);
        String target = fixture.createDatabase("held_slow");
        List<String> seen = new ArrayList<>();

        // on one connection the rows commit statement by statement, and the progress comes amid them
        ImportResult result = new Importer(ImportOptions.builder().parallelism(1).progress(progress -> {
            if (progress.stage() == ImportProgress.Stage.IMPORTING) {
                seen.add(state(target));
            }
        }).build()).run(script, fixture.factory(target));

        assertThat(seen).contains("rows without held keys");
        assertEndsAsTheClient(result, target, reference);
    }

    @Test
    void aStoppedImportLeavesItsTablesWithTheirKeysAndAResumedOneAddsThoseStillMissing() throws Exception {
        Path script = fixture.write(script(ChildRows.CREATE_TABLE, true), "held_stop.sql");
        String reference = clientImport(script);
        String target = fixture.createDatabase("held_stop");
        Path checkpoint = directory.resolve("import.checkpoint");
        AtomicLong statements = new AtomicLong();

        ImportResult first = new Importer(ImportOptions.builder().parallelism(1).checkpointFile(checkpoint)
                .progress(progress -> importing(progress, statements)).cancelled(() -> statements.get() >= 30).build())
                .run(script, fixture.factory(target));

        assertThat(first.cancelled()).isTrue();
        assertThat(fixture.count(target, "child")).isBetween(1L, 2L * ChildRows.STATEMENTS - 1);
        assertThat(structure(target)).isEqualTo(structure(reference));

        // as if the server had gone before the stopped import could add them
        fixture.execute(target, "ALTER TABLE `child` DROP FOREIGN KEY `child_parent_id_fk`",
                "ALTER TABLE `child` DROP KEY `child_parent_id_fk`, DROP KEY `child_note`");
        ImportResult resumed = new Importer(ImportOptions.builder().parallelism(3).checkpointFile(checkpoint)
                .resume(true).build()).run(script, fixture.factory(target));

        assertEndsAsTheClient(resumed, target, reference);
    }

    @Test
    void createsWholeATableTheServerRefusesWithoutItsHeldKeys() throws Exception {
        Path script = fixture.write(script(CHILD_AUTO_INCREMENT_SECOND, false), "auto_increment.sql");
        String reference = clientImport(script);
        String target = fixture.createDatabase("auto_increment");

        ImportResult result = new Importer(ImportOptions.builder().parallelism(3).build())
                .run(script, fixture.factory(target));

        assertEndsAsTheClient(result, target, reference);
    }

    /**
     * A parent table and a child of 300 kB of rows, as mariadb-dump writes them.
     *
     * @param createChild the child's CREATE TABLE
     * @param slow        whether each child row waits a few milliseconds
     */
    private String script(String createChild, boolean slow) {
        StringBuilder sql = new StringBuilder("/*!40101 SET NAMES utf8mb4 */;\n"
                + "/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;\n");
        sql.append("DROP TABLE IF EXISTS `child`;\nDROP TABLE IF EXISTS `parent`;\n")
                .append("CREATE TABLE `parent` (`id` int NOT NULL, `code` varchar(20) NOT NULL, PRIMARY KEY (`id`),"
                        + " UNIQUE KEY `code` (`code`)) ENGINE=InnoDB;\n")
                .append("INSERT INTO `parent` VALUES (1,'a'),(2,'b');\n")
                .append(createChild).append(";\n/*!40000 ALTER TABLE `child` DISABLE KEYS */;\n");
        return sql.append(ChildRows.inserts(ChildRows.note(slowLock, slow))).append("/*!40000 ALTER TABLE `child` ENABLE KEYS */;\n")
                .append("/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;\n").toString();
    }

    /** The import completed without an error, its tables as the client's: the same structure, rows and checksums. */
    private void assertEndsAsTheClient(ImportResult result, String target, String reference) throws SQLException {
        assertThat(result.completed()).isTrue();
        assertThat(result.errors()).isEmpty();
        assertThat(structure(target)).isEqualTo(structure(reference));
        assertThat(fixture.snapshot(target)).isEqualTo(fixture.snapshot(reference));
    }

    /** A database where the mariadb client imported the script. */
    private String clientImport(Path script) throws Exception {
        String reference = fixture.createDatabase("held_ref");
        fixture.assertImports(reference, script);
        return reference;
    }

    private static void importing(ImportProgress progress, AtomicLong statements) {
        if (progress.stage() == ImportProgress.Stage.IMPORTING) {
            statements.set(progress.statements());
        }
    }

    /** Each table's SHOW CREATE TABLE, without its next AUTO_INCREMENT. */
    private List<String> structure(String database) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection connection = fixture.connect(database); Statement statement = connection.createStatement()) {
            for (String table : List.of("parent", "child")) {
                try (ResultSet create = statement.executeQuery("SHOW CREATE TABLE `" + table + "`")) {
                    create.next();
                    tables.add(create.getString(2).replaceAll(" AUTO_INCREMENT=\\d+", ""));
                }
            }
        }
        return tables;
    }

    /** Whether the child table holds rows, and whether it has the keys its CREATE TABLE holds back. */
    private String state(String database) {
        try (Connection connection = fixture.connect(database); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT (SELECT COUNT(*) FROM child) > 0,"
                     + " (SELECT COUNT(*) FROM information_schema.statistics WHERE table_schema = DATABASE()"
                     + " AND table_name = 'child' AND index_name IN ('child_parent_id_fk', 'child_note')) > 0")) {
            rows.next();
            return (rows.getBoolean(1) ? "rows" : "no rows") + (rows.getBoolean(2) ? " with" : " without") + " held keys";
        } catch (SQLException e) {
            return "no table";
        }
    }
}
