package fr.esup.podmigrate.job;

import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.config.Workspace;
import fr.esup.podmigrate.run.Message;
import fr.esup.podmigrate.run.RunStore;
import fr.esup.podmigrate.run.StepStatus;
import fr.esup.podmigrate.run.WizardStep;
import fr.esup.podmigrate.sql.ImportProgress;
import fr.esup.podmigrate.testsupport.TestWorkspaces;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

    private Workspace workspace;
    private JobStore store;
    private RunStore runStore;
    private JobRunner runner;

    @BeforeEach
    void setUp() {
        workspace = TestWorkspaces.in(dir);
        store = new JobStore(workspace);
        runStore = new RunStore(workspace);
        runner = new JobRunner(store, runStore);
    }

    /** A result as a step records one. */
    record Written(String file, Map<String, Long> rows) implements JobResult {
    }

    @Test
    void aJobRunsInTheBackgroundAndItsOutcomeIsPersisted() {
        Job job = runner.start(WizardStep.BACKUP, "alice", POD, context -> {
            context.progress(new JobProgress(50, 100, 7, 3));
            context.result(new Written("backup-1.sql.gz", Map.of("video_video", 7L)));
            return Message.of("import.message.imported", 6053, 137, 0);
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> runner.find(job.id()).orElseThrow().status().finished());
        Job stored = store.find(job.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(stored.message()).isEqualTo(Message.of("import.message.imported", 6053L, 137L, 0L));
        assertThat(stored.progress()).isEqualTo(new JobProgress(50, 100, 7, 3));
        assertThat(stored.result()).isEqualTo(new Written("backup-1.sql.gz", Map.of("video_video", 7L)));
        assertThat(runStore.state(WizardStep.BACKUP).status()).isEqualTo(StepStatus.DONE);
        assertThat(TestWorkspaces.auditLines(dir)).anyMatch(line -> line.contains("alice") && line.contains("succeeded"));
    }

    /**
     * A job that reads a script goes through stages, each from 0 to its total: the runner notes when each began, the
     * store keeps it, and the time left is the current stage's at its own pace, not the job's since it started.
     */
    @Test
    void aStageBeginsWhenTheProgressChangesStageAndTheTimeLeftIsItsOwn() {
        List<Instant> stageStarts = new ArrayList<>();
        Job job = runner.start(WizardStep.IMPORT, "alice", POD, context -> {
            for (ImportProgress progress : List.of(decompressing(40), decompressing(50), checking(20), checking(10))) {
                context.progress(JobProgress.of(progress));
                Instant started = runner.find(context.jobId()).orElseThrow().progress().stageStartedAt();
                stageStarts.add(started);
                await().until(() -> Instant.now().isAfter(started));
            }
            return Message.text("done");
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> runner.find(job.id()).orElseThrow().status().finished());

        assertThat(stageStarts).doesNotContainNull();
        assertThat(stageStarts.get(1)).as("the same stage goes on").isEqualTo(stageStarts.get(0));
        assertThat(stageStarts.get(2)).as("the next stage begins").isAfter(stageStarts.get(1));
        assertThat(stageStarts.get(3)).as("the same stage starts over").isAfter(stageStarts.get(2));
        JobProgress stored = store.find(job.id()).orElseThrow().progress();
        assertThat(stored.stage()).isEqualTo(ImportProgress.Stage.CHECKING);
        assertThat(stored.stageStartedAt()).isEqualTo(stageStarts.get(3));

        Instant now = Instant.now();
        JobProgress halfOfAStageBegun10sAgo = new JobProgress(50, 100, 3, 7, 0, 0, ImportProgress.Stage.IMPORTING,
                now.minusSeconds(10));
        Job running = new Job("import-1", WizardStep.IMPORT, JobKind.WORK, "alice", "h/pod", JobStatus.RUNNING,
                now.minusSeconds(60), null, halfOfAStageBegun10sAgo, null, null);
        assertThat(running.estimateLeft()).isBetween(Duration.ofSeconds(9), Duration.ofSeconds(12));
    }

    private static ImportProgress decompressing(long bytes) {
        return new ImportProgress(bytes, 100, 0, 0, ImportProgress.Stage.DECOMPRESSING);
    }

    private static ImportProgress checking(long bytes) {
        return new ImportProgress(bytes, 100, 3, 7, ImportProgress.Stage.CHECKING);
    }

    @Test
    void oneJobAtATimePerTargetAndCancelStopsIt() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Job first = runner.start(WizardStep.IMPORT, "alice", POD, context -> {
            started.countDown();
            while (!context.cancelled()) {
                Thread.sleep(10);
            }
            return Message.text("stopped");
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> runner.start(WizardStep.BACKUP, "bob", POD, context -> Message.text("x")))
                .isInstanceOf(JobAlreadyRunningException.class)
                .hasMessageContaining("alice");
        assertThat(runner.busy(POD)).isTrue();

        runner.cancel(first.id());

        await().atMost(Duration.ofSeconds(10)).until(() -> runner.find(first.id()).orElseThrow().status().finished());
        assertThat(store.find(first.id()).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(runner.busy(POD)).isFalse();
    }

    @Test
    void anAnalysisLabelsAreReadableBeforeItsBodyRunsAndItIsNotItsStepsWork() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Job job = runner.analyse(WizardStep.IMPORT, "alice", POD, new Written("import/podv2.sql", Map.of()), context -> {
            release.await(10, TimeUnit.SECONDS);
            context.result(new Written("import/podv2.sql", Map.of("video_video", 3L)));
            return Message.text("done");
        });
        assertThat(runner.latest(WizardStep.IMPORT, JobKind.ANALYSIS)).hasValueSatisfying(latest ->
                assertThat(latest.result()).isEqualTo(new Written("import/podv2.sql", Map.of())));
        assertThat(runner.latest(WizardStep.IMPORT)).isEmpty();
        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> runner.find(job.id()).orElseThrow().status().finished());
        assertThat(store.find(job.id()).orElseThrow().result())
                .isEqualTo(new Written("import/podv2.sql", Map.of("video_video", 3L)));
    }

    @Test
    void aFailingAnalysisLeavesItsStepsStatusAsItIs() {
        Job job = runner.analyse(WizardStep.IMPORT, "alice", POD, null, context -> {
            throw new IllegalStateException("not SQL");
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> runner.find(job.id()).orElseThrow().status().finished());
        assertThat(store.find(job.id()).orElseThrow().status()).isEqualTo(JobStatus.FAILED);
        assertThat(runStore.states()).allMatch(state -> state.status() == StepStatus.NOT_STARTED);
        assertThat(TestWorkspaces.auditLines(dir)).anyMatch(line -> line.contains("import: analysis, job " + job.id() + " failed"));
    }

    @Test
    void anAnalysisRecordedAsAPodv2SqlJobByAnOlderConsoleReadsBackAsAnAnalysis() throws Exception {
        Path file = workspace.runs().resolve("jobs/dump-0ld00001.properties");
        Files.writeString(file, String.join("\n", "step=DUMP", "operator=alice", "target=" + POD.lockKey(),
                "status=FAILED", "startedAt=2026-11-26T10:00:00Z", "endedAt=2026-11-26T10:01:00Z", "bytesDone=0",
                "bytesTotal=0", "rows=0", "statements=0", "result.analysis=import/podv2.sql", ""));

        assertThat(store.find("dump-0ld00001").orElseThrow()).extracting(Job::step, Job::kind, Job::result)
                .containsExactly(WizardStep.IMPORT, JobKind.ANALYSIS, null);
        assertThat(store.ofStep(WizardStep.DUMP)).isEmpty();
    }

    @Test
    void aResultThatCannotBeReadBackIsUnavailable() throws Exception {
        store.save(new Job("import-0ld00002", WizardStep.IMPORT, JobKind.WORK, "alice", POD.lockKey(),
                JobStatus.SUCCEEDED, Instant.now(), Instant.now(), JobProgress.NONE, null, null));
        Path file = workspace.runs().resolve("jobs/import-0ld00002.properties");
        Files.writeString(file, "result.script=import/podv2.sql\nresult.inserted.video_video=3\n"
                + "result={\"@class\":\"fr.esup.podmigrate.importing.Gone\"}\n", StandardOpenOption.APPEND);

        assertThat(store.find("import-0ld00002").orElseThrow()).extracting(Job::status, Job::result)
                .containsExactly(JobStatus.SUCCEEDED, null);
    }

    @Test
    void aFailingJobKeepsItsReason() {
        Job job = runner.start(WizardStep.BACKUP, "alice", POD, context -> {
            throw new IllegalStateException("disk full");
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> runner.find(job.id()).orElseThrow().status().finished());
        assertThat(store.find(job.id()).orElseThrow()).extracting(Job::status, Job::message)
                .containsExactly(JobStatus.FAILED, Message.text("disk full"));
        assertThat(runStore.state(WizardStep.BACKUP).status()).isEqualTo(StepStatus.FAILED);
    }

    @Test
    void aJobFailedExceptionGivesItsKeyedReason() {
        Job job = runner.start(WizardStep.WIPE, "alice", POD, context -> {
            throw new JobFailedException("wipe.message.notEmpty", "video_video (3)");
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> runner.find(job.id()).orElseThrow().status().finished());
        assertThat(store.find(job.id()).orElseThrow()).extracting(Job::status, Job::message)
                .containsExactly(JobStatus.FAILED, Message.of("wipe.message.notEmpty", "video_video (3)"));
    }

    @Test
    void aPlainMessageFromAnOlderWorkspaceReadsBackAsItsText() throws Exception {
        store.save(new Job("wipe-0ld00001", WizardStep.WIPE, JobKind.WORK, "alice", POD.lockKey(), JobStatus.SUCCEEDED,
                Instant.now(), Instant.now(), JobProgress.NONE, null, null));
        Path file = workspace.runs().resolve("jobs/wipe-0ld00001.properties");
        Files.writeString(file, "message=Emptied 137 tables (6053 rows).\n", StandardOpenOption.APPEND);

        assertThat(store.find("wipe-0ld00001").orElseThrow().message())
                .isEqualTo(Message.text("Emptied 137 tables (6053 rows)."));
    }

    @Test
    void aJobFoundRunningAtStartUpIsMarkedInterrupted() {
        store.save(new Job("import-dead0001", WizardStep.IMPORT, JobKind.WORK, "alice", POD.lockKey(), JobStatus.RUNNING,
                Instant.now(), null, new JobProgress(10, 100, 1, 1), null, null));

        new JobRunner(store, runStore);

        assertThat(store.find("import-dead0001").orElseThrow().status()).isEqualTo(JobStatus.INTERRUPTED);
        assertThat(runStore.state(WizardStep.IMPORT).status()).isEqualTo(StepStatus.INTERRUPTED);
    }

    @Test
    void idsThatAreNotJobIdsFindNothing() {
        assertThat(store.find("../../etc/passwd")).isEmpty();
    }
}
