package fr.esup.podmigrate.sql.load;

import fr.esup.podmigrate.sql.DumpWriterFixture;
import fr.esup.podmigrate.sql.ImportProgress;
import fr.esup.podmigrate.sql.dump.DumpOptions;
import fr.esup.podmigrate.sql.script.RefusalReason;
import fr.esup.podmigrate.sql.script.RefusedStatement;
import fr.esup.podmigrate.sql.script.ScriptAnalysis;
import fr.esup.podmigrate.sql.script.ScriptAnalyzer;
import fr.esup.podmigrate.sql.script.ScriptFormatException;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImporterIT {

    @TempDir
    Path directory;
    @RegisterExtension
    final DumpWriterFixture fixture = new DumpWriterFixture();
    private String target;

    @BeforeEach
    void createTarget() {
        target = fixture.createDatabase("importer");
    }

    @Test
    void keepsTheTargetsStructureAndPutsPositionalValuesInTheirColumnsByName() throws Exception {
        fixture.execute(target, "CREATE TABLE t (id int PRIMARY KEY, a varchar(10), b int)",
                "CREATE TABLE kept (id int PRIMARY KEY)", "INSERT INTO t VALUES (1, 'old', 0)", "INSERT INTO kept VALUES (7)");
        String before = fixture.showCreateTable(target, "t");
        Path script = fixture.write("""
                DROP TABLE IF EXISTS `t`;
                CREATE TABLE `t` (`id` int NOT NULL, `b` int DEFAULT NULL, `a` varchar(10), PRIMARY KEY (`id`));
                INSERT INTO `t` VALUES (1,10,'x'),(2,20,'y');
                CREATE TABLE `v2_only` (`id` int);
                INSERT INTO `v2_only` VALUES (1),(2),(3);
                ALTER TABLE `t` ADD KEY `k` (`b`);
                ALTER TABLE `t` ADD COLUMN `c` int;
                DROP TABLE `kept`;
                """, "keep.sql");

        ImportResult result = new Importer(ImportOptions.builder().keepTargetStructure(true)
                .targetTables(List.of("t", "kept")).build()).run(script, fixture.factory(target));

        assertThat(result.completed()).isTrue();
        assertThat(result.errors()).isEmpty();
        assertThat(fixture.queryString(target, "SELECT GROUP_CONCAT(CONCAT(id, a, b) ORDER BY id) FROM t"))
                .isEqualTo("1x10,2y20");
        assertThat(fixture.showCreateTable(target, "t")).isEqualTo(before);
        assertThat(fixture.count(target, "kept")).as("a dropped table's rows are replaced: it is emptied").isZero();
        assertThat(result.missingTables()).containsExactly("v2_only");
        assertThat(result.tables().get("v2_only").skippedRows()).isEqualTo(3);
        assertThat(result.skipped(SkipReason.STRUCTURE_KEPT)).isEqualTo(2);
        assertThat(result.skipped(SkipReason.KEYS_KEPT)).isEqualTo(1);
        assertThat(result.skipped(SkipReason.MISSING_TABLE)).isEqualTo(1);
        assertThat(result.notes()).extracting(ImportResult.Note::line).containsExactly(7L);
    }

    @Test
    void ignoringDuplicatesCostsTheCollidingRowOnlyAndCountsIt() throws Exception {
        fixture.execute(target, "CREATE TABLE t (id int PRIMARY KEY, slug varchar(10) UNIQUE)", "INSERT INTO t VALUES (1, 'a')");
        Path script = fixture.write("""
                INSERT INTO `t` VALUES (2,'b'),(3,'a'),(4,'d');
                insert into `t` (`id`, `slug`) values (5,'e');
                """, "dupes.sql");

        ImportResult result = new Importer(ImportOptions.builder().ignoreDuplicates(true).targetTables(List.of("t"))
                .build()).run(script, fixture.factory(target));

        assertThat(result.errors()).isEmpty();
        assertThat(fixture.queryString(target, "SELECT GROUP_CONCAT(id ORDER BY id) FROM t")).isEqualTo("1,2,4,5");
        assertThat(result.tables().get("t").ignoredRows()).isEqualTo(1);
        assertThat(result.tables().get("t").insertedRows()).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"DROP DATABASE IF EXISTS `%s`;", "USE mysql;", "GRANT ALL ON *.* TO 'pm'@'%%';",
            "/*!50001 CREATE ALGORITHM=UNDEFINED */\n/*!50013 DEFINER=`root`@`localhost` SQL SECURITY DEFINER */\n"
                    + "/*!50001 VIEW `v` AS select 1 AS `a` */;"})
    void refusesAScriptThatReachesOutsideTheTargetBeforeChangingAnything(String bad) throws Exception {
        fixture.execute(target, "CREATE TABLE t (id int PRIMARY KEY)", "INSERT INTO t VALUES (1)");
        List<String> before = fixture.snapshot(target);
        Path script = fixture.write("INSERT INTO t VALUES (2);\nSELECT * FROM t;\n" + bad.formatted(target)
                + "\nINSERT INTO t VALUES (3);\n", "bad.sql");

        assertThatThrownBy(() -> new Importer(ImportOptions.builder().build()).run(script, fixture.factory(target)))
                .isInstanceOfSatisfying(ScriptRefusedException.class, e -> {
                    assertThat(e.refused()).hasSize(1);
                    assertThat(e.refused().get(0).line()).isEqualTo(3);
                });
        assertThat(fixture.snapshot(target)).isEqualTo(before);
    }

    @Test
    void takesTheAnalysisOfTheSameFileForItsPreScanAndReadsAChangedFileAgain() throws Exception {
        fixture.execute(target, "CREATE TABLE t (id int PRIMARY KEY)");
        Path script = fixture.write("INSERT INTO t VALUES (1);\nINSERT INTO t VALUES (2);\n", "analysed.sql");
        ScriptAnalyzer.analyze(script, target, Set.of(), null, p -> { });
        List<ImportProgress> checking = new ArrayList<>();
        Importer importer = new Importer(ImportOptions.builder().progress(p -> {
            if (p.stage() == ImportProgress.Stage.CHECKING) {
                checking.add(p);
            }
        }).build());

        ImportResult result = importer.run(script, fixture.factory(target));

        assertThat(result.completed()).isTrue();
        assertThat(result.tables().get("t").insertedRows()).isEqualTo(2);
        assertThat(checking).as("the analysis just made of the same file stands for the pre-scan").isEmpty();

        // Same size, same modification time, but a statement the import refuses: the file is read again.
        ScriptAnalyzer.analyze(script, target, Set.of(), null, p -> { });
        FileTime modified = Files.getLastModifiedTime(script);
        Files.writeString(script, "INSERT INTO t VALUES (3);\nUSE mysql;\n" + " ".repeat(14) + "\n");
        Files.setLastModifiedTime(script, modified);
        List<String> before = fixture.snapshot(target);

        assertThatThrownBy(() -> importer.run(script, fixture.factory(target)))
                .isInstanceOf(ScriptRefusedException.class);
        assertThat(checking).isNotEmpty();
        assertThat(fixture.snapshot(target)).isEqualTo(before);
    }

    /** A script changes no rows but by inserting its own, and never the session the import runs in. */
    @ParameterizedTest
    @ValueSource(strings = {"DELETE FROM t;", "DELETE t FROM t JOIN u ON t.id = u.id;", "UPDATE t SET a = 'changed';",
            "UPDATE t, u SET t.a = u.b WHERE t.id = u.id;", "INSERT INTO u SELECT id + 10, a FROM t;",
            "REPLACE INTO t SELECT id, 'changed' FROM t;", "INSERT INTO u TABLE t;",
            "INSERT INTO t VALUES (1, 'x') ON DUPLICATE KEY UPDATE a = 'changed';",
            "INSERT INTO t VALUES (5, LOAD_FILE('/etc/passwd'));", "SELECT SLEEP(5);", "DO SLEEP(5);", "XA START 'pm';",
            "HANDLER t OPEN;", "CREATE TRIGGER tr AFTER INSERT ON t FOR EACH ROW UPDATE u SET b = 'changed';",
            "SET sql_mode = 'STRICT_ALL_TABLES';", "/*!40103 SET TIME_ZONE='+02:00' */;",
            "SET NAMES utf8mb4, foreign_key_checks = 0;"})
    void refusesAScriptThatChangesRowsOrTheSessionBeforeChangingAnything(String bad) throws Exception {
        fixture.execute(target, "CREATE TABLE t (id int PRIMARY KEY, a varchar(20))",
                "CREATE TABLE u (id int PRIMARY KEY, b varchar(20))", "INSERT INTO t VALUES (1, 'one'), (2, 'two')",
                "INSERT INTO u VALUES (1, 'uno')");
        long t = fixture.checksum(target, "t");
        long u = fixture.checksum(target, "u");
        Path script = fixture.write("INSERT INTO t VALUES (3, 'three');\n" + bad + "\nINSERT INTO u VALUES (4, 'four');\n",
                "changes.sql");

        assertThatThrownBy(() -> new Importer(ImportOptions.builder().build()).run(script, fixture.factory(target)))
                .isInstanceOfSatisfying(ScriptRefusedException.class, e -> {
                    assertThat(e.refusedCount()).isEqualTo(1);
                    assertThat(e.refused().get(0).line()).isEqualTo(2);
                });
        assertThat(fixture.checksum(target, "t")).isEqualTo(t);
        assertThat(fixture.checksum(target, "u")).isEqualTo(u);
        assertThat(fixture.snapshot(target)).hasSize(2);
    }

    @Test
    void skipsTheSessionSetsOfAMariadbDumpsHeaderAndFooterAndImportsTheRest() throws Exception {
        String source = fixture.createDatabase("dumped");
        fixture.execute(source, "CREATE TABLE parent (id int PRIMARY KEY)",
                "CREATE TABLE child (id int PRIMARY KEY, parent_id int, FOREIGN KEY (parent_id) REFERENCES parent (id))",
                "INSERT INTO parent VALUES (0), (1)", "INSERT INTO child VALUES (1, 1), (2, 0)");
        // child sorts first: loaded before its parent, as only the import's foreign_key_checks = 0 allows
        Path script = fixture.mariadbDumpWith("dumped.sql", "--no-autocommit", source);
        String dump = Files.readString(script);
        assertThat(dump).contains("SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0",
                "SET SQL_MODE=@OLD_SQL_MODE", "SET TIME_ZONE='+00:00'");
        // mariadb-dump 10.11 sets autocommit around each table's rows and restores it; 11.4 only sets it
        long autocommitLines = dump.lines().filter(line -> line.toLowerCase(Locale.ROOT).contains("autocommit")).count();
        assertThat(autocommitLines).isBetween(2L, 4L);

        ScriptAnalysis analysis = ScriptAnalyzer.analyze(script, target, Set.of(), null, p -> { });
        ImportResult result = new Importer(ImportOptions.builder().parallelism(2).build())
                .run(script, fixture.factory(target));

        assertThat(result.errors()).isEmpty();
        assertThat(result.completed()).isTrue();
        // header: time zone, unique checks, foreign key checks, sql_mode; footer: their four restores; for each
        // table's rows, --no-autocommit's autocommit=0 (and its restore)
        assertThat(result.skipped(SkipReason.SESSION_KEPT)).isEqualTo(4 + 4 + autocommitLines);
        assertThat(analysis.importable()).isTrue();
        assertThat(analysis.keptSessionLines().count()).isEqualTo(4 + 4 + autocommitLines);
        assertThat(fixture.queryString(target, "SELECT GROUP_CONCAT(id ORDER BY id) FROM parent")).isEqualTo("0,1");
        assertThat(fixture.checksum(target, "child")).isEqualTo(fixture.checksum(source, "child"));
    }

    @Test
    void neutralisesAUseOfTheTargetOrOfAnAllowedDatabase() throws Exception {
        Path script = fixture.write("USE `POD`;\nUSE " + target + ";\nCREATE TABLE t (a int);\nINSERT INTO t VALUES (1);",
                "use.sql");

        ImportResult result = new Importer(ImportOptions.builder().allowedUseDatabases("pod").build())
                .run(script, fixture.factory(target));

        assertThat(result.skipped(SkipReason.USE_NEUTRALISED)).isEqualTo(2);
        assertThat(fixture.count(target, "t")).isEqualTo(1);
    }

    @Test
    void skipsTheDumpedServersReplicationLinesAndRefusesAnyOtherGlobalSetting() throws Exception {
        Path script = fixture.write("""
                SET @MYSQLDUMP_TEMP_LOG_BIN = @@SESSION.SQL_LOG_BIN;
                SET @@SESSION.SQL_LOG_BIN= 0;
                SET @@GLOBAL.GTID_PURGED=/*!80000 '+'*/ '3E11FA47-71CA-11E1-9E33-C80AA9429562:1-5';
                CHANGE MASTER TO MASTER_LOG_FILE='mariadb-bin.000042', MASTER_LOG_POS=1234;
                SET GLOBAL gtid_slave_pos='0-1-5';
                STOP ALL SLAVES;
                CREATE TABLE t (a int);
                INSERT INTO t VALUES (1);
                START ALL SLAVES;
                SET @@SESSION.SQL_LOG_BIN = @MYSQLDUMP_TEMP_LOG_BIN;
                /*!50530 SET @@SESSION.SQL_LOG_BIN= 0 */;
                /*!50530 CHANGE MASTER TO MASTER_LOG_FILE='mariadb-bin.000042', MASTER_LOG_POS=1234 */;
                /*M!100101 SET GLOBAL gtid_slave_pos='0-1-5' */;
                """, "mysqldump-gtid.sql");

        ScriptAnalysis analysis = ScriptAnalyzer.analyze(script, target, Set.of(), null, p -> { });
        ImportResult result = new Importer(ImportOptions.builder().build()).run(script, fixture.factory(target));

        assertThat(analysis.refused()).isEmpty();
        assertThat(analysis.replicationLines().listed()).extracting(ScriptAnalysis.ScriptLine::line)
                .as("in a versioned comment as written plainly").containsExactly(2L, 3L, 4L, 5L, 6L, 9L, 10L, 11L, 12L, 13L);
        assertThat(result.skipped(SkipReason.REPLICATION)).isEqualTo(10);
        assertThat(fixture.count(target, "t")).isEqualTo(1);
        for (String global : List.of("SET @@GLOBAL.GTID_PURGED='x', GLOBAL max_connections=1;",
                "SET GLOBAL sql_log_bin=0, @@global.read_only=1;", "SET GLOBAL max_connections=1;")) {
            assertThat(ScriptAnalyzer.analyze(fixture.write(global, "global.sql"), target, Set.of(), null, p -> { }).refused())
                    .as(global).extracting(RefusedStatement::reason).containsExactly(RefusalReason.SET_GLOBAL);
        }
    }

    @Test
    void leavesOutTheDelayedOfOldPhpMyAdminExportsWhichInnoDbRefusesAndPutsIgnoreAfterThePriority() throws Exception {
        fixture.execute(target, "CREATE TABLE t (id int PRIMARY KEY) ENGINE=InnoDB");
        Path script = fixture.write("""
                INSERT DELAYED INTO `t` (`id`) VALUES (1),(2);
                INSERT DELAYED IGNORE INTO t VALUES (2),(3);
                insert delayed into t values (4);
                REPLACE DELAYED INTO t VALUES (5);
                INSERT LOW_PRIORITY INTO t VALUES (6);
                """, "delayed.sql");

        ImportResult plain = new Importer(ImportOptions.builder().build()).run(script, fixture.factory(target));
        assertThat(plain.errors()).isEmpty();
        assertThat(fixture.count(target, "t")).isEqualTo(6);

        fixture.execute(target, "TRUNCATE TABLE t");
        ImportResult ignoring = new Importer(ImportOptions.builder().ignoreDuplicates(true).build())
                .run(script, fixture.factory(target));
        assertThat(ignoring.errors()).isEmpty();
        assertThat(fixture.count(target, "t")).isEqualTo(6);
    }

    @Test
    void aStatementThatFailsInALongRunLosesOnlyItsOwnRowsWhateverItsGroupAndTheErrorPolicy() throws Exception {
        StringBuilder sql = new StringBuilder("CREATE TABLE t (id int PRIMARY KEY, v text);\n");
        for (int statement = 0; statement < 20; statement++) {
            int first = statement == 9 ? 200 : 100 * statement;
            sql.append("INSERT INTO t VALUES ");
            for (int row = 0; row < 10; row++) {
                sql.append(row == 0 ? "" : ",").append('(').append(first + row).append(",'").append("v".repeat(3000))
                        .append("')");
            }
            sql.append(";\n");
        }
        Path script = fixture.write(sql.toString(), "run.sql");

        ImportResult going = new Importer(ImportOptions.builder().parallelism(2).errorPolicy(ErrorPolicy.CONTINUE).build())
                .run(script, fixture.factory(target));
        assertThat(going.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(11);
            assertThat(e.errorCode()).isEqualTo(1062);
        });
        assertThat(fixture.count(target, "t")).isEqualTo(190);

        fixture.execute(target, "DROP TABLE t");
        ImportResult stopped = new Importer(ImportOptions.builder().parallelism(2).build())
                .run(script, fixture.factory(target));
        assertThat(stopped.completed()).isFalse();
        assertThat(stopped.errors()).singleElement().satisfies(e -> assertThat(e.line()).isEqualTo(11));
        assertThat(fixture.count(target, "t")).as("the statements before it, committed").isEqualTo(90);
    }

    @Test
    void countsTheRowsInsertIgnoreLeftOutAndWhatReplaceReplaced() throws Exception {
        fixture.execute(target, "CREATE TABLE t (id int PRIMARY KEY, v varchar(3))",
                "INSERT INTO t VALUES (1, 'old'), (2, 'old')");
        Path script = fixture.write("""
                INSERT IGNORE INTO t VALUES (1,'new'),(2,'new'),(3,'new');
                INSERT IGNORE INTO t VALUES (4,'new'),(4,'dup');
                INSERT IGNORE INTO t VALUES (5,'too long');
                REPLACE INTO t VALUES (1,'rep'),(6,'rep');
                """, "ignore.sql");

        ImportResult result = new Importer(ImportOptions.builder().build()).run(script, fixture.factory(target));

        ImportResult.TableCounts counts = result.tables().get("t");
        assertThat(counts.scriptRows()).isEqualTo(8);
        assertThat(counts.insertedRows()).isEqualTo(5);
        assertThat(counts.ignoredRows()).isEqualTo(3);
        assertThat(counts.replacedRows()).isEqualTo(1);
        assertThat(counts.warnings()).isEqualTo(4);
        assertThat(counts.refusedRows()).singleElement().satisfies(refused -> {
            assertThat(refused.name()).isEqualTo("PRIMARY");
            assertThat(refused.rows()).isEqualTo(3);
            assertThat(refused.keys()).containsExactly("1", "2", "4");
        });
        assertThat(counts.changedValues()).singleElement().satisfies(changed -> {
            assertThat(changed.name()).isEqualTo("v");
            assertThat(changed.change()).isEqualTo(ValueChange.TRUNCATED);
            assertThat(changed.keys()).containsExactly("5");
        });
        assertThat(counts.rowsBefore()).isEqualTo(2);
        assertThat(counts.rowsAfter()).isEqualTo(6).isEqualTo(counts.rowsExpected());
        assertThat(fixture.queryString(target, "SELECT GROUP_CONCAT(CONCAT(id, v) ORDER BY id) FROM t"))
                .isEqualTo("1rep,2old,3new,4new,5too,6rep");
    }

    /**
     * With foreign key and unique checks both off, InnoDB loads an empty table through its bulk-insert path, where
     * this very statement loses all three rows while the server reports them inserted (MariaDB 10.11 and 11.4).
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void keepsEveryRowAKeyAllowsInAnEmptyTableAndNamesTheRowsItRefused(int parallelism) throws Exception {
        fixture.execute(target, "CREATE TABLE t (id INT PRIMARY KEY, u VARCHAR(10) NOT NULL, UNIQUE KEY u (u)) ENGINE=InnoDB");
        Path script = fixture.write("""
                /*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;
                /*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
                INSERT IGNORE INTO t VALUES (1,'a'), (2,'b'), (3,'a');
                INSERT INTO t VALUES (4,'c'), (5,'b'), (6,'d'), (7,'c');
                /*!40014 SET UNIQUE_CHECKS=@OLD_UNIQUE_CHECKS */;
                """, "trap.sql");

        ImportResult result = new Importer(ImportOptions.builder().parallelism(parallelism).ignoreDuplicates(true)
                .build()).run(script, fixture.factory(target));

        assertThat(fixture.queryString(target, "SELECT GROUP_CONCAT(id ORDER BY id) FROM t")).isEqualTo("1,2,4,6");
        ImportResult.TableCounts counts = result.tables().get("t");
        assertThat(counts.insertedRows()).isEqualTo(4);
        assertThat(counts.ignoredRows()).isEqualTo(3);
        assertThat(counts.rowsBefore()).isZero();
        assertThat(counts.rowsAfter()).isEqualTo(4).isEqualTo(counts.rowsExpected());
        assertThat(counts.refusedRows()).singleElement().satisfies(refused -> {
            assertThat(refused.name()).isEqualTo("u");
            assertThat(refused.rows()).isEqualTo(3);
            assertThat(refused.keys()).containsExactly("3", "5", "7");
        });
        assertThat(result.countMismatches()).isEmpty();
    }

    @Test
    void aPodv2SqlOfOursKeepsInTheMariadbClientEveryRowOurImportKeeps() throws Exception {
        String v2 = fixture.createDatabase("client_v2");
        fixture.execute(v2, "CREATE TABLE ctx (id INT PRIMARY KEY, course VARCHAR(20) NULL, UNIQUE KEY course (course))",
                "INSERT INTO ctx VALUES (1, NULL), (2, 'a'), (3, NULL), (4, 'b'), (5, NULL)");
        String v3Shape = "CREATE TABLE ctx (id INT PRIMARY KEY, course VARCHAR(20) NOT NULL, UNIQUE KEY course (course))";
        String byClient = fixture.createDatabase("client_v3");
        fixture.execute(byClient, v3Shape);
        fixture.execute(target, v3Shape);
        Path podv2 = fixture.dumpToFile(v2, DumpOptions.builder().structure(DumpOptions.Structure.CREATE_TABLE_IF_NOT_EXISTS)
                .insertMode(DumpOptions.InsertMode.INSERT_IGNORE).build(), "podv2.sql");

        fixture.assertImports(byClient, podv2);
        ImportResult ours = new Importer(ImportOptions.builder().build()).run(podv2, fixture.factory(target));

        String kept = "SELECT GROUP_CONCAT(CONCAT(id, ':', course) ORDER BY id) FROM ctx";
        assertThat(fixture.queryString(byClient, kept)).isEqualTo("1:,2:a,4:b")
                .isEqualTo(fixture.queryString(target, kept));
        assertThat(ours.tables().get("ctx").refusedRows()).singleElement()
                .satisfies(refused -> assertThat(refused.keys()).containsExactly("3", "5"));
    }

    @Test
    void namesEveryValueTheServerChangedWithTheKeysOfItsFirstRows() throws Exception {
        fixture.execute(target, """
                CREATE TABLE video (id INT PRIMARY KEY, slug VARCHAR(5) NOT NULL, added DATE, title VARCHAR(20)
                  CHARACTER SET utf8mb3, views TINYINT, owner VARCHAR(10) NOT NULL)""");
        Path script = fixture.write("""
                INSERT INTO video VALUES (1,'short','2020-01-01','ok',1,'me'),(2,'much-too-long','2020-02-30','ok',1,'me'),
                (3,'ok','2021-01-01','emoji 😀',1,'me'),(4,'ok','2021-01-01','ok',300,NULL),(5,'ok','2021-13-01','ok',1,NULL);
                """, "changed.sql");

        ImportResult result = new Importer(ImportOptions.builder().build()).run(script, fixture.factory(target));

        assertThat(result.errors()).isEmpty();
        Map<String, ImportResult.ValueIssue> changed = new HashMap<>();
        result.tables().get("video").changedValues().forEach(issue -> changed.put(issue.name() + " " + issue.change(), issue));
        assertThat(changed).containsOnlyKeys("slug TRUNCATED", "added INVALID_DATE", "title CHARSET",
                "views OUT_OF_RANGE", "owner NULL_TO_DEFAULT");
        assertThat(changed.get("slug TRUNCATED").keys()).containsExactly("2");
        assertThat(changed.get("added INVALID_DATE").keys()).containsExactly("2", "5");
        assertThat(changed.get("title CHARSET").keys()).containsExactly("3");
        assertThat(changed.get("views OUT_OF_RANGE").keys()).containsExactly("4");
        assertThat(changed.get("owner NULL_TO_DEFAULT").rows()).isEqualTo(2);
        assertThat(changed.get("owner NULL_TO_DEFAULT").keys()).containsExactly("4", "5");
        assertThat(result.tables().get("video").refusedRows()).isEmpty();
        assertThat(result.countMismatches()).isEmpty();
    }

    @Test
    void failsLoudlyWhenATableDoesNotHoldWhatTheImportCounted() throws Exception {
        fixture.execute(target, "CREATE TABLE t (id INT PRIMARY KEY)", "CREATE TABLE echo (id INT PRIMARY KEY)",
                "CREATE TRIGGER t_echo AFTER INSERT ON t FOR EACH ROW INSERT INTO echo VALUES (NEW.id + 1000)");
        Path script = fixture.write("""
                INSERT INTO t VALUES (1),(2);
                INSERT INTO echo VALUES (1);
                """, "echo.sql");

        ImportResult result = new Importer(ImportOptions.builder().build()).run(script, fixture.factory(target));

        assertThat(result.completed()).isTrue();
        assertThat(result.countMismatches()).containsExactly("echo");
        ImportResult.TableCounts echo = result.tables().get("echo");
        assertThat(echo.insertedRows()).isEqualTo(1);
        assertThat(echo.rowsExpected()).isEqualTo(1);
        assertThat(echo.rowsAfter()).isEqualTo(3);
        assertThat(result.tables().get("t").countMatches()).isTrue();
    }

    @Test
    void loadsTheLongRunOfOneTableOnAConnectionOfItsOwnAndCountsEachRow() throws Exception {
        fixture.execute(target, "CREATE TABLE t (other int)");
        StringBuilder sql = new StringBuilder("DROP TABLE IF EXISTS `t`;\nCREATE TABLE `t` (`id` int NOT NULL,"
                + " `slug` varchar(20), `conn` bigint, `pad` text, PRIMARY KEY (`id`), UNIQUE KEY (`slug`));\n");
        sql.append(longRun("t", id -> id == 1101 ? "'dup'" : id == 51 ? "'dup'" : "'s" + id + "'"));
        Path script = fixture.write(sql.toString(), "run.sql");

        ImportResult result = new Importer(ImportOptions.builder().parallelism(4).ignoreDuplicates(true).build())
                .run(script, fixture.factory(target));

        assertThat(result.completed()).isTrue();
        assertThat(result.errors()).isEmpty();
        ImportResult.TableCounts t = result.tables().get("t");
        assertThat(t.scriptRows()).isEqualTo(LONG_RUN_ROWS);
        assertThat(t.insertedRows()).isEqualTo(LONG_RUN_ROWS - 1);
        assertThat(t.ignoredRows()).isEqualTo(1);
        assertThat(t.rowsAfter()).isEqualTo(LONG_RUN_ROWS - 1).isEqualTo(t.rowsExpected());
        assertThat(result.countMismatches()).isEmpty();
        assertThat(fixture.queryString(target, "SELECT COUNT(DISTINCT conn) FROM t"))
                .as("the run loaded by one connection, in order").isEqualTo("1");
        assertThat(fixture.queryString(target, "SELECT COUNT(*) FROM t WHERE slug = 'dup'")).isEqualTo("1");
    }

    @Test
    void failsLoudlyWhenATableLoadedFromARunDoesNotHoldWhatTheImportCounted() throws Exception {
        fixture.execute(target, "CREATE TABLE t (id INT PRIMARY KEY, slug varchar(20), conn bigint, pad text)",
                "CREATE TABLE echo (id INT PRIMARY KEY, slug varchar(20), conn bigint, pad text)",
                "CREATE TRIGGER t_echo AFTER INSERT ON t FOR EACH ROW INSERT INTO echo VALUES (NEW.id + 100000, NULL, NULL, NULL)");
        Path script = fixture.write(longRun("t", id -> "NULL") + longRun("echo", id -> "NULL"), "echo-runs.sql");

        ImportResult result = new Importer(ImportOptions.builder().parallelism(3).build()).run(script, fixture.factory(target));

        assertThat(result.completed()).isTrue();
        assertThat(result.errors()).isEmpty();
        assertThat(result.countMismatches()).containsExactly("echo");
        assertThat(result.tables().get("echo").rowsExpected()).isEqualTo(LONG_RUN_ROWS);
        assertThat(result.tables().get("echo").rowsAfter()).isEqualTo(2 * LONG_RUN_ROWS);
        assertThat(result.tables().get("t").countMatches()).isTrue();
    }

    private static final int LONG_RUN_ROWS = 1200;

    /** About 700 kB of INSERTs of 10 rows into {@code table}: a run a worker reads itself. */
    private static String longRun(String table, IntFunction<String> slug) {
        StringBuilder sql = new StringBuilder();
        String pad = "'" + "p".repeat(560) + "'";
        for (int id = 1; id <= LONG_RUN_ROWS; id++) {
            sql.append(id % 10 == 1 ? "INSERT INTO `" + table + "` VALUES " : ",").append('(').append(id).append(',')
                    .append(slug.apply(id)).append(",CONNECTION_ID(),").append(pad).append(')')
                    .append(id % 10 == 0 ? ";\n" : "");
        }
        return sql.toString();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void emptiesATableAgainOnlyWhenSomethingWasWrittenSinceAndCountsFromNone(int parallelism) throws Exception {
        fixture.execute(target, "CREATE TABLE t (id int PRIMARY KEY)", "CREATE TABLE u (id int PRIMARY KEY)",
                "INSERT INTO t VALUES (7), (8)", "INSERT INTO u VALUES (9)");
        Path script = fixture.write("""
                DROP TABLE IF EXISTS `t`;
                CREATE TABLE `t` (`id` int NOT NULL, PRIMARY KEY (`id`));
                INSERT INTO `t` VALUES (1);
                TRUNCATE TABLE `t`;
                INSERT INTO `t` VALUES (2),(3);
                DROP TABLE IF EXISTS `u`;
                INSERT INTO `u` VALUES (4);
                CREATE TABLE `u` (`id` int NOT NULL, PRIMARY KEY (`id`));
                INSERT INTO `u` VALUES (5);
                """, "truncates.sql");

        ImportResult result = new Importer(ImportOptions.builder().keepTargetStructure(true).parallelism(parallelism)
                .targetTables(List.of("t", "u")).build()).run(script, fixture.factory(target));

        assertThat(result.errors()).isEmpty();
        assertThat(fixture.queryString(target, "SELECT GROUP_CONCAT(id ORDER BY id) FROM t")).isEqualTo("2,3");
        assertThat(fixture.queryString(target, "SELECT GROUP_CONCAT(id ORDER BY id) FROM u")).isEqualTo("5");
        assertThat(result.countMismatches()).isEmpty();
        assertThat(result.tables().get("t").rowsExpected()).isEqualTo(2);
        assertThat(result.tables().get("u").rowsExpected()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void sparesTheTruncateOfATableEmptyAtTheStartUnlessAWriteElsewhereCouldFillIt(boolean trigger) throws Exception {
        // the AUTO_INCREMENT counter tells whether the table was truncated: a TRUNCATE sets it back to 1
        fixture.execute(target, "CREATE TABLE e (id int AUTO_INCREMENT PRIMARY KEY) AUTO_INCREMENT = 500",
                "CREATE TABLE f (id int AUTO_INCREMENT PRIMARY KEY) AUTO_INCREMENT = 500", "INSERT INTO f VALUES (9)");
        if (trigger) {
            fixture.execute(target, "CREATE TABLE log (id int PRIMARY KEY)",
                    "CREATE TRIGGER log_f AFTER INSERT ON f FOR EACH ROW INSERT IGNORE INTO log VALUES (NEW.id)");
        }
        Path script = fixture.write("""
                DROP TABLE IF EXISTS `e`;
                CREATE TABLE `e` (`id` int NOT NULL AUTO_INCREMENT, PRIMARY KEY (`id`));
                INSERT INTO `e` VALUES (1),(2);
                DROP TABLE IF EXISTS `f`;
                CREATE TABLE `f` (`id` int NOT NULL AUTO_INCREMENT, PRIMARY KEY (`id`));
                INSERT INTO `f` VALUES (3);
                """, "empty.sql");

        ImportResult result = new Importer(ImportOptions.builder().keepTargetStructure(true)
                .targetTables(List.of("e", "f")).build()).run(script, fixture.factory(target));

        assertThat(result.errors()).isEmpty();
        assertThat(result.countMismatches()).isEmpty();
        assertThat(fixture.queryString(target, "SELECT GROUP_CONCAT(id ORDER BY id) FROM e")).isEqualTo("1,2");
        assertThat(fixture.queryString(target, "SELECT GROUP_CONCAT(id ORDER BY id) FROM f")).isEqualTo("3");
        assertThat(result.tables().get("e").rowsExpected()).isEqualTo(2);
        assertThat(result.tables().get("f").rowsExpected()).isEqualTo(1);
        assertThat(fixture.showCreateTable(target, "e")).as("e truncated only where a trigger could have filled it")
                .contains(trigger ? "AUTO_INCREMENT=3 " : "AUTO_INCREMENT=500 ");
        assertThat(fixture.showCreateTable(target, "f")).as("f held a row: truncated")
                .contains("AUTO_INCREMENT=4 ");
    }

    @Test
    void stopsAtTheFirstFailingStatementWithItsLineCodeAndMessage() throws Exception {
        Path script = fixture.write("""
                CREATE TABLE t (id int PRIMARY KEY);
                INSERT INTO t VALUES (1);
                INSERT INTO t VALUES (1);
                INSERT INTO t VALUES (2);
                """, "dup.sql");

        ImportResult result = new Importer(ImportOptions.builder().build()).run(script, fixture.factory(target));

        assertThat(result.completed()).isFalse();
        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(3);
            assertThat(error.table()).isEqualTo("t");
            assertThat(error.statementHead()).isEqualTo("INSERT INTO t VALUES (1)");
            assertThat(error.errorCode()).isEqualTo(1062);
            assertThat(error.message()).startsWith("Duplicate entry '1'");
        });
        assertThat(fixture.count(target, "t")).isEqualTo(1);
    }

    @Test
    void goesOnPastFailuresUpToMaxErrors() throws Exception {
        Path script = fixture.write("""
                CREATE TABLE t (id int PRIMARY KEY);
                INSERT INTO t VALUES (1);
                INSERT INTO nowhere VALUES (1);
                INSERT INTO t VALUES (2);
                INSERT INTO t VALUES (1);
                INSERT INTO t VALUES (3);
                INSERT INTO t VALUES (3);
                INSERT INTO t VALUES (4);
                """, "errors.sql");

        ImportResult all = new Importer(ImportOptions.builder().errorPolicy(ErrorPolicy.CONTINUE).build())
                .run(script, fixture.factory(target));
        assertThat(all.completed()).isTrue();
        assertThat(all.errors()).extracting(ImportError::line).containsExactly(3L, 5L, 7L);
        assertThat(all.errors()).extracting(ImportError::errorCode).containsExactly(1146, 1062, 1062);
        assertThat(fixture.count(target, "t")).isEqualTo(4);

        String second = fixture.createDatabase("importer_max");
        ImportResult capped = new Importer(ImportOptions.builder().errorPolicy(ErrorPolicy.CONTINUE).maxErrors(2)
                .build()).run(script, fixture.factory(second));
        assertThat(capped.completed()).isFalse();
        assertThat(capped.errors()).hasSize(2);
        assertThat(fixture.count(second, "t")).isEqualTo(2);
    }

    @Test
    void refusesAMalformedScriptBeforeExecutingAnything() throws Exception {
        String valid = "CREATE TABLE t (a int);\nINSERT INTO t VALUES (1);\n".repeat(2000);
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(gzipped)) {
            out.write(valid.getBytes());
        }
        byte[] truncated = Arrays.copyOf(gzipped.toByteArray(), gzipped.size() / 2);
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        Map<String, byte[]> scripts = Map.of(
                "truncated.sql.gz", truncated,
                "quote.sql", "CREATE TABLE t (a int);\nINSERT INTO t VALUES ('open);\n".getBytes(),
                "image.png", png);
        for (Map.Entry<String, byte[]> entry : scripts.entrySet()) {
            Path script = Files.write(directory.resolve(entry.getKey()), entry.getValue());
            assertThatThrownBy(() -> new Importer(ImportOptions.builder().build()).run(script, fixture.factory(target)))
                    .as(entry.getKey()).isInstanceOf(ScriptFormatException.class);
            assertThat(fixture.snapshot(target)).as(entry.getKey()).isEmpty();
        }
    }

    @Test
    void aTableEmptiedFirstHoldsTheScriptsRowsAlone() throws Exception {
        fixture.execute(target, "CREATE TABLE kept (id int PRIMARY KEY, label varchar(20))",
                "INSERT INTO kept VALUES (1, 'the target''s'), (2, 'the target''s')",
                "CREATE TABLE other (id int PRIMARY KEY)", "INSERT INTO other VALUES (7)");
        Path script = fixture.write("""
                INSERT INTO `kept` VALUES (1,'v2'),(3,'v2');
                INSERT INTO `other` VALUES (8);
                """, "data-only.sql");
        ImportOptions options = ImportOptions.builder().keepTargetStructure(true).targetTables(List.of("kept", "other"))
                .emptiedFirst(List.of("kept")).build();

        ImportResult result = new Importer(options).run(script, fixture.factory(target));

        assertThat(result.errors()).isEmpty();
        assertThat(result.countMismatches()).isEmpty();
        assertThat(fixture.queryString(target, "SELECT GROUP_CONCAT(id, label ORDER BY id) FROM kept"))
                .isEqualTo("1v2,3v2");
        assertThat(result.tables().get("kept").rowsBefore()).isEqualTo(2);
        assertThat(result.tables().get("kept").insertedRows()).isEqualTo(2);
        assertThat(result.tables().get("kept").rowsAfter()).isEqualTo(2);
        assertThat(fixture.count(target, "other")).as("a table not named keeps its rows").isEqualTo(2);
    }

    @Test
    void renamesExcludesAndRewritesAsTheOptionsSay() throws Exception {
        fixture.execute(target, "CREATE TABLE video_encode_transcript_encodingvideo (id int PRIMARY KEY, name"
                + " varchar(20), threshold int NOT NULL DEFAULT 9, created datetime)",
                "CREATE TABLE live_broadcaster (id int)", "INSERT INTO live_broadcaster VALUES (9)");
        Path script = fixture.write("""
                CREATE TABLE `video_encodingvideo` (`id` int, `name` varchar(20), `old` int, `day` date, `hour` time);
                INSERT INTO `video_encodingvideo` VALUES (1,'a',7,'2024-01-02','10:11:12'),(2,'b',8,NULL,NULL);
                CREATE TABLE `live_broadcaster` (`id` int);
                INSERT INTO `live_broadcaster` VALUES (1),(2);
                """, "rules.sql");
        ImportOptions options = ImportOptions.builder()
                .tableRenames(Map.of("video_encodingvideo", "video_encode_transcript_encodingvideo"))
                .excludedTables("live_broadcaster").keepTargetStructure(true)
                .targetTables(List.of("video_encode_transcript_encodingvideo"))
                .insertRewrites(Map.of("video_encodingvideo", new InsertRewrite(Set.of("old", "day", "hour"),
                        Map.of("threshold", "0", "created", "TIMESTAMP({day}, {hour})"))))
                .build();

        ImportResult result = new Importer(options).run(script, fixture.factory(target));

        assertThat(result.errors()).isEmpty();
        assertThat(fixture.queryString(target, "SELECT GROUP_CONCAT(CONCAT_WS('/', id, name, threshold, created)"
                + " ORDER BY id) FROM video_encode_transcript_encodingvideo"))
                .isEqualTo("1/a/0/2024-01-02 10:11:12,2/b/0");
        assertThat(result.droppedValues()).containsEntry("video_encodingvideo.old", 2L);
        assertThat(result.tables().get("live_broadcaster").skippedRows()).isEqualTo(2);
        assertThat(result.tables().get("live_broadcaster").rowsAfter())
                .as("a table the import executed nothing for holds the target's own rows: not counted").isEqualTo(-1);
        assertThat(result.tables().get("video_encode_transcript_encodingvideo").rowsAfter()).isEqualTo(2);
        assertThat(result.countMismatches()).isEmpty();
        assertThat(result.skipped(SkipReason.EXCLUDED_TABLE)).isEqualTo(2);
        assertThat(result.missingTables()).isEmpty();
    }

    @Test
    void replaysTheScriptsSessionStatementsOnEveryConnection() throws Exception {
        StringBuilder script = new StringBuilder("SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='';\n"
                + "SET @loaded_by = 'a session replayed';\nSET AUTOCOMMIT = 0;\nSTART TRANSACTION;\n");
        for (String table : List.of("a", "b", "c", "d")) {
            script.append("CREATE TABLE ").append(table).append(" (d date, q varchar(30));\n");
            script.append(("INSERT INTO " + table + " VALUES ('0000-00-00', @loaded_by);\n").repeat(3));
        }
        script.append("COMMIT;\nSET SQL_MODE=@OLD_SQL_MODE;\n");
        Path file = fixture.write(script.toString(), "session.sql");

        ImportResult result = new Importer(ImportOptions.builder().parallelism(4).build())
                .run(file, fixture.factory(target));

        assertThat(result.errors()).isEmpty();
        assertThat(result.skipped(SkipReason.TRANSACTION_CONTROL)).isEqualTo(2);
        assertThat(result.skipped(SkipReason.SESSION_KEPT)).isEqualTo(3);
        for (String table : List.of("a", "b", "c", "d")) {
            // the connection that loaded the table had run the script's SET
            assertThat(fixture.queryString(target, "SELECT CONCAT(COUNT(*), ' ', MIN(d), ' ', MIN(q)) FROM " + table))
                    .isEqualTo("3 0000-00-00 a session replayed");
        }
    }

    @Test
    void tellsItsProgressUpToTheWholeScript() throws Exception {
        Path script = fixture.write("CREATE TABLE t (a int);\n" + "INSERT INTO t VALUES (1),(2);\n".repeat(500),
                "progress.sql");
        List<ImportProgress> seen = new ArrayList<>();

        ImportResult result = new Importer(ImportOptions.builder().progress(seen::add).build())
                .run(script, fixture.factory(target));

        assertThat(seen).anyMatch(p -> p.stage() == ImportProgress.Stage.CHECKING);
        ImportProgress last = seen.get(seen.size() - 1);
        assertThat(last.stage()).isEqualTo(ImportProgress.Stage.IMPORTING);
        assertThat(last.statements()).isEqualTo(501);
        assertThat(last.rows()).isEqualTo(1000);
        assertThat(last.bytesRead()).isEqualTo(last.bytesTotal()).isEqualTo(Files.size(script));
        assertThat(result.bytes()).isEqualTo(Files.size(script));
        assertThat(result.statements()).isEqualTo(501);
        assertThat(result.executed()).isEqualTo(501);
    }

    /**
     * A script of several databases, as {@code mariadb-dump --databases} writes it, imported from its source
     * database's section alone: the other sections are skipped, never executed nor refused, and counted.
     */
    @Nested
    class SeveralDatabases {

        /** The script's databases: never created, the import writes its target whatever the script uses. */
        private static final String SOURCE = "pm_test_never_pod";
        private static final String OTHER = "pm_test_never_other";
        /** Statements of one table's INSERTs long enough to be a run that another connection reads itself. */
        private static final int RUN_STATEMENTS = 150;

        @ParameterizedTest(name = "parallelism {0}")
        @ValueSource(ints = {1, 3})
        void importsTheSourceSectionAloneAndCountsWhatTheOthersHeld(int parallelism) throws Exception {
            Path script = fixture.write("""
                    /*!40101 SET NAMES utf8mb4 */;
                    CREATE TABLE before_use (id int PRIMARY KEY);
                    INSERT INTO before_use VALUES (1),(2);
                    CREATE DATABASE /*!32312 IF NOT EXISTS*/ `%1$s` /*!40100 DEFAULT CHARACTER SET utf8mb4 */;
                    USE `%1$s`;
                    CREATE TABLE a (id int PRIMARY KEY, pad text);
                    %3$s
                    GRANT ALL ON *.* TO 'pm_test_never'@'%%';
                    CREATE USER 'pm_test_never'@'%%';
                    SELECT COALESCE(CURRENT_ROLE(),'NONE') into @current_role;
                    SET ROLE pm_test_never_role;
                    SET ROLE NONE;
                    /*M!100203 EXECUTE IMMEDIATE CONCAT('SET ROLE ', @current_role) */;
                    INSERT INTO elsewhere.t VALUES (1);
                    SET GLOBAL max_connections = 1;
                    /*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;
                    /*!40103 SET TIME_ZONE='+00:00' */;
                    CREATE DATABASE `%2$s`;
                    USE `%2$s`;
                    CREATE TABLE a (id int PRIMARY KEY, pad text);
                    %4$s
                    CREATE SCHEMA IF NOT EXISTS mysql;
                    USE mysql;
                    INSERT INTO global_priv VALUES ('localhost','pm_test_never','{}');
                    /*!40000 DROP DATABASE IF EXISTS `%1$s`*/;
                    USE `%5$s`;
                    INSERT INTO a VALUES (-1, 'back');
                    /*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;
                    """.formatted(OTHER, SOURCE, inserts(1000, "other"), inserts(0, "source"), SOURCE.toUpperCase()),
                    "databases.sql");
            long globalPrivRows = fixture.count("mysql", "global_priv");

            ScriptAnalysis analysis = ScriptAnalyzer.analyze(script, target, Set.of(), SOURCE, p -> { });
            ImportResult result = new Importer(ImportOptions.builder().sourceDatabase(SOURCE).parallelism(parallelism)
                    .build()).run(script, fixture.factory(target));

            assertThat(result.completed()).isTrue();
            assertThat(result.errors()).isEmpty();
            assertThat(fixture.count(target, "before_use")).isEqualTo(2);
            assertThat(fixture.queryString(target, "SELECT CONCAT(COUNT(*), ' ', MIN(id), ' ', MAX(id), ' ',"
                    + " SUM(pad LIKE 'other%')) FROM a")).isEqualTo((2 * RUN_STATEMENTS + 1) + " -1 " + (2 * RUN_STATEMENTS - 1) + " 0");
            assertThat(fixture.snapshot(target)).hasSize(2);
            assertThat(fixture.count("mysql", "global_priv")).isEqualTo(globalPrivRows);
            assertThat(fixture.queryString("", "SELECT COUNT(*) FROM information_schema.SCHEMATA"
                    + " WHERE SCHEMA_NAME LIKE 'pm\\_test\\_never%'")).isEqualTo("0");

            assertThat(result.otherDatabases()).containsOnlyKeys(OTHER, "mysql");
            assertThat(result.otherDatabases().get(OTHER))
                    .isEqualTo(new ImportResult.SkippedDatabase(RUN_STATEMENTS + 12, 2 * RUN_STATEMENTS + 1));
            assertThat(result.otherDatabases().get("mysql")).isEqualTo(new ImportResult.SkippedDatabase(3, 1));
            assertThat(result.skipped(SkipReason.OTHER_DATABASE)).isEqualTo(RUN_STATEMENTS + 15);
            assertThat(result.skipped(SkipReason.USE_NEUTRALISED)).isEqualTo(3);
            assertThat(result.tables()).containsOnlyKeys("before_use", "a");

            assertThat(analysis.importable()).isTrue();
            assertThat(analysis.sourceDatabase()).isEqualTo(SOURCE);
            assertThat(analysis.tables()).containsOnlyKeys("before_use", "a");
            assertThat(analysis.tables().get("a").tuples()).isEqualTo(2 * RUN_STATEMENTS + 1);
            assertThat(analysis.databases()).containsOnlyKeys(SOURCE, OTHER, "mysql");
            assertThat(analysis.sourceSection().rows()).isEqualTo(2 * RUN_STATEMENTS + 3);
            assertThat(analysis.sourceSection().tables()).containsExactly("before_use", "a");
            assertThat(analysis.skippedDatabases()).extracting(ScriptAnalysis.DatabaseSection::name)
                    .containsExactly(OTHER, "mysql");
            for (ScriptAnalysis.DatabaseSection skipped : analysis.skippedDatabases()) {
                ImportResult.SkippedDatabase counted = result.otherDatabases().get(skipped.name());
                assertThat(skipped.statements()).as(skipped.name()).isEqualTo(counted.statements());
                assertThat(skipped.rows()).as(skipped.name()).isEqualTo(counted.rows());
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"GRANT ALL ON *.* TO 'pm_test_never'@'%';", "INSERT INTO " + OTHER + ".a VALUES (1, 'x');",
                "DROP DATABASE " + SOURCE + ";", "SET GLOBAL max_connections = 1;", "SET ROLE pm_test_never_role;",
                "CREATE DEFINER=`root`@`localhost` VIEW v AS SELECT 1;"})
        void keepsEveryCheckInsideTheSourceSection(String bad) throws Exception {
            fixture.execute(target, "CREATE TABLE a (id int PRIMARY KEY, pad text)");
            List<String> before = fixture.snapshot(target);
            Path script = fixture.write("""
                    USE `%1$s`;
                    GRANT ALL ON *.* TO 'pm_test_never'@'%%';
                    USE `%2$s`;
                    INSERT INTO a VALUES (1, 'x');
                    %3$s
                    INSERT INTO a VALUES (2, 'x');
                    """.formatted(OTHER, SOURCE, bad), "refused.sql");

            assertThatThrownBy(() -> new Importer(ImportOptions.builder().sourceDatabase(SOURCE).build())
                    .run(script, fixture.factory(target)))
                    .isInstanceOfSatisfying(ScriptRefusedException.class, e ->
                            assertThat(e.refused()).extracting(RefusedStatement::line).containsExactly(5L));
            assertThat(fixture.snapshot(target)).isEqualTo(before);
        }

        @ParameterizedTest(name = "parallelism {0}")
        @ValueSource(ints = {1, 3})
        void resumesAcrossSectionsToExactlyTheSourceSectionsRows(int parallelism) throws Exception {
            // held all along: each INSERT's GET_LOCK waits for it, as SLEEP would (an import refuses SLEEP)
            String slowLock = "pm_slow_" + target;
            try (Connection lockHolder = fixture.connect(target); Statement lock = lockHolder.createStatement()) {
                lock.executeQuery("SELECT GET_LOCK('" + slowLock + "', 0)").close();
                resumesAcrossSections(parallelism, slowLock);
            }
        }

        private void resumesAcrossSections(int parallelism, String slowLock) throws Exception {
            String first = sleepingInserts("a", 30, slowLock);
            String second = sleepingInserts("b", 30, slowLock);
            Path single = fixture.write("CREATE TABLE a (id int, slept int);\n" + first
                    + "CREATE TABLE b (id int, slept int);\n" + second, "single.sql");
            Path script = fixture.write("USE `" + SOURCE + "`;\nCREATE TABLE a (id int, slept int);\n" + first
                    + "USE `" + OTHER + "`;\nGRANT ALL ON *.* TO 'pm_test_never'@'%';\nCREATE TABLE a (id int, slept int);\n"
                    + sleepingInserts("a", 30, slowLock) + "USE `" + SOURCE + "`;\nCREATE TABLE b (id int, slept int);\n" + second,
                    "sections.sql");
            String reference = fixture.createDatabase("sections_ref");
            fixture.assertImports(reference, single);
            Path checkpoint = directory.resolve("import.checkpoint");
            AtomicLong done = new AtomicLong();
            ImportOptions.Builder options = ImportOptions.builder().sourceDatabase(SOURCE).parallelism(parallelism)
                    .checkpointFile(checkpoint);

            ImportResult stopped = new Importer(options.progress(p -> done.set(p.stage() == ImportProgress.Stage.IMPORTING ? p.statements() : 0))
                    .cancelled(() -> done.get() >= 75).build()).run(script, fixture.factory(target));
            ImportResult resumed = new Importer(options.progress(p -> { }).cancelled(() -> false).resume(true).build())
                    .run(script, fixture.factory(target));

            assertThat(stopped.cancelled()).isTrue();
            assertThat(stopped.otherDatabases().get(OTHER).statements()).isEqualTo(33);
            assertThat(resumed.completed()).isTrue();
            assertThat(resumed.errors()).isEmpty();
            assertThat(resumed.skipped(SkipReason.ALREADY_DONE)).isGreaterThanOrEqualTo(75);
            assertThat(fixture.snapshot(target)).isEqualTo(fixture.snapshot(reference));
            assertThat(Files.exists(checkpoint)).isFalse();
        }

        /** INSERTs of two rows of 1 KiB each into {@code a}, ids from {@code firstId}, their text starting with {@code pad}. */
        private static String inserts(int firstId, String pad) {
            StringBuilder sql = new StringBuilder();
            String text = pad + "x".repeat(1024);
            for (int i = 0; i < RUN_STATEMENTS; i++) {
                sql.append("INSERT INTO a VALUES (").append(firstId + 2 * i).append(", '").append(text).append("'),(")
                        .append(firstId + 2 * i + 1).append(", '").append(text).append("');\n");
            }
            return sql.toString();
        }

        /** INSERTs that each take a while, so that the import is still running when the test stops it. */
        private static String sleepingInserts(String table, int statements, String slowLock) {
            StringBuilder sql = new StringBuilder();
            for (int i = 0; i < statements; i++) {
                sql.append("INSERT INTO ").append(table).append(" VALUES (").append(i).append(", GET_LOCK('").append(slowLock)
                        .append("', 0.01));\n");
            }
            return sql.toString();
        }
    }
}
