package fr.esup.podmigrate.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Inside a choice format whose branch holds an argument, MessageFormat reads the branch a second time: an apostrophe
 * written '' there starts a quote and vanishes ("n''ont" shows "nont"). Such branches use the typographic ’.
 */
class ChoiceFormatQuotesTest {

    private static final Pattern CHOICE = Pattern.compile("\\{\\d+,choice,");

    @ParameterizedTest
    @ValueSource(strings = {"messages.properties", "messages_fr.properties"})
    void noChoiceFormatHoldsAQuotedApostrophe(String bundle) throws IOException {
        Properties messages = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("src/main/resources/messages", bundle), StandardCharsets.UTF_8)) {
            messages.load(in);
        }
        List<String> quoted = new ArrayList<>();
        messages.forEach((key, value) -> {
            String text = (String) value;
            Matcher choice = CHOICE.matcher(text);
            while (choice.find()) {
                int depth = 0;
                int end = choice.start();
                do {
                    depth += text.charAt(end) == '{' ? 1 : text.charAt(end) == '}' ? -1 : 0;
                    end++;
                } while (depth > 0 && end < text.length());
                if (text.substring(choice.start(), end).contains("''")) {
                    quoted.add(key + "=" + text);
                }
            }
        });
        assertThat(quoted).isEmpty();
    }
}
