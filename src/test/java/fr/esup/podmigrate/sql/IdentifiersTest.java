package fr.esup.podmigrate.sql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IdentifiersTest {

    @Test
    void quotesBetweenBackticks() {
        assertThat(Identifiers.quote("video_video")).isEqualTo("`video_video`");
    }

    @Test
    void doublesTheBackticksOfTheName() {
        assertThat(Identifiers.quote("odd`name``")).isEqualTo("`odd``name`````");
    }

    @Test
    void leavesOtherQuotesAndSpacesAsTheyAre() {
        assertThat(Identifiers.quote("it's \"a\" name")).isEqualTo("`it's \"a\" name`");
    }
}
