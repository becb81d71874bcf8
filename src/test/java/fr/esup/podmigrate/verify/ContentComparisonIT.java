package fr.esup.podmigrate.verify;

import fr.esup.podmigrate.pod.PodVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** v2's rows against v3's, through the renames and the import's rules, on migrated databases of both v3 shapes. */
class ContentComparisonIT {

    @TempDir
    Path dir;

    @Test
    void aMigrated384HoldsEveryV2RowTheLtiRowsItsKeyRefusedExplained() throws Exception {
        try (MigratedPod pod = MigratedPod.into(PodVersion.V3_8_4, dir)) {
            List<RowDifference> all = new ArrayList<>();
            ContentReport report = compare(pod, all);

            assertThat(all).filteredOn(d -> !d.explained()).isEmpty();
            assertThat(all).filteredOn(d -> d.explanation() != RowDifference.Explanation.SITE_FIXES).extracting(RowDifference::v3Table, RowDifference::key, RowDifference::kind,
                            RowDifference::explanation)
                    .containsExactlyInAnyOrder(
                            tuple("lti_provider_lticoursecontext", "4", RowDifference.Kind.MISSING,
                                    RowDifference.Explanation.REFUSED_BY_KEY),
                            tuple("lti_provider_lticoursecontext", "6", RowDifference.Kind.MISSING,
                                    RowDifference.Explanation.REFUSED_BY_KEY));
            assertThat(all).filteredOn(d -> d.kind() == RowDifference.Kind.MISSING).first().extracting(RowDifference::detail).asString().startsWith("lms_course_context").contains("lti_provider_lticoursecontext 2");
            assertThat(report.tables()).extracting(TableContent::v2Table).contains("video_videorendition", "video_video");
            assertThat(report.tables()).filteredOn(t -> t.v2Table().equals("video_videorendition")).singleElement()
                    .satisfies(t -> assertThat(t.v3Table()).isEqualTo("video_encode_transcript_videorendition"));
        }
    }

    @Test
    void aMigrated305HoldsEveryV2Row() throws Exception {
        try (MigratedPod pod = MigratedPod.into(PodVersion.V3_0_5, dir)) {
            List<RowDifference> all = new ArrayList<>();
            ContentReport report = compare(pod, all);

            assertThat(all).allSatisfy(d -> {
                assertThat(d.explanation()).as("the site fixes not applied yet").isEqualTo(RowDifference.Explanation.SITE_FIXES);
                assertThat(d.column()).isEqualTo("site_id");
                assertThat(d.v3Value()).isEqualTo("1");
            });
            assertThat(report.unexplained()).isZero();
            assertThat(report.tables()).allSatisfy(t -> assertThat(t.status()).isEqualTo(TableContent.Status.COMPARED));
            assertThat(report.lostValues()).isZero();
            assertThat(report.leftOutColumns()).extracting(ContentReport.LeftOut::column).isNotEmpty()
                    .allSatisfy(c -> assertThat(c.column()).endsWith("_nl"))
                    .extracting(LeftOutColumn::droppedIn).containsOnly("3.0.0");
        }
    }

    @Test
    void aColumnTheSiteAddedToItsV2IsNamedWithItsValuesLostUntilTheTargetHasIt() throws Exception {
        try (MigratedPod pod = MigratedPod.into(PodVersion.V3_8_4, dir)) {
            pod.onV2("ALTER TABLE video_video ADD COLUMN site_note VARCHAR(40) NULL, ADD COLUMN site_flag INT NULL",
                    "UPDATE video_video SET site_note = IF(id <= 3, CONCAT('note ', id), ''), site_flag = 0");

            ContentReport report = compare(pod, new ArrayList<>());

            assertThat(report.leftOutColumns()).filteredOn(l -> l.v2Table().equals("video_video"))
                    .extracting(ContentReport.LeftOut::column).startsWith(new LeftOutColumn("site_note", 3, null),
                            new LeftOutColumn("site_flag", 20, null))
                    .as("then what Pod dropped").extracting(LeftOutColumn::droppedIn).endsWith("3.0.0");
            assertThat(report.lostValues()).isEqualTo(23);

            pod.onV3("ALTER TABLE video_video ADD COLUMN site_note VARCHAR(40) NULL, ADD COLUMN site_flag INT NULL",
                    "UPDATE video_video SET site_note = IF(id <= 3, CONCAT('note ', id), ''), site_flag = 0");
            List<RowDifference> all = new ArrayList<>();
            ContentReport kept = compare(pod, all);
            assertThat(kept.lostValues()).isZero();
            assertThat(kept.unexplained()).isZero();

            pod.onV3("UPDATE video_video SET site_note = 'changed' WHERE id = 2");
            all.clear();
            compare(pod, all);
            assertThat(all).filteredOn(d -> "site_note".equals(d.column())).extracting(RowDifference::key)
                    .containsExactly("2");
        }
    }

    @Test
    void namesAndClassifiesEachValueAndRowPlantedAfterTheImport() throws Exception {
        try (MigratedPod pod = MigratedPod.into(PodVersion.V3_0_5, dir)) {
            String doubleEncoded = ValueKinds.doubleEncoded(MigratedPod.EMOJI_TITLE);
            pod.plantDifferences();
            List<RowDifference> all = new ArrayList<>();
            ContentReport report = compare(pod, all);

            assertThat(all).filteredOn(d -> !d.explained()).extracting(RowDifference::v3Table, RowDifference::key, RowDifference::column,
                            RowDifference::kind, RowDifference::explained)
                    .containsExactlyInAnyOrder(
                            tuple("video_video", "2", "duration", RowDifference.Kind.OTHER, false),
                            tuple("video_video", "3", "title", RowDifference.Kind.TRUNCATED, false),
                            tuple("video_video", "1", "title", RowDifference.Kind.CHARSET, false),
                            tuple("video_type", "1", null, RowDifference.Kind.MISSING, false),
                            tuple("video_discipline", "9001", null, RowDifference.Kind.EXTRA, false));
            assertThat(all).filteredOn(d -> d.key().equals("1") && "title".equals(d.column())).singleElement()
                    .satisfies(d -> {
                        assertThat(d.v2Value()).isEqualTo(MigratedPod.EMOJI_TITLE);
                        assertThat(d.v3Value()).isEqualTo(doubleEncoded);
                    });
            assertThat(report.unexplained()).isEqualTo(5);
        }
    }

    @Test
    void aSitesColumnOfATableComparedByItsCountAloneIsNamedToo() throws Exception {
        try (MigratedPod pod = MigratedPod.into(PodVersion.V3_0_5, dir)) {
            pod.onV2("ALTER TABLE video_viewcount ADD COLUMN site_origin VARCHAR(20) NULL",
                    "UPDATE video_viewcount SET site_origin = 'lms' WHERE id % 2 = 0");
            pod.onV3("ALTER TABLE video_viewcount MODIFY id INT NOT NULL, DROP PRIMARY KEY");
            long even;
            try (Connection v2 = pod.v2.connect(); Statement s = v2.createStatement();
                 ResultSet count = s.executeQuery("SELECT COUNT(*) FROM video_viewcount WHERE id % 2 = 0")) {
                count.next();
                even = count.getLong(1);
            }

            ContentReport report = compare(pod, new ArrayList<>());

            assertThat(report.tables()).filteredOn(t -> t.v2Table().equals("video_viewcount")).singleElement()
                    .satisfies(t -> {
                        assertThat(t.status()).isEqualTo(TableContent.Status.NO_PRIMARY_KEY);
                        assertThat(t.leftOut()).containsExactly(new LeftOutColumn("site_origin", even, null));
                    });
            assertThat(even).isPositive();
            assertThat(report.lostValues()).isEqualTo(even);
        }
    }

    private static ContentReport compare(MigratedPod pod, List<RowDifference> all) throws Exception {
        try (Connection v2 = pod.v2.connect(); Connection v3 = pod.v3.connect()) {
            return new ContentComparison(v2, v3, ImportIssues.NONE, all::add, () -> false)
                    .compare((done, total, rows) -> { });
        }
    }
}
