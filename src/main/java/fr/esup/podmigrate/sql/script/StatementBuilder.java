package fr.esup.podmigrate.sql.script;

import fr.esup.podmigrate.sql.script.ScriptFormatException.Reason;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntUnaryOperator;
import java.util.function.Supplier;

/**
 * The statement {@link StatementReader} is reading: its bytes, kept in the buffer while they fit and copied out run
 * by run when the buffer moves on, then made into a {@link SqlStatement} in the client's charset: its kind, table,
 * columns and tuples.
 */
final class StatementBuilder {

    private static final int INITIAL_TEXT_BYTES = 64 << 10;
    /** A statement buffer grown larger than this is let go after its statement: a huge INSERT is rare. */
    private static final int RETAINED_TEXT_BYTES = 16 << 20;

    private final ScriptBuffer in;
    private final int maxStatementBytes;
    private final Supplier<ScriptFormatException> tooLong;
    final InsertTuples tuples = new InsertTuples(this);

    boolean started;
    long startLine;
    private long startOffset;
    private long endOffset;
    /** Where the statement's text ends in the buffer once its delimiter is found. */
    private int statementEnd;
    /** {@code buf[runStart, pos)} belongs to the statement and is not yet copied to {@code text}. */
    int runStart;
    private byte[] text = new byte[INITIAL_TEXT_BYTES];
    private int textLength;

    ClientCharsetSession charsets = ClientCharsetSession.INITIAL;
    /** Whether long INSERTs of literal tuples come abridged (see {@link SqlStatement#abridged}). */
    boolean abridging;
    private final List<ScriptAnalysis.ScriptLine> undecodableCharsets = new ArrayList<>();

    StatementBuilder(ScriptBuffer in, int maxStatementBytes, Supplier<ScriptFormatException> tooLong) {
        this.in = in;
        this.maxStatementBytes = maxStatementBytes;
        this.tooLong = tooLong;
    }

    void begin(long line) {
        started = true;
        startLine = line;
        startOffset = in.offset + in.pos;
        runStart = in.pos;
    }

    /** The statement's text ends at {@code end} in the buffer, its delimiter at {@code delimiterEnd}. */
    void end(int end, int delimiterEnd) {
        statementEnd = end;
        endOffset = in.offset + delimiterEnd;
    }

    /** Copies {@code buf[runStart, p)} out of the buffer. */
    void copy(int p) throws ScriptFormatException {
        int n = p - runStart;
        grow(n);
        System.arraycopy(in.buf, runStart, text, textLength, n);
        textLength += n;
    }

    void appendByte(char c) throws ScriptFormatException {
        grow(1);
        text[textLength++] = (byte) c;
    }

    private void grow(int n) throws ScriptFormatException {
        long needed = (long) textLength + n;
        if (needed > maxStatementBytes) {
            throw tooLong.get();
        }
        if (needed > text.length) {
            text = Arrays.copyOf(text, (int) Math.min(Math.max(2L * text.length, needed), Integer.MAX_VALUE - 8));
        }
    }

    /** The offset in the statement of {@code buf[p]}. */
    int offsetOf(int p) {
        return textLength + p - runStart;
    }

    byte byteAt(int offset) {
        return offset < textLength ? text[offset] : in.buf[runStart + offset - textLength];
    }

    /** The statement read, or null when it is empty or a client command (then run). */
    SqlStatement finish(ClientCommandRunner commands) throws ScriptFormatException {
        byte[] bytes = in.buf;
        int from = runStart;
        int length = statementEnd - runStart;
        if (textLength > 0) {
            if (statementEnd > runStart) {
                copy(statementEnd);
            }
            runStart = statementEnd;
            bytes = text;
            from = 0;
            length = textLength;
        }
        while (length > 0 && ScriptBuffer.isBlank(bytes[from + length - 1])) {
            length--;
        }
        if (length > maxStatementBytes) {
            throw tooLong.get();
        }
        SqlStatement statement = length == 0 || commands.runStatement(bytes, from, length, startLine) ? null
                : toStatement(bytes, from, length);
        reset();
        return statement;
    }

    private SqlStatement toStatement(byte[] bytes, int from, int length) throws ScriptFormatException {
        ClientCharset charset = charsets.charset();
        if (charset.singleByte() && ClientCharset.hasHighByte(bytes, from, length)) {
            return toSingleByteStatement(charset, bytes, from, length);
        }
        SqlStatement abridged = abridging ? abridged(bytes, from, length) : null;
        if (abridged != null) {
            return abridged;
        }
        String sql = new String(bytes, from, length, StandardCharsets.UTF_8);
        int scriptLength = length;
        if (sql.indexOf('\uFFFD') >= 0) {
            BinaryLiterals literals = BinaryLiterals.of(bytes, from, length);
            if (literals.invalidAt() >= 0) {
                throw notUtf8(bytes, from, literals.invalidAt());
            }
            byte[] hexed = literals.rewrittenBytes();
            if (hexed != null) {
                bytes = hexed;
                from = 0;
                length = hexed.length;
                sql = new String(hexed, StandardCharsets.UTF_8);
            }
        }
        byte[] utf8 = bytes;
        int end = from + length;
        return statement(sql, utf8, from, length, IntUnaryOperator.identity(), tail -> utf16Length(utf8, end - tail, tail),
                scriptLength, false, true);
    }

    /**
     * The head of an INSERT whose literal tuples run to its end, its bytes valid UTF-8; null for any other statement,
     * which is read whole. Decoding its megabytes only to look at its head took a third of an analysis' time.
     */
    private SqlStatement abridged(byte[] bytes, int from, int length) {
        StatementHead head = StatementHead.read(bytes, from, length, tuples::tuplesFrom);
        int run = head.valuesStart() < 0 ? -1 : tuples.runFrom(head.valuesStart());
        if (run < 0 || tuples.nested(run) || tuples.end(run) != length) {
            return null;
        }
        int supplementary = Utf8.supplementaryCharacters(bytes, from, from + length);
        if (supplementary < 0) {
            return null;
        }
        String text = new String(bytes, from, head.valuesStart(), StandardCharsets.UTF_8);
        return new SqlStatement(text, startLine, startOffset, endOffset, head.kind(), head.schema(), head.table(),
                head.ignore(), head.columns(), head.rowCount(), text.length(), text.length(), false, false, length,
                supplementary, true);
    }

    /**
     * A statement whose bytes are in a single-byte charset: its text is read from its UTF-8 form, where the offset
     * of a tuple is that of its character (one byte each in the script).
     */
    private SqlStatement toSingleByteStatement(ClientCharset charset, byte[] bytes, int from, int length) {
        String sql = charset.decode(bytes, from, length);
        boolean doubleEncoded = ClientCharset.multiByteUtf8(bytes, from, length);
        byte[] utf8 = sql.getBytes(StandardCharsets.UTF_8);
        return statement(sql, utf8, 0, utf8.length, offset -> utf16Length(utf8, 0, offset), IntUnaryOperator.identity(),
                length, doubleEncoded, false);
    }

    /**
     * @param scriptOffset what an offset in {@code utf8} (from {@code from}) is in the script's statement
     * @param tailChars    the characters of {@code sql} that the script's last bytes, so many, stand for
     * @param scriptLength the statement's length in the script
     * @param utf8Script   whether the script's bytes are UTF-8 (those of a single-byte charset have no character
     *                     beyond U+FFFF), which {@code utf8} then holds well-formed
     */
    private SqlStatement statement(String sql, byte[] utf8, int from, int length, IntUnaryOperator scriptOffset,
                                   IntUnaryOperator tailChars, int scriptLength, boolean doubleEncoded,
                                   boolean utf8Script) {
        StatementHead head = StatementHead.read(utf8, from, length,
                offset -> tuples.tuplesFrom(scriptOffset.applyAsInt(offset)));
        int valuesOffset = head.valuesStart() < 0 ? -1 : utf16Length(utf8, from, head.valuesStart());
        int run = head.valuesStart() < 0 ? -1 : tuples.runFrom(scriptOffset.applyAsInt(head.valuesStart()));
        int valuesEnd = -1;
        if (run >= 0) {
            // counted from the statement's end: hex literals written for binary bytes lengthen the tuples
            valuesEnd = sql.length() - tailChars.applyAsInt(scriptLength - tuples.end(run));
        }
        if (head.kind() == StatementKind.SET) {
            followCharset(sql);
        }
        boolean rows = head.kind() == StatementKind.INSERT || head.kind() == StatementKind.REPLACE;
        int supplementary = abridging && utf8Script && rows ? Utf8.supplementaryCharacters(utf8, from, from + length) : 0;
        return new SqlStatement(sql, startLine, startOffset, endOffset, head.kind(), head.schema(), head.table(),
                head.ignore(), head.columns(), head.rowCount(), valuesOffset, valuesEnd,
                run >= 0 && tuples.nested(run), doubleEncoded, length, supplementary, false);
    }

    private void followCharset(String set) {
        ClientCharsetSession after = charsets.after(set);
        ClientCharset charset = after.charset();
        if (!charset.decodable() && !charset.name().equals(charsets.charset().name())
                && undecodableCharsets.size() < ScriptAnalysis.MAX_LISTED) {
            undecodableCharsets.add(new ScriptAnalysis.ScriptLine(startLine, SqlSnippet.head(set)));
        }
        charsets = after;
    }

    List<ScriptAnalysis.ScriptLine> undecodableCharsets() {
        return List.copyOf(undecodableCharsets);
    }

    int undecodableCharsetCount() {
        return undecodableCharsets.size();
    }

    /** Forgets the statement; the next one starts at pos. */
    void reset() {
        started = false;
        textLength = 0;
        if (text.length > RETAINED_TEXT_BYTES) {
            text = new byte[INITIAL_TEXT_BYTES];
        }
        tuples.reset();
        runStart = in.pos;
    }

    private ScriptFormatException notUtf8(byte[] bytes, int from, int invalidAt) {
        long invalidLine = startLine;
        for (int i = from; i < invalidAt; i++) {
            invalidLine += bytes[i] == '\n' ? 1 : 0;
        }
        return new ScriptFormatException(Reason.NOT_UTF8, invalidLine,
                "this is not UTF-8 text; convert the script to UTF-8 (e.g. with iconv) first");
    }

    private static int utf16Length(byte[] bytes, int from, int length) {
        int chars = 0;
        for (int i = from; i < from + length; i++) {
            int b = bytes[i] & 0xFF;
            if ((b & 0xC0) != 0x80) {
                chars += (b & 0xF8) == 0xF0 ? 2 : 1;
            }
        }
        return chars;
    }
}
