package fr.esup.podmigrate.verify;

import fr.esup.podmigrate.backup.BackupTaken;
import fr.esup.podmigrate.backup.RecordingContext;
import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.config.Databases;
import fr.esup.podmigrate.importing.Imported;
import fr.esup.podmigrate.job.Job;
import fr.esup.podmigrate.job.JobKind;
import fr.esup.podmigrate.job.JobProgress;
import fr.esup.podmigrate.job.JobRunner;
import fr.esup.podmigrate.job.JobStatus;
import fr.esup.podmigrate.job.JobStore;
import fr.esup.podmigrate.pod.PodTestDatabase;
import fr.esup.podmigrate.pod.PodVersion;
import fr.esup.podmigrate.run.RunFixture;
import fr.esup.podmigrate.run.RunStore;
import fr.esup.podmigrate.run.StepState;
import fr.esup.podmigrate.run.StepStatus;
import fr.esup.podmigrate.run.WizardStep;
import fr.esup.podmigrate.sql.Identifiers;
import fr.esup.podmigrate.testsupport.TestServer;
import fr.esup.podmigrate.v2.V2Origin;
import fr.esup.podmigrate.v3.OrphanedKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/** Row counts and foreign keys on a v3 database after an import, against what the import recorded. */
class VerificationServiceIT {

    @TempDir
    Path dir;

    private static final String[] AFTER_IMPORT = {
            // A discipline lost that nothing explains.
            "INSERT INTO video_discipline (id, title, slug, site_id) VALUES (1, 'd1', 'd1', 1), (2, 'd2', 'd2', 1)",
            "INSERT INTO video_encode_transcript_encodingvideo (id, name, encoding_format, source_file, rendition_id,"
                    + " video_id) VALUES (1, '360p', 'video/mp4', 'a', 1, 1), (2, '360p', 'video/mp4', 'b', 1, 1)"};

    /** The podv2.sql's four channels, the last with the slug of the first: INSERT IGNORE drops it. */
    private static final String CHANNELS = "INSERT IGNORE INTO video_channel (id, title, slug, site_id, headband_id) VALUES"
            + " (1, 'c1', 'c1', 1, 42), (2, 'c2', 'c2', 1, NULL), (3, 'c3', 'c3', 1, 43), (4, 'c4', 'c1', 1, NULL)";

    private static final Imported IMPORT = importOf(Map.of());

    /** The import of the podv2.sql, with the rows it wrote into {@code tables}. */
    private static Imported importOf(Map<String, Imported.TableRows> tables) {
        return new Imported("import/podv2.sql", null, false, false, Map.of("django_site", 1L, "video_channel", 4L,
                "video_discipline", 3L, "video_encodingvideo", 2L, "live_broadcaster", 4L, "video_channel_sites", 4L,
                "foo_bar", 2L), Map.of("live_broadcaster", 4L), tables, List.of(), List.of());
    }

    @Test
    void comparesTheImportsCountsWithV3AndFindsTheOrphans() throws Exception {
        try (PodTestDatabase target = imported(); RunFixture run = RunFixture.on(target, null)) {
            int inserted;
            try (Connection c = target.connect(); Statement s = c.createStatement()) {
                s.execute("SET SESSION foreign_key_checks = 0");
                inserted = s.executeUpdate(CHANNELS);
            }
            assertThat(inserted).as("rows INSERT IGNORE kept").isEqualTo(3);
            Imported results = importOf(Map.of("video_channel", new Imported.TableRows(inserted, 4 - inserted, -1, -1, -1)));
            run.job(WizardStep.BACKUP, JobStatus.SUCCEEDED, Instant.parse("2026-11-26T09:00:00Z"),
                    new BackupTaken("pod-20261126.sql.gz"));
            run.job(WizardStep.IMPORT, JobStatus.SUCCEEDED, Instant.parse("2026-11-26T10:00:00Z"), results);
            Verification verification = verify(run);

            assertThat(verification.v2Origin()).isEqualTo(new V2Origin(V2Origin.Kind.SCRIPT, "import/podv2.sql"));
            assertThat(verification.backup().result()).isEqualTo(new BackupTaken("pod-20261126.sql.gz"));
            assertThat(verification.lines(Verification.Filter.DIFFERENCES)).filteredOn(t -> t.v2Table() != null)
                    .extracting(TableComparison::v2Table, TableComparison::v2Rows, TableComparison::v3Table,
                            TableComparison::v3Rows, TableComparison::inserted, TableComparison::ignored,
                            TableComparison::skipped, TableComparison::difference)
                    .containsExactly(
                            tuple("foo_bar", 2L, null, null, 0L, 0L, 0L, Difference.MISSING_TABLE),
                            tuple("live_broadcaster", 4L, "live_broadcaster", 0L, 0L, 0L, 4L, Difference.EXCLUDED),
                            tuple("video_channel", 4L, "video_channel", 3L, 3L, 1L, 0L, Difference.IGNORED),
                            tuple("video_channel_sites", 4L, null, null, 0L, 0L, 0L, Difference.MISSING_TABLE),
                            tuple("video_discipline", 3L, "video_discipline", 2L, 0L, 0L, 0L, Difference.UNEXPLAINED),
                            tuple("video_encodingvideo", 2L, "video_encode_transcript_encodingvideo", 2L, 0L, 0L, 0L,
                                    Difference.RENAMED));
            assertThat(verification.lines(Verification.Filter.ALL)).filteredOn(t -> "django_site".equals(t.v2Table()))
                    .extracting(TableComparison::difference).containsExactly(Difference.SAME);
            assertThat(verification.problems()).isEqualTo(2);
            assertThat(verification.warnings()).isEqualTo(2);
            assertThat(verification.verdict()).isEqualTo(Verification.Verdict.PROBLEMS);
            assertThat(verification.v2Total()).isEqualTo(20);

            assertThat(verification.orphans().keysChecked()).isEqualTo(219);
            assertThat(verification.orphans().orphaned())
                    .extracting(OrphanedKey::table, OrphanedKey::column, OrphanedKey::referencedTable, OrphanedKey::rows,
                            OrphanedKey::examples)
                    .containsExactly(
                            tuple("video_channel", "headband_id", "main_customimagemodel", 2L, List.of("1", "3")),
                            tuple("video_encode_transcript_encodingvideo", "rendition_id",
                                    "video_encode_transcript_videorendition", 2L, List.of("1", "2")),
                            tuple("video_encode_transcript_encodingvideo", "video_id", "video_video", 2L,
                                    List.of("1", "2")));
            assertThat(verification.orphans().rows()).isEqualTo(6);
        }
    }

    @Test
    void aSourceDatabaseGivesTheV2CountsAndABlankTargetLacksEveryRow() throws Exception {
        try (PodTestDatabase target = PodTestDatabase.blank(PodVersion.V3_8_4);
             PodTestDatabase source = PodTestDatabase.generatedV2(PodVersion.V2_9_1, 40, 7);
             RunFixture run = RunFixture.on(target, source)) {
            Verification verification = verify(run);
            assertThat(verification.v2Origin().kind()).isEqualTo(V2Origin.Kind.SOURCE);
            assertThat(verification.imported()).isNull();
            assertThat(verification.lines(Verification.Filter.ALL)).filteredOn(t -> "video_channel".equals(t.v2Table()))
                    .extracting(TableComparison::v2Rows, TableComparison::v3Rows, TableComparison::ignored,
                            TableComparison::difference)
                    .containsExactly(tuple(4L, 0L, null, Difference.UNEXPLAINED));
            assertThat(verification.verdict()).isEqualTo(Verification.Verdict.PROBLEMS);
        }
    }

    @Test
    void withoutSourceNorImportThereIsNothingToCompare() throws Exception {
        try (PodTestDatabase target = PodTestDatabase.blank(PodVersion.V3_8_4); RunFixture run = RunFixture.on(target, null)) {
            Verification verification = verify(run);
            assertThat(verification.v2Origin()).isNull();
            assertThat(verification.verdict()).isEqualTo(Verification.Verdict.NO_V2_COUNTS);
            assertThat(verification.orphans().orphaned()).isEmpty();
        }
    }

    @Test
    void theJobKeepsWhatItFoundAndItsVerdictIsTheStepsStatus() throws Exception {
        try (PodTestDatabase target = PodTestDatabase.blank(PodVersion.V3_8_4);
             PodTestDatabase source = PodTestDatabase.generatedV2(PodVersion.V2_9_1, 40, 7);
             RunFixture run = RunFixture.on(target, source)) {
            RunStore runStore = new RunStore(run.workspace);
            JobRunner runner = new JobRunner(run.jobs, runStore);
            try {
                VerificationService service = new VerificationService(run.databases, run.succeededJobs(), runner, run.workspace);
                assertThat(service.latest()).isEmpty();

                Job job = service.start("alice");
                await().atMost(Duration.ofSeconds(60)).until(() -> runner.find(job.id()).orElseThrow().status().finished());
                Job done = runner.find(job.id()).orElseThrow();

                assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
                assertThat(done.progress().tablesDone()).isEqualTo(done.progress().tablesTotal()).isPositive();
                Verification direct = verify(run);
                Verification kept = new VerificationService(run.databases, run.succeededJobs(),
                        new JobRunner(new JobStore(run.workspace), runStore), run.workspace).latest().orElseThrow();
                assertThat(kept.tables()).isEqualTo(direct.tables());
                assertThat(kept.orphans()).isEqualTo(direct.orphans());
                assertThat(kept.v2Origin()).isEqualTo(direct.v2Origin());
                assertThat(kept.target()).isEqualTo(direct.target());
                assertThat(kept.verdict()).isEqualTo(Verification.Verdict.PROBLEMS);
                assertThat(runStore.states()).filteredOn(state -> state.step() == WizardStep.VERIFY)
                        .extracting(StepState::status).containsExactly(StepStatus.FAILED);
            } finally {
                runner.destroy();
            }
        }
    }

    @Test
    void theOrphansAndTheImportJobReadBackFromTheResults() throws Exception {
        try (PodTestDatabase target = imported(); RunFixture run = RunFixture.on(target, null)) {
            Job imported = run.job(WizardStep.IMPORT, JobStatus.SUCCEEDED, Instant.parse("2026-11-26T10:00:00Z"), IMPORT);
            RecordingContext context = new RecordingContext();
            Verification direct = service(run).verify(context);
            Job verification = new Job("verify-1", WizardStep.VERIFY, JobKind.WORK, "alice", "t", JobStatus.SUCCEEDED, direct.at(),
                    direct.at(), JobProgress.NONE, direct.summary(), context.result());

            Verification kept = ((Verified) context.result()).verification(verification,
                    id -> id.equals(imported.id()) ? Optional.of(imported) : Optional.empty());

            assertThat(kept.orphans().orphaned()).isNotEmpty().isEqualTo(direct.orphans().orphaned());
            assertThat(kept.imported()).isEqualTo(imported);
            assertThat(kept.tables()).isEqualTo(direct.tables());
            assertThat(context.stepStatusOnSuccess()).as("only the runner's context records it").isEqualTo(StepStatus.DONE);
        }
    }

    @Test
    void withoutSourceThePodv2SqlLoadedIntoAScratchDatabaseProvesEveryRowThenIsDropped() throws Exception {
        try (MigratedPod pod = MigratedPod.into(PodVersion.V3_8_4, dir); RunFixture run = RunFixture.on(pod.v3, null)) {
            Files.copy(pod.script, run.workspace.importFolder().resolve("podv2.sql"));
            run.imported(JobStatus.SUCCEEDED, Instant.parse("2026-11-26T10:00:00Z"), "import/podv2.sql", null);
            RecordingContext context = new RecordingContext();

            Verification verification = service(run).verify(context);

            assertThat(verification.content().v2Database()).isEqualTo(pod.v3.name() + "_pmv2");
            assertThat(verification.content().shown()).filteredOn(d -> d.kind() == RowDifference.Kind.MISSING)
                    .extracting(RowDifference::key, RowDifference::explanation)
                    .containsExactly(tuple("4", RowDifference.Explanation.REFUSED_BY_KEY),
                            tuple("6", RowDifference.Explanation.REFUSED_BY_KEY));
            assertThat(verification.complete()).isTrue();
            assertThat(Files.readAllLines(run.workspace.root().resolve(((Verified) context.result()).contentCsv())))
                    .hasSize(1 + (int) verification.content().differences());
            try (Connection c = pod.v3.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SHOW DATABASES LIKE '" + pod.v3.name() + "\\_pmv2'")) {
                assertThat(rs.next()).as("the scratch database is dropped").isFalse();
            }
        }
    }

    @Test
    void anAccountThatMayNotCreateTheScratchDatabaseFallsBackToCountsAndSaysWhichPrivilege() throws Exception {
        try (PodTestDatabase target = imported(); RunFixture admin = RunFixture.on(target, null)) {
            String user = "pm_test_" + target.name().substring(target.name().length() - 8);
            // localhost too: the server's anonymous account there would take a connection from 127.0.0.1 before '%'.
            for (String host : List.of("%", "localhost")) {
                RunFixture.execute(target, "CREATE USER '" + user + "'@'" + host + "' IDENTIFIED BY 'secret'",
                        "GRANT ALL ON " + Identifiers.quote(target.name()) + ".* TO '" + user + "'@'" + host + "'");
            }
            try (RunFixture run = RunFixture.on(new Databases(new DatabaseEndpoint(
                    TestServer.get().jdbcUrl(target.name()), user, "secret", "test"), Optional.empty(), false))) {
                run.script("podv2.sql", "INSERT INTO video_channel (id, title, slug, site_id) VALUES (1, 'c1', 'c1', 1);\n");
                run.job(WizardStep.IMPORT, JobStatus.SUCCEEDED, Instant.parse("2026-11-26T10:00:00Z"), IMPORT);

                Verification verification = service(run).verify(new RecordingContext());

                assertThat(verification.content()).isNull();
                assertThat(verification.contentUnavailable()).contains(target.name() + "_pmv2", "CREATE and DROP");
                assertThat(verification.complete()).isFalse();
            } finally {
                RunFixture.execute(target, "DROP USER '" + user + "'@'%'", "DROP USER '" + user + "'@'localhost'");
            }
        }
    }

    private static Verification verify(RunFixture run) throws Exception {
        return service(run).verify(new RecordingContext());
    }

    private static VerificationService service(RunFixture run) {
        return new VerificationService(run.databases, run.succeededJobs(), null, run.workspace);
    }

    private static PodTestDatabase imported() throws SQLException {
        return RunFixture.v3After(AFTER_IMPORT);
    }
}
