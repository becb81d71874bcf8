package fr.esup.podmigrate.importing;

import fr.esup.podmigrate.pod.PodMigrationRules;
import fr.esup.podmigrate.pod.V3ColumnValue;
import fr.esup.podmigrate.testsupport.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every value Pod's rules set (new NOT NULL columns, converted ones, translations) gives the same when the row's
 * literals come as bytes as when they come as utf8mb4 text, which lets the Pod import send those rows as bytes (see
 * {@code InsertRewrite.sameFromBytes}): each expression is evaluated on the server over pairs of sample values, once
 * in a session that reads text, once in one that reads bytes as an import's binary rows do, and the results' bytes
 * compared.
 */
class PodValuesFromBytesIT {

    private static final TestServer SERVER = TestServer.get();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");
    /** Values a v2 column may hold: flags, language codes, dates, times, numbers, accented and 4-byte text, NULL. */
    private static final List<String> SAMPLES = Arrays.asList(null, "", "0", "1", "fr", "FR", "Été à l'école",
            "ÉTÉ À L'ÉCOLE", "été", "2019-04-01", "2019-04-01 12:30:00", "12:30:00", "42", "-7", "public",
            "🎬 cours d'amphi", "x".repeat(300));
    private static String database;

    @BeforeAll
    static void storeTheSamples() throws SQLException {
        database = SERVER.createDatabase("frombytes");
        try (Connection connection = SERVER.connect(database); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE samples (id INT PRIMARY KEY,"
                    + " t VARCHAR(400) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci NULL, b VARBINARY(1600) NULL)");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO samples VALUES (?, ?, ?)")) {
                for (int id = 0; id < SAMPLES.size(); id++) {
                    String sample = SAMPLES.get(id);
                    insert.setInt(1, id);
                    insert.setString(2, sample);
                    insert.setBytes(3, sample == null ? null : sample.getBytes(StandardCharsets.UTF_8));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
    }

    @AfterAll
    static void dropTheSamples() {
        SERVER.dropDatabase(database);
    }

    @Test
    void everyValuePodSetsIsTheSameFromBytes() throws SQLException {
        List<V3ColumnValue> values = Stream.of(PodMigrationRules.NEW_NOT_NULL_COLUMNS,
                PodMigrationRules.CONVERTED_COLUMNS, PodMigrationRules.TRANSLATION_COLUMNS).flatMap(List::stream).toList();
        assertThat(values).anyMatch(value -> value.v2Columns().size() == 2);
        for (V3ColumnValue value : values) {
            String template = PodImportPlanner.template(value.expression(), value.v2Columns());
            assertThat(fromBytes(template)).as(value.table() + "." + value.column() + " = " + value.expression())
                    .isEqualTo(fromText(template));
        }
    }

    /** The comparison tells the expressions that read text apart: collations, case, lengths. */
    @Test
    void anExpressionThatComparesOrChangesTextIsNotTheSameFromBytes() throws SQLException {
        for (String template : List.of("IF({title} = 'été à l''école', 'same', 'other')", "UPPER({title})",
                "LEFT({title}, 2)", "CHAR_LENGTH({title})")) {
            assertThat(fromBytes(template)).as(template).isNotEqualTo(fromText(template));
        }
    }

    private static List<String> fromText(String template) throws SQLException {
        return evaluate(template, "t", "SET NAMES utf8mb4");
    }

    /** In the session of a worker's binary rows ({@code BinaryRows.ON}). */
    private static List<String> fromBytes(String template) throws SQLException {
        return evaluate(template, "b", "SET character_set_client = binary, character_set_connection = binary");
    }

    /**
     * The bytes of the template's value for each pair of samples: its first column's from the first sample, its
     * second column's from the second.
     */
    private static List<String> evaluate(String template, String column, String session) throws SQLException {
        Map<String, String> aliases = new HashMap<>();
        Matcher placeholder = PLACEHOLDER.matcher(template);
        StringBuilder expression = new StringBuilder();
        while (placeholder.find()) {
            String alias = aliases.computeIfAbsent(placeholder.group(1),
                    name -> aliases.isEmpty() ? "first" : "second");
            placeholder.appendReplacement(expression, alias + "." + column);
        }
        placeholder.appendTail(expression);
        assertThat(aliases).as(template).hasSizeLessThanOrEqualTo(2);
        List<String> results = new ArrayList<>();
        try (Connection connection = SERVER.connect(database); Statement statement = connection.createStatement()) {
            statement.execute("SET timestamp = 1700000000.123456"); // CURRENT_TIMESTAMP the same both ways
            statement.execute(session);
            try (ResultSet rows = statement.executeQuery("SELECT HEX(CAST(" + expression + " AS BINARY))"
                    + " FROM samples first CROSS JOIN samples second ORDER BY first.id, second.id")) {
                while (rows.next()) {
                    results.add(rows.getString(1));
                }
            }
        }
        return results;
    }
}
