package fr.esup.podmigrate.rehearsal;

import fr.esup.podmigrate.config.Workspace;
import fr.esup.podmigrate.job.Job;
import fr.esup.podmigrate.job.JobKind;
import fr.esup.podmigrate.job.JobProgress;
import fr.esup.podmigrate.job.JobStatus;
import fr.esup.podmigrate.job.JobStore;
import fr.esup.podmigrate.run.Message;
import fr.esup.podmigrate.run.WizardStep;
import fr.esup.podmigrate.testsupport.TestWorkspaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A replay's record, as the workspace keeps it with its job and the page reads it back after a restart. */
class ReplayedTest {

    @TempDir
    Path dir;

    @Test
    void itsStepsWarningsAndReportReadBackAsTheyWere() {
        JobStore store = new JobStore(TestWorkspaces.in(dir));
        Replayed replayed = Replayed.starting("upload-1").running("import")
                .ended("import", 47, List.of(Message.of("problem.unknown-column", "video_video", "course_code"),
                        Message.of("problem.missing-table", "custom_stats", 20)))
                .running("verify").ended("verify", 3, List.of()).reported("exports/replay-20261207-101500.md");
        store.save(job(replayed));

        Replayed read = store.find("import-5eed0001").orElseThrow().result(Replayed.class).orElseThrow();

        assertThat(read).isEqualTo(replayed);
        assertThat(read.warningsOf("import")).extracting(Message::english).containsExactly(
                Message.english("problem.unknown-column", "video_video", "course_code"),
                Message.english("problem.missing-table", "custom_stats", 20));
        assertThat(read.warningsOf("verify")).isEmpty();
    }

    @Test
    void oneRecordedBeforeItsWarningsWereReadsWithNone() throws Exception {
        Workspace workspace = TestWorkspaces.in(dir);
        JobStore store = new JobStore(workspace);
        store.save(job(Replayed.starting("upload-1").ended("import", 47, List.of())));
        Path file = workspace.runs().resolve("jobs/import-5eed0001.properties");
        Files.writeString(file, Files.readString(file).replace(",\"warnings\"\\:{}", ""));
        assertThat(Files.readString(file)).doesNotContain("warnings");

        Replayed read = store.find("import-5eed0001").orElseThrow().result(Replayed.class).orElseThrow();

        assertThat(read.seconds()).containsEntry("import", 47L);
        assertThat(read.warnings()).isEmpty();
    }

    private static Job job(Replayed replayed) {
        return new Job("import-5eed0001", WizardStep.IMPORT, JobKind.WORK, "alice", "v3.univ.fr:3306/pod",
                JobStatus.SUCCEEDED, Instant.parse("2026-12-07T10:00:00Z"), Instant.parse("2026-12-07T10:15:00Z"),
                new JobProgress(0, 0, 0, 0), null, replayed);
    }
}
