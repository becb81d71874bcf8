package fr.esup.podmigrate.importing;

import fr.esup.podmigrate.sql.load.ImportError;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A statement of the script the server refused, as the import job records it and its page shows it.
 *
 * @param message the server's own message, in the server's language
 * @param head    the start of the statement
 */
public record StatementError(long line, String table, int code, String message, String head) {

    static StatementError of(ImportError error) {
        return new StatementError(error.line(), error.table(), error.errorCode(), error.message(), error.statementHead());
    }

    /** One line of URL-encoded fields: the job's results are text. */
    String encode() {
        return String.join(" ", String.valueOf(line), field(table), String.valueOf(code), field(message), field(head));
    }

    /** The error {@link #encode()} wrote; an older console's sentence ("line 9 · table · ...") becomes its message. */
    static StatementError decode(String line) {
        String[] fields = line.split(" ", -1);
        if (fields.length != 5 || !fields[0].matches("\\d+") || !fields[2].matches("\\d+")) {
            return new StatementError(0, "", 0, line, "");
        }
        return new StatementError(Long.parseLong(fields[0]), text(fields[1]), Integer.parseInt(fields[2]), text(fields[3]),
                text(fields[4]));
    }

    private static String field(String text) {
        return URLEncoder.encode(text == null ? "" : text, StandardCharsets.UTF_8);
    }

    private static String text(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
