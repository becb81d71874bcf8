package fr.esup.podmigrate.verify;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TableComparisonTest {

    @Test
    void onlyDifferencesLeavesOutTablesEmptyOnBothSidesWithNothingWrong() {
        TableComparison emptyV3Only = line(null, null, "video_v3only", 0L, Difference.V3_ONLY);
        TableComparison filledV3Only = line(null, null, "video_v3filled", 4L, Difference.V3_ONLY);
        TableComparison emptyV2Missing = line("foo_empty", 0L, null, null, Difference.MISSING_TABLE);
        TableComparison lostRows = line("foo_bar", 2L, null, null, Difference.MISSING_TABLE);
        TableComparison emptyUnexplained = line("video_type", 0L, "video_type", 0L, Difference.UNEXPLAINED);
        TableComparison same = line("video_video", 3L, "video_video", 3L, Difference.SAME);

        assertThat(java.util.stream.Stream.of(emptyV3Only, filledV3Only, emptyV2Missing, lostRows, emptyUnexplained, same)
                .filter(Verification.Filter.DIFFERENCES::shows))
                .containsExactly(filledV3Only, lostRows, emptyUnexplained);
        assertThat(Verification.Filter.ALL.shows(emptyV3Only)).isTrue();
    }

    private static TableComparison line(String v2Table, Long v2Rows, String v3Table, Long v3Rows, Difference difference) {
        return new TableComparison(v2Table, v2Rows, v3Table, v3Rows, null, null, null, difference, null, "");
    }
}
