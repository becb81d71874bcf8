package fr.esup.podmigrate.cli;

import fr.esup.podmigrate.backup.TestBackups;
import fr.esup.podmigrate.dump.Podv2ScriptOptions;
import fr.esup.podmigrate.pod.PodTestDatabase;
import fr.esup.podmigrate.pod.PodVersion;
import fr.esup.podmigrate.sql.dump.DumpWriter;
import fr.esup.podmigrate.sql.load.TargetLock;
import fr.esup.podmigrate.testsupport.TestFiles;
import fr.esup.podmigrate.testsupport.TestServer;
import fr.esup.podmigrate.testsupport.TestWorkspaces;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line's import keeps the console's guards: one import per target, none over data no backup holds. */
class ImportCommandGuardIT {

    @TempDir
    Path dir;
    private Path workspace;

    @BeforeEach
    void emptyWorkspace() {
        workspace = dir.resolve("workspace");
    }

    @Test
    void refusesATargetHoldingDataThatNoBackupHoldsUnlessForced() throws Exception {
        try (PodTestDatabase v2 = PodTestDatabase.generatedV2(PodVersion.V2_9_1, 3, 31);
             PodTestDatabase v3 = PodTestDatabase.blank(PodVersion.V3_8_4)) {
            Path script = podv2(v2);
            aSiteUsesIt(v3);
            Map<String, Long> before = checksums(v3);

            CliRun refused = importInto(v3, script);

            assertThat(refused.exitCode()).as(refused.err() + refused.out()).isEqualTo(PodMigrateCli.REFUSED);
            assertThat(refused.out()).contains("Refused before any change: the target " + v3.name() + " holds data",
                    "there is none in " + workspace.resolve("backups").toAbsolutePath().normalize(), "--force-over-data");
            assertThat(checksums(v3)).isEqualTo(before);
            assertThat(Files.exists(Path.of(script + ".checkpoint"))).isFalse();

            // gzipped, the script is decompressed beside it while the target is checked: refused, no copy stays
            Path gzipped = TestFiles.gzipped(script);
            CliRun refusedGzipped = importInto(v3, gzipped);

            assertThat(refusedGzipped.exitCode()).as(refusedGzipped.err() + refusedGzipped.out())
                    .isEqualTo(PodMigrateCli.REFUSED);
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.map(file -> file.getFileName().toString()))
                        .noneMatch(name -> name.startsWith("pod-migrate-decompressed"));
            }

            CliRun forced = importInto(v3, script, "--force-over-data");

            assertThat(forced.exitCode()).as(forced.err() + forced.out()).isZero();
            assertThat(TestBackups.count(v3.connect(), "video_video")).isEqualTo(TestBackups.count(v2.connect(), "video_video"));
        }
    }

    /** A database just created holds nothing to lose: a dump restores into it without a backup; then it holds data. */
    @Test
    void importsIntoADatabaseWithoutTablesWithoutABackupButNotOverWhatItThenHolds() throws Exception {
        try (PodTestDatabase v2 = PodTestDatabase.generatedV2(PodVersion.V2_9_1, 3, 37);
             PodTestDatabase restored = PodTestDatabase.empty()) {
            Path script = TestServer.get().mariadbDump(v2.name(), dir.resolve("nightly.sql"));

            CliRun plain = importInto(restored, script, "--plain");

            assertThat(plain.exitCode()).as(plain.err() + plain.out()).isZero();
            assertThat(checksums(restored)).isEqualTo(checksums(v2));

            CliRun again = importInto(restored, script, "--plain");

            assertThat(again.exitCode()).as(again.err() + again.out()).isEqualTo(PodMigrateCli.REFUSED);
            assertThat(again.out()).contains("Refused before any change: the target " + restored.name() + " holds data");
        }
    }

    @Test
    void importsOverAVerifiedBackupOfTheTargetAsItIsNow() throws Exception {
        try (PodTestDatabase v2 = PodTestDatabase.generatedV2(PodVersion.V2_9_1, 3, 32);
             PodTestDatabase v3 = PodTestDatabase.blank(PodVersion.V3_8_4)) {
            Path script = podv2(v2);
            TestBackups.take(TestWorkspaces.in(workspace), TestBackups.endpoint(v3.name()));

            CliRun run = importInto(v3, script);

            assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
            assertThat(TestBackups.count(v3.connect(), "video_video")).isEqualTo(TestBackups.count(v2.connect(), "video_video"));

            CliRun again = importInto(v3, script);

            assertThat(again.exitCode()).as("the target changed since its backup").isEqualTo(PodMigrateCli.REFUSED);
            assertThat(again.out()).contains("it changed since its newest verified backup");
        }
    }

    @Test
    void importsIntoAFreshPodInstallWithoutABackup() throws Exception {
        try (PodTestDatabase v2 = PodTestDatabase.generatedV2(PodVersion.V2_9_1, 3, 36);
             PodTestDatabase v3 = PodTestDatabase.blank(PodVersion.V3_8_4)) {
            CliRun run = importInto(v3, podv2(v2));

            assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
            assertThat(TestBackups.count(v3.connect(), "video_video")).isEqualTo(TestBackups.count(v2.connect(), "video_video"));
        }
    }

    /** An account made on the new Pod: a site's data, which no fresh install holds. */
    private static void aSiteUsesIt(PodTestDatabase v3) throws Exception {
        TestBackups.execute(v3, "INSERT INTO auth_user (id, password, is_superuser, username, first_name, last_name,"
                + " email, is_staff, is_active, date_joined) VALUES (1, '!', 1, 'admin', '', '', '', 1, 1, NOW())");
    }

    @Test
    void importsIntoATargetAsTheWipeLeavesItWithoutABackup() throws Exception {
        try (PodTestDatabase v2 = PodTestDatabase.generatedV2(PodVersion.V2_9_1, 3, 33);
             PodTestDatabase v3 = PodTestDatabase.wipedBlank(PodVersion.V3_8_4)) {
            Path script = podv2(v2);

            CliRun run = importInto(v3, script);

            assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        }
    }

    @Test
    void resumesAStoppedImportOverTheRowsItWroteAsTheConsoleDoes() throws Exception {
        try (PodTestDatabase v2 = PodTestDatabase.generatedV2(PodVersion.V2_9_1, 6, 34);
             PodTestDatabase v3 = PodTestDatabase.blank(PodVersion.V3_8_4)) {
            Path script = podv2(v2);
            TestBackups.execute(v3, "CREATE TRIGGER pm_stop BEFORE INSERT ON video_channel FOR EACH ROW"
                    + " SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'stopped for the test'");
            CliRun stopped = importInto(v3, script, "--force-over-data", "--parallel", "1");
            assertThat(stopped.exitCode()).as(stopped.out()).isEqualTo(PodMigrateCli.FAILED);
            assertThat(Path.of(script + ".checkpoint")).exists();
            TestBackups.execute(v3, "DROP TRIGGER pm_stop");

            CliRun resumed = importInto(v3, script, "--resume", "--parallel", "1");

            assertThat(resumed.exitCode()).as(resumed.err() + resumed.out()).isZero();
            assertThat(TestBackups.count(v3.connect(), "video_channel")).isEqualTo(TestBackups.count(v2.connect(), "video_channel"));
        }
    }

    @Test
    void refusesToResumeAGzippedScriptFromACheckpointThatIsNotItsOwn() throws Exception {
        try (PodTestDatabase v2 = PodTestDatabase.generatedV2(PodVersion.V2_9_1, 3, 36);
             PodTestDatabase v3 = PodTestDatabase.blank(PodVersion.V3_8_4);
             PodTestDatabase other = PodTestDatabase.empty()) {
            Path gzipped = TestFiles.gzipped(podv2(v2));
            // the checkpoint of another script's import, which stopped at its duplicate key
            Path otherScript = Files.writeString(dir.resolve("other.sql"),
                    "CREATE TABLE t (id int PRIMARY KEY);\nINSERT INTO t VALUES (1);\nINSERT INTO t VALUES (1);\n");
            Path othersCheckpoint = dir.resolve("other.checkpoint");
            CliRun stopped = importInto(other, otherScript, "--plain", "--force-over-data", "--checkpoint",
                    othersCheckpoint.toString());
            assertThat(stopped.exitCode()).as(stopped.out()).isEqualTo(PodMigrateCli.FAILED);
            String othersState = Files.readString(othersCheckpoint);
            Path garbage = Files.writeString(dir.resolve("garbage.checkpoint"), "another import's checkpoint");
            Map<String, Long> before = checksums(v3);

            CliRun fromOthers = importInto(v3, gzipped, "--force-over-data", "--resume", "--checkpoint",
                    othersCheckpoint.toString());
            CliRun fromGarbage = importInto(v3, gzipped, "--force-over-data", "--resume", "--checkpoint",
                    garbage.toString());

            assertThat(fromOthers.exitCode()).as(fromOthers.err() + fromOthers.out()).isEqualTo(PodMigrateCli.REFUSED);
            assertThat(fromOthers.out()).startsWith("Refused before any change: the checkpoint " + othersCheckpoint
                    + " was made by the import of another script: it cannot resume the import of podv2.sql.gz.");
            assertThat(fromGarbage.exitCode()).as(fromGarbage.err() + fromGarbage.out()).isEqualTo(PodMigrateCli.REFUSED);
            assertThat(fromGarbage.out()).startsWith("Refused before any change: " + garbage
                    + " is not an import checkpoint: it cannot resume the import of podv2.sql.gz.");
            assertThat(checksums(v3)).isEqualTo(before);
            assertThat(othersCheckpoint).hasContent(othersState);
            assertThat(garbage).hasContent("another import's checkpoint");
        }
    }

    @Test
    void refusesAtOnceWhileAnotherImportHoldsTheTargetAndRunsOnceItEnded() throws Exception {
        try (PodTestDatabase v2 = PodTestDatabase.generatedV2(PodVersion.V2_9_1, 3, 35);
             PodTestDatabase v3 = PodTestDatabase.blank(PodVersion.V3_8_4);
             PodTestDatabase other = PodTestDatabase.blank(PodVersion.V3_8_4)) {
            Path script = podv2(v2);
            Path checkpoint = Files.writeString(Path.of(script + ".checkpoint"), "another import's checkpoint");
            FileTime written = FileTime.from(Instant.parse("2024-01-02T03:04:05Z"));
            Files.setLastModifiedTime(checkpoint, written);
            Map<String, Long> before = checksums(v3);

            try (TargetLock held = TargetLock.acquire(TestBackups.endpoint(v3.name())::connect, "console import by alice")) {
                CliRun refused = importInto(v3, script, "--force-over-data", "--resume");
                CliRun elsewhere = importInto(other, script, "--force-over-data",
                        "--checkpoint", dir.resolve("other.checkpoint").toString());

                assertThat(refused.exitCode()).isEqualTo(PodMigrateCli.REFUSED);
                assertThat(refused.out()).startsWith("Refused before any change: Another import is running into "
                        + v3.name() + ": pod-migrate console import by alice, pid ").contains("; wait for it or stop it");
                assertThat(checksums(v3)).isEqualTo(before);
                assertThat(Files.readString(checkpoint)).isEqualTo("another import's checkpoint");
                assertThat(Files.getLastModifiedTime(checkpoint)).isEqualTo(written);
                assertThat(elsewhere.exitCode()).as(elsewhere.err() + elsewhere.out()).isZero();
            }

            Files.delete(checkpoint);
            CliRun after = importInto(v3, script, "--force-over-data");

            assertThat(after.exitCode()).as(after.err() + after.out()).isZero();
        }
    }

    private CliRun importInto(PodTestDatabase target, Path script, String... options) {
        TestServer server = TestServer.get();
        List<String> args = new ArrayList<>(List.of("import", script.toString(),
                "--podmigrate.target.url=" + server.jdbcUrl(target.name()),
                "--podmigrate.target.username=" + server.user(),
                "--podmigrate.target.password=" + server.password(),
                "--podmigrate.workspace=" + workspace));
        args.addAll(List.of(options));
        return CliRun.of(args.toArray(String[]::new));
    }

    private Path podv2(PodTestDatabase v2) throws Exception {
        Path script = dir.resolve("podv2.sql");
        try (Connection c = v2.connect()) {
            new DumpWriter(Podv2ScriptOptions.PROCEDURE.toDumpOptions().build()).write(c, script);
        }
        return script;
    }

    private static Map<String, Long> checksums(PodTestDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            return TestBackups.checksums(c);
        }
    }
}
