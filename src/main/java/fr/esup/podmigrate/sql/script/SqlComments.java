package fr.esup.podmigrate.sql.script;

/**
 * Skips what the server reads as blanks between two tokens of a statement: white space, {@code /* *&#47;} comments,
 * {@code #} comments, {@code --} comments (the dashes followed by a blank, a control character or the end), and the
 * marks of executable comments ({@code /*!40101}, {@code /*M!100100}, {@code *&#47;}), so that what an executable
 * comment wraps reads like plain SQL. One text, as bytes (UTF-8) or as characters.
 */
final class SqlComments {

    private final byte[] bytes;
    private final CharSequence text;

    private SqlComments(byte[] bytes, CharSequence text) {
        this.bytes = bytes;
        this.text = text;
    }

    static SqlComments in(byte[] bytes) {
        return new SqlComments(bytes, null);
    }

    static SqlComments in(CharSequence text) {
        return new SqlComments(null, text);
    }

    /** The index of the first token character from {@code at}, or {@code end}. */
    int skip(int at, int end) {
        while (at < end) {
            int c = charAt(at);
            if (c == ' ' || (c >= '\t' && c <= '\r')) {
                at++;
            } else if (c == '*' && at + 1 < end && charAt(at + 1) == '/') {
                at += 2;
            } else if (c == '/' && at + 1 < end && charAt(at + 1) == '*') {
                at = afterCommentOpening(at, end);
            } else if (c == '#' || (c == '-' && at + 1 < end && charAt(at + 1) == '-'
                    && (at + 2 == end || charAt(at + 2) <= ' '))) {
                while (at < end && charAt(at) != '\n') {
                    at++;
                }
            } else {
                return at;
            }
        }
        return at;
    }

    /** After an executable comment's mark, or after a whole plain comment. */
    private int afterCommentOpening(int at, int end) {
        int mark = at + 2;
        if (mark < end && charAt(mark) == 'M') {
            mark++;
        }
        if (mark < end && charAt(mark) == '!') {
            int p = mark + 1;
            while (p < end && charAt(p) >= '0' && charAt(p) <= '9') {
                p++;
            }
            return p;
        }
        int p = at + 2;
        while (p + 1 < end && !(charAt(p) == '*' && charAt(p + 1) == '/')) {
            p++;
        }
        return Math.min(end, p + 2);
    }

    private int charAt(int i) {
        return bytes != null ? bytes[i] & 0xFF : text.charAt(i);
    }
}
