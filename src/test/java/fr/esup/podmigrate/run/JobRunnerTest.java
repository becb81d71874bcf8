package fr.esup.podmigrate.run;

import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.config.Workspace;
import fr.esup.podmigrate.testsupport.TestWorkspaces;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class JobRunnerTest {

    @TempDir
    Path dir;

    private static final DatabaseEndpoint POD = new DatabaseEndpoint("jdbc:mariadb://h:3306/pod", "u", "", "t");

    private JobStore store;
    private RunStore runStore;
    private JobRunner runner;

    @BeforeEach
    void setUp() {
        Workspace workspace = TestWorkspaces.in(dir);
        store = new JobStore(workspace);
        runStore = new RunStore(workspace);
        runner = new JobRunner(store, runStore);
    }

    @Test
    void aJobRunsInTheBackgroundAndItsOutcomeIsPersisted() {
        Job job = runner.start(WizardStep.BACKUP, "alice", POD, context -> {
            context.progress(new JobProgress(50, 100, 7, 3));
            context.result("file", "backup-1.sql.gz");
            return "done";
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> runner.find(job.id()).orElseThrow().status().finished());
        Job stored = store.find(job.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(stored.message()).isEqualTo("done");
        assertThat(stored.progress()).isEqualTo(new JobProgress(50, 100, 7, 3));
        assertThat(stored.results()).isEqualTo(Map.of("file", "backup-1.sql.gz"));
        assertThat(runStore.state(WizardStep.BACKUP).status()).isEqualTo(StepStatus.DONE);
        assertThat(runStore.auditLines()).anyMatch(line -> line.contains("alice") && line.contains("succeeded"));
    }

    @Test
    void oneJobAtATimePerTargetAndCancelStopsIt() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Job first = runner.start(WizardStep.IMPORT, "alice", POD, context -> {
            started.countDown();
            while (!context.cancelled()) {
                Thread.sleep(10);
            }
            return "stopped";
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> runner.start(WizardStep.BACKUP, "bob", POD, context -> "x"))
                .isInstanceOf(JobAlreadyRunningException.class)
                .hasMessageContaining("alice");
        assertThat(runner.busy(POD)).isTrue();

        runner.cancel(first.id());

        await().atMost(Duration.ofSeconds(10)).until(() -> runner.find(first.id()).orElseThrow().status().finished());
        assertThat(store.find(first.id()).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(runner.busy(POD)).isFalse();
    }

    @Test
    void aJobsLabelsAreReadableBeforeItsBodyRuns() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Job job = runner.start(WizardStep.DUMP, "alice", POD, Map.of("analysis", "import/podv2.sql"), context -> {
            release.await(10, TimeUnit.SECONDS);
            context.result("rows", "3");
            return "done";
        });
        assertThat(runner.latest(WizardStep.DUMP)).hasValueSatisfying(latest ->
                assertThat(latest.results()).containsEntry("analysis", "import/podv2.sql"));
        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> runner.find(job.id()).orElseThrow().status().finished());
        assertThat(store.find(job.id()).orElseThrow().results())
                .isEqualTo(Map.of("analysis", "import/podv2.sql", "rows", "3"));
    }

    @Test
    void aFailingJobKeepsItsReason() {
        Job job = runner.start(WizardStep.BACKUP, "alice", POD, context -> {
            throw new IllegalStateException("disk full");
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> runner.find(job.id()).orElseThrow().status().finished());
        assertThat(store.find(job.id()).orElseThrow()).extracting(Job::status, Job::message)
                .containsExactly(JobStatus.FAILED, "disk full");
        assertThat(runStore.state(WizardStep.BACKUP).status()).isEqualTo(StepStatus.FAILED);
    }

    @Test
    void aJobFoundRunningAtStartUpIsMarkedInterrupted() {
        store.save(new Job("import-dead0001", WizardStep.IMPORT, "alice", POD.lockKey(), JobStatus.RUNNING,
                Instant.now(), null, new JobProgress(10, 100, 1, 1), null, Map.of()));

        new JobRunner(store, runStore);

        assertThat(store.find("import-dead0001").orElseThrow().status()).isEqualTo(JobStatus.INTERRUPTED);
        assertThat(runStore.state(WizardStep.IMPORT).status()).isEqualTo(StepStatus.INTERRUPTED);
    }

    @Test
    void idsThatAreNotJobIdsFindNothing() {
        assertThat(store.find("../../etc/passwd")).isEmpty();
    }
}
