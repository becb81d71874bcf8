package fr.esup.podmigrate.sql.script;

import java.util.Locale;
import java.util.Set;

/**
 * Walks the tokens of one statement's text as {@link StatementReader} gives it: words, quoted names and strings,
 * single-character symbols. Executable comment marks ({@code /*!40101}, {@code /*M!100100}, {@code *&#47;}) and
 * plain comments count as blanks, so what an executable comment wraps reads like plain SQL. Offsets are indexes in
 * the text, so a token can be replaced in place.
 */
public final class SqlTokens {

    public enum Type { WORD, BACKTICKED, SINGLE_QUOTED, DOUBLE_QUOTED, SYMBOL, END }

    private final String text;
    private final SqlComments comments;
    private final int end;
    private int at;
    private Type type = Type.END;
    private int start;
    private int stop;
    private int depth;
    private int tokenDepth;
    private Type lookAheadType;

    public SqlTokens(String text) {
        this(text, 0, text.length());
    }

    public SqlTokens(String text, int from, int to) {
        this.text = text;
        this.comments = SqlComments.in(text);
        this.at = from;
        this.end = to;
    }

    public Type next() {
        skipBlanks();
        start = at;
        if (at >= end) {
            type = Type.END;
            stop = at;
            return type;
        }
        char c = text.charAt(at);
        tokenDepth = depth;
        if (isWordChar(c)) {
            while (at < end && isWordChar(text.charAt(at))) {
                at++;
            }
            type = Type.WORD;
        } else if (c == '`' || c == '\'' || c == '"') {
            skipQuoted(c);
            type = c == '`' ? Type.BACKTICKED : c == '\'' ? Type.SINGLE_QUOTED : Type.DOUBLE_QUOTED;
        } else {
            at++;
            type = Type.SYMBOL;
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
                tokenDepth = depth;
            }
        }
        stop = at;
        return type;
    }

    /**
     * Moves to the first token past the words of {@code upperCaseWords} that come next: past a statement's opening
     * words ({@code CREATE OR REPLACE TABLE}, {@code INSERT IGNORE INTO}...), onto its table name.
     */
    Type nextPast(Set<String> upperCaseWords) {
        Type next = next();
        while (next == Type.WORD && upperCaseWords.contains(value().toUpperCase(Locale.ROOT))) {
            next = next();
        }
        return next;
    }

    Type type() {
        return type;
    }

    int start() {
        return start;
    }

    int end() {
        return stop;
    }

    /** Parentheses open around this token; a closing parenthesis is at the depth it returns to. */
    int depth() {
        return tokenDepth;
    }

    boolean isWord(String upperCaseKeyword) {
        return type == Type.WORD && stop - start == upperCaseKeyword.length()
                && text.regionMatches(true, start, upperCaseKeyword, 0, upperCaseKeyword.length());
    }

    boolean isSymbol(char symbol) {
        return type == Type.SYMBOL && text.charAt(start) == symbol;
    }

    /** A bare word or a backticked or double-quoted name. */
    boolean isIdentifier() {
        return type == Type.WORD || type == Type.BACKTICKED || type == Type.DOUBLE_QUOTED;
    }

    /** The token unquoted: a word as written, a quoted name or string without its quotes, doubled quotes undone. */
    public String value() {
        if (type == Type.WORD || type == Type.SYMBOL) {
            return text.substring(start, stop);
        }
        char quote = text.charAt(start);
        String inner = text.substring(start + 1, Math.max(start + 1, stop - 1));
        String doubled = String.valueOf(quote) + quote;
        return inner.replace(doubled, String.valueOf(quote));
    }

    /** The next token's type without moving. */
    Type peek() {
        lookAhead(false);
        return lookAheadType;
    }

    /** The next token, if a word, as written; else null. Does not move. */
    String peekWord() {
        String word = lookAhead(true);
        return lookAheadType == Type.WORD ? word : null;
    }

    /** Reads the next token and moves back; returns its value when asked. */
    private String lookAhead(boolean value) {
        int savedAt = at;
        int savedDepth = depth;
        Type savedType = type;
        int savedStart = start;
        int savedStop = stop;
        int savedTokenDepth = tokenDepth;
        lookAheadType = next();
        String text = value && lookAheadType != Type.END ? value() : "";
        at = savedAt;
        depth = savedDepth;
        type = savedType;
        start = savedStart;
        stop = savedStop;
        tokenDepth = savedTokenDepth;
        return text;
    }

    /** Whether the next token is this symbol, without moving. */
    boolean peekSymbol(char symbol) {
        skipBlanks();
        return at < end && text.charAt(at) == symbol;
    }

    private void skipBlanks() {
        at = comments.skip(at, end);
    }

    private void skipQuoted(char quote) {
        at++;
        while (at < end) {
            char c = text.charAt(at++);
            if (c == '\\' && quote != '`') {
                at++;
            } else if (c == quote) {
                if (at < end && text.charAt(at) == quote) {
                    at++;
                } else {
                    return;
                }
            }
        }
        at = Math.min(at, end);
    }

    private static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$'
                || c >= 0x80;
    }
}
