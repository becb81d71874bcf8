package fr.esup.podmigrate.verify;

import fr.esup.podmigrate.config.Workspace;
import fr.esup.podmigrate.job.Job;
import fr.esup.podmigrate.job.JobKind;
import fr.esup.podmigrate.job.JobProgress;
import fr.esup.podmigrate.job.JobStatus;
import fr.esup.podmigrate.job.JobStore;
import fr.esup.podmigrate.run.WizardStep;
import fr.esup.podmigrate.testsupport.TestWorkspaces;
import fr.esup.podmigrate.v2.V2Origin;
import fr.esup.podmigrate.v3.ForeignKeyOrphans;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A verification's findings, as the workspace keeps them with its job and the page reads them after a restart. */
class VerifiedTest {

    @TempDir
    Path dir;

    @Test
    void theColumnsV3DoesNotKeepReadBackAndAVerificationRecordedBeforeThemWereReadsWithNone() throws Exception {
        Workspace workspace = TestWorkspaces.in(dir);
        JobStore store = new JobStore(workspace);
        store.save(job("verify-5eed0001", List.of(new LeftOutColumn("course_code", 3, null),
                new LeftOutColumn("title_nl", 2, "3.0.0"))));
        store.save(job("verify-5eed0002", List.of()));
        Path older = workspace.runs().resolve("jobs/verify-5eed0002.properties");
        Files.writeString(older, Files.readString(older).replace(",\"leftOut\"\\:[]", ""));
        assertThat(Files.readString(older)).doesNotContain("leftOut");

        assertThat(content(store, "verify-5eed0001").lostValues()).isEqualTo(3);
        assertThat(content(store, "verify-5eed0001").leftOutColumns()).extracting(ContentReport.LeftOut::name)
                .containsExactly("video_video.course_code", "video_video.title_nl");
        assertThat(content(store, "verify-5eed0002").leftOutColumns()).isEmpty();
    }

    private static ContentReport content(JobStore store, String id) {
        return store.find(id).orElseThrow().result(Verified.class).orElseThrow().content();
    }

    private static Job job(String id, List<LeftOutColumn> leftOut) {
        TableContent video = new TableContent("video_video", "video_video", TableContent.Status.COMPARED, 5, 5, 1, 0,
                30, 0, 0, 0, 0, leftOut);
        Verified verified = new Verified("pod@v3:3306/pod", new V2Origin(V2Origin.Kind.SCRIPT, "import/podv2.sql"),
                Map.of("video_video", 5L), Map.of("video_video", 5L), null, null, new ForeignKeyOrphans.Check(10, List.of()),
                new ContentReport("pod_pmv2", List.of(video), List.of()), null, null);
        return new Job(id, WizardStep.VERIFY, JobKind.WORK, "alice", "v3.univ.fr:3306/pod", JobStatus.SUCCEEDED,
                Instant.parse("2026-12-07T10:00:00Z"), Instant.parse("2026-12-07T10:01:00Z"), new JobProgress(0, 0, 0, 0),
                null, verified);
    }
}
