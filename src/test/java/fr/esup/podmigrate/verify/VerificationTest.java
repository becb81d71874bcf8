package fr.esup.podmigrate.verify;

import fr.esup.podmigrate.v2.V2Origin;
import fr.esup.podmigrate.v3.ForeignKeyOrphans;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VerificationTest {

    @Test
    void valuesOfAColumnPodDroppedLeaveTheVerificationComplete() {
        Verification verification = verification(new LeftOutColumn("title_nl", 4, "3.0.0"));

        assertThat(verification.complete()).isTrue();
        assertThat(verification.verdict()).isEqualTo(Verification.Verdict.CLEAN);
        assertThat(verification.summary().key()).isEqualTo("verify.message.summary");
    }

    @Test
    void valuesOfAColumnTheSiteAddedMakeItIncompleteAndTheSummaryCountsThem() {
        Verification verification = verification(new LeftOutColumn("title_nl", 4, "3.0.0"),
                new LeftOutColumn("site_note", 3, null));

        assertThat(verification.complete()).isFalse();
        assertThat(verification.verdict()).isEqualTo(Verification.Verdict.PROBLEMS);
        assertThat(verification.summary().key()).isEqualTo("verify.message.summaryLostValues");
        assertThat(verification.summary().arguments()).hasSize(8).last().isEqualTo(3L);
    }

    private static Verification verification(LeftOutColumn... leftOut) {
        TableContent video = new TableContent("video_video", "video_video", TableContent.Status.COMPARED, 5, 5, 1, 0,
                30, 0, 0, 0, 0, List.of(leftOut));
        return new Verification(Instant.parse("2026-12-07T10:00:00Z"), "pod@v3:3306/pod",
                new V2Origin(V2Origin.Kind.SCRIPT, "import/podv2.sql"), null, null,
                List.of(new TableComparison("video_video", 5L, "video_video", 5L, 5L, 0L, 0L, Difference.SAME, null, "")),
                new ForeignKeyOrphans.Check(10, List.of()), new ContentReport("pod_pmv2", List.of(video), List.of()), null);
    }
}
