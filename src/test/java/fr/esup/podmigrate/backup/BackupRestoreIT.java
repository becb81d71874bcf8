package fr.esup.podmigrate.backup;

import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.config.Workspace;
import fr.esup.podmigrate.job.JobContext;
import fr.esup.podmigrate.job.JobFailedException;
import fr.esup.podmigrate.job.JobProgress;
import fr.esup.podmigrate.job.JobResult;
import fr.esup.podmigrate.pod.PodMigrationRules;
import fr.esup.podmigrate.pod.PodTestDatabase;
import fr.esup.podmigrate.pod.PodVersion;
import fr.esup.podmigrate.run.Message;
import fr.esup.podmigrate.testsupport.TestWorkspaces;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;

import static fr.esup.podmigrate.backup.TestBackups.checksums;
import static fr.esup.podmigrate.backup.TestBackups.count;
import static fr.esup.podmigrate.backup.TestBackups.execute;
import static fr.esup.podmigrate.backup.TestBackups.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Backups of a real Pod v3 database, read back, and restored over a database that changed since. */
class BackupRestoreIT {

    @TempDir
    Path dir;

    private PodTestDatabase db;
    private Workspace workspace;
    private Backups backups;
    private BackupTaker taker;
    private BackupRestorer restorer;
    private DatabaseEndpoint target;

    @BeforeEach
    void setUp() throws SQLException {
        db = PodTestDatabase.blank(PodVersion.V3_8_4);
        execute(db, "CREATE TABLE pm_samples (id INT PRIMARY KEY AUTO_INCREMENT, label VARCHAR(100), payload BLOB,"
                        + " amount DECIMAL(12,4), at DATETIME(6), note TEXT NULL) DEFAULT CHARSET=utf8mb4",
                "INSERT INTO pm_samples (label, payload, amount, at, note) VALUES"
                        + " ('vidéo 🎬 été', X'00FF0A0D275C221A', 12.3456, '2024-02-29 23:59:59.123456', NULL),"
                        + " ('quote '' and backslash \\\\', X'', -1, '1970-01-01 00:00:01', 'line\\nbreak')",
                "UPDATE django_site SET name = 'Pod 🎓' WHERE id = 1");
        workspace = TestWorkspaces.in(dir);
        backups = new Backups(workspace);
        taker = new BackupTaker(backups);
        restorer = new BackupRestorer(backups, taker, workspace);
        target = TestBackups.endpoint(db.name());
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void aBackupIsAVerifiedGzipDumpWithItsManifest() throws Exception {
        RecordingContext context = new RecordingContext();

        Backup backup = taker.take(target, "alice", Backup.Kind.REQUESTED, context);

        assertThat(backup.name()).matches(db.name() + "-\\d{8}-\\d{6}\\.sql\\.gz");
        assertThat(backup.verified()).as("%s", backup.verification()).isTrue();
        assertThat(backup.size()).isEqualTo(Files.size(backup.file()));
        assertThat(backup.sha256()).isEqualTo(sha256(backup.file()));
        try (InputStream in = Files.newInputStream(backup.file())) {
            assertThat(in.readNBytes(2)).containsExactly(0x1f, 0x8b);
        }
        try (Connection c = db.connect()) {
            assertThat(backup.fingerprint().tables().keySet()).isEqualTo(checksums(c).keySet())
                    .contains(PodMigrationRules.MIGRATIONS_TABLE, "pm_samples");
            assertThat(backup.fingerprint().tables().get(PodMigrationRules.MIGRATIONS_TABLE).rows())
                    .isEqualTo(count(c, PodMigrationRules.MIGRATIONS_TABLE)).isPositive();
        }
        assertThat(backups.newestVerified(target)).contains(backup);
        assertThat(Files.readString(dir.resolve("backups").resolve(backup.name().replace(".sql.gz", ".properties"))))
                .contains("verified=yes", "operator=alice", "sha256=" + backup.sha256(), "rows.pm_samples=2");
        JobProgress last = context.progress().get(context.progress().size() - 1);
        assertThat(last.bytesDone()).isEqualTo(backup.size());
        assertThat(last.rows()).isEqualTo(backup.rows());
    }

    @Test
    void restoringAfterChangesGivesBackEveryTablesChecksumAndDropsTheExtraTable() throws Exception {
        Map<String, Long> before;
        List<String> samples;
        try (Connection c = db.connect()) {
            before = checksums(c);
            samples = rows(c, "pm_samples");
        }
        Backup backup = taker.take(target, "alice", Backup.Kind.REQUESTED, new RecordingContext());
        execute(db, "UPDATE django_site SET domain = 'changed.example.org'",
                "INSERT INTO pm_samples (label) VALUES ('added')",
                "DELETE FROM pm_samples WHERE id = 1",
                "DELETE FROM django_migrations WHERE id <= 3",
                "SET FOREIGN_KEY_CHECKS = 0",
                "DROP TABLE main_linkfooter_sites",
                "CREATE TABLE pm_extra (id INT PRIMARY KEY, v VARCHAR(10))",
                "INSERT INTO pm_extra VALUES (1, 'x')");
        try (Connection c = db.connect()) {
            assertThat(checksums(c)).isNotEqualTo(before);
        }
        RecordingContext context = new RecordingContext();

        Message outcome = restorer.restore(target, backup, "bob", context);

        try (Connection c = db.connect()) {
            assertThat(checksums(c)).isEqualTo(before).doesNotContainKey("pm_extra");
            assertThat(rows(c, "pm_samples")).isEqualTo(samples);
        }
        assertThat(outcome.key()).isEqualTo("backup.message.restoredDropping");
        assertThat(outcome.arguments().get(4)).isEqualTo("pm_extra");
        Backup safety = backups.find(target, ((Restored) context.result()).safetyBackup()).orElseThrow();
        assertThat(((Restored) context.result()).dropped()).containsExactly("pm_extra");
        assertThat(safety.kind()).isEqualTo(Backup.Kind.BEFORE_RESTORE);
        assertThat(safety.verified()).isTrue();
        assertThat(safety.fingerprint().tables()).containsKey("pm_extra").doesNotContainKey("main_linkfooter_sites");
        assertThat(workspace.runs()).as("the backup's decompressed copy, once restored").isEmptyDirectory();
    }

    @Test
    void noSafetyBackupWhenAVerifiedBackupAlreadyHoldsTheCurrentState() throws Exception {
        Backup first = taker.take(target, "alice", Backup.Kind.REQUESTED, new RecordingContext());
        execute(db, "INSERT INTO pm_samples (label) VALUES ('later')");
        Backup second = taker.take(target, "alice", Backup.Kind.REQUESTED, new RecordingContext());
        RecordingContext context = new RecordingContext();

        restorer.restore(target, first, "bob", context);

        assertThat(context.result()).isEqualTo(new Restored(second.name(), List.of()));
        assertThat(backups.of(target)).extracting(Backup::name).containsExactly(second.name(), first.name());
    }

    @Test
    void aChangeWhileTheDumpRunsLeavesTheBackupUnverified() throws Exception {
        JobContext writesDuringTheDump = new JobContext() {
            private boolean written;

            @Override
            public String jobId() {
                return "test-job";
            }

            @Override
            public void progress(JobProgress progress) {
                if (!written) {
                    written = true;
                    execute(db, "INSERT INTO pm_samples (label) VALUES ('meanwhile')");
                }
            }

            @Override
            public void result(JobResult result) {
            }

            @Override
            public boolean cancelled() {
                return false;
            }
        };

        assertThatThrownBy(() -> taker.take(target, "alice", Backup.Kind.REQUESTED, writesDuringTheDump))
                .isInstanceOfSatisfying(JobFailedException.class, e -> assertThat(e.reason().arguments().subList(1, 3))
                        .as("the tables that changed while they were dumped: their number, then their names")
                        .containsExactly(1L, "pm_samples"));
        assertThat(backups.of(target)).singleElement().satisfies(b -> assertThat(b.verified()).isFalse());
        assertThat(backups.newestVerified(target)).isEmpty();
    }

    @Test
    void aCancelledBackupLeavesNothingBehind() {
        RecordingContext cancelling = new RecordingContext(progress -> true);

        assertThatThrownBy(() -> taker.take(target, "alice", Backup.Kind.REQUESTED, cancelling))
                .isInstanceOf(CancellationException.class);

        assertThat(filesIn(dir.resolve("backups"))).isEmpty();
    }

    @Test
    void aDamagedBackupIsRefusedBeforeAnythingChanges() throws Exception {
        Backup backup = taker.take(target, "alice", Backup.Kind.REQUESTED, new RecordingContext());
        byte[] bytes = Files.readAllBytes(backup.file());
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(backup.file(), bytes);
        execute(db, "INSERT INTO pm_samples (label) VALUES ('kept')");
        Map<String, Long> before;
        try (Connection c = db.connect()) {
            before = checksums(c);
        }

        assertThatThrownBy(() -> restorer.restore(target, backup, "bob", new RecordingContext()))
                .hasMessageContaining("is damaged").hasMessageContaining("Nothing was changed");

        try (Connection c = db.connect()) {
            assertThat(checksums(c)).isEqualTo(before);
        }
    }


    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static List<Path> filesIn(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
