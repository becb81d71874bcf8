package fr.esup.podmigrate.sql.script;

import java.util.ArrayList;
import java.util.List;

/**
 * The row tuples of an INSERT's VALUES, one at a time, each split into its values as SQL literal text
 * ({@code 'it''s'}, {@code NULL}, {@code _binary 0x00}, {@code CONCAT('a', 'b')}): what an importer needs to drop or
 * reorder columns. Quotes, backslash escapes, backticks, nested parentheses and comments are respected.
 *
 * <pre>{@code
 * InsertValues rows = InsertValues.of(insert);
 * for (List<String> row = rows.nextRow(); row != null; row = rows.nextRow()) { ... }
 * String rest = insert.text().substring(rows.position()); // e.g. ON DUPLICATE KEY UPDATE ...
 * }</pre>
 */
public final class InsertValues {

    private final String text;
    private int at;
    private int position;
    private boolean done;

    /** Reads the tuples of {@code text} from {@code valuesOffset}, the index of the first tuple's parenthesis. */
    public InsertValues(String text, int valuesOffset) {
        if (valuesOffset < 0 || valuesOffset >= text.length() || text.charAt(valuesOffset) != '(') {
            throw new IllegalArgumentException("No VALUES tuple at index " + valuesOffset);
        }
        this.text = text;
        this.at = valuesOffset;
        this.position = valuesOffset;
    }

    public static InsertValues of(SqlStatement insert) {
        return new InsertValues(insert.text(), insert.valuesOffset());
    }

    /** The next tuple's values, trimmed, or null after the last tuple. */
    public List<String> nextRow() {
        if (done) {
            return null;
        }
        List<String> values = new ArrayList<>();
        int valueStart = ++at;
        int depth = 0;
        while (true) {
            if (at >= text.length()) {
                throw new IllegalArgumentException("Unterminated VALUES tuple starting at index " + position);
            }
            char c = text.charAt(at);
            if (c == '\'' || c == '"' || c == '`') {
                skipQuoted(c);
                continue;
            }
            if (c == '/' && text.startsWith("/*", at)) {
                int close = text.indexOf("*/", at + 2);
                at = close < 0 ? text.length() : close + 2;
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (c == ',' && depth == 0) {
                values.add(text.substring(valueStart, at).trim());
                valueStart = at + 1;
            } else if (c == ')') {
                String last = text.substring(valueStart, at).trim();
                if (!last.isEmpty() || !values.isEmpty()) {
                    values.add(last);
                }
                at++;
                break;
            }
            at++;
        }
        position = at;
        moveToNextTuple();
        return values;
    }

    /** Index in the text just after the last tuple returned: where what follows the VALUES list starts. */
    public int position() {
        return position;
    }

    private void moveToNextTuple() {
        int next = skipBlanks(at);
        if (next < text.length() && text.charAt(next) == ',') {
            next = skipBlanks(next + 1);
            if (next < text.length() && text.charAt(next) == '(') {
                at = next;
                return;
            }
        }
        done = true;
    }

    private int skipBlanks(int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** A doubled quote or, but in a backticked name, a backslash escapes; the string ends at its lone closing quote. */
    private void skipQuoted(char quote) {
        int start = at++;
        while (at < text.length()) {
            char c = text.charAt(at++);
            if (c == '\\' && quote != '`') {
                at++;
            } else if (c == quote) {
                if (at < text.length() && text.charAt(at) == quote) {
                    at++;
                } else {
                    return;
                }
            }
        }
        throw new IllegalArgumentException("Unterminated string starting at index " + start);
    }
}
