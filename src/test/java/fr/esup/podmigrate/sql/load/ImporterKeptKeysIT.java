package fr.esup.podmigrate.sql.load;

import fr.esup.podmigrate.sql.DumpWriterFixture;
import fr.esup.podmigrate.sql.ImportProgress;
import fr.esup.podmigrate.testsupport.HeldLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A table whose structure the import keeps loads a long run of its rows without its secondary and foreign keys, which
 * its own comment records meanwhile (see {@link KeptTableKeys}), and ends with its structure as it was: imported,
 * stopped, or left so by an import that died.
 */
class ImporterKeptKeysIT {

    private static final String PARENT = "CREATE TABLE `parent` (`id` int NOT NULL, `code` varchar(20) NOT NULL,"
            + " PRIMARY KEY (`id`), UNIQUE KEY `code` (`code`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";
    /** The target's child: its comment holds what a string literal must escape. */
    private static final String TARGET_CHILD = ChildRows.CREATE_TABLE
            + " COMMENT='the child''s rows\\\\n\nsecond line'";

    @RegisterExtension
    final DumpWriterFixture fixture = new DumpWriterFixture();
    @RegisterExtension
    final HeldLock slowLock = new HeldLock();

    @Test
    void loadsAKeptTablesRowsWithoutItsKeysAndEndsWithItsStructure() throws Exception {
        String target = target("kept_keys");
        List<String> before = structure(target);
        Path script = fixture.write(script(), "kept_keys.sql");
        List<String> seen = new ArrayList<>();

        ImportResult result = new Importer(options().progress(progress -> {
            if (progress.stage() == ImportProgress.Stage.IMPORTING) {
                seen.add(state(target));
            }
        }).build()).run(script, fixture.factory(target));

        // the run's rows commit together, once loaded: meanwhile, the keys are held back
        assertThat(seen).contains("no rows without held keys, recorded in the comment");
        assertThat(result.completed()).isTrue();
        assertThat(result.errors()).isEmpty();
        assertThat(result.countMismatches()).isEmpty();
        assertThat(fixture.count(target, "child")).isEqualTo(2L * ChildRows.STATEMENTS);
        assertThat(structure(target)).isEqualTo(before);
    }

    @Test
    void aStoppedImportGivesBackTheKeysItHeld() throws Exception {
        String target = target("kept_stop");
        List<String> before = structure(target);
        Path script = fixture.write(script(), "kept_stop.sql");

        ImportResult result = new Importer(options().cancelled(() -> state(target).contains("without held keys"))
                .build()).run(script, fixture.factory(target));

        assertThat(result.cancelled()).isTrue();
        assertThat(fixture.count(target, "child")).isLessThan(2L * ChildRows.STATEMENTS);
        assertThat(structure(target)).isEqualTo(before);
    }

    @Test
    void theNextImportGivesBackTheKeysAnImportThatDiedLeftHeld() throws Exception {
        String target = target("kept_died");
        List<String> before = structure(target);
        try (Connection connection = ImportWorker.openSession(fixture.factory(target))) {
            assertThat(KeptTableKeys.hold(connection, "child")).isTrue();
        }
        assertThat(state(target)).isEqualTo("no rows without held keys, recorded in the comment");
        // a script that brings no child row: the keys come back before anything else
        Path script = fixture.write("INSERT INTO `parent` VALUES (3,'c');\n", "kept_died.sql");

        ImportResult result = new Importer(options().build()).run(script, fixture.factory(target));

        assertThat(result.completed()).isTrue();
        assertThat(structure(target)).isEqualTo(before);
    }

    @Test
    void changesOneTablesStructureOrKeysAtATime() throws Exception {
        String target = target("kept_one_at_a_time");
        // the child holds a row: the script's DROP TABLE empties it (TRUNCATE); the sibling's keys are held back
        fixture.execute(target, ChildRows.CREATE_TABLE.replace("child", "sibling"),
                "INSERT INTO `child` VALUES (999, 1, 'before', NULL)");
        List<String> before = structure(target);
        Path script = fixture.write(script() + script().replace("`child`", "`sibling`"), "kept_one_at_a_time.sql");
        ExecutorService importing = Executors.newSingleThreadExecutor();
        try (Connection locking = fixture.connect(target); Statement lock = locking.createStatement()) {
            // each table's TRUNCATE or ALTER TABLE waits for its metadata lock, as for a long load or a slow server
            lock.execute("LOCK TABLES `child` READ, `sibling` READ");
            Future<ImportResult> result = importing.submit(() -> new Importer(options()
                    .targetTables(List.of("parent", "child", "sibling")).build()).run(script, fixture.factory(target)));

            int waiting = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (waiting == 0 && System.nanoTime() < deadline) {
                waiting = structureChangesWaiting(target);
            }
            assertThat(waiting).as("a change of structure waits for its lock").isEqualTo(1);
            // the sibling's run went to another connection, which would have sent its ALTER TABLE by now
            long window = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            while (System.nanoTime() < window) {
                assertThat(structureChangesWaiting(target)).as("changes of structure under way at once")
                        .isLessThanOrEqualTo(1);
            }
            lock.execute("UNLOCK TABLES");

            assertThat(result.get(1, TimeUnit.MINUTES).completed()).isTrue();
        } finally {
            importing.shutdownNow();
        }
        assertThat(fixture.count(target, "child")).isEqualTo(2L * ChildRows.STATEMENTS);
        assertThat(fixture.count(target, "sibling")).isEqualTo(2L * ChildRows.STATEMENTS);
        assertThat(structure(target)).isEqualTo(before);
    }

    @Test
    void keepsTheKeysOfATableWhoseCommentCannotRecordThem() throws Exception {
        String target = target("kept_long");
        fixture.execute(target, "ALTER TABLE `child` COMMENT '" + "c".repeat(1900) + "'");
        List<String> before = structure(target);

        try (Connection connection = ImportWorker.openSession(fixture.factory(target))) {
            assertThat(KeptTableKeys.hold(connection, "child")).isFalse();
        }

        assertThat(structure(target)).isEqualTo(before);
    }

    /** A target database with the parent and the child as Pod's migrations would have made them. */
    private String target(String label) throws SQLException {
        String target = fixture.createDatabase(label);
        fixture.execute(target, PARENT, TARGET_CHILD, "INSERT INTO `parent` VALUES (1,'a'),(2,'b')");
        return target;
    }

    private static ImportOptions.Builder options() {
        return ImportOptions.builder().keepTargetStructure(true).targetTables(List.of("parent", "child"))
                .parallelism(3);
    }

    /**
     * A dump of the child alone, as mariadb-dump writes it, each row waiting a few milliseconds: its own definition,
     * without keys, is not the target's.
     */
    private String script() {
        StringBuilder sql = new StringBuilder("/*!40101 SET NAMES utf8mb4 */;\n")
                .append("DROP TABLE IF EXISTS `child`;\n")
                .append("CREATE TABLE `child` (`id` int NOT NULL, `parent_id` int NOT NULL, `label` varchar(40),"
                        + " `note` text, PRIMARY KEY (`id`));\n")
                .append("/*!40000 ALTER TABLE `child` DISABLE KEYS */;\n");
        return sql.append(ChildRows.inserts(ChildRows.note(slowLock, true)))
                .append("/*!40000 ALTER TABLE `child` ENABLE KEYS */;\n").toString();
    }

    /** Each table's SHOW CREATE TABLE, without its next AUTO_INCREMENT. */
    private List<String> structure(String database) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection connection = fixture.connect(database); Statement statement = connection.createStatement();
             ResultSet names = statement.executeQuery("SELECT table_name FROM information_schema.tables"
                     + " WHERE table_schema = DATABASE() ORDER BY 1")) {
            while (names.next()) {
                tables.add(fixture.showCreateTable(database, names.getString(1)).replaceAll(" AUTO_INCREMENT=\\d+", ""));
            }
        }
        return tables;
    }

    /** The import's TRUNCATEs and ALTER TABLEs that wait for a table's metadata lock. */
    private int structureChangesWaiting(String database) throws SQLException {
        try (Connection connection = fixture.connect(database); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM information_schema.processlist"
                     + " WHERE db = DATABASE() AND (info LIKE 'ALTER TABLE%' OR info LIKE 'TRUNCATE%')"
                     + " AND state = 'Waiting for table metadata lock'")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** Whether the child holds rows, whether it has the keys held back, and whether its comment records them. */
    private String state(String database) {
        try (Connection connection = fixture.connect(database); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT (SELECT COUNT(*) FROM child) > 0,"
                     + " (SELECT COUNT(*) FROM information_schema.statistics WHERE table_schema = DATABASE()"
                     + " AND table_name = 'child' AND index_name IN ('child_parent_id_fk', 'child_note')) > 0,"
                     + " (SELECT table_comment FROM information_schema.tables WHERE table_schema = DATABASE()"
                     + " AND table_name = 'child')")) {
            rows.next();
            return (rows.getBoolean(1) ? "rows" : "no rows") + (rows.getBoolean(2) ? " with" : " without")
                    + " held keys"
                    + (rows.getString(3).startsWith(KeptTableKeys.MARKER) ? ", recorded in the comment" : "");
        } catch (SQLException e) {
            return "no table";
        }
    }
}
