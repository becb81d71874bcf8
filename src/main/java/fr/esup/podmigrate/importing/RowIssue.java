package fr.esup.podmigrate.importing;

import fr.esup.podmigrate.sql.load.ImportResult;
import fr.esup.podmigrate.sql.load.ValueChange;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * What the server changed or refused in a table's rows, as the import job records it and its page shows it.
 *
 * @param refused true: rows a unique key refused, {@code name} the key; false: values changed, {@code name} the column
 * @param keys    the primary keys of the first rows concerned
 */
public record RowIssue(String table, boolean refused, String name, ValueChange change, long rows, List<String> keys,
                       String sample) {

    static RowIssue of(String table, ImportResult.ValueIssue issue) {
        return new RowIssue(table, issue.refused(), issue.name(), issue.change(), issue.rows(), issue.keys(),
                issue.sample());
    }

    /** One line of URL-encoded fields: the job's results are text. */
    public String encode() {
        return String.join(" ", field(table), String.valueOf(refused), field(name), change.name(), String.valueOf(rows),
                field(String.join("\n", keys)), field(sample));
    }

    public static RowIssue decode(String line) {
        String[] fields = line.split(" ", -1);
        String keys = text(fields[5]);
        return new RowIssue(text(fields[0]), Boolean.parseBoolean(fields[1]), text(fields[2]),
                ValueChange.valueOf(fields[3]), Long.parseLong(fields[4]),
                keys.isEmpty() ? List.of() : Arrays.asList(keys.split("\n")), text(fields[6]));
    }

    private static String field(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String text(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
