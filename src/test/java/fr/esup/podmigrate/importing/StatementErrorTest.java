package fr.esup.podmigrate.importing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StatementErrorTest {

    @Test
    void readsBackWhatItWroteAndAnOlderConsolesSentenceAsItsMessage() {
        StatementError error = new StatementError(4127, "video_viewcount", 1136,
                "Column count doesn't match value count at row 12", "INSERT IGNORE INTO `video_viewcount` (`id`, `date`) VALUES");

        assertThat(StatementError.decode(error.encode())).isEqualTo(error);
        assertThat(StatementError.decode(new StatementError(3, "t", 1064, "", "").encode()))
                .isEqualTo(new StatementError(3, "t", 1064, "", ""));
        assertThat(StatementError.decode("line 9 · video_video · 1062 Duplicate entry · INSERT"))
                .isEqualTo(new StatementError(0, "", 0, "line 9 · video_video · 1062 Duplicate entry · INSERT", ""));
    }
}
