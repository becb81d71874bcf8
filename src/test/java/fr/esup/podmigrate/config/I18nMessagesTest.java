package fr.esup.podmigrate.config;

import fr.esup.podmigrate.job.JobProgress;
import fr.esup.podmigrate.sql.ImportProgress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every text goes through the message bundles, and both languages have every key. */
class I18nMessagesTest {

    private static final Path TEMPLATES = Path.of("src/main/resources/templates");
    private static final Path MESSAGES = Path.of("src/main/resources/messages");
    private static final Pattern TAG = Pattern.compile("<(?:[^>\"']|\"[^\"]*\"|'[^']*')*>");
    private static final Pattern TEXT_NODE = Pattern.compile(">([^<]+)<");

    @Test
    void frenchAndEnglishHaveTheSameKeys() throws IOException {
        Set<String> english = load("messages.properties").stringPropertyNames();
        Set<String> french = load("messages_fr.properties").stringPropertyNames();
        assertThat(new TreeSet<>(french)).as("keys of messages_fr.properties").isEqualTo(new TreeSet<>(english));
        load("messages_fr.properties").forEach((key, value) ->
                assertThat(value.toString()).as("French text of " + key).isNotBlank());
    }

    /** MessageFormat eats a lone quote in a message with arguments; a message without arguments is shown as written. */
    @Test
    void quotesAreWrittenForHowEachMessageIsFormatted() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (String bundle : List.of("messages.properties", "messages_fr.properties")) {
            load(bundle).forEach((key, value) -> {
                String text = value.toString();
                boolean formatted = text.matches("(?s).*\\{\\d.*");
                if (formatted ? text.matches("(?s).*(?<!')'(?!').*") : text.contains("''")) {
                    wrong.add(bundle + ": " + key);
                }
            });
        }
        assertThat(wrong).as("use '' in messages with {0} arguments, ' in the others").isEmpty();
    }

    /** The job fragment names a script's stage by a key it builds: every stage has its text. */
    @Test
    void everyStageOfAScriptHasItsText() throws IOException {
        for (String bundle : List.of("messages.properties", "messages_fr.properties")) {
            Properties messages = load(bundle);
            for (ImportProgress.Stage stage : ImportProgress.Stage.values()) {
                String key = JobProgress.of(new ImportProgress(0, 0, 0, 0, stage)).stageKey();
                assertThat(messages.getProperty("job.stage." + key))
                        .as(bundle + ": " + stage).isNotBlank();
            }
        }
    }

    @Test
    void templatesHoldNoLiteralText() throws IOException {
        List<String> literals = new ArrayList<>();
        for (Path template : templates()) {
            String html = Files.readString(template)
                    .replaceAll("(?s)<!--.*?-->", "")
                    .replaceAll("(?s)<script.*?</script>", "<script></script>")
                    .replaceAll("(?s)<style.*?</style>", "<style></style>");
            html = TAG.matcher(html).replaceAll("<>");
            Matcher m = TEXT_NODE.matcher(html);
            while (m.find()) {
                if (m.group(1).codePoints().anyMatch(Character::isLetterOrDigit)) {
                    literals.add(TEMPLATES.relativize(template) + ": " + m.group(1).strip());
                }
            }
        }
        assertThat(literals).as("literal text in templates: use th:text=\"#{key}\"").isEmpty();
    }

    @Test
    void everyKeyATemplateUsesExists() throws IOException {
        Set<String> english = load("messages.properties").stringPropertyNames();
        List<String> missing = new ArrayList<>();
        for (Path template : templates()) {
            for (String key : messageKeys(Files.readString(template))) {
                Pattern keyPattern = Pattern.compile(Pattern.quote(key).replaceAll("\\$\\{[^}]*}", "\\\\E.+\\\\Q"));
                if (english.stream().noneMatch(k -> keyPattern.matcher(k).matches())) {
                    missing.add(TEMPLATES.relativize(template) + ": " + key);
                }
            }
        }
        assertThat(missing).as("message keys used by templates but missing").isEmpty();
    }

    /** The keys of #{...} expressions; a {@code ${...}} part of a literal substitution key stands for any text. */
    static List<String> messageKeys(String html) {
        List<String> keys = new ArrayList<>();
        for (int start = html.indexOf("#{"); start >= 0; start = html.indexOf("#{", start + 2)) {
            int depth = 0;
            int end = start + 1;
            while (end < html.length()) {
                char c = html.charAt(end);
                if (c == '{') {
                    depth++;
                } else if (c == '}' && --depth == 0) {
                    break;
                }
                end++;
            }
            String content = html.substring(start + 2, end);
            if (content.startsWith("|")) {
                keys.add(content.substring(1, content.indexOf('|', 1)));
            } else {
                int args = content.indexOf('(');
                keys.add(args < 0 ? content : content.substring(0, args));
            }
        }
        return keys;
    }

    private static List<Path> templates() throws IOException {
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            return files.filter(p -> p.toString().endsWith(".html")).toList();
        }
    }

    /** A count of skipped lines agrees with its verb, in both languages: one is, several are. */
    @ParameterizedTest
    @ValueSource(strings = {"problem.replication-lines", "problem.kept-session-lines"})
    void oneSkippedLineIsSaidInTheSingular(String key) throws IOException {
        Object[] one = {1L, 12L, "SET x"};
        Object[] three = {3L, 12L, "SET x"};
        String english = load("messages.properties").getProperty(key);
        assertThat(new MessageFormat(english, Locale.ROOT).format(one)).contains(" is skipped").doesNotContain(" are ");
        assertThat(new MessageFormat(english, Locale.ROOT).format(three)).contains(" are skipped");
        String french = load("messages_fr.properties").getProperty(key);
        assertThat(new MessageFormat(french, Locale.FRENCH).format(one)).contains(" est ignorée").doesNotContain("sont");
        assertThat(new MessageFormat(french, Locale.FRENCH).format(three)).contains(" sont ignorées");
    }

    private static Properties load(String name) throws IOException {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(MESSAGES.resolve(name), StandardCharsets.UTF_8)) {
            props.load(in);
        }
        return props;
    }
}
