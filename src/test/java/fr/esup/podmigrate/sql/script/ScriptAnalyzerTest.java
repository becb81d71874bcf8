package fr.esup.podmigrate.sql.script;

import fr.esup.podmigrate.sql.ImportProgress;
import fr.esup.podmigrate.sql.script.ScriptAnalysis.TableAnalysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class ScriptAnalyzerTest {

    private static final String SCRIPT = """
            /*M!999999\\- enable the sandbox mode */
            /*!40101 SET NAMES utf8mb4 */;
            USE `pod`;
            INSERT INTO video_video VALUES (0, 'before the create');
            DROP TABLE IF EXISTS `video_video`;
            CREATE TABLE IF NOT EXISTS `video_video` (`id` int, `title` varchar(250), KEY `k` (`title`))
              ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
            TRUNCATE TABLE video_video;
            INSERT IGNORE INTO `video_video` VALUES (1,'a'),(2,'b');
            INSERT INTO `video_video` (`id`, `title`) VALUES (3,'%s');
            REPLACE INTO video_video (id, slug) VALUES (4, 'd');
            USE mysql;
            GRANT ALL ON *.* TO 'x'@'%%';
            INSERT INTO django_site VALUES (1, 'example.com');
            """.formatted("x".repeat(5000));

    @TempDir
    Path directory;

    /**
     * Dumps joined with cat, each starting with a byte order mark: the second one's mark starts a statement, which the
     * client and the server fail on, half-way through an import. The analysis stops there, before anything runs.
     */
    @Test
    void findsAByteOrderMarkInsideTheScript() throws IOException {
        String bom = "\uFEFF";
        String dump = "-- MariaDB dump\n/*!40101 SET NAMES utf8mb4 */;\nCREATE TABLE `t%1$d` (`id` int);\n"
                + "INSERT INTO `t%1$d` VALUES (1);\n";
        Path joined = Files.writeString(directory.resolve("joined.sql"),
                bom + dump.formatted(1) + bom + dump.formatted(2));

        ScriptAnalysis analysis = ScriptAnalyzer.analyze(joined, "pod3", Set.of(), null, p -> { });

        assertThat(analysis.formatError()).isNotNull();
        assertThat(analysis.formatError().reason()).isEqualTo(ScriptFormatException.Reason.BYTE_ORDER_MARK);
        assertThat(analysis.formatError().line()).isEqualTo(5);
        assertThat(analysis.tables()).containsOnlyKeys("t1");
        assertThat(ScriptAnalyzer.analyze(Files.writeString(directory.resolve("one.sql"), bom + dump.formatted(1)),
                "pod3", Set.of(), null, p -> { }).formatError()).as("the mark a file starts with").isNull();
    }

    @Test
    void tellsWhatEachTableGetsAndWhatAnImportWouldRefuse() throws IOException {
        Path script = Files.writeString(directory.resolve("podv2.sql"), SCRIPT);
        List<ImportProgress> progress = new ArrayList<>();

        ScriptAnalysis analysis = ScriptAnalyzer.analyze(script, "pod3", Set.of("pod"), null, progress::add);

        TableAnalysis video = analysis.tables().get("video_video");
        assertThat(video.statements()).containsEntry(StatementKind.INSERT, 3L).containsEntry(StatementKind.REPLACE, 1L)
                .containsEntry(StatementKind.CREATE_TABLE, 1L).containsEntry(StatementKind.DROP_TABLE, 1L)
                .containsEntry(StatementKind.TRUNCATE, 1L);
        assertThat(video.tuples()).isEqualTo(5);
        assertThat(video.insertColumns()).containsExactly("id", "title", "slug");
        assertThat(video.createTableColumns()).containsExactly("id", "title");
        assertThat(video.createTableIfNotExists()).isTrue();
        assertThat(video.positionalInserts()).isEqualTo(2);
        assertThat(video.positionalInsertsWithoutCreateTable()).isEqualTo(1);
        assertThat(video.dropTable()).isTrue();
        assertThat(video.truncate()).isTrue();
        assertThat(video.insert()).isTrue();
        assertThat(video.insertIgnore()).isTrue();
        assertThat(video.replace()).isTrue();
        assertThat(analysis.tables().keySet()).containsExactly("video_video", "django_site");
        assertThat(analysis.unrewritableTables(List.of("video_video", "django_site", "absent")))
                .containsExactly("video_video", "django_site");

        assertThat(analysis.refused()).extracting(RefusedStatement::line).containsExactly(12L, 13L);
        assertThat(analysis.refused()).extracting(RefusedStatement::reason)
                .containsExactly(RefusalReason.USE_OTHER_DATABASE, RefusalReason.GRANT);
        assertThat(analysis.refused().get(1).statementHead()).isEqualTo("GRANT ALL ON *.* TO 'x'@'%'");
        assertThat(analysis.refusedCount()).isEqualTo(2);
        assertThat(analysis.importable()).isFalse();
        assertThat(analysis.neutralisedUses()).extracting(ScriptAnalysis.ScriptLine::line).containsExactly(3L);
        assertThat(analysis.useDatabases()).containsExactly("pod", "mysql");
        assertThat(analysis.charsets()).containsExactly("utf8mb4");
        assertThat(analysis.collations()).containsExactly("utf8mb4_general_ci");
        assertThat(analysis.largestStatementLine()).isEqualTo(10);
        assertThat(analysis.largestStatementBytes()).isBetween(5000L, 5100L);
        assertThat(analysis.statements()).isEqualTo(12);
        assertThat(analysis.sandboxCommands()).isEqualTo(1);
        assertThat(analysis.bytes()).isEqualTo(Files.size(script));
        assertThat(analysis.textBytes()).isEqualTo(Files.size(script));
        assertThat(analysis.formatError()).isNull();
        assertThat(progress).isNotEmpty().allMatch(p -> p.stage() == ImportProgress.Stage.CHECKING);
        assertThat(progress.get(progress.size() - 1).rows()).isEqualTo(6);
    }

    @Test
    void listsTheSessionSetsAnImportSkipsAndRefusesWhatChangesRowsOrTheSession() throws IOException {
        Path script = Files.writeString(directory.resolve("changes.sql"), """
                /*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;
                /*!40103 SET TIME_ZONE='+00:00' */;
                /*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;
                SET FOREIGN_KEY_CHECKS=0;
                CREATE TABLE t (id int, update_date datetime ON UPDATE CURRENT_TIMESTAMP,
                  p int, FOREIGN KEY (p) REFERENCES t (id) ON DELETE CASCADE ON UPDATE CASCADE);
                INSERT INTO t (id, update_date) VALUES (1, 'DELETE FROM t; SELECT SLEEP(10)');
                UPDATE t SET id = 2;
                DELETE FROM t;
                INSERT INTO t SELECT * FROM t;
                SELECT SLEEP(10);
                SET time_zone = '+02:00';
                SET FOREIGN_KEY_CHECKS=1;
                /*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;
                """);

        ScriptAnalysis analysis = ScriptAnalyzer.analyze(script, "pod3", Set.of(), null, p -> { });

        assertThat(analysis.keptSessionLines().listed()).extracting(ScriptAnalysis.ScriptLine::line)
                .containsExactly(2L, 3L, 4L, 13L, 14L);
        assertThat(analysis.refused()).extracting(RefusedStatement::line).containsExactly(8L, 9L, 10L, 11L, 12L);
        assertThat(analysis.refused()).extracting(RefusedStatement::reason).containsExactly(RefusalReason.UPDATE,
                RefusalReason.DELETE, RefusalReason.INSERT_SELECT, RefusalReason.SLEEP, RefusalReason.SESSION_SETTING);
    }

    @Test
    void acceptsTheDatabasesItIsToldAboutWithoutATarget() throws IOException {
        Path script = Files.writeString(directory.resolve("qualified.sql"),
                "USE POD;\nINSERT INTO pod.t VALUES (1);\nINSERT INTO other.t VALUES (1);\n");

        ScriptAnalysis analysis = ScriptAnalyzer.analyze(script, Set.of("pod"), null, p -> { });

        assertThat(analysis.refused()).extracting(RefusedStatement::line).containsExactly(3L);
        ScriptAnalysis forTarget = ScriptAnalyzer.analyze(script, "pod3", Set.of("pod"), null, p -> { });
        assertThat(forTarget.refused()).extracting(RefusedStatement::line).containsExactly(2L, 3L);
    }

    @Test
    void readsTheSourceDatabasesSectionAloneAndTellsWhatTheOthersHold() throws IOException {
        Path script = Files.writeString(directory.resolve("databases.sql"), """
                /*!40101 SET NAMES utf8mb4 */;
                INSERT INTO before_use VALUES (1);
                /*!40000 DROP DATABASE IF EXISTS `mysql`*/;
                CREATE DATABASE /*!32312 IF NOT EXISTS*/ `mysql` /*!40100 DEFAULT CHARACTER SET utf8mb4 */;
                USE `mysql`;
                CREATE TABLE global_priv (Host char(255), User char(128), Priv longtext);
                INSERT INTO global_priv VALUES ('localhost','root','{}'),('%','pod','{}');
                GRANT ALL ON *.* TO 'pod'@'%';
                CREATE DATABASE IF NOT EXISTS pod;
                CREATE SCHEMA /*!32312 IF NOT EXISTS*/ `Pod`;
                USE pod;
                INSERT INTO video_video VALUES (1);
                GRANT SELECT ON pod.* TO 'reader'@'%';
                CREATE DATABASE other;
                USE `other`;
                INSERT INTO video_video VALUES (2), (3);
                USE `POD`;
                INSERT INTO video_video VALUES (4);
                """);

        ScriptAnalysis analysis = ScriptAnalyzer.analyze(script, Set.of(), "pod", p -> { });

        assertThat(analysis.refused()).extracting(RefusedStatement::line).containsExactly(13L);
        assertThat(analysis.tables()).containsOnlyKeys("before_use", "video_video");
        assertThat(analysis.tables().get("video_video").tuples()).isEqualTo(2);
        assertThat(analysis.neutralisedUses()).extracting(ScriptAnalysis.ScriptLine::line).containsExactly(11L, 17L);
        assertThat(analysis.useDatabases()).containsExactly("mysql", "pod", "other", "POD");
        assertThat(analysis.databases().values()).containsExactly(
                new ScriptAnalysis.DatabaseSection("pod", Set.of("before_use", "video_video"), 8, 3),
                new ScriptAnalysis.DatabaseSection("mysql", Set.of("global_priv"), 6, 2),
                new ScriptAnalysis.DatabaseSection("other", Set.of("video_video"), 3, 2));
        assertThat(analysis.sourceSection().name()).isEqualTo("pod");
        assertThat(analysis.skippedDatabases()).extracting(ScriptAnalysis.DatabaseSection::name)
                .containsExactly("mysql", "other");

        ScriptAnalysis asOneDatabase = ScriptAnalyzer.analyze(script, Set.of(), null, p -> { });
        assertThat(asOneDatabase.refusedCount()).isEqualTo(11);
        assertThat(asOneDatabase.tables()).containsOnlyKeys("before_use", "global_priv", "video_video");
        assertThat(asOneDatabase.databases()).containsOnlyKeys("mysql", "pod", "Pod", "other", "POD");
        assertThat(asOneDatabase.sourceSection()).isNull();
        assertThat(asOneDatabase.skippedDatabases()).isEmpty();
    }

    @Test
    void reportsAMalformedScriptInsteadOfThrowing() throws IOException {
        Path quote = Files.writeString(directory.resolve("quote.sql"),
                "CREATE TABLE t (a text);\nINSERT INTO t VALUES (1);\nINSERT INTO t VALUES ('never closed);\n");
        ScriptAnalysis unterminated = ScriptAnalyzer.analyze(quote, Set.of(), null, p -> { });
        assertThat(unterminated.formatError().reason()).isEqualTo(ScriptFormatException.Reason.UNTERMINATED_STRING);
        assertThat(unterminated.formatError().line()).isEqualTo(3);
        assertThat(unterminated.statements()).isEqualTo(2);
        assertThat(unterminated.importable()).isFalse();

        Path gzip = directory.resolve("cut.sql.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzip))) {
            out.write("INSERT INTO t VALUES (1);\n".repeat(20_000).getBytes(StandardCharsets.UTF_8));
        }
        byte[] whole = Files.readAllBytes(gzip);
        Files.write(gzip, Arrays.copyOf(whole, whole.length - 100));
        ScriptAnalysis cut = ScriptAnalyzer.analyze(gzip, Set.of(), null, p -> { });
        assertThat(cut.formatError().reason()).isEqualTo(ScriptFormatException.Reason.CORRUPT_COMPRESSED_FILE);
        assertThat(cut.formatError()).hasMessageContaining("it ends before its compressed data does");
        // what precedes the cut is read, and the damage named where the reading reached it
        assertThat(cut.statements()).isGreaterThan(15_000);
        assertThat(cut.formatError().line()).isGreaterThan(15_000);

        Path png = Files.write(directory.resolve("image.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0});
        assertThat(ScriptAnalyzer.analyze(png, Set.of(), null, p -> { }).formatError()).isNotNull();
    }

    /** A list of statements keeps its first thousand; its count goes on, for the warning that gives how many. */
    @Test
    void countsTheStatementsItListsBeyondTheOnesItKeeps() throws IOException {
        Path script = Files.writeString(directory.resolve("autocommit.sql"),
                "SET autocommit=0;\n".repeat(ScriptAnalysis.MAX_LISTED + 5) + "INSERT INTO t VALUES (1);\n");

        ScriptAnalysis.ScriptLines kept = ScriptAnalyzer.analyze(script, Set.of(), null, p -> { }).keptSessionLines();

        assertThat(kept.count()).isEqualTo(ScriptAnalysis.MAX_LISTED + 5);
        assertThat(kept.listed()).hasSize(ScriptAnalysis.MAX_LISTED);
        assertThat(kept.first().line()).isOne();
    }

    /**
     * A column names its charset only where it differs from its table's: without the table's options (a CREATE TABLE
     * written by hand, or trimmed), the table's own charset is unknown, so its rows dumped in utf8mb3 are named.
     */
    @Test
    void namesTheRowsDumpedInUtf8mb3OfATableWhoseOwnCharsetItCannotTell() throws IOException {
        Path script = Files.writeString(directory.resolve("options.sql"), """
                SET NAMES utf8;
                CREATE TABLE bare (id int, s text CHARACTER SET utf8);
                INSERT INTO bare VALUES (1, 'x');
                CREATE TABLE whole (id int, s text CHARACTER SET latin1) DEFAULT CHARSET=utf8;
                INSERT INTO whole VALUES (1, 'x');
                """);

        ScriptAnalysis analysis = ScriptAnalyzer.analyze(script, Set.of(), null, p -> { });

        assertThat(analysis.utf8mb3Rows().listed()).extracting(ScriptAnalysis.ScriptLine::line).containsExactly(3L);
    }

    /** What a utf8mb3 column of a target stores as '?': the characters beyond U+FFFF of each table's rows. */
    @Test
    void countsTheEmojiOfEachTablesRows() throws IOException {
        Path script = Files.writeString(directory.resolve("emoji.sql"), """
                SET NAMES utf8mb4;
                INSERT INTO `video_video` VALUES (1,'Soutenance 🎓 🎬'),(2,'été'),(3,'😀');
                INSERT INTO `video_video` VALUES (4, CONCAT('🎓', 'x'));
                CREATE TABLE video_type (id int, title varchar(10) DEFAULT '😀');
                INSERT INTO video_type VALUES (1, 'Émission');
                """);

        ScriptAnalysis analysis = ScriptAnalyzer.analyze(script, Set.of(), null, p -> { });

        assertThat(analysis.tables().get("video_video").supplementaryCharacters()).as("read abridged, then whole")
                .isEqualTo(4);
        assertThat(analysis.tables().get("video_type").supplementaryCharacters()).as("rows only").isZero();
    }

    @Test
    void notesWhereAScriptCutInsideItsLastStatementStartsIt() throws IOException {
        String head = "CREATE TABLE t (a int);\nINSERT INTO t VALUES (1);\n";
        Path cut = Files.writeString(directory.resolve("cut.sql"), head + "INSERT INTO t VALUES\n(2),\n(3");
        Path whole = Files.writeString(directory.resolve("whole.sql"), head + "INSERT INTO t VALUES (2);\n-- end\n");

        assertThat(ScriptAnalyzer.analyze(cut, Set.of(), null, p -> { }).unterminatedStatementLine()).isEqualTo(3);
        assertThat(ScriptAnalyzer.analyze(whole, Set.of(), null, p -> { }).unterminatedStatementLine()).isEqualTo(-1);
    }

    @Test
    void notesWhereAScriptThatNeverSetsTheClientsCharsetBackSavedIt() throws IOException {
        String save = "/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;\n";
        String restore = "/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;\n";
        String rows = "CREATE TABLE t (a int);\nINSERT INTO t VALUES (1);\n";

        assertThat(analyzed("-- MariaDB dump\n" + save + rows).unrestoredSettingsLine()).isEqualTo(2);
        assertThat(analyzed(save + rows + restore + "-- Dump completed\n").unrestoredSettingsLine()).isEqualTo(-1);
        assertThat(analyzed(rows).unrestoredSettingsLine()).as("a compact dump").isEqualTo(-1);
        assertThat(analyzed(save + rows + restore + "set @old_character_set_client = @@character_set_client;\n" + rows)
                .unrestoredSettingsLine()).as("the second of two dumps, cut").isEqualTo(5);
    }

    @Test
    void refusesAnInsertCutBeforeItsFirstRowAsCutShortAndAnInsertOfAQueryAsSuch() throws IOException {
        // cut inside its rows, an INSERT is no refusal: the server refuses it at the import, as the client's
        assertThat(analyzed("INSERT INTO t VALUES (1),\n(2").refused()).isEmpty();
        String head = "CREATE TABLE t (a int);\nINSERT INTO t VALUES (1);\n";
        for (String cut : List.of("INSERT INTO `t` VALUES\n", "INSERT INTO t (a) VAL", "REPLACE INTO `pod`.`t`",
                "INSERT IGNORE INTO `t` (`a`,`b`) VALUES")) {
            ScriptAnalysis analysis = analyzed(head + cut);
            assertThat(analysis.unterminatedStatementLine()).as(cut).isEqualTo(3);
            assertThat(analysis.refused()).as(cut).extracting(RefusedStatement::reason)
                    .containsExactly(RefusalReason.CUT_SHORT_INSERT);
        }
        for (String query : List.of("INSERT INTO t SELECT * FROM u", "INSERT INTO t VALUES;\n-- end\n",
                "INSERT INTO t (SELECT 1)")) {
            assertThat(analyzed(head + query).refused()).as(query).extracting(RefusedStatement::reason)
                    .containsExactly(RefusalReason.INSERT_SELECT);
        }
    }

    private ScriptAnalysis analyzed(String script) throws IOException {
        return ScriptAnalyzer.analyze(Files.writeString(directory.resolve("script.sql"), script), Set.of(), null,
                p -> { });
    }

    @Test
    void measuresTheLargestStatementInTheBytesTheServerReceives() throws IOException {
        byte[] latin1 = new byte[3000];
        Arrays.fill(latin1, (byte) 0xE9);
        byte[] invalidUtf8 = new byte[1500];
        Arrays.fill(invalidUtf8, (byte) 0xFF);
        List<byte[]> scripts = List.of(
                ("INSERT INTO t VALUES ('" + "x".repeat(4000) + "');\nINSERT INTO t VALUES ('" + "é".repeat(3000)
                        + "');\n").getBytes(StandardCharsets.UTF_8),
                concat("SET NAMES latin1;\nINSERT INTO t VALUES ('".getBytes(StandardCharsets.US_ASCII), latin1,
                        "');\n".getBytes(StandardCharsets.US_ASCII)),
                concat("INSERT INTO t VALUES ('a'),(_binary '".getBytes(StandardCharsets.US_ASCII), invalidUtf8,
                        "');\n".getBytes(StandardCharsets.US_ASCII)));
        for (byte[] bytes : scripts) {
            Path script = Files.write(directory.resolve("measured.sql"), bytes);
            long largest = 0;
            try (StatementReader reader = StatementReader.open(script)) {
                for (SqlStatement statement = reader.next(); statement != null; statement = reader.next()) {
                    int sent = statement.text().getBytes(StandardCharsets.UTF_8).length;
                    assertThat(statement.textBytes()).isEqualTo(sent);
                    largest = Math.max(largest, sent);
                }
            }
            assertThat(largest).isGreaterThan(3020);
            assertThat(ScriptAnalyzer.analyze(script, Set.of(), null, p -> { }).largestStatementBytes()).isEqualTo(largest);
        }
    }

    private static byte[] concat(byte[]... parts) {
        byte[] all = new byte[Arrays.stream(parts).mapToInt(part -> part.length).sum()];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    @Test
    void findsTheLongRunsOfOneTablesInsertsThatAnotherReaderCanLoad() throws IOException {
        String rows = ("INSERT INTO big VALUES ('" + "y".repeat(100_000) + "');\n").repeat(5);
        Path script = Files.writeString(directory.resolve("runs.sql"), "CREATE TABLE big (a longtext);\n" + rows
                + "INSERT INTO small VALUES (1);\n" + rows.replace("big", "other"));

        List<ScriptAnalyzer.DataRun> runs = ScriptAnalyzer.scan(script, "db"::equals, "db"::equals, null, p -> { }).runs();

        assertThat(runs).extracting(ScriptAnalyzer.DataRun::table).containsExactly("big", "other");
        assertThat(runs).extracting(ScriptAnalyzer.DataRun::first).containsExactly(1L, 7L);
        assertThat(runs).extracting(ScriptAnalyzer.DataRun::last).containsExactly(5L, 11L);
        try (StatementReader reader = StatementReader.openAt(script, runs.get(1).start())) {
            assertThat(reader.next().text()).startsWith("INSERT INTO other VALUES ('yyy");
        }
        try (StatementReader reader = StatementReader.openAt(script, runs.get(0).end())) {
            SqlStatement next = reader.next();
            assertThat(next.text()).isEqualTo("INSERT INTO small VALUES (1)");
            assertThat(next.line()).isEqualTo(7);
        }
    }

    @Test
    void keepsALongRunWholeThroughItsReplace() throws IOException {
        String rows = ("INSERT INTO big VALUES ('" + "y".repeat(100_000) + "');\n").repeat(7);
        Path script = Files.writeString(directory.resolve("run.sql"), "CREATE TABLE big (a longtext);\n" + rows
                + "REPLACE INTO big VALUES ('z');\nINSERT INTO small VALUES (1);\n");

        List<ScriptAnalyzer.DataRun> runs = ScriptAnalyzer.scanForImport(script, "db", Set.of("db"), null, p -> { },
                false).runs();

        assertThat(runs).singleElement().satisfies(run -> {
            assertThat(run.first()).isEqualTo(1);
            assertThat(run.last()).isEqualTo(8);
        });
        try (StatementReader reader = StatementReader.openAt(script, runs.get(0).end())) {
            assertThat(reader.next().line()).isEqualTo(10);
        }
    }
}
