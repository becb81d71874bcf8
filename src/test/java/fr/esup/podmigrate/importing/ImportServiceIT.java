package fr.esup.podmigrate.importing;

import fr.esup.podmigrate.backup.Backups;
import fr.esup.podmigrate.backup.TestBackups;
import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.config.Databases;
import fr.esup.podmigrate.config.Workspace;
import fr.esup.podmigrate.dump.Podv2ScriptOptions;
import fr.esup.podmigrate.dump.ScriptFiles;
import fr.esup.podmigrate.job.Job;
import fr.esup.podmigrate.job.JobKind;
import fr.esup.podmigrate.job.JobRunner;
import fr.esup.podmigrate.job.JobStatus;
import fr.esup.podmigrate.job.JobStore;
import fr.esup.podmigrate.pod.PodTestDatabase;
import fr.esup.podmigrate.pod.PodVersion;
import fr.esup.podmigrate.run.RefusedException;
import fr.esup.podmigrate.run.RunStore;
import fr.esup.podmigrate.run.StepStatus;
import fr.esup.podmigrate.run.WizardStep;
import fr.esup.podmigrate.sql.Identifiers;
import fr.esup.podmigrate.sql.dump.DumpWriter;
import fr.esup.podmigrate.sql.load.TargetLock;
import fr.esup.podmigrate.testsupport.TestServer;
import fr.esup.podmigrate.testsupport.TestWorkspaces;
import fr.esup.podmigrate.v2.TableQueries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.FileSystemUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The import step as its page drives it: analyse as a job, refuse without a backup, import, record the counts. */
class ImportServiceIT {

    @TempDir
    Path dir;

    @Test
    void analysesThenImportsOnlyOverAVerifiedBackup() throws Exception {
        try (PodTestDatabase v2 = PodTestDatabase.generatedV2(PodVersion.V2_9_1, 10, 3);
             PodTestDatabase v3 = PodTestDatabase.blank(PodVersion.V3_8_4)) {
            Workspace workspace = workspaceWithPodv2(v2);
            RunStore runStore = new RunStore(workspace);
            JobRunner runner = new JobRunner(new JobStore(workspace), runStore);
            DatabaseEndpoint target = endpoint(v3);
            ImportService beforeRestart = service(workspace, target, runner, runStore);

            assertThatThrownBy(() -> beforeRestart.start("alice", v3.name(), false))
                    .isInstanceOf(RefusedException.class).hasMessage("import.refused.noAnalysis");
            Job analysis = finished(runner, beforeRestart.analyze("alice", null, false));
            PodImportAnalysis analysed = beforeRestart.analysis(beforeRestart.script().orElseThrow()).orElseThrow();
            assertThat(analysed.blocked()).isFalse();
            assertThat(analysis.kind()).isEqualTo(JobKind.ANALYSIS);
            assertThat(runStore.state(WizardStep.DUMP).status()).as("an analysis is no generation of podv2.sql")
                    .isEqualTo(StepStatus.NOT_STARTED);

            ImportService service = service(workspace, target, runner, runStore);
            assertThat(service.analysis(service.script().orElseThrow())).as("kept in the workspace")
                    .hasValueSatisfying(kept -> assertThat(kept).usingRecursiveComparison().isEqualTo(analysed));
            assertThat(service.guard().allowsImport()).as("a fresh Pod install holds nothing to lose").isTrue();
            TestBackups.execute(v3, "INSERT INTO auth_user (id, password, is_superuser, username, first_name,"
                    + " last_name, email, is_staff, is_active, date_joined) VALUES (1, '!', 1, 'admin', '', '', '', 1, 1, NOW())");
            assertThatThrownBy(() -> service.start("alice", v3.name(), false))
                    .isInstanceOf(RefusedException.class).hasMessage("import.refused.backup");

            TestBackups.take(workspace, target);
            assertThatThrownBy(() -> service.start("alice", "not-" + v3.name(), false))
                    .isInstanceOf(RefusedException.class).hasMessage("confirm.refused");
            Job done = finished(runner, service.start("alice", v3.name(), false));

            assertThat(done.status()).as("%s", done.message()).isEqualTo(JobStatus.SUCCEEDED);
            Imported imported = done.result(Imported.class).orElseThrow();
            assertThat(imported.inserted())
                    .containsEntry("video_encode_transcript_videorendition", TestBackups.count(v2.connect(), "video_videorendition"));
            assertThat(imported.script()).isEqualTo("import/podv2.sql");
            assertThat(new JobStore(workspace).find(done.id()).orElseThrow().result()).as("kept in the workspace")
                    .isEqualTo(imported);
            assertThat(TestWorkspaces.auditLines(dir)).anyMatch(line -> line.contains("import: start import/podv2.sql"));
        }
    }

    @Test
    void refusesWhileAnotherImportRunsIntoTheTargetAndReleasesItsOwnLockWhenTheJobEnds() throws Exception {
        try (PodTestDatabase v2 = PodTestDatabase.generatedV2(PodVersion.V2_9_1, 3, 5);
             PodTestDatabase v3 = PodTestDatabase.blank(PodVersion.V3_8_4)) {
            Workspace workspace = workspaceWithPodv2(v2);
            RunStore runStore = new RunStore(workspace);
            JobRunner runner = new JobRunner(new JobStore(workspace), runStore);
            DatabaseEndpoint target = endpoint(v3);
            ImportService service = service(workspace, target, runner, runStore);
            finished(runner, service.analyze("alice", null, false));
            TestBackups.take(workspace, target);

            try (TargetLock held = TargetLock.acquire(target::connect, "cli import")) {
                assertThatThrownBy(() -> service.start("alice", v3.name(), false))
                        .isInstanceOfSatisfying(RefusedException.class, e -> {
                            assertThat(e.key()).isEqualTo("import.refused.locked");
                            assertThat(e.args()[0]).isEqualTo(v3.name());
                            assertThat((String) e.args()[1]).startsWith("pod-migrate cli import, pid ");
                        });
            }
            Job done = finished(runner, service.start("alice", v3.name(), false));

            assertThat(done.status()).as("%s", done.message()).isEqualTo(JobStatus.SUCCEEDED);
            TargetLock.acquire(target::connect, "the next import").close();
            assertThat(TestWorkspaces.auditLines(dir)).anyMatch(line -> line.contains("import: refused, Another import is running"));
        }
    }

    @Test
    void aWipedTargetHasNothingToLoseAndNeedsNoFurtherBackup() throws Exception {
        try (PodTestDatabase v2 = PodTestDatabase.generatedV2(PodVersion.V2_9_1, 3, 4);
             PodTestDatabase v3 = PodTestDatabase.blank(PodVersion.V3_0_5)) {
            Workspace workspace = workspaceWithPodv2(v2);
            try (Connection c = v3.connect()) {
                c.createStatement().execute("SET FOREIGN_KEY_CHECKS = 0");
                for (String table : TableQueries.tables(TableQueries.on(c))) {
                    if (!table.equals("django_migrations")) {
                        c.createStatement().execute("TRUNCATE TABLE " + Identifiers.quote(table));
                    }
                }
            }
            RunStore runStore = new RunStore(workspace);
            JobRunner runner = new JobRunner(new JobStore(workspace), runStore);
            DatabaseEndpoint target = endpoint(v3);
            ImportService service = service(workspace, target, runner, runStore);
            finished(runner, service.analyze("alice", null, false));

            assertThat(service.guard().wiped()).isTrue();
            Job done = finished(runner, service.start("alice", v3.name(), false));

            assertThat(done.status()).as("%s", done.message()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(TestWorkspaces.auditLines(dir)).anyMatch(line -> line.contains("target wiped"));
        }
    }

    @Test
    void anImportThatStoppedResumesAfterARestartOfTheConsoleByAnalysingAgain() throws Exception {
        try (PodTestDatabase v2 = PodTestDatabase.generatedV2(PodVersion.V2_9_1, 6, 8);
             PodTestDatabase v3 = PodTestDatabase.blank(PodVersion.V3_8_4)) {
            Workspace workspace = workspaceWithPodv2(v2);
            Console before = Console.on(workspace, endpoint(v3));
            finished(before.runner, before.service.analyze("alice", null, false));
            TestBackups.take(workspace, endpoint(v3));
            try (Connection c = v3.connect()) {
                c.createStatement().execute("CREATE TRIGGER pm_stop BEFORE INSERT ON video_channel FOR EACH ROW"
                        + " SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'stopped for the test'");
            }
            Job stopped = finished(before.runner, before.service.start("alice", v3.name(), false));
            assertThat(stopped.status()).isEqualTo(JobStatus.FAILED);
            assertThat(stopped.message().key()).isEqualTo("import.message.stopped");
            assertThat(stopped.message().arguments().get(2)).asString().contains("stopped for the test");
            try (Connection c = v3.connect()) {
                c.createStatement().execute("DROP TRIGGER pm_stop");
            }

            Console after = Console.on(workspace, endpoint(v3));
            assertThat(after.service.analysis(after.service.script().orElseThrow())).as("kept in the workspace").isPresent();
            FileSystemUtils.deleteRecursively(workspace.runs().resolve("analyses"));
            assertThat(after.service.analysis(after.service.script().orElseThrow()))
                    .as("as in a workspace of a console that kept its analyses in memory").isEmpty();
            Job resumed = finished(after.runner, after.service.resume("alice", false));

            assertThat(resumed.status()).as("%s", resumed.message()).isEqualTo(JobStatus.SUCCEEDED);
            try (Connection source = v2.connect(); Connection imported = v3.connect()) {
                for (String table : List.of("video_channel", "video_video", "playlist_playlistcontent")) {
                    String v2Table = table.equals("playlist_playlistcontent") ? "playlist_playlistelement" : table;
                    assertThat(TestBackups.count(imported, table)).as(table)
                            .isEqualTo(TestBackups.count(source, v2Table)).isPositive();
                }
            }
            after.runner.destroy();
            before.runner.destroy();
        }
    }

    /** The console's job runner and import service on a workspace, as a start of the console makes them. */
    private record Console(JobRunner runner, ImportService service) {
        static Console on(Workspace workspace, DatabaseEndpoint target) {
            RunStore runStore = new RunStore(workspace);
            JobRunner runner = new JobRunner(new JobStore(workspace), runStore);
            return new Console(runner, ImportServiceIT.service(workspace, target, runner, runStore));
        }
    }

    /** A workspace whose import folder holds the procedure's podv2.sql of {@code v2}, chosen for the run. */
    /** A gzipped podv2.sql is read through a copy decompressed into the workspace's runs, gone once it is imported. */
    @Test
    void importsAGzippedPodv2AndLeavesNoDecompressedCopy() throws Exception {
        try (PodTestDatabase v2 = PodTestDatabase.generatedV2(PodVersion.V2_9_1, 6, 9);
             PodTestDatabase v3 = PodTestDatabase.blank(PodVersion.V3_8_4)) {
            Workspace workspace = workspaceWithPodv2(v2, true);
            RunStore runStore = new RunStore(workspace);
            JobRunner runner = new JobRunner(new JobStore(workspace), runStore);
            ImportService service = service(workspace, endpoint(v3), runner, runStore);
            finished(runner, service.analyze("alice", null, false));

            Job done = finished(runner, service.start("alice", v3.name(), false));

            assertThat(done.status()).as("%s", done.message()).isEqualTo(JobStatus.SUCCEEDED);
            Imported imported = done.result(Imported.class).orElseThrow();
            assertThat(imported.script()).isEqualTo("import/podv2.sql.gz");
            assertThat(imported.inserted()).containsEntry("video_video", TestBackups.count(v2.connect(), "video_video"));
            try (Stream<Path> files = Files.list(workspace.runs())) {
                assertThat(files.map(file -> file.getFileName().toString()))
                        .noneMatch(name -> name.startsWith("pod-migrate-decompressed"));
            }
        }
    }

    private Workspace workspaceWithPodv2(PodTestDatabase v2) throws Exception {
        return workspaceWithPodv2(v2, false);
    }

    private Workspace workspaceWithPodv2(PodTestDatabase v2, boolean gzip) throws Exception {
        Workspace workspace = TestWorkspaces.in(dir);
        String name = gzip ? "podv2.sql.gz" : "podv2.sql";
        try (Connection c = v2.connect()) {
            new DumpWriter(Podv2ScriptOptions.PROCEDURE.toDumpOptions().gzip(gzip).build())
                    .write(c, workspace.importFolder().resolve(name));
        }
        ScriptFiles scripts = new ScriptFiles(workspace);
        scripts.select(scripts.find("import/" + name).orElseThrow());
        return workspace;
    }

    private static ImportService service(Workspace workspace, DatabaseEndpoint target, JobRunner runner, RunStore runStore) {
        return new ImportService(new Databases(target, Optional.empty(), false), new ScriptFiles(workspace),
                new Backups(workspace), runner, runStore, workspace);
    }

    private static DatabaseEndpoint endpoint(PodTestDatabase db) {
        TestServer server = TestServer.get();
        return new DatabaseEndpoint(server.jdbcUrl(db.name()), server.user(), server.password(), "t");
    }

    private static Job finished(JobRunner runner, Job job) {
        await().atMost(Duration.ofSeconds(60)).until(() -> runner.find(job.id()).orElseThrow().status().finished());
        return runner.find(job.id()).orElseThrow();
    }
}
