package fr.esup.podmigrate.backup;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** A backup's verification problems, in the reader's language: only the kinds found, each with its tables. */
class BackupVerificationMessageTest {

    private static final Object[] PROBLEMS = {0L, "", 1L, "video_video", 1L, "auth_user 3 ≠ 4", 0L, ""};

    @Test
    void namesEachKindOfProblemFoundInEnglishAndFrench() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages/messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);

        assertThat(messages.getMessage("backup.verification.problems", PROBLEMS, Locale.ENGLISH)).isEqualTo(
                "Tables missing from the file: video_video. Tables whose row counts differ between the file and the"
                        + " database (file ≠ database): auth_user 3 ≠ 4. ");
        assertThat(messages.getMessage("backup.verification.problems", PROBLEMS, Locale.FRENCH)).isEqualTo(
                "Tables absentes du fichier : video_video. Tables dont les lignes du fichier diffèrent de celles de la"
                        + " base (fichier ≠ base) : auth_user 3 ≠ 4. ");
        assertThat(messages.getMessage("backup.message.notVerified", new Object[] {"pod.sql.gz", 1L, "video_video", 0L, "",
                0L, "", 0L, ""}, Locale.FRENCH))
                .isEqualTo("La sauvegarde pod.sql.gz n'est pas vérifiée. La base a changé pendant son export (video_video). ");
    }
}
