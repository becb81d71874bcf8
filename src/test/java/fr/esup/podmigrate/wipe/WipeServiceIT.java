package fr.esup.podmigrate.wipe;

import fr.esup.podmigrate.backup.BackupCheck;
import fr.esup.podmigrate.backup.Backups;
import fr.esup.podmigrate.backup.TestBackups;
import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.config.Databases;
import fr.esup.podmigrate.config.Workspace;
import fr.esup.podmigrate.job.Job;
import fr.esup.podmigrate.job.JobRunner;
import fr.esup.podmigrate.job.JobStatus;
import fr.esup.podmigrate.job.JobStore;
import fr.esup.podmigrate.pod.PodTestDatabase;
import fr.esup.podmigrate.pod.PodVersion;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static fr.esup.podmigrate.backup.TestBackups.checksums;
import static fr.esup.podmigrate.backup.TestBackups.count;
import static fr.esup.podmigrate.backup.TestBackups.execute;
import static fr.esup.podmigrate.backup.TestBackups.rows;
import static fr.esup.podmigrate.pod.PodMigrationRules.MIGRATIONS_TABLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/** The wipe on a real blank Pod v3 database: refused without a backup of its current state, else all but django_migrations emptied. */
class WipeServiceIT {

    @TempDir
    Path dir;

    private PodTestDatabase db;
    private Workspace workspace;
    private RunStore runStore;
    private JobRunner runner;
    private WipeService service;

    @BeforeEach
    void setUp() throws SQLException {
        db = PodTestDatabase.blank(PodVersion.V3_8_4);
        workspace = TestWorkspaces.in(dir);
        JobStore store = new JobStore(workspace);
        runStore = new RunStore(workspace);
        runner = new JobRunner(store, runStore);
        DatabaseEndpoint target = TestBackups.endpoint(db.name());
        service = new WipeService(new Databases(target, Optional.empty(), false), new Backups(workspace), runner,
                runStore);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        runner.destroy();
        db.close();
    }

    @Test
    void refusedWithoutABackup() throws Exception {
        WipePlan plan = service.plan();

        assertThat(plan.check().verdict()).isEqualTo(BackupCheck.Verdict.NO_BACKUP);
        assertRefusedChangingNothing(plan, db.name(), "wipe.refused.backup");
    }

    @Test
    void refusedWhenTheDatabaseChangedSinceItsBackup() throws Exception {
        TestBackups.take(workspace, TestBackups.endpoint(db.name()));
        execute(db, "UPDATE django_site SET name = 'changed'");

        WipePlan plan = service.plan();

        assertThat(plan.check().verdict()).isEqualTo(BackupCheck.Verdict.CHANGED);
        assertThat(plan.check().changed()).containsExactly("django_site");
        assertRefusedChangingNothing(plan, db.name(), "wipe.refused.backup");
    }

    @Test
    void aTypedNameThatIsNotExactlyTheDatabasesChangesNothing() throws Exception {
        TestBackups.take(workspace, TestBackups.endpoint(db.name()));
        WipePlan plan = service.plan();
        assertThat(plan.allowed()).isTrue();

        assertRefusedChangingNothing(plan, db.name().toUpperCase(java.util.Locale.ROOT), "confirm.refused");
        assertRefusedChangingNothing(plan, db.name() + " ", "confirm.refused");
        assertRefusedChangingNothing(plan, "", "confirm.refused");
    }

    @Test
    void emptiesEveryTableButDjangoMigrationsWhichIsKeptByteForByte() throws Exception {
        TestBackups.take(workspace, TestBackups.endpoint(db.name()));
        List<String> migrations;
        long migrationsChecksum;
        try (Connection c = db.connect()) {
            migrations = rows(c, MIGRATIONS_TABLE);
            migrationsChecksum = checksums(c).get(MIGRATIONS_TABLE);
        }
        WipePlan plan = service.plan();
        assertThat(plan.kept().rows()).isEqualTo(migrations.size()).isPositive();
        assertThat(plan.rowsToEmpty()).isPositive();
        assertThat(plan.emptied()).extracting(WipePlan.TableRows::table)
                .contains("auth_permission", "django_content_type").doesNotContain(MIGRATIONS_TABLE);

        Job job = service.start(plan, "alice", db.name());
        await().atMost(Duration.ofSeconds(60)).until(() -> runner.find(job.id()).orElseThrow().status().finished());

        Job done = runner.find(job.id()).orElseThrow();
        assertThat(done.status()).as("%s", done.message()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(done.message().key()).isEqualTo("wipe.message.done");
        List<Object> arguments = done.message().arguments();
        assertThat(List.of(arguments.get(0), arguments.get(2), arguments.get(3)))
                .containsExactly((long) plan.emptied().size(), "django_migrations", (long) migrations.size());
        try (Connection c = db.connect()) {
            for (WipePlan.TableRows table : plan.emptied()) {
                assertThat(count(c, table.table())).as(table.table()).isZero();
            }
            assertThat(rows(c, MIGRATIONS_TABLE)).isEqualTo(migrations);
            assertThat(checksums(c).get(MIGRATIONS_TABLE)).isEqualTo(migrationsChecksum);
        }
        assertThat(runStore.state(WizardStep.WIPE).status()).isEqualTo(StepStatus.DONE);
        assertThat(service.plan().alreadyEmpty()).isTrue();
    }

    private void assertRefusedChangingNothing(WipePlan plan, String typed, String key) throws SQLException {
        Map<String, Long> before;
        try (Connection c = db.connect()) {
            before = checksums(c);
        }

        RefusedException refused = catchThrowableOfType(RefusedException.class, () -> service.start(plan, "alice", typed));

        assertThat(refused.key()).isEqualTo(key);
        assertThat(service.latestJob()).isEmpty();
        try (Connection c = db.connect()) {
            assertThat(checksums(c)).isEqualTo(before);
        }
        assertThat(TestWorkspaces.auditLines(dir)).last().asString().contains("alice", "wipe: refused");
    }

}
