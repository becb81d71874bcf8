package fr.esup.podmigrate.sql.script;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A statement whose string literals hold bytes that are not UTF-8 (the raw BLOB data of a mariadb-dump run without
 * --hex-blob) rewritten with those literals as hex literals {@code X'...'}: the only form in which a Java string,
 * and so JDBC, carries them intact. Such bytes outside a string literal cannot be carried at all.
 */
final class BinaryLiterals {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private final byte[] bytes;
    private final int end;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteArrayOutputStream out;
    private int invalidAt = -1;
    private boolean rewritten;

    private BinaryLiterals(byte[] bytes, int from, int length) {
        this.bytes = bytes;
        this.end = from + length;
        this.out = new ByteArrayOutputStream(length + length / 2);
        rewrite(from);
    }

    static BinaryLiterals of(byte[] bytes, int from, int length) {
        return new BinaryLiterals(bytes, from, length);
    }

    /** The statement with hex literals, or null when none needed rewriting. */
    byte[] rewrittenBytes() {
        return rewritten && invalidAt < 0 ? out.toByteArray() : null;
    }

    /** Offset of the first byte that is not UTF-8 outside a string literal, or -1. */
    int invalidAt() {
        return invalidAt;
    }

    private void rewrite(int from) {
        int code = from;
        int at = from;
        while (at < end && invalidAt < 0) {
            byte c = bytes[at];
            if (c != '\'' && c != '"' && c != '`') {
                at++;
                continue;
            }
            copyChecked(code, at);
            int close = closingQuote(at);
            if (c != '`' && firstInvalid(at + 1, close) >= 0) {
                writeHex(at + 1, close, c);
                rewritten = true;
            } else {
                copyChecked(at, Math.min(end, close + 1));
            }
            at = close + 1;
            code = at;
        }
        copyChecked(Math.min(code, end), end);
    }

    private void copyChecked(int from, int to) {
        int invalid = firstInvalid(from, to);
        if (invalid >= 0 && invalidAt < 0) {
            invalidAt = invalid;
        }
        out.write(bytes, from, to - from);
    }

    /** Index of the quote closing the literal opened at {@code open}; a doubled quote or a backslash escapes. */
    private int closingQuote(int open) {
        byte quote = bytes[open];
        int at = open + 1;
        while (at < end) {
            byte c = bytes[at];
            if (c == '\\' && quote != '`') {
                at += 2;
            } else if (c == quote && at + 1 < end && bytes[at + 1] == quote) {
                at += 2;
            } else if (c == quote) {
                return at;
            } else {
                at++;
            }
        }
        return end;
    }

    /** The literal's value, its escapes read as the server reads them, as X'...'. */
    private void writeHex(int from, int to, byte quote) {
        out.write('X');
        out.write('\'');
        for (int at = from; at < to; at++) {
            int b = bytes[at];
            if (b == quote) {
                at++;
            } else if (b == '\\' && at + 1 < to) {
                b = bytes[++at];
                if (b == '%' || b == '_') {
                    writeHexByte('\\');
                } else {
                    b = unescaped(b);
                }
            }
            writeHexByte(b);
        }
        out.write('\'');
    }

    /** The byte a backslash escape stands for in an SQL string, as the server reads it ({@code \% \_} aside). */
    static int unescaped(int escaped) {
        return switch (escaped) {
            case '0' -> 0;
            case 'b' -> '\b';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'Z' -> 0x1A;
            default -> escaped;
        };
    }

    private void writeHexByte(int b) {
        out.write(HEX[(b >> 4) & 0xF]);
        out.write(HEX[b & 0xF]);
    }

    private int firstInvalid(int from, int to) {
        if (to <= from) {
            return -1;
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, from, to - from);
        boolean error = decoder.reset().decode(in, CharBuffer.allocate(to - from), true).isError();
        return error ? in.position() : -1;
    }
}
