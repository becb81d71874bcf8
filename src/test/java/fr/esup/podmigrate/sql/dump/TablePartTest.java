package fr.esup.podmigrate.sql.dump;

import org.junit.jupiter.api.Test;

import java.util.Collections;

import static org.assertj.core.api.Assertions.assertThat;

class TablePartTest {

    private static final long MB = 1024 * 1024;

    @Test
    void aTableIsReadInAsManyPartsAsTheConnectionsSharesItHoldsUpToOnePerConnection() {
        assertThat(TablePart.partsWanted(186 * MB, 261 * MB, 2, 16 * MB)).isEqualTo(2);
        assertThat(TablePart.partsWanted(186 * MB, 261 * MB, 3, 16 * MB)).isEqualTo(3);
        assertThat(TablePart.partsWanted(186 * MB, 261 * MB, 4, 16 * MB)).isEqualTo(3);
        assertThat(TablePart.partsWanted(261 * MB, 261 * MB, 4, 16 * MB)).isEqualTo(4);
        assertThat(TablePart.partsWanted(50 * MB, 261 * MB, 3, 16 * MB)).as("less than a share").isEqualTo(1);
    }

    @Test
    void aSmallTableOrAOneConnectionDumpReadsTablesWhole() {
        assertThat(TablePart.partsWanted(15 * MB, 15 * MB, 3, 16 * MB)).isEqualTo(1);
        assertThat(TablePart.partsWanted(186 * MB, 261 * MB, 1, 16 * MB)).isEqualTo(1);
        assertThat(TablePart.partsWanted(0, 0, 3, 0)).isEqualTo(1);
    }

    @Test
    void keyRangesOfEqualWidthCoverEveryKeyOnce() {
        assertThat(TablePart.keyRanges("`id`", 1, 100, 2)).containsExactly("`id` < 51", "`id` >= 51");
        assertThat(TablePart.keyRanges("`id`", 1, 100, 3))
                .containsExactly("`id` < 34", "`id` >= 34 AND `id` < 67", "`id` >= 67");
        assertThat(TablePart.keyRanges("`id`", -10, 9, 2)).containsExactly("`id` < 0", "`id` >= 0");
    }

    @Test
    void theWidestKeysDoNotOverflow() {
        assertThat(TablePart.keyRanges("`id`", Long.MIN_VALUE, Long.MAX_VALUE, 2)).containsExactly("`id` < 0", "`id` >= 0");
        assertThat(TablePart.keyRanges("`id`", Long.MAX_VALUE - 5, Long.MAX_VALUE, 2))
                .containsExactly("`id` < " + (Long.MAX_VALUE - 2), "`id` >= " + (Long.MAX_VALUE - 2));
    }

    @Test
    void fewerKeysThanPartsGiveOneRangePerKeyAndASingleKeyTheWholeTable() {
        assertThat(TablePart.keyRanges("`id`", 1, 3, 5)).containsExactly("`id` < 2", "`id` >= 2 AND `id` < 3", "`id` >= 3");
        assertThat(TablePart.keyRanges("`id`", 7, 7, 2)).isEqualTo(Collections.singletonList(null));
    }
}
