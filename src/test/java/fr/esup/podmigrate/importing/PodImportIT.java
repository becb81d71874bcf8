package fr.esup.podmigrate.importing;

import fr.esup.podmigrate.backup.TestBackups;
import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.dump.Podv2ScriptOptions;
import fr.esup.podmigrate.pod.DjangoModels;
import fr.esup.podmigrate.pod.PodTestDatabase;
import fr.esup.podmigrate.pod.PodVersion;
import fr.esup.podmigrate.run.Message;
import fr.esup.podmigrate.sql.Identifiers;
import fr.esup.podmigrate.sql.dump.DumpOptions;
import fr.esup.podmigrate.sql.dump.DumpWriter;
import fr.esup.podmigrate.sql.load.ImportResult;
import fr.esup.podmigrate.sql.load.KeptKeysLeftHeld;
import fr.esup.podmigrate.sql.load.ValueChange;
import fr.esup.podmigrate.sql.script.ScriptAnalysis;
import fr.esup.podmigrate.testsupport.TestServer;
import fr.esup.podmigrate.v2.TableQueries;
import fr.esup.podmigrate.v3.ContentTypeCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The import of a v2 database into blank Pod v3 databases of both shapes, from every kind of dump an operator holds. */
class PodImportIT {

    private static final int SCALE = 30;

    @TempDir
    Path dir;

    @Test
    void podv2SqlGeneratedWithTheProceduresOptionsLandsEveryRowIn384() throws Exception {
        try (PodTestDatabase v2 = PodTestDatabase.generatedV2(PodVersion.V2_9_3, SCALE, 5);
             PodTestDatabase v3 = PodTestDatabase.wipedBlank(PodVersion.V3_8_4)) {
            Path script = dir.resolve("podv2.sql");
            try (Connection c = v2.connect()) {
                new DumpWriter(Podv2ScriptOptions.PROCEDURE.toDumpOptions().build()).write(c, script);
            }
            PodImportAnalysis analysis = PodImport.analyze(script, endpoint(v3), p -> { });
            assertThat(analysis.blocking()).isEmpty();

            ImportResult result = PodImport.run(analysis, script, endpoint(v3), b -> b.parallelism(3));

            assertThat(result.errors()).isEmpty();
            assertThat(result.completed()).isTrue();
            assertEveryImportedRowLanded(v2, v3, analysis);
            assertThat(count(v3, "video_encode_transcript_videorendition")).isEqualTo(count(v2, "video_videorendition"));
            assertThat(distinct(v3, "SELECT DISTINCT encoding_resolution_threshold FROM video_encode_transcript_videorendition"))
                    .containsExactly("0");
            assertThat(distinct(v3, "SELECT COUNT(*) FROM live_event WHERE end_date > start_date")).containsExactly(
                    String.valueOf(count(v2, "live_event")));
            assertThat(rows(v3, "SELECT id, name, visibility, autoplay, editable FROM playlist_playlist ORDER BY id"))
                    .as("Pod 3.4's playlists").isNotEmpty().isEqualTo(rows(v2,
                            "SELECT id, title, IF(visible, 'public', 'private'), 1, 1 FROM playlist_playlist ORDER BY id"));
            assertThat(rows(v3, "SELECT id, playlist_id, video_id, `rank` FROM playlist_playlistcontent ORDER BY id"))
                    .as("Pod 3.4's playlist contents").isNotEmpty().isEqualTo(rows(v2,
                            "SELECT id, playlist_id, video_id, position FROM playlist_playlistelement ORDER BY id"));
        }
    }

    /**
     * v2's nullable unique {@code lms_course_context} is NOT NULL in 3.8: its NULLs become '' and collide. The first
     * stays, the others are refused by that key and named; the table keeps every other row.
     */
    @Test
    void ltiContextsWhoseNullsCollideIn384LoseOnlyTheCollidingRowsAndNameThem() throws Exception {
        try (PodTestDatabase v2 = PodTestDatabase.generatedV2(PodVersion.V2_9_3, SCALE, 5);
             PodTestDatabase v3 = PodTestDatabase.wipedBlank(PodVersion.V3_8_4)) {
            try (Connection c = v2.connect()) {
                c.createStatement().execute("SET SESSION foreign_key_checks = 0");
                for (int id = 1; id <= 30; id++) {
                    c.createStatement().execute("INSERT INTO lti_provider_lticoursecontext VALUES (" + id + ", 1, " + id
                            + ", " + (id % 5 == 0 ? "NULL" : "'course-" + id + "'") + ")");
                }
            }
            Path script = dir.resolve("podv2.sql");
            try (Connection c = v2.connect()) {
                new DumpWriter(Podv2ScriptOptions.PROCEDURE.toDumpOptions().build()).write(c, script);
            }
            PodImportAnalysis analysis = PodImport.analyze(script, endpoint(v3), p -> { });

            ImportResult result = PodImport.run(analysis, script, endpoint(v3), b -> b.parallelism(3));

            ImportResult.TableCounts lti = result.tables().get("lti_provider_lticoursecontext");
            assertThat(count(v3, "lti_provider_lticoursecontext")).isEqualTo(25);
            assertThat(lti.insertedRows()).isEqualTo(25);
            assertThat(lti.ignoredRows()).isEqualTo(5);
            assertThat(lti.rowsAfter()).isEqualTo(25).isEqualTo(lti.rowsExpected());
            assertThat(lti.refusedRows()).singleElement().satisfies(refused -> {
                assertThat(refused.name()).isEqualTo("lms_course_context");
                assertThat(refused.rows()).isEqualTo(5);
                assertThat(refused.keys()).containsExactly("10", "15", "20", "25", "30");
            });
            assertThat(lti.changedValues()).singleElement().satisfies(nulls -> {
                assertThat(nulls.name()).isEqualTo("lms_course_context");
                assertThat(nulls.change()).isEqualTo(ValueChange.NULL_TO_DEFAULT);
                assertThat(nulls.rows()).isEqualTo(6);
            });
            assertThat(result.countMismatches()).isEmpty();
        }
    }

    /** One duplicate username in a dump's extended INSERT cost the whole auth_user table, reported as inserted. */
    @Test
    void aDuplicateUsernameInANightlyCostsItsOwnRowOnlyAndIsNamed() throws Exception {
        try (PodTestDatabase v2 = PodTestDatabase.generatedV2(PodVersion.V2_9_1, SCALE, 7);
             PodTestDatabase v3 = PodTestDatabase.wipedBlank(PodVersion.V3_8_4)) {
            long users = count(v2, "auth_user");
            try (Connection c = v2.connect()) {
                c.createStatement().execute("ALTER TABLE auth_user DROP INDEX username");
                c.createStatement().execute("INSERT INTO auth_user (id, password, is_superuser, username, first_name,"
                        + " last_name, email, is_staff, is_active, date_joined) SELECT 90001, password, 0, username, '', '',"
                        + " '', 0, 1, date_joined FROM auth_user ORDER BY id LIMIT 1");
            }
            Path script = dir.resolve("nightly.sql");
            try (Connection c = v2.connect()) {
                new DumpWriter(DumpOptions.builder().structure(DumpOptions.Structure.DROP_AND_CREATE_TABLE).build())
                        .write(c, script);
            }
            PodImportAnalysis analysis = PodImport.analyze(script, endpoint(v3), p -> { });

            ImportResult result = PodImport.run(analysis, script, endpoint(v3), b -> b.parallelism(2));

            assertThat(count(v3, "auth_user")).isEqualTo(users);
            ImportResult.TableCounts counts = result.tables().get("auth_user");
            assertThat(counts.insertedRows()).isEqualTo(users);
            assertThat(counts.rowsAfter()).isEqualTo(users).isEqualTo(counts.rowsExpected());
            assertThat(counts.refusedRows()).singleElement().satisfies(refused -> {
                assertThat(refused.name()).isEqualTo("username");
                assertThat(refused.keys()).containsExactly("90001");
            });
            assertThat(result.countMismatches()).isEmpty();
        }
    }

    @Test
    void aDefaultMariadbDumpOfV2ImportsInto305WithoutChangingAnyV3Table() throws Exception {
        try (PodTestDatabase v2 = PodTestDatabase.generatedV2(PodVersion.V2_9_1, SCALE, 6);
             PodTestDatabase v3 = PodTestDatabase.wipedBlank(PodVersion.V3_0_5)) {
            Path script = mariadbDump(v2, dir.resolve("nightly.sql"));
            assertThat(Files.readString(script)).contains("DROP TABLE IF EXISTS `video_video`", "LOCK TABLES",
                    "INSERT INTO `video_video` VALUES");
            Map<String, String> structureBefore = v3.structures();
            List<String> migrationsBefore = rows(v3, "SELECT * FROM django_migrations ORDER BY id");

            PodImportAnalysis analysis = PodImport.analyze(script, endpoint(v3), p -> { });
            assertThat(analysis.blocking()).isEmpty();
            ImportResult result = PodImport.run(analysis, script, endpoint(v3), b -> b.parallelism(2));

            assertThat(result.errors()).isEmpty();
            assertThat(v3.structures()).isEqualTo(structureBefore);
            assertThat(rows(v3, "SELECT * FROM django_migrations ORDER BY id")).isEqualTo(migrationsBefore);
            assertEveryImportedRowLanded(v2, v3, analysis);
            assertThat(count(v3, "video_videorendition")).as("3.0 keeps the v2 names").isEqualTo(count(v2, "video_videorendition"));
            assertThat(result.droppedValues()).containsEntry("video_video.title_nl", count(v2, "video_video"));
        }
    }

    @Test
    void aNightlyBackupImportedIntoABlankTargetThatWasNotWipedReplacesTheRowsItDumped() throws Exception {
        try (PodTestDatabase v2 = PodTestDatabase.generatedV2(PodVersion.V2_9_3, SCALE, 10);
             PodTestDatabase v3 = PodTestDatabase.blank(PodVersion.V3_8_4)) {
            Path script = mariadbDump(v2, dir.resolve("nightly.sql"));
            assertThat(count(v3, "auth_permission")).as("a blank Pod has its own permissions").isPositive();
            List<String> migrationsBefore = rows(v3, "SELECT * FROM django_migrations ORDER BY id");
            PodImportAnalysis analysis = PodImport.analyze(script, endpoint(v3), p -> { });
            assertThat(analysis.problems()).extracting(PlanProblem::code).doesNotContain("no-rows", "v2-tables-absent");
            // the tables the script replaces go unnamed: only a 3.8 install's homepage block keeps its rows
            assertThat(analysis.warnings()).filteredOn(p -> p.code().equals("target-not-empty")).singleElement()
                    .satisfies(p -> assertThat(p.args()).containsExactly(2L, "main_block, main_block_sites"));

            ImportResult result = PodImport.run(analysis, script, endpoint(v3), b -> b.parallelism(3));

            assertThat(result.errors()).isEmpty();
            assertEveryImportedRowLanded(v2, v3, analysis);
            assertThat(rows(v3, "SELECT * FROM django_migrations ORDER BY id")).isEqualTo(migrationsBefore);
        }
    }

    @Test
    void theAnalysisNamesTheTablesWhoseKeysAnImportThatDiedHeldBackAndTheImportGivesThemBack() throws Exception {
        try (PodTestDatabase v2 = PodTestDatabase.generatedV2(PodVersion.V2_9_3, SCALE, 12);
             PodTestDatabase v3 = PodTestDatabase.wipedBlank(PodVersion.V3_8_4)) {
            Path script = mariadbDump(v2, dir.resolve("after-a-crash.sql"));
            Map<String, String> structureBefore = v3.structures();
            try (Connection c = v3.connect()) {
                assertThat(KeptKeysLeftHeld.hold(c, "video_video")).isTrue();
            }
            PodImportAnalysis analysis = PodImport.analyze(script, endpoint(v3), p -> { });
            assertThat(analysis.warnings()).extracting(PlanProblem::code).contains("keys-held-back");

            ImportResult result = PodImport.run(analysis, script, endpoint(v3), b -> b.parallelism(3));

            assertThat(result.errors()).isEmpty();
            assertThat(v3.structures()).isEqualTo(structureBefore);
            assertEveryImportedRowLanded(v2, v3, analysis);
        }
    }

    @Test
    void aMariadbDumpWithCompleteInsertsAndTheSandboxLineImportsInto384() throws Exception {
        try (PodTestDatabase v2 = PodTestDatabase.generatedV2(PodVersion.V2_9_1, SCALE, 7);
             PodTestDatabase v3 = PodTestDatabase.wipedBlank(PodVersion.V3_8_4)) {
            Path script = mariadbDump(v2, dir.resolve("complete.sql"), "--complete-insert", "--no-create-info",
                    "--default-character-set=utf8");
            assertThat(Files.readString(script)).startsWith("/*M!999999\\- enable the sandbox mode */")
                    .contains("INSERT INTO `video_video` (`id`, ");
            PodImportAnalysis analysis = PodImport.analyze(script, endpoint(v3), p -> { });
            assertThat(analysis.problems()).as("utf8 is utf8mb3 on current servers").extracting(PlanProblem::code)
                    .doesNotContain("charset", "collation");
            assertThat(analysis.warnings()).as("mariadb-dump wrote the emoji of the utf8mb4 tables as ?")
                    .filteredOn(p -> p.code().equals("utf8mb3-rows")).singleElement()
                    .satisfies(p -> assertThat((Long) p.args().get(0)).isPositive());
            assertThat(analysis.blocking()).isEmpty();

            ImportResult result = PodImport.run(analysis, script, endpoint(v3), b -> b.parallelism(2));

            assertThat(result.errors()).isEmpty();
            assertEveryImportedRowLanded(v2, v3, analysis);
            assertThat(count(v3, "video_encode_transcript_encodingvideo")).isEqualTo(count(v2, "video_encodingvideo"));
        }
    }

    /**
     * A Pod 3 database created with CHARACTER SET utf8 has utf8mb3 tables, which store each emoji of the v2 rows as
     * '?': the analysis counts them before the import, which then names the values so changed.
     */
    @Test
    void theAnalysisCountsTheEmojiThatTheTargetsUtf8mb3TablesWouldStoreAsQuestionMarks() throws Exception {
        try (PodTestDatabase v2 = PodTestDatabase.generatedV2(PodVersion.V2_9_3, SCALE, 5);
             PodTestDatabase v3 = PodTestDatabase.wipedBlank(PodVersion.V3_8_4)) {
            Path script = mariadbDump(v2, dir.resolve("podv2.sql"));
            assertThat(PodImport.analyze(script, endpoint(v3), p -> { }).warnings()).as("a utf8mb4 target")
                    .extracting(PlanProblem::code).doesNotContain("supplementary-lost");
            List<String> narrowed = List.of("video_comment", "video_type");
            try (Connection c = v3.connect(); Statement s = c.createStatement()) {
                for (String table : narrowed) {
                    s.execute("ALTER TABLE " + table + " CONVERT TO CHARACTER SET utf8mb3 COLLATE utf8mb3_general_ci");
                }
            }
            long emoji = supplementaryCharacters(v2, "video_comment") + supplementaryCharacters(v2, "video_type");
            assertThat(emoji).as("the generated rows hold emoji").isPositive();

            PodImportAnalysis analysis = PodImport.analyze(script, endpoint(v3), p -> { });

            assertThat(analysis.warnings()).filteredOn(p -> p.code().equals("supplementary-lost")).singleElement()
                    .satisfies(p -> assertThat(p.args()).containsExactly(emoji, 2L, "video_comment, video_type",
                            "utf8mb3"));
            ImportResult result = PodImport.run(analysis, script, endpoint(v3), b -> b.parallelism(2));
            assertThat(result.errors()).isEmpty();
            assertThat(result.tables().entrySet()).as("the tables whose values the target changed")
                    .filteredOn(table -> table.getValue().changedValues().stream()
                            .anyMatch(change -> change.change() == ValueChange.CHARSET))
                    .extracting(Map.Entry::getKey).containsExactlyInAnyOrderElementsOf(narrowed);
            assertEveryImportedRowLanded(v2, v3, analysis);
        }
    }

    @Test
    void aPhpMyAdminExportWithTrailingConstraintsImports() throws Exception {
        try (PodTestDatabase v3 = PodTestDatabase.wipedBlank(PodVersion.V3_8_4)) {
            Path script = resource("phpmyadmin-podv2.sql");
            Map<String, String> structureBefore = v3.structures();
            PodImportAnalysis analysis = PodImport.analyze(script, endpoint(v3), p -> { });
            assertThat(analysis.blocking()).isEmpty();

            ImportResult result = PodImport.run(analysis, script, endpoint(v3), b -> b);

            assertThat(result.errors()).isEmpty();
            assertThat(v3.structures()).isEqualTo(structureBefore);
            assertThat(count(v3, "video_type")).isEqualTo(3);
            assertThat(rows(v3, "SELECT title FROM video_type ORDER BY id")).containsExactly("Cours", "Conférence « ouverte » 🎓",
                    "L'atelier \\ \"démo\"");
            assertThat(count(v3, "video_encode_transcript_videorendition")).isEqualTo(2);
            assertThat(count(v3, "video_channel")).isEqualTo(2);
            assertThat(distinct(v3, "SELECT DISTINCT site_id FROM video_channel")).containsExactly("1");
        }
    }

    @Test
    void anImportCancelledMidWayResumesWithoutADuplicateOrAMissingRow() throws Exception {
        try (PodTestDatabase v2 = PodTestDatabase.generatedV2(PodVersion.V2_9_1, SCALE, 8);
             PodTestDatabase v3 = PodTestDatabase.wipedBlank(PodVersion.V3_8_4)) {
            Path script = mariadbDump(v2, dir.resolve("nightly.sql"), "--skip-extended-insert");
            Path checkpoint = dir.resolve("import.checkpoint");
            PodImportAnalysis analysis = PodImport.analyze(script, endpoint(v3), p -> { });
            AtomicInteger cancelChecks = new AtomicInteger();

            ImportResult stopped = PodImport.run(analysis, script, endpoint(v3), b -> b.parallelism(2)
                    .checkpointFile(checkpoint).cancelled(() -> cancelChecks.incrementAndGet() > 200));
            assertThat(stopped.completed()).isFalse();
            assertThat(stopped.cancelled()).isTrue();

            ImportResult resumed = PodImport.run(analysis, script, endpoint(v3), b -> b.parallelism(2)
                    .checkpointFile(checkpoint).resume(true));

            assertThat(resumed.completed()).isTrue();
            assertThat(resumed.errors()).isEmpty();
            assertEveryImportedRowLanded(v2, v3, analysis);
        }
    }

    @Test
    void scriptsReachingOutsideTheTargetAreRefusedBeforeAnyChange() throws Exception {
        try (PodTestDatabase v3 = PodTestDatabase.wipedBlank(PodVersion.V3_8_4)) {
            for (String hostile : List.of("DROP DATABASE pod;", "USE mysql;", "GRANT ALL ON *.* TO 'x'@'%';")) {
                Path script = dir.resolve("hostile.sql");
                Files.writeString(script, "INSERT INTO `video_type` (`id`, `slug`, `title`, `description`, `icon_id`)"
                        + " VALUES (9, 'x', 'x', '', NULL);\n" + hostile + "\n"
                        + "INSERT INTO `video_video` (`id`) VALUES (1);\n", StandardCharsets.UTF_8);
                PodImportAnalysis analysis = PodImport.analyze(script, endpoint(v3), p -> { });
                assertThat(analysis.blocked()).as(hostile).isTrue();
                assertThat(analysis.blocking()).anyMatch(p -> p.code().startsWith("refused.") && p.line() == 2);
                assertThatThrownBy(() -> PodImport.run(analysis, script, endpoint(v3), b -> b))
                        .isInstanceOf(IllegalStateException.class);
                assertThat(count(v3, "video_type")).isZero();
            }
        }
    }

    /**
     * A trigger or a view a site added to its v2 database comes in its nightly with a DEFINER, which the import refuses
     * (and the SET sql_mode mariadb-dump writes before a trigger): the refusals say how to dump v2 without them, and so
     * dumped, the same database imports.
     */
    @Test
    void aV2WithATriggerAndAViewIsRefusedWithTheWayToDumpItWithoutThemWhichImports() throws Exception {
        try (PodTestDatabase v2 = PodTestDatabase.generatedV2(PodVersion.V2_9_3, SCALE, 8);
             PodTestDatabase v3 = PodTestDatabase.wipedBlank(PodVersion.V3_8_4)) {
            TestBackups.execute(v2, "CREATE TRIGGER site_touch BEFORE UPDATE ON video_video FOR EACH ROW"
                            + " SET NEW.date_added = NEW.date_added",
                    "CREATE VIEW site_public_videos AS SELECT id, title FROM video_video WHERE is_draft = 0");
            Path nightly = mariadbDump(v2, dir.resolve("nightly.sql"));

            PodImportAnalysis refused = PodImport.analyze(nightly, endpoint(v3), p -> { });

            assertThat(refused.blocking()).extracting(PlanProblem::code)
                    .contains("refused.DEFINER", "refused.SESSION_SETTING");
            assertThat(refused.blocking()).extracting(p -> Message.english(p.messageKey(), p.args().toArray()))
                    .anyMatch(text -> text.startsWith("Refused: the statement sets a DEFINER")
                            && text.contains("--skip-triggers") && text.contains("--ignore-table=DATABASE.VIEW"));

            Path asAdvised = mariadbDump(v2, dir.resolve("without-them.sql"), "--skip-triggers",
                    "--ignore-table=" + v2.name() + ".site_public_videos");
            PodImportAnalysis analysis = PodImport.analyze(asAdvised, endpoint(v3), p -> { });
            assertThat(analysis.blocking()).isEmpty();
            ImportResult result = PodImport.run(analysis, asAdvised, endpoint(v3), b -> b.parallelism(2));
            assertThat(result.errors()).isEmpty();
            assertThat(result.countMismatches()).isEmpty();
            assertEveryImportedRowLanded(v2, v3, analysis);
        }
    }

    /**
     * A table a site added to its v2 is left out, as the import keeps v3's structure, and the warning says how to bring
     * it: created in the target first, the import fills it like any other.
     */
    @Test
    void aTableTheSiteAddedIsLeftOutUntilTheTargetHasItThenItsRowsLand() throws Exception {
        try (PodTestDatabase v2 = PodTestDatabase.generatedV2(PodVersion.V2_9_3, SCALE, 9);
             PodTestDatabase v3 = PodTestDatabase.wipedBlank(PodVersion.V3_8_4)) {
            String table = "CREATE TABLE custom_stats (id int PRIMARY KEY AUTO_INCREMENT, video_id int NOT NULL,"
                    + " hits int NOT NULL, KEY (video_id))";
            TestBackups.execute(v2, table,
                    "INSERT INTO custom_stats (video_id, hits) SELECT id, id * 3 FROM video_video LIMIT 20");

            leftOutUntilTheTargetHasIt(v2, v3, table, "missing-table",
                    "Table custom_stats (20 rows) exists in neither v3 nor Pod's knowledge", "create it there first");

            assertThat(rows(v3, "SELECT * FROM custom_stats ORDER BY id"))
                    .isEqualTo(rows(v2, "SELECT * FROM custom_stats ORDER BY id")).hasSize(20);
        }
    }

    /** A column a site added to a v2 table likewise: named with the way to bring it, then carried once the target has it. */
    @Test
    void aColumnTheSiteAddedIsLeftOutUntilTheTargetHasItThenItsValuesLand() throws Exception {
        try (PodTestDatabase v2 = PodTestDatabase.generatedV2(PodVersion.V2_9_3, SCALE, 9);
             PodTestDatabase v3 = PodTestDatabase.wipedBlank(PodVersion.V3_8_4)) {
            String column = "ALTER TABLE video_video ADD COLUMN course_code varchar(20) NULL";
            TestBackups.execute(v2, column, "UPDATE video_video SET course_code = CONCAT('UE-', id) WHERE id % 2 = 0");

            leftOutUntilTheTargetHasIt(v2, v3, column, "unknown-column",
                    "Table video_video: column course_code is in neither v3 nor Pod's knowledge", "add it there first");

            assertThat(rows(v3, "SELECT id, course_code FROM video_video ORDER BY id"))
                    .isEqualTo(rows(v2, "SELECT id, course_code FROM video_video ORDER BY id"))
                    .anySatisfy(row -> assertThat(row).contains("UE-2"));
        }
    }

    /**
     * Dumps v2, whose structure the target lacks: the analysis warns with {@code code}, its text says what and how;
     * once {@code structure} runs on the target too, the warning is gone and the import runs without an error.
     */
    private void leftOutUntilTheTargetHasIt(PodTestDatabase v2, PodTestDatabase v3, String structure, String code,
                                            String warning, String advice) throws Exception {
        Path nightly = mariadbDump(v2, dir.resolve("nightly.sql"));
        PodImportAnalysis leftOut = PodImport.analyze(nightly, endpoint(v3), p -> { });
        assertThat(leftOut.warnings()).filteredOn(p -> p.code().equals(code)).singleElement()
                .satisfies(p -> assertThat(Message.english(p.messageKey(), p.args().toArray()))
                        .startsWith(warning).contains(advice));

        TestBackups.execute(v3, structure);
        PodImportAnalysis analysis = PodImport.analyze(nightly, endpoint(v3), p -> { });
        assertThat(analysis.warnings()).noneMatch(p -> p.code().equals(code));
        ImportResult result = PodImport.run(analysis, nightly, endpoint(v3), b -> b.parallelism(2));
        assertThat(result.errors()).isEmpty();
        assertThat(result.countMismatches()).isEmpty();
    }

    @Test
    void aMariadbDumpOfTheDatabaseWithItsCreateDatabaseAndUseImports() throws Exception {
        try (PodTestDatabase v2 = PodTestDatabase.generatedV2(PodVersion.V2_9_1, 3, 11);
             PodTestDatabase v3 = PodTestDatabase.wipedBlank(PodVersion.V3_0_5)) {
            Path script = mariadbDump(v2, dir.resolve("databases.sql"), "--databases");
            assertThat(Files.readString(script)).contains("CREATE DATABASE", "USE `" + v2.name() + "`");
            PodImportAnalysis analysis = PodImport.analyze(script, endpoint(v3), p -> { });
            assertThat(analysis.blocking()).isEmpty();

            ImportResult result = PodImport.run(analysis, script, endpoint(v3), b -> b);

            assertThat(result.errors()).isEmpty();
            assertEveryImportedRowLanded(v2, v3, analysis);
            try (Connection c = v3.connect(); ResultSet rs = c.createStatement().executeQuery(
                    "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = '" + v2.name() + "'")) {
                rs.next();
                assertThat(rs.getInt(1)).as("the v2 database itself is untouched, not recreated").isEqualTo(1);
            }
        }
    }

    @Test
    void aNightlyBackupOfSeveralDatabasesImportsThePodSectionAloneAsItsOwnDumpWould() throws Exception {
        try (PodTestDatabase v2 = PodTestDatabase.generatedV2(PodVersion.V2_9_3, SCALE, 12);
             PodTestDatabase other = otherApplication();
             PodTestDatabase fromBackup = PodTestDatabase.wipedBlank(PodVersion.V3_8_4);
             PodTestDatabase fromOwnDump = PodTestDatabase.wipedBlank(PodVersion.V3_8_4)) {
            Path backup = withMysqlSection(mariadbDump(v2, dir.resolve("dump.sql"), "--databases", other.name()),
                    dir.resolve("nightly-all.sql"));
            Path ownDump = mariadbDump(v2, dir.resolve("nightly.sql"));
            List<String> accountsBefore = accounts();

            PodImportAnalysis analysis = PodImport.analyze(backup, endpoint(fromBackup), p -> { });

            assertThat(analysis.blocking()).isEmpty();
            assertThat(analysis.script().sourceDatabase()).isEqualTo(v2.name());
            assertThat(analysis.script().skippedDatabases()).extracting(ScriptAnalysis.DatabaseSection::name)
                    .containsExactly("mysql", other.name());
            assertThat(analysis.script().databases().get("mysql").rows()).isEqualTo(2);
            assertThat(analysis.script().tables()).doesNotContainKeys("global_priv", "orders");
            ImportResult result = PodImport.run(analysis, backup, endpoint(fromBackup), b -> b.parallelism(3));
            PodImportAnalysis ownAnalysis = PodImport.analyze(ownDump, endpoint(fromOwnDump), p -> { });
            PodImport.run(ownAnalysis, ownDump, endpoint(fromOwnDump), b -> b.parallelism(3));

            assertThat(result.errors()).isEmpty();
            assertThat(result.completed()).isTrue();
            assertThat(result.otherDatabases()).containsOnlyKeys("mysql", other.name());
            assertThat(result.otherDatabases().get(other.name()).rows()).isEqualTo(5);
            assertThat(counts(fromBackup)).isEqualTo(counts(fromOwnDump));
            assertEveryImportedRowLanded(v2, fromBackup, analysis);
            assertThat(counts(fromBackup)).doesNotContainKeys("orders", "global_priv");
            assertThat(accounts()).isEqualTo(accountsBefore).doesNotContain("pm_test_never@%");
        }
    }

    @Test
    void ofSeveralPodDatabasesTheImportTakesTheOneWithTheMostRowsAndSaysWhichItSkips() throws Exception {
        try (PodTestDatabase production = PodTestDatabase.generatedV2(PodVersion.V2_9_3, SCALE * 2, 21);
             PodTestDatabase testCopy = PodTestDatabase.generatedV2(PodVersion.V2_9_3, SCALE, 22);
             PodTestDatabase v3 = PodTestDatabase.wipedBlank(PodVersion.V3_8_4)) {
            // the test copy's section comes first in the script, as it did win before
            Path backup = mariadbDump(production, dir.resolve("nightly-all.sql"), "--databases", testCopy.name());

            PodImportAnalysis analysis = PodImport.analyze(backup, endpoint(v3), p -> { });

            assertThat(analysis.blocking()).isEmpty();
            assertThat(analysis.script().sourceDatabase()).isEqualTo(production.name());
            assertThat(analysis.script().skippedDatabases()).extracting(ScriptAnalysis.DatabaseSection::name)
                    .containsExactly(testCopy.name());
            assertThat(analysis.warnings()).filteredOn(p -> p.code().equals("several-pod-databases")).singleElement()
                    .satisfies(p -> assertThat(p.args()).containsExactly(production.name(), testCopy.name(),
                            analysis.script().databases().get(production.name()).rows()));
        }
    }

    @Test
    void aBackupOfSeveralDatabasesWithoutAPodOneIsBlocked() throws Exception {
        try (PodTestDatabase other = otherApplication(); PodTestDatabase v3 = PodTestDatabase.wipedBlank(PodVersion.V3_8_4)) {
            Path backup = withMysqlSection(mariadbDump(other, dir.resolve("dump.sql"), "--databases"),
                    dir.resolve("nightly-all.sql"));

            PodImportAnalysis analysis = PodImport.analyze(backup, endpoint(v3), p -> { });

            assertThat(analysis.blocking()).filteredOn(p -> p.code().equals("no-pod-database")).singleElement()
                    .satisfies(p -> assertThat(p.args()).containsExactly("mysql, " + other.name()));
            assertThat(analysis.blocking()).extracting(PlanProblem::code).doesNotContain("not-pod-v2.OTHER");
        }
    }

    @Test
    void aScriptOfAnotherApplicationIsBlocked() throws Exception {
        try (PodTestDatabase v3 = PodTestDatabase.wipedBlank(PodVersion.V3_0_5)) {
            Path script = dir.resolve("shop.sql");
            Files.writeString(script, "CREATE TABLE `orders` (`id` int PRIMARY KEY);\nINSERT INTO `orders` VALUES (1);\n");
            PodImportAnalysis analysis = PodImport.analyze(script, endpoint(v3), p -> { });
            assertThat(analysis.blocking()).extracting(PlanProblem::code).contains("not-pod-v2.OTHER");
        }
    }

    @Test
    void aByteOrderMarkInsideANightlyStopsItsAnalysisThereWithoutCallingTheTablesAfterItMissing() throws Exception {
        try (PodTestDatabase v2 = PodTestDatabase.generatedV2(PodVersion.V2_9_1, SCALE, 15);
             PodTestDatabase v3 = PodTestDatabase.wipedBlank(PodVersion.V3_8_4)) {
            Path nightly = mariadbDump(v2, dir.resolve("nightly.sql"));
            String text = Files.readString(nightly);
            Path joined = Files.writeString(dir.resolve("joined.sql"), text.replace(
                    "\nDROP TABLE IF EXISTS `video_video`;", "\n\uFEFFDROP TABLE IF EXISTS `video_video`;"));
            PodImportAnalysis analysis = PodImport.analyze(joined, endpoint(v3), p -> { });
            assertThat(analysis.blocking()).extracting(PlanProblem::code).containsExactly("format");
            assertThat(analysis.problems()).extracting(PlanProblem::code).doesNotContain("v2-tables-absent");
        }
    }

    @Test
    void aFileThatIsNotSqlIsRefusedForThatAloneWhateverTheTargetHolds() throws Exception {
        try (PodTestDatabase v3 = PodTestDatabase.blank(PodVersion.V3_8_4)) {
            Path xml = Files.writeString(dir.resolve("xml.sql"), """
                    <?xml version="1.0"?>
                    <mysqldump xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
                    <database name="pod">
                    """);
            PodImportAnalysis analysis = PodImport.analyze(xml, endpoint(v3), p -> { });
            assertThat(analysis.problems()).as("a blank Pod's own rows are no news here")
                    .extracting(PlanProblem::code).containsExactly("format");
        }
    }

    /**
     * A nightly backup of data alone names no column: its values are read in Pod 2.9's column order, and land as the
     * same backup's with every INSERT naming its columns, value for value, in 3.0 and 3.8.
     */
    @Test
    void aDumpOfDataAloneLandsAsTheSameDumpWithColumnNames() throws Exception {
        try (PodTestDatabase v2 = PodTestDatabase.generatedV2(PodVersion.V2_9_3, SCALE, 9)) {
            Path positional = mariadbDump(v2, dir.resolve("data-only.sql"), "--no-create-info");
            Path named = mariadbDump(v2, dir.resolve("data-only-named.sql"), "--no-create-info", "--complete-insert");
            assertThat(Files.readString(positional)).contains("INSERT INTO `video_video` VALUES")
                    .doesNotContain("CREATE TABLE");
            for (PodVersion version : List.of(PodVersion.V3_0_5, PodVersion.V3_8_4)) {
                try (PodTestDatabase byPosition = PodTestDatabase.wipedBlank(version);
                     PodTestDatabase byName = PodTestDatabase.wipedBlank(version)) {
                    PodImportAnalysis analysis = PodImport.analyze(positional, endpoint(byPosition), p -> { });
                    assertThat(analysis.blocking()).as(version.label()).isEmpty();
                    assertThat(analysis.warnings()).extracting(PlanProblem::code).contains("positional-v2-order");

                    ImportResult result = PodImport.run(analysis, positional, endpoint(byPosition),
                            b -> b.parallelism(2));
                    ImportResult reference = PodImport.run(PodImport.analyze(named, endpoint(byName), p -> { }), named,
                            endpoint(byName), b -> b.parallelism(2));

                    assertThat(result.errors()).as(version.label()).isEmpty();
                    assertThat(reference.errors()).as(version.label()).isEmpty();
                    assertEveryImportedRowLanded(v2, byPosition, analysis);
                    sameMigrationTime(analysis, byPosition, byName);
                    assertThat(byPosition.perTable("CHECKSUM TABLE")).as(version.label())
                            .isEqualTo(byName.perTable("CHECKSUM TABLE"));
                    assertThat(count(byPosition, "video_video")).isPositive();
                }
            }
        }
    }

    /**
     * Into a fresh Pod install, whose migrate filled the content types, permissions, site and configuration, a backup
     * of data alone gives the rows a whole nightly gives: the tables it fills are emptied first, as the procedure's
     * wipe, and a whole dump's DROP and CREATE TABLE, empty them.
     */
    @Test
    void aDumpOfDataAloneIntoAFreshInstallLandsAsAWholeDump() throws Exception {
        try (PodTestDatabase v2 = PodTestDatabase.generatedV2(PodVersion.V2_9_1, SCALE, 11);
             PodTestDatabase fromData = PodTestDatabase.blank(PodVersion.V3_8_4);
             PodTestDatabase fromWhole = PodTestDatabase.blank(PodVersion.V3_8_4)) {
            Path dataAlone = mariadbDump(v2, dir.resolve("data-only.sql"), "--no-create-info");
            Path whole = mariadbDump(v2, dir.resolve("nightly.sql"));
            PodImportAnalysis analysis = PodImport.analyze(dataAlone, endpoint(fromData), p -> { });
            assertThat(analysis.warnings()).filteredOn(p -> p.code().equals("emptied-first")).singleElement()
                    .satisfies(p -> assertThat(p.args().get(1).toString()).contains("auth_permission"));
            assertThat(analysis.warnings()).as("a dump of data alone writes nothing for an empty table")
                    .extracting(PlanProblem::code).doesNotContain("v2-tables-absent");

            ImportResult result = PodImport.run(analysis, dataAlone, endpoint(fromData), b -> b.parallelism(2));
            ImportResult reference = PodImport.run(PodImport.analyze(whole, endpoint(fromWhole), p -> { }), whole,
                    endpoint(fromWhole), b -> b.parallelism(2));

            assertThat(result.errors()).isEmpty();
            assertThat(reference.errors()).isEmpty();
            assertThat(result.countMismatches()).isEmpty();
            assertThat(result.tables().get("django_site").rowsBefore()).isEqualTo(1);
            sameMigrationTime(analysis, fromData, fromWhole);
            assertThat(fromData.perTable("CHECKSUM TABLE")).isEqualTo(fromWhole.perTable("CHECKSUM TABLE"));
            assertThat(rows(fromData, "SELECT domain FROM django_site ORDER BY id")).isEqualTo(rows(v2,
                    "SELECT domain FROM django_site ORDER BY id"));
        }
    }

    @Test
    void aDumpOfTheStructureAloneIsRefusedForItWouldEmptyABlankPodsOwnRows() throws Exception {
        try (PodTestDatabase v2 = PodTestDatabase.generatedV2(PodVersion.V2_9_1, SCALE, 13);
             PodTestDatabase v3 = PodTestDatabase.blank(PodVersion.V3_8_4)) {
            Path structure = mariadbDump(v2, dir.resolve("no-data.sql"), "--no-data");
            PodImportAnalysis analysis = PodImport.analyze(structure, endpoint(v3), p -> { });
            assertThat(analysis.blocking()).extracting(PlanProblem::code).containsExactly("no-rows");
            assertThatThrownBy(() -> PodImport.run(analysis, structure, endpoint(v3), b -> b))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(count(v3, "django_site")).as("a blank Pod's site stays").isEqualTo(1);
        }
    }

    @Test
    void aNightlyThatLeavesOutATablePodV3KeepsIsSaidToLackIt() throws Exception {
        try (PodTestDatabase v2 = PodTestDatabase.generatedV2(PodVersion.V2_9_1, SCALE, 14);
             PodTestDatabase v3 = PodTestDatabase.wipedBlank(PodVersion.V3_8_4)) {
            Path script = mariadbDump(v2, dir.resolve("smaller.sql"), "--ignore-table=" + v2.name() + ".video_viewcount",
                    "--ignore-table=" + v2.name() + ".django_session");
            PodImportAnalysis analysis = PodImport.analyze(script, endpoint(v3), p -> { });
            assertThat(analysis.blocking()).isEmpty();
            assertThat(analysis.warnings()).as("sessions are not imported anyway")
                    .filteredOn(p -> p.code().equals("v2-tables-absent")).singleElement()
                    .satisfies(p -> assertThat(p.args()).containsExactly(1L, "video_viewcount"));
        }
    }

    @Test
    void aNightlyCutShortInsideAnInsertOrBetweenTwoStatementsIsSaidToBeCut() throws Exception {
        try (PodTestDatabase v2 = PodTestDatabase.generatedV2(PodVersion.V2_9_1, SCALE, 14);
             PodTestDatabase v3 = PodTestDatabase.wipedBlank(PodVersion.V3_8_4)) {
            Path whole = mariadbDump(v2, dir.resolve("whole.sql"));
            String text = Files.readString(whole);
            // as a full disk stops mariadb-dump: between two rows of an INSERT of video_video, the tables after it lost
            int insert = text.indexOf("INSERT INTO `video_video` VALUES");
            Path cut = Files.writeString(dir.resolve("cut.sql"), text.substring(0, text.indexOf("),\n(", insert) + 3));
            long insertLine = text.substring(0, insert).lines().count() + 1;

            PodImportAnalysis analysis = PodImport.analyze(cut, endpoint(v3), p -> { });
            assertThat(analysis.warnings()).filteredOn(w -> w.code().equals("unterminated-script"))
                    .singleElement().satisfies(w -> assertThat(w.args()).containsExactly(insertLine));
            assertThat(analysis.warnings()).extracting(PlanProblem::code).doesNotContain("script-end-missing");
            assertThat(PodImport.analyze(whole, endpoint(v3), p -> { }).warnings()).extracting(PlanProblem::code)
                    .doesNotContain("unterminated-script", "script-end-missing");

            // as mariadb-dump leaves a nightly when it fails on a table: the file ends between two statements
            Path stopped = Files.writeString(dir.resolve("stopped.sql"),
                    text.substring(0, text.indexOf("-- Dumping data for table `video_viewcount`")));
            int save = text.indexOf("/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;");
            long saveLine = text.substring(0, save).lines().count() + 1;
            assertThat(PodImport.analyze(stopped, endpoint(v3), p -> { }).warnings())
                    .filteredOn(w -> w.code().equals("script-end-missing"))
                    .singleElement().satisfies(w -> assertThat(w.args()).containsExactly(saveLine));
        }
    }

    @Test
    void positionalInsertsOfATablePod29DoesNotHaveAreBlocking() throws Exception {
        try (PodTestDatabase v3 = PodTestDatabase.wipedBlank(PodVersion.V3_8_4)) {
            try (Connection c = v3.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE custom_note (id int PRIMARY KEY, body text)");
            }
            Path script = dir.resolve("data-only.sql");
            Files.writeString(script, "INSERT INTO `video_type` VALUES (1,'Cours','Cours','Lecture',NULL,'cours',NULL,"
                    + "NULL,NULL,NULL,NULL);\nINSERT INTO `custom_note` VALUES (1,'a site''s own table');\n");
            PodImportAnalysis analysis = PodImport.analyze(script, endpoint(v3), p -> { });
            assertThat(analysis.blocking()).filteredOn(p -> p.code().equals("positional-blind"))
                    .extracting(p -> p.args().get(0)).containsExactly("custom_note");
            assertThat(analysis.warnings()).filteredOn(p -> p.code().equals("positional-v2-order"))
                    .extracting(PlanProblem::args).containsExactly(List.of(1L, "video_type"));
        }
    }

    /**
     * What v2's pages showed, v3's show: the tab names v3 translates are in the default language's column; the rows
     * no model reads are named, not presented as migrated; caches and viewers' pings stay out unless included (a
     * site's sessions, however many), and when included, their rows that point nowhere are said to. v3's new models
     * have no content type until migrate.
     */
    @Test
    void whatV2ShowedV3ShowsIn305And384() throws Exception {
        try (PodTestDatabase v2 = PodTestDatabase.generatedV2(PodVersion.V2_9_3, 10, 16)) {
            try (Connection c = v2.connect(); Statement s = c.createStatement()) {
                // sessions enough for one INSERT of a long run, which the connections are handed whole
                s.execute("INSERT INTO django_session WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
                        + " WHERE i < 60) SELECT CONCAT('k', a.i, '-', b.i), REPEAT('data', 40), NOW() FROM n a, n b");
                s.execute("INSERT INTO captcha_captchastore VALUES (1, 'ABCD', 'abcd', 'h1', NOW())");
                s.execute("INSERT INTO thumbnail_kvstore VALUES ('sorl-thumbnail||image||a', '{}')");
            }
            Path script = dir.resolve("podv2.sql");
            try (Connection c = v2.connect()) {
                new DumpWriter(Podv2ScriptOptions.PROCEDURE.toDumpOptions().build()).write(c, script);
            }
            List<String> ephemeral = List.of("django_session", "captcha_captchastore", "thumbnail_kvstore", "live_heartbeat");
            assertThat(ephemeral).allSatisfy(t -> assertThat(count(v2, t)).as(t).isPositive());
            long tabs = count(v2, "main_additionalchanneltab");
            long unread = count(v2, "authentication_accessgroup_users");
            assertThat(tabs).isPositive();
            assertThat(unread).isPositive();
            for (PodVersion version : List.of(PodVersion.V3_0_5, PodVersion.V3_8_4)) {
                try (PodTestDatabase v3 = PodTestDatabase.wipedBlank(version)) {
                    PodImportAnalysis analysis = PodImport.analyze(script, endpoint(v3), null, false, p -> { });
                    Map<String, TablePlan> plan = analysis.tables().stream()
                            .collect(java.util.stream.Collectors.toMap(TablePlan::scriptTable, t -> t));
                    assertThat(ephemeral).allSatisfy(t -> assertThat(plan.get(t).fate()).as(t)
                            .isEqualTo(TablePlan.Fate.EPHEMERAL));
                    assertThat(analysis.warnings()).extracting(PlanProblem::code).contains("ephemeral.sessions",
                            "ephemeral.captchas", "ephemeral.thumbnail-cache", "ephemeral.live-viewers", "unread-table");
                    assertThat(plan.get("authentication_accessgroup_users").fate()).isEqualTo(TablePlan.Fate.UNREAD);

                    ImportResult result = PodImport.run(analysis, script, endpoint(v3), b -> b.parallelism(2));

                    assertThat(result.errors()).isEmpty();
                    assertEveryImportedRowLanded(v2, v3, analysis);
                    assertThat(ephemeral).allSatisfy(t -> assertThat(count(v3, t)).as(version + " " + t).isZero());
                    assertThat(count(v3, "authentication_accessgroup_users")).isEqualTo(unread);
                    List<DjangoModels.Model> withoutContentType;
                    try (Connection c = v3.connect()) {
                        withoutContentType = ContentTypeCheck.modelsWithoutContentType(c);
                    }
                    if (version == PodVersion.V3_8_4) {
                        assertThat(plan.get("main_additionalchanneltab").filledColumns())
                                .extracting(TablePlan.ColumnChange::column).containsExactly("name_fr");
                        assertThat(rows(v3, "SELECT COUNT(*) FROM main_additionalchanneltab WHERE name_fr = name"))
                                .containsExactly(String.valueOf(tabs));
                        assertThat(rows(v3, "SELECT COUNT(*) FROM main_additionalchanneltab WHERE name_en IS NULL"))
                                .as("only the default language is filled").containsExactly(String.valueOf(tabs));
                        assertThat(withoutContentType).contains(
                                new DjangoModels.Model("video_encode_transcript", "encodingvideo"),
                                new DjangoModels.Model("dressing", "dressing"));
                    } else {
                        assertThat(plan.get("main_additionalchanneltab").filledColumns()).isEmpty();
                        assertThat(withoutContentType).contains(new DjangoModels.Model("meeting", "meeting"))
                                .doesNotContain(new DjangoModels.Model("video", "video"));
                    }
                }
                try (PodTestDatabase v3 = PodTestDatabase.wipedBlank(version)) {
                    PodImportAnalysis analysis = PodImport.analyze(script, endpoint(v3), null, true, p -> { });
                    assertThat(analysis.ephemeralIncluded()).isTrue();
                    assertThat(analysis.tables()).filteredOn(t -> ephemeral.contains(t.scriptTable()))
                            .allSatisfy(t -> assertThat(t.fate()).isEqualTo(TablePlan.Fate.IMPORTED));
                    assertThat(analysis.warnings()).extracting(PlanProblem::code).doesNotContain("ephemeral.sessions")
                            .contains(version == PodVersion.V3_8_4 ? "ephemeral-link-dropped" : "ephemeral-link-missing");

                    ImportResult result = PodImport.run(analysis, script, endpoint(v3), b -> b.parallelism(2));

                    assertThat(result.errors()).isEmpty();
                    assertEveryImportedRowLanded(v2, v3, analysis);
                    assertThat(ephemeral).allSatisfy(t -> assertThat(count(v3, t)).as(t).isEqualTo(count(v2, t)));
                    if (version == PodVersion.V3_8_4) {
                        assertThat(rows(v3, "SELECT COUNT(*) FROM live_heartbeat WHERE event_id IS NULL"))
                                .containsExactly(String.valueOf(count(v2, "live_heartbeat")));
                    }
                }
            }
        }
    }

    private static void assertEveryImportedRowLanded(PodTestDatabase v2, PodTestDatabase v3, PodImportAnalysis analysis)
            throws SQLException {
        Map<String, Long> v2Counts = counts(v2);
        Map<String, Long> v3Counts = counts(v3);
        Map<String, String> mismatches = new TreeMap<>();
        for (TablePlan table : analysis.tables()) {
            if (table.imported()) {
                long expected = v2Counts.get(table.scriptTable());
                long actual = v3Counts.get(table.targetTable());
                if (expected != actual) {
                    mismatches.put(table.scriptTable() + " -> " + table.targetTable(), expected + " != " + actual);
                }
            }
        }
        assertThat(mismatches).as("v2 rows != v3 rows").isEmpty();
    }

    /** Another application's database, with a table of Pod's name whose rows must not land. */
    private static PodTestDatabase otherApplication() throws SQLException {
        PodTestDatabase other = PodTestDatabase.empty();
        try (Connection c = other.connect()) {
            c.createStatement().execute("CREATE TABLE orders (id int PRIMARY KEY, total decimal(9,2))");
            c.createStatement().execute("INSERT INTO orders VALUES (1, 9.5), (2, 12), (3, 40)");
            c.createStatement().execute("CREATE TABLE video_type (id int PRIMARY KEY, title varchar(100))");
            c.createStatement().execute("INSERT INTO video_type VALUES (9001, 'not Pod'), (9002, 'not Pod either')");
        }
        return other;
    }

    /** The dump with a {@code mysql} section in front, as {@code mariadb-dump --all-databases} starts. */
    private static Path withMysqlSection(Path dump, Path output) throws Exception {
        String mysql = """
                CREATE DATABASE /*!32312 IF NOT EXISTS*/ `mysql` /*!40100 DEFAULT CHARACTER SET utf8mb4 */;
                USE `mysql`;
                CREATE TABLE IF NOT EXISTS `global_priv` (
                  `Host` char(255) NOT NULL DEFAULT '',
                  `User` char(128) NOT NULL DEFAULT '',
                  `Priv` longtext NOT NULL DEFAULT '{}',
                  PRIMARY KEY (`Host`,`User`)
                ) ENGINE=Aria DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_bin;
                INSERT INTO `global_priv` VALUES ('%','pm_test_never','{"access":0}'),('localhost','pm_test_never','{}');
                GRANT ALL PRIVILEGES ON *.* TO 'pm_test_never'@'%';
                """;
        return Files.writeString(output, mysql + Files.readString(dump), StandardCharsets.UTF_8);
    }

    /** The server's accounts, as its {@code mysql} schema holds them. */
    private static List<String> accounts() throws SQLException {
        List<String> accounts = new ArrayList<>();
        try (Connection c = TestServer.get().connect("mysql");
             ResultSet rs = c.createStatement().executeQuery("SELECT CONCAT(User, '@', Host) FROM global_priv ORDER BY 1")) {
            while (rs.next()) {
                accounts.add(rs.getString(1));
            }
        }
        return accounts;
    }

    private static Path mariadbDump(PodTestDatabase db, Path output, String... options) throws Exception {
        return TestServer.get().mariadbDump(db.name(), output, options);
    }

    private Path resource(String name) throws Exception {
        Path copy = dir.resolve(name);
        try (var in = getClass().getResourceAsStream("/importing/" + name)) {
            Files.copy(in, copy);
        }
        return copy;
    }

    private static DatabaseEndpoint endpoint(PodTestDatabase db) {
        TestServer server = TestServer.get();
        return new DatabaseEndpoint(server.jdbcUrl(db.name()), server.user(), server.password(), "test");
    }

    private static Map<String, Long> counts(PodTestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            return TableQueries.rowCounts(TableQueries.on(c), TableQueries.tables(TableQueries.on(c)));
        }
    }

    /** The characters beyond U+FFFF (emoji...) of every value of a table, read by Java. */
    private static long supplementaryCharacters(PodTestDatabase db, String table) throws SQLException {
        long characters = 0;
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT * FROM " + Identifiers.quote(table))) {
            while (rows.next()) {
                for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
                    String value = rows.getString(column);
                    characters += value == null ? 0 : value.codePoints().filter(Character::isSupplementaryCodePoint).count();
                }
            }
        }
        return characters;
    }

    private static long count(PodTestDatabase db, String table) throws SQLException {
        return counts(db).get(table);
    }

    private static List<String> distinct(PodTestDatabase db, String sql) throws SQLException {
        return rows(db, sql);
    }

    private static List<String> rows(PodTestDatabase db, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(rs.getString(i));
                }
                rows.add(String.join("|", values));
            }
        }
        return rows;
    }

    /** The columns an import fills with the time it ran, set to one time in both targets, which ran apart. */
    private static void sameMigrationTime(PodImportAnalysis analysis, PodTestDatabase... targets) throws SQLException {
        for (TablePlan table : analysis.tables()) {
            for (TablePlan.ColumnChange filled : table.filledColumns()) {
                if (filled.expression().startsWith("CURRENT_TIMESTAMP")) {
                    for (PodTestDatabase target : targets) {
                        try (Connection c = target.connect(); Statement s = c.createStatement()) {
                            s.executeUpdate("UPDATE " + Identifiers.quote(table.targetTable()) + " SET "
                                    + Identifiers.quote(filled.column()) + " = '2024-01-01'");
                        }
                    }
                }
            }
        }
    }
}
