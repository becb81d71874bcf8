package fr.esup.podmigrate.backup;

import fr.esup.podmigrate.config.Databases;
import fr.esup.podmigrate.config.Workspace;
import fr.esup.podmigrate.job.Job;
import fr.esup.podmigrate.job.JobAlreadyRunningException;
import fr.esup.podmigrate.job.JobRunner;
import fr.esup.podmigrate.job.JobStatus;
import fr.esup.podmigrate.job.JobStore;
import fr.esup.podmigrate.pod.PodTestDatabase;
import fr.esup.podmigrate.pod.PodVersion;
import fr.esup.podmigrate.run.Message;
import fr.esup.podmigrate.run.RefusedException;
import fr.esup.podmigrate.run.RunStore;
import fr.esup.podmigrate.run.StepStatus;
import fr.esup.podmigrate.run.WizardStep;
import fr.esup.podmigrate.testsupport.TestWorkspaces;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static fr.esup.podmigrate.backup.TestBackups.checksums;
import static fr.esup.podmigrate.backup.TestBackups.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The backup step's jobs as the pages start them: in the background, one at a time, in the audit log. */
class BackupServiceIT {

    @TempDir
    Path dir;

    private PodTestDatabase db;
    private RunStore runStore;
    private JobRunner runner;
    private Backups backups;
    private BackupService service;

    @BeforeEach
    void setUp() throws SQLException {
        db = PodTestDatabase.blank(PodVersion.V3_8_4);
        Workspace workspace = TestWorkspaces.in(dir);
        JobStore store = new JobStore(workspace);
        runStore = new RunStore(workspace);
        runner = new JobRunner(store, runStore);
        backups = new Backups(workspace);
        BackupTaker taker = new BackupTaker(backups);
        service = new BackupService(new Databases(TestBackups.endpoint(db.name()), Optional.empty(), false), backups,
                taker, new BackupRestorer(backups, taker, workspace), runner, runStore);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        runner.destroy();
        db.close();
    }

    @Test
    void aBackupJobWritesAVerifiedBackupAndTheAuditLogSaysWhich() {
        Job job = finished(service.startBackup("alice"));

        assertThat(job.status()).as("%s", job.message()).isEqualTo(JobStatus.SUCCEEDED);
        Backup backup = service.backups().get(0);
        assertThat(job.result()).isEqualTo(new BackupTaken(backup.name()));
        assertThat(job.message()).isEqualTo(Message.of("backup.message.done", backup.name(), backup.tables(),
                backup.rows()));
        assertThat(service.latestJob()).map(Job::id).contains(job.id());
        assertThat(runStore.state(WizardStep.BACKUP).status()).isEqualTo(StepStatus.DONE);
        assertThat(TestWorkspaces.auditLines(dir)).anyMatch(line -> line.contains("alice")
                && line.contains("wrote " + backup.name() + " (sha256 " + backup.sha256() + ")"));
    }

    @Test
    void aRestoreNeedsTheDatabasesNameAndUndoesTheWipe() throws Exception {
        Backup backup = TestBackups.take(TestWorkspaces.in(dir), TestBackups.endpoint(db.name()));
        Map<String, Long> before;
        try (Connection c = db.connect()) {
            before = checksums(c);
        }
        execute(db, "SET FOREIGN_KEY_CHECKS = 0", "TRUNCATE TABLE django_site");
        runStore.record(WizardStep.WIPE, StepStatus.DONE, "alice", "wiped");

        assertThatThrownBy(() -> service.startRestore(backup, "bob", "pod"))
                .isInstanceOfSatisfying(RefusedException.class,
                        e -> assertThat(e.key()).isEqualTo("confirm.refused"));
        assertThat(service.latestJob()).isEmpty();

        Job job = finished(service.startRestore(backup, "bob", db.name()));

        assertThat(job.status()).as("%s", job.message()).isEqualTo(JobStatus.SUCCEEDED);
        try (Connection c = db.connect()) {
            assertThat(checksums(c)).isEqualTo(before);
        }
        assertThat(runStore.state(WizardStep.WIPE).status()).isEqualTo(StepStatus.NOT_STARTED);
        assertThat(TestWorkspaces.auditLines(dir)).anyMatch(line -> line.contains("bob") && line.contains("asked to restore " + backup.name()));
    }

    @Test
    void oneJobAtATimeOnTheTarget() throws Exception {
        Backup earlier = TestBackups.take(TestWorkspaces.in(dir), TestBackups.endpoint(db.name()));
        Job first;
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("LOCK TABLES django_site WRITE");
            first = service.startBackup("alice");

            assertThatThrownBy(() -> service.startBackup("bob")).isInstanceOf(JobAlreadyRunningException.class)
                    .hasMessageContaining("alice");
            assertThatThrownBy(() -> service.startRestore(earlier, "bob", db.name()))
                    .isInstanceOf(JobAlreadyRunningException.class);
        }

        assertThat(finished(first).status()).isEqualTo(JobStatus.SUCCEEDED);
    }

    private Job finished(Job job) {
        await().atMost(Duration.ofSeconds(60)).until(() -> runner.find(job.id()).orElseThrow().status().finished());
        return runner.find(job.id()).orElseThrow();
    }

}
