package fr.esup.podmigrate.run;

import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class MessageTest {

    @Test
    void readsInEnglishForTheCommandLineWhateverTheSystemsLanguage() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.FRANCE);
        try {
            assertThat(Message.of("wipe.message.done", 1, 1234, "django_migrations", 51).english())
                    .isEqualTo("Emptied 1 table (1,234 rows); django_migrations kept with 51 rows.");
            assertThat(Message.text("the server's own words").english()).isEqualTo("the server's own words");
        } finally {
            Locale.setDefault(before);
        }
    }
}
