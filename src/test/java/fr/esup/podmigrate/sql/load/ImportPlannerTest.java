package fr.esup.podmigrate.sql.load;

import fr.esup.podmigrate.sql.load.ImportPlanner.Action;
import fr.esup.podmigrate.sql.load.ImportPlanner.Plan;
import fr.esup.podmigrate.sql.script.SqlStatement;
import fr.esup.podmigrate.sql.script.StatementReaderIT;
import fr.esup.podmigrate.sql.script.UnknownCollations;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ImportPlannerTest {

    private static final Map<String, String> RENAMES = Map.of("video_encodingvideo",
            "video_encode_transcript_encodingvideo", "video_playlistvideo", "video_encode_transcript_playlistvideo");

    @Test
    void renamesTheTableOfEachKindOfStatementAndTheTablesForeignKeysReference() throws IOException {
        List<Plan> plans = plan(ImportOptions.builder().tableRenames(RENAMES).build(), """
                DROP TABLE IF EXISTS `video_encodingvideo`;
                CREATE TABLE `video_encodingvideo` (`id` int, `pl` int,
                  CONSTRAINT `fk` FOREIGN KEY (`pl`) REFERENCES `video_playlistvideo` (`id`));
                /*!40000 ALTER TABLE `video_encodingvideo` DISABLE KEYS */;
                INSERT INTO `video_encodingvideo` VALUES (1,2);
                REPLACE INTO video_encodingvideo (id, pl) VALUES (3,4);
                INSERT IGNORE INTO `video_encodingvideo` SET id = 5, pl = 6;
                TRUNCATE TABLE `video_encodingvideo`;
                ALTER TABLE `video_playlistvideo` ADD CONSTRAINT `f2` FOREIGN KEY (`v`) REFERENCES `video_encodingvideo` (`id`);
                DROP TABLE `video_encodingvideo`, `video_playlistvideo`, `kept`;
                INSERT INTO `video_video` VALUES (1);
                """);
        assertThat(plans).extracting(Plan::text).containsExactly(
                "DROP TABLE IF EXISTS `video_encode_transcript_encodingvideo`",
                "CREATE TABLE `video_encode_transcript_encodingvideo` (`id` int, `pl` int,\n"
                        + "  CONSTRAINT `fk` FOREIGN KEY (`pl`) REFERENCES `video_encode_transcript_playlistvideo` (`id`))",
                "/*!40000 ALTER TABLE `video_encode_transcript_encodingvideo` DISABLE KEYS */",
                "INSERT INTO `video_encode_transcript_encodingvideo` (`id`,`pl`) VALUES (1,2)",
                "REPLACE INTO `video_encode_transcript_encodingvideo` (id, pl) VALUES (3,4)",
                "INSERT IGNORE INTO `video_encode_transcript_encodingvideo` SET id = 5, pl = 6",
                "TRUNCATE TABLE `video_encode_transcript_encodingvideo`",
                "ALTER TABLE `video_encode_transcript_playlistvideo` ADD CONSTRAINT `f2` FOREIGN KEY (`v`)"
                        + " REFERENCES `video_encode_transcript_encodingvideo` (`id`)",
                "DROP TABLE `video_encode_transcript_encodingvideo`, `video_encode_transcript_playlistvideo`, `kept`",
                "INSERT INTO `video_video` VALUES (1)");
        assertThat(plans).extracting(Plan::action).containsExactly(Action.TABLE, Action.TABLE, Action.TABLE,
                Action.TABLE, Action.TABLE, Action.TABLE, Action.TABLE, Action.TABLE, Action.ALONE, Action.TABLE);
        assertThat(plans.get(3).table()).isEqualTo("video_encode_transcript_encodingvideo");
    }

    @Test
    void givesAPositionalInsertTheColumnsOfTheScriptsLastCreateTable() throws IOException {
        List<Plan> plans = plan(ImportOptions.builder().build(), """
                INSERT INTO t VALUES (0);
                CREATE TABLE t (`id` int, b varchar(10), a int, KEY k (a));
                INSERT INTO t VALUES (1,'x',2),(2,'y',3);
                INSERT INTO t (a, id) VALUES (4, 5);
                CREATE TABLE IF NOT EXISTS t (id int, a int, b varchar(10));
                INSERT INTO `t` VALUES (1,2,'z');
                """);
        assertThat(plans).extracting(Plan::text).containsExactly("INSERT INTO t VALUES (0)",
                "CREATE TABLE t (`id` int, b varchar(10), a int, KEY k (a))",
                "INSERT INTO t (`id`,`b`,`a`) VALUES (1,'x',2),(2,'y',3)", "INSERT INTO t (a, id) VALUES (4, 5)",
                "CREATE TABLE IF NOT EXISTS t (id int, a int, b varchar(10))",
                "INSERT INTO `t` (`id`,`a`,`b`) VALUES (1,2,'z')");
        assertThat(plans.get(2).rows()).isEqualTo(2);
        List<Plan> positional = plan(ImportOptions.builder().columnListsFromCreateTable(false).build(),
                "CREATE TABLE t (a int); INSERT INTO t VALUES (1);");
        assertThat(positional.get(1).text()).isEqualTo("INSERT INTO t VALUES (1)");
    }

    @Test
    void dropsAndSetsColumnsRowByRowWithTrickyLiterals() throws IOException {
        InsertRewrite rewrite = new InsertRewrite(Set.of("start_date", "END_TIME", "gone"),
                Map.of("start", "TIMESTAMP({start_date}, {end_time})", "title", "CONCAT({title}, ' (v2)')"));
        ImportOptions options = ImportOptions.builder().insertRewrites(Map.of("live_event", rewrite)).build();
        List<Plan> plans = plan(options, """
                CREATE TABLE live_event (id int, title varchar(250), start_date date, end_time time, note text);
                INSERT INTO live_event VALUES (1,'it''s, (a) \\'test\\'','2024-01-02','10:00:00',NULL),
                (2,'é😀 ; -- x',NULL,'11:00:00','a,b'),(3,CONCAT('a', ','),'2024-01-03',NULL,'{title}');
                INSERT INTO live_event (title, id, start_date, end_time) VALUES ('x', 4, '2024-02-02', '12:00:00')
                ON DUPLICATE KEY UPDATE title = VALUES(title);
                """);
        assertThat(plans.get(1).text()).isEqualTo("INSERT INTO live_event (`id`,`title`,`note`,`start`) VALUES "
                + "(1,CONCAT('it''s, (a) \\'test\\'', ' (v2)'),NULL,TIMESTAMP('2024-01-02', '10:00:00')),"
                + "(2,CONCAT('é😀 ; -- x', ' (v2)'),'a,b',TIMESTAMP(NULL, '11:00:00')),"
                + "(3,CONCAT(CONCAT('a', ','), ' (v2)'),'{title}',TIMESTAMP('2024-01-03', NULL))");
        assertThat(plans.get(1).droppedValues()).as("start_date and end_time live on in start").isEmpty();
        assertThat(plans.get(2).text()).isEqualTo("INSERT INTO live_event (`title`,`id`,`start`) VALUES "
                + "(CONCAT('x', ' (v2)'),4,TIMESTAMP('2024-02-02', '12:00:00'))\n"
                + "ON DUPLICATE KEY UPDATE title = VALUES(title)");
    }

    @Test
    void failsWhatItCannotRewrite() throws IOException {
        ImportOptions options = ImportOptions.builder()
                .insertRewrites(Map.of("t", InsertRewrite.dropping("a"),
                        "u", new InsertRewrite(Set.of(), Map.of("c", "{missing}")))).build();
        List<Plan> plans = plan(options, """
                INSERT INTO t VALUES (1, 2);
                INSERT INTO t (a, b) SELECT 1, 2;
                CREATE TABLE t (a int, b int);
                INSERT INTO t VALUES (1, 2, 3);
                INSERT INTO u (a) VALUES (1);
                INSERT INTO t VALUES (1, 2);
                """);
        assertThat(plans).extracting(Plan::action).containsExactly(Action.FAIL, Action.FAIL, Action.TABLE,
                Action.FAIL, Action.FAIL, Action.TABLE);
        assertThat(plans.get(0).error()).contains("no column list and no CREATE TABLE");
        assertThat(plans.get(3).error()).contains("3 values for 2 columns");
        assertThat(plans.get(4).error()).contains("{missing}");
        assertThat(plans.get(5).text()).isEqualTo("INSERT INTO t (`b`) VALUES (2)");
    }

    @Test
    void keepsTheTargetsStructure() throws IOException {
        ImportOptions options = ImportOptions.builder().keepTargetStructure(true).targetTables(List.of("t"))
                .excludedTables("x").build();
        List<Plan> plans = plan(options, """
                DROP TABLE IF EXISTS t;
                CREATE TABLE t (a int, b int);
                CREATE TABLE gone (a int);
                INSERT INTO gone VALUES (1), (2);
                ALTER TABLE t ADD PRIMARY KEY (a), MODIFY a int NOT NULL AUTO_INCREMENT;
                ALTER TABLE t ADD COLUMN c int;
                CREATE VIEW v AS SELECT 1;
                CREATE INDEX i ON t (b);
                INSERT INTO x VALUES (1), (2), (3);
                LOCK TABLES t WRITE;
                INSERT INTO t VALUES (1, 2);
                UNLOCK TABLES;
                """);
        assertThat(plans).extracting(Plan::skip).containsExactly(null, null,
                SkipReason.STRUCTURE_KEPT, SkipReason.MISSING_TABLE, SkipReason.KEYS_KEPT, SkipReason.STRUCTURE_KEPT,
                SkipReason.STRUCTURE_KEPT, SkipReason.STRUCTURE_KEPT, SkipReason.EXCLUDED_TABLE,
                SkipReason.LOCK_TABLES, null, SkipReason.LOCK_TABLES);
        assertThat(plans.get(3).rows()).isEqualTo(2);
        assertThat(plans).extracting(Plan::note).containsExactly(false, false, false, false, false, true, true, true,
                false, false, false, false);
        assertThat(plans.get(10).text()).isEqualTo("INSERT INTO t (`a`,`b`) VALUES (1, 2)");
        assertThat(plans.subList(0, 2)).as("dropping or creating a kept table replaces its rows: it is emptied")
                .extracting(Plan::text).containsExactly("TRUNCATE TABLE `t`", "TRUNCATE TABLE `t`");
    }

    @Test
    void aKeptTableCreatedIfItDoesNotExistKeepsItsRows() throws IOException {
        ImportOptions options = ImportOptions.builder().keepTargetStructure(true).targetTables(List.of("t")).build();
        List<Plan> plans = plan(options, "CREATE TABLE IF NOT EXISTS t (a int);\n");
        assertThat(plans).extracting(Plan::skip).containsExactly(SkipReason.STRUCTURE_KEPT);
    }

    @Test
    void skipsAPlainCreateTableOfATableThatExistsUnlessTheScriptDroppedIt() throws IOException {
        ImportOptions options = ImportOptions.builder().targetTables(List.of("t", "u")).build();
        List<Plan> plans = plan(options, """
                CREATE TABLE t (a int);
                CREATE TABLE IF NOT EXISTS t (a int);
                DROP TABLE IF EXISTS u;
                CREATE TABLE u (a int);
                CREATE TABLE v (a int);
                """);
        assertThat(plans).extracting(Plan::action).containsExactly(Action.SKIP, Action.TABLE, Action.TABLE,
                Action.TABLE, Action.TABLE);
        assertThat(plans.get(0).skip()).isEqualTo(SkipReason.TABLE_EXISTS);
    }

    @Test
    void sendsSessionStatementsToEveryConnectionAndSkipsTransactionsUseAndLocks() throws IOException {
        List<Plan> plans = plan(ImportOptions.builder().build(), """
                SET NAMES utf8mb4;
                SET @n = (SELECT COUNT(*) FROM t);
                SET autocommit = 0;
                START TRANSACTION;
                USE pod;
                COMMIT;
                CREATE VIEW v AS SELECT 1;
                """);
        assertThat(plans).extracting(Plan::action).containsExactly(Action.SESSION, Action.SESSION, Action.SKIP,
                Action.SKIP, Action.SKIP, Action.SKIP, Action.ALONE);
        assertThat(plans).extracting(Plan::afterIdle).startsWith(false, true);
        assertThat(plans).extracting(Plan::skip).containsSequence(SkipReason.SESSION_KEPT,
                SkipReason.TRANSACTION_CONTROL, SkipReason.USE_NEUTRALISED, SkipReason.TRANSACTION_CONTROL);
    }

    @Test
    void skipsTheDumpsSetsOfTheSettingsTheImportsSessionKeeps() throws IOException {
        List<Plan> plans = plan(ImportOptions.builder().build(), """
                /*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
                /*!40101 SET NAMES utf8mb4 */;
                /*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;
                /*!40103 SET TIME_ZONE='+00:00' */;
                /*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;
                /*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
                /*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
                set autocommit=0;
                SET SQL_MODE = "NO_AUTO_VALUE_ON_ZERO";
                SET AUTOCOMMIT = 0;
                SET time_zone = "+00:00";
                SET FOREIGN_KEY_CHECKS=0;
                SET FOREIGN_KEY_CHECKS=1;
                SET @@session.unique_checks = ON, @@local.sql_mode = '', @saved = 1;
                /*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;
                /*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
                /*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
                /*!40014 SET UNIQUE_CHECKS=@OLD_UNIQUE_CHECKS */;
                /*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
                """);
        assertThat(plans).extracting(Plan::skip).containsExactly(null, null, null, SkipReason.SESSION_KEPT,
                SkipReason.SESSION_KEPT, SkipReason.SESSION_KEPT, SkipReason.SESSION_KEPT, SkipReason.SESSION_KEPT,
                SkipReason.SESSION_KEPT, SkipReason.SESSION_KEPT, SkipReason.SESSION_KEPT, SkipReason.SESSION_KEPT,
                SkipReason.SESSION_KEPT, SkipReason.SESSION_KEPT, SkipReason.SESSION_KEPT, SkipReason.SESSION_KEPT,
                SkipReason.SESSION_KEPT, SkipReason.SESSION_KEPT, null);
        assertThat(plans.get(0).action()).isEqualTo(Action.SESSION);
        assertThat(plans.get(2).action()).isEqualTo(Action.SESSION);
    }

    @Test
    void givesTheCollationsTheServerLacksAStandInWhenTold() throws IOException {
        String script = """
                /*!50001 SET collation_connection = utf8mb4_0900_ai_ci */;
                CREATE TABLE t (a varchar(5) COLLATE utf8mb4_0900_as_cs) COLLATE=utf8mb4_0900_ai_ci;
                ALTER TABLE t MODIFY a varchar(9) COLLATE utf8mb4_0900_as_ci;
                INSERT INTO t VALUES ('utf8mb4_0900_ai_ci');
                """;
        UnknownCollations server = new UnknownCollations(List.of("utf8mb4_general_ci", "utf8mb4_nopad_bin"));

        assertThat(plan(ImportOptions.builder().unknownCollations(server).build(), script)).extracting(Plan::text)
                .containsExactly("/*!50001 SET collation_connection = utf8mb4_nopad_bin */",
                        "CREATE TABLE t (a varchar(5) COLLATE utf8mb4_nopad_bin) COLLATE=utf8mb4_nopad_bin",
                        "ALTER TABLE t MODIFY a varchar(9) COLLATE utf8mb4_nopad_bin",
                        "INSERT INTO t (`a`) VALUES ('utf8mb4_0900_ai_ci')");
        assertThat(plan(ImportOptions.builder().build(), script)).extracting(Plan::text)
                .containsExactly("/*!50001 SET collation_connection = utf8mb4_0900_ai_ci */",
                        "CREATE TABLE t (a varchar(5) COLLATE utf8mb4_0900_as_cs) COLLATE=utf8mb4_0900_ai_ci",
                        "ALTER TABLE t MODIFY a varchar(9) COLLATE utf8mb4_0900_as_ci",
                        "INSERT INTO t (`a`) VALUES ('utf8mb4_0900_ai_ci')");
    }

    private static List<Plan> plan(ImportOptions options, String script) throws IOException {
        ImportPlanner planner = new ImportPlanner(options);
        List<Plan> plans = new ArrayList<>();
        for (SqlStatement statement : StatementReaderIT.read(script)) {
            plans.add(planner.plan(statement));
        }
        return plans;
    }
}
