package fr.esup.podmigrate.cli;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.io.InputStreamReader;
import java.util.Locale;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class AnalyzeCommandMessagesTest {

    @Test
    void printsEachMessageAsTheConsolesMessageSourceRendersItInEnglish() throws Exception {
        ResourceBundleMessageSource console = new ResourceBundleMessageSource();
        console.setBasename("messages/messages");
        console.setDefaultEncoding("UTF-8");
        console.setFallbackToSystemLocale(false);
        Properties keys = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/messages/messages.properties")) {
            keys.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.FRANCE); // the command prints English whatever the system's language
        try {
            for (String key : keys.stringPropertyNames()) {
                // numbers, which every placeholder takes ({0,number}, {1,choice,...} too), grouped and not
                Object[] args = {12345, 1, 2.5, 0, 7, 1000000, 3, 4};
                assertThat(AnalyzeCommand.message(key, args)).as(key)
                        .isEqualTo(console.getMessage(key, args, Locale.ENGLISH));
                assertThat(AnalyzeCommand.message(key)).as(key).isEqualTo(console.getMessage(key, null, Locale.ENGLISH));
            }
        } finally {
            Locale.setDefault(before);
        }
        assertThat(keys).hasSizeGreaterThan(100);
    }
}
