package fr.esup.podmigrate.sql.script;

/** Short forms of statements for messages and reports. */
public final class SqlSnippet {

    static final int HEAD_CHARS = 120;

    private SqlSnippet() {
    }

    /** The statement's first characters with runs of blanks made one space: at most {@value #HEAD_CHARS}. */
    public static String head(String text) {
        StringBuilder head = new StringBuilder(Math.min(text.length(), HEAD_CHARS));
        boolean blank = false;
        for (int i = 0; i < text.length() && head.length() < HEAD_CHARS; i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                blank = true;
                continue;
            }
            if (blank && !head.isEmpty()) {
                head.append(' ');
            }
            blank = false;
            if (Character.isHighSurrogate(c) && head.length() + 2 > HEAD_CHARS) {
                break;
            }
            head.append(c);
        }
        if (head.length() > HEAD_CHARS) {
            head.setLength(HEAD_CHARS);
        }
        return head.toString();
    }
}
