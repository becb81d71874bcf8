package fr.esup.podmigrate.verify;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class RowCountsTest {

    /** A 3.3+ target: the encodings live in video_encode_transcript_*; the import left a v2-named one behind. */
    private static final Map<String, Long> V3 = new TreeMap<>(Map.of(
            "django_site", 2L, "django_migrations", 180L, "live_broadcaster", 0L, "video_channel", 3L,
            "video_discipline", 2L, "video_encode_transcript_encodingvideo", 5L, "video_encodingaudio", 7L,
            "video_encode_transcript_encodingaudio", 0L, "meeting", 0L, "video_video", 12L));
    private static final Map<String, Long> V2 = new TreeMap<>(Map.ofEntries(
            Map.entry("django_site", 2L), Map.entry("django_migrations", 150L), Map.entry("live_broadcaster", 4L),
            Map.entry("video_channel", 4L), Map.entry("video_discipline", 3L), Map.entry("video_encodingvideo", 5L),
            Map.entry("video_encodingaudio", 7L), Map.entry("video_channel_sites", 4L), Map.entry("foo_bar", 2L),
            Map.entry("video_video", 10L)));

    /** The import kept 3 of 4 channels, inserted 3 disciplines of which one is gone, and 10 videos Pod added to. */
    private static final ImportCounts IMPORTED = new ImportCounts(
            Map.of("video_channel", 3L, "video_discipline", 3L, "video_video", 10L, "django_site", 2L),
            Map.of("video_channel", 1L), Map.of("live_broadcaster", 4L, "django_migrations", 150L));

    @Test
    void everyDifferenceIsClassified() {
        List<TableComparison> lines = RowCounts.compare(V2, V3, IMPORTED);
        assertThat(lines).extracting(TableComparison::name, TableComparison::difference, TableComparison::reason,
                        TableComparison::reasonTarget, TableComparison::severity)
                .containsExactly(
                        tuple("django_migrations", Difference.EXCLUDED, "target-keeps-its-rows", "", Difference.Severity.OK),
                        tuple("django_site", Difference.SAME, null, "", Difference.Severity.OK),
                        tuple("foo_bar", Difference.MISSING_TABLE, null, "", Difference.Severity.PROBLEM),
                        tuple("live_broadcaster", Difference.EXCLUDED, "recreated-by-hand", "", Difference.Severity.OK),
                        tuple("meeting", Difference.V3_ONLY, null, "", Difference.Severity.OK),
                        tuple("video_channel", Difference.IGNORED, null, "", Difference.Severity.WARNING),
                        tuple("video_channel_sites", Difference.MISSING_TABLE, "becomes-column", "video_channel.site_id",
                                Difference.Severity.WARNING),
                        tuple("video_discipline", Difference.UNEXPLAINED, "gone-since-import", "1",
                                Difference.Severity.PROBLEM),
                        tuple("video_encodingaudio", Difference.UNEXPLAINED, null, "", Difference.Severity.PROBLEM),
                        tuple("video_encodingaudio", Difference.EXTRA_ROWS, "v2-name",
                                "video_encode_transcript_encodingaudio", Difference.Severity.WARNING),
                        tuple("video_encodingvideo", Difference.RENAMED, null, "", Difference.Severity.OK),
                        tuple("video_video", Difference.EXTRA_ROWS, "not-from-import", "2", Difference.Severity.WARNING));
    }

    @Test
    void aCacheTheImportLeftOutIsExpectedAndOneItIncludedIsCompared() {
        List<TableComparison> lines = RowCounts.compare(Map.of("django_session", 5L, "live_heartbeat", 3L),
                Map.of("django_session", 0L, "live_heartbeat", 3L), null);
        assertThat(lines).extracting(TableComparison::name, TableComparison::difference, TableComparison::reason)
                .containsExactly(tuple("django_session", Difference.EXCLUDED, "sessions"),
                        tuple("live_heartbeat", Difference.SAME, null));
    }

    @Test
    void linesSayBothSidesTheDeltaAndTheIgnoredRows() {
        List<TableComparison> lines = RowCounts.compare(V2, V3, IMPORTED);
        assertThat(lines).filteredOn(l -> "video_channel".equals(l.v2Table()))
                .extracting(TableComparison::v3Table, TableComparison::v2Rows, TableComparison::v3Rows,
                        TableComparison::delta, TableComparison::inserted, TableComparison::ignored, TableComparison::skipped)
                .containsExactly(tuple("video_channel", 4L, 3L, -1L, 3L, 1L, 0L));
        assertThat(lines).filteredOn(l -> "live_broadcaster".equals(l.v2Table()))
                .extracting(TableComparison::inserted, TableComparison::skipped).containsExactly(tuple(0L, 4L));
        assertThat(lines).filteredOn(l -> "foo_bar".equals(l.v2Table()))
                .extracting(TableComparison::v3Table, TableComparison::v3Rows, TableComparison::delta)
                .containsExactly(tuple(null, null, null));
    }

    @Test
    void withoutAnImportIgnoredRowsAreUnknownAndFewerRowsUnexplained() {
        List<TableComparison> lines = RowCounts.compare(V2, V3, null);
        assertThat(lines).filteredOn(l -> "video_channel".equals(l.v2Table()))
                .extracting(TableComparison::difference, TableComparison::inserted, TableComparison::ignored)
                .containsExactly(tuple(Difference.UNEXPLAINED, null, null));
    }

    @Test
    void withoutV2CountsEveryV3TableIsListedAlone() {
        assertThat(RowCounts.compare(null, V3, null)).hasSize(V3.size())
                .allMatch(l -> l.difference() == Difference.V2_UNKNOWN && l.v2Table() == null);
    }
}
