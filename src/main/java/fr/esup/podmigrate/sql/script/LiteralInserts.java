package fr.esup.podmigrate.sql.script;

import fr.esup.podmigrate.sql.ByteWords;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a plain script's INSERTs straight from its bytes, where they have the one shape whose values the import can
 * bind as the server reads them (see {@link LiteralInsert#value}): {@code INSERT [IGNORE] INTO `t` [(`a`,`b`)] VALUES}
 * (or {@code REPLACE INTO}, as mariadb-dump --replace writes) then tuples of as many {@code NULL}, decimal numbers and
 * single-quoted strings in UTF-8 whose escapes are among {@code \0 \' \" \\ \n \r \t \Z \b} (or a doubled quote),
 * and {@code ;}, after line comments maybe. Anything else (hex or bit literals, charset introducers, functions,
 * {@code \N}, other comments, a byte that is not UTF-8, ON DUPLICATE KEY UPDATE, another delimiter) is left for
 * {@link StatementReader}: {@link #next()} answers null and stays before it, and {@link #position()} is where a
 * StatementReader takes over.
 */
public final class LiteralInserts implements AutoCloseable {

    /**
     * An INSERT of literal rows; {@code bytes[rowsFrom, rowsTo)} holds its tuples, from the first one's opening
     * parenthesis to the last one's closing one, valid until the next call of {@link #next()}, as are the bounds of
     * its values.
     *
     * @param table            the table, unquoted
     * @param replace          whether it is a REPLACE (never with IGNORE)
     * @param columns          its column list, unquoted; empty when the values are positional
     * @param arity            how many values each tuple has
     * @param separator        what stands between two values of every tuple, with nothing else around them ({@code ,}
     *                         as mariadb-dump writes, {@code , } as phpMyAdmin does), as LOAD DATA's format needs; null
     *                         when the values are laid out otherwise
     * @param values           for each value, row after row, where it starts and ends in {@code bytes} and its kind
     * @param numbersAsWritten whether every number is one the server stores in a string column as it is written, as
     *                         it stores the same string: no exponent (a double, written back in its own form), no
     *                         leading zero, no negative zero, no point without a digit after it
     */
    public record LiteralInsert(String table, boolean replace, boolean ignore, List<String> columns, byte[] bytes,
                                int rowsFrom, int rowsTo, int rowCount, int arity, String separator, int[] values,
                                boolean numbersAsWritten, long line, long startOffset, long endOffset, String head) {

        /** Whether a value, counted from the first row's first, is NULL. */
        public boolean isNull(int value) {
            return values[3 * value + 2] == NULL;
        }

        /**
         * A value's bytes as the server reads them: a number as written, a string with its escapes and doubled quotes
         * undone; null for NULL.
         */
        public byte[] value(int value) {
            int from = values[3 * value];
            int to = values[3 * value + 1];
            int kind = values[3 * value + 2];
            if (kind == NULL) {
                return null;
            }
            if (kind == AS_WRITTEN) {
                return Arrays.copyOfRange(bytes, from, to);
            }
            byte[] unescaped = new byte[to - from - (kind - AS_WRITTEN)];
            int length = 0;
            int plainFrom = from;
            for (int i = nextEscape(bytes, from, to); i < to; i = nextEscape(bytes, plainFrom, to)) {
                System.arraycopy(bytes, plainFrom, unescaped, length, i - plainFrom);
                length += i - plainFrom;
                // a backslash and the byte it escapes, or a doubled quote
                unescaped[length++] = bytes[i] == '\\' ? (byte) BinaryLiterals.unescaped(bytes[i + 1]) : bytes[i];
                plainFrom = i + 2;
            }
            System.arraycopy(bytes, plainFrom, unescaped, length, to - plainFrom);
            return unescaped;
        }

        /** The first backslash or quote in {@code bytes[i, to)}, or {@code to}. */
        private static int nextEscape(byte[] bytes, int i, int to) {
            while (i + Long.BYTES <= to) {
                long word = ByteWords.at(bytes, i);
                long found = ByteWords.equalTo(word, '\\') | ByteWords.equalTo(word, '\'');
                if (found != 0) {
                    return i + ByteWords.firstFound(found);
                }
                i += Long.BYTES;
            }
            while (i < to && bytes[i] != '\\' && bytes[i] != '\'') {
                i++;
            }
            return i;
        }
    }

    /**
     * Kinds of value in {@link LiteralInsert#values}: a string with escapes or doubled quotes has AS_WRITTEN plus
     * their count, each two bytes of the script for one of the value.
     */
    private static final int NULL = 0;
    private static final int AS_WRITTEN = 1;

    private static final int INITIAL_BUFFER_BYTES = 1 << 20;
    private static final byte[] SEMICOLON = {';'};
    /** Enough of a statement for {@link SqlSnippet#head}. */
    private static final int HEAD_BYTES = 512;
    /** Bytes the scanner of a quoted string stops at; all others belong to the string as they are. */
    private static final boolean[] STRING_STOPS = new boolean[256];

    static {
        for (int b : new int[] {'\'', '\\', '\n', '\r', 0}) {
            STRING_STOPS[b] = true;
        }
        for (int b = 0x80; b < 0x100; b++) {
            STRING_STOPS[b] = true;
        }
    }

    private final FileChannel channel;
    private final int maxStatementBytes;
    /** The delimiter and client charset where the reader was opened or last sought. */
    private byte[] delimiter;
    private ClientCharsetSession charsets;
    private byte[] buf;
    /** {@code buf[0, limit)} holds the script from {@code bufOffset}; {@code pos} is where the last statement ended. */
    private int pos;
    private int limit;
    private long bufOffset;
    private long line;
    private boolean atLineStart;
    private boolean eof;
    /** The bounds and kinds of the last statement's values (see {@link LiteralInsert#values}). */
    private int[] values = new int[3 * 1024];

    private LiteralInserts(FileChannel channel, StatementReader.Position at, int maxStatementBytes) {
        this.channel = channel;
        this.maxStatementBytes = maxStatementBytes;
        this.buf = new byte[Math.min(INITIAL_BUFFER_BYTES, maxStatementBytes)];
        moveTo(at);
    }

    /**
     * Opens a plain script where a {@link StatementReader} stood between two statements (see
     * {@link StatementReader#position()}); null when that reader's delimiter is not {@code ;} or its client charset
     * is not UTF-8, where no statement has the shape.
     *
     * @param maxStatementBytes a longer statement is left for StatementReader
     */
    public static LiteralInserts openAt(Path script, StatementReader.Position at, int maxStatementBytes)
            throws IOException {
        if (!shaped(at.delimiter(), at.charsets())) {
            return null;
        }
        FileChannel channel = FileChannel.open(script, StandardOpenOption.READ);
        try {
            channel.position(at.offset());
            return new LiteralInserts(channel, at, maxStatementBytes);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Where the last statement read ends, or where the reader was opened: between two statements. */
    public StatementReader.Position position() {
        return new StatementReader.Position(bufOffset + pos, line, delimiter, atLineStart, charsets);
    }

    /**
     * Goes on from where a {@link StatementReader} opened at {@link #position()} stands after its statements, with
     * the delimiter and charset it came to.
     */
    public void seek(StatementReader.Position at) throws IOException {
        channel.position(at.offset());
        moveTo(at);
        pos = 0;
        limit = 0;
        eof = false;
    }

    private void moveTo(StatementReader.Position at) {
        bufOffset = at.offset();
        line = at.line();
        atLineStart = at.atLineStart();
        delimiter = at.delimiter();
        charsets = at.charsets();
    }

    /** Whether statements there can have the shape: they end at {@code ;} and their text is UTF-8. */
    private static boolean shaped(byte[] delimiter, ClientCharsetSession charsets) {
        return Arrays.equals(delimiter, SEMICOLON) && charsets.charset().utf8();
    }

    /**
     * The next statement if it is an INSERT of literal rows; null (and nothing read) otherwise, at the end, or where
     * a statement was sought whose delimiter or charset no statement of the shape has.
     */
    public LiteralInsert next() throws IOException {
        if (!shaped(delimiter, charsets)) {
            return null;
        }
        if (pos >= buf.length / 2) {
            compact();
        }
        Scan scan = new Scan();
        if (!scan.statement()) {
            if (pos == 0 || limit < buf.length) {
                return null;
            }
            // the buffer, full, may hold the statement once it starts with it
            compact();
            scan = new Scan();
            if (!scan.statement()) {
                return null;
            }
        }
        long startOffset = bufOffset + scan.start;
        pos = scan.at;
        line += scan.newlines;
        atLineStart = false;
        return new LiteralInsert(scan.table, scan.replace, scan.ignore, scan.columns, buf, scan.rowsFrom, scan.rowsTo,
                scan.rows, scan.arity, scan.separator == 1 ? ", " : scan.separator == -2 ? null : ",", values,
                scan.numbersAsWritten, scan.line, startOffset, bufOffset + pos,
                SqlSnippet.head(new String(buf, scan.start, Math.min(scan.rowsTo, scan.start + HEAD_BYTES) - scan.start,
                        StandardCharsets.UTF_8)));
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /**
     * Moves the unread bytes to the start of the buffer, once half of it is read: a statement's indexes stay put while
     * it is read, and short statements are not each followed by a copy of the rest of the buffer.
     */
    private void compact() {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            bufOffset += pos;
            pos = 0;
        }
    }

    /** Reads more of the script after what the buffer holds; false at the end or past the longest statement. */
    private boolean more() throws IOException {
        if (eof) {
            return false;
        }
        if (limit == buf.length) {
            if (buf.length >= maxStatementBytes) {
                return false;
            }
            buf = Arrays.copyOf(buf, (int) Math.min(maxStatementBytes, 2L * buf.length));
        }
        int read = channel.read(ByteBuffer.wrap(buf, limit, buf.length - limit));
        if (read < 0) {
            eof = true;
            return false;
        }
        limit += read;
        return true;
    }

    /** One statement's reading; every index is in {@link #buf}, which only grows at its end while it lasts. */
    private final class Scan {
        int at;
        int start;
        long newlines;
        long line;
        String table;
        boolean replace;
        boolean ignore;
        List<String> columns = List.of();
        int rowsFrom;
        int rowsTo;
        int rows;
        /** Values per tuple, as the first one has; -1 until it is read. */
        int arity = -1;
        int valueCount;
        /** Blanks after the comma between two values: -1 until two are seen, then 0 or 1; -2 when laid out otherwise. */
        int separator = -1;
        boolean numbersAsWritten = true;

        /** Reads the statement at {@code at}; false if it is not of the shape. */
        boolean statement() throws IOException {
            at = pos;
            skipBlanks();
            while (lineComment()) {
                skipBlanks();
            }
            if (!available(at)) {
                return false;
            }
            start = at;
            line = LiteralInserts.this.line + newlines;
            replace = word("REPLACE");
            if ((!replace && !word("INSERT")) || !blanks()) {
                return false;
            }
            if (!replace && word("IGNORE")) {
                ignore = true;
                if (!blanks()) {
                    return false;
                }
            }
            if (!word("INTO") || !blanks()) {
                return false;
            }
            table = identifier();
            if (table == null) {
                return false;
            }
            skipBlanks();
            if (peek('(')) {
                at++;
                columns = columnList();
                if (columns == null) {
                    return false;
                }
                skipBlanks();
            }
            if (!word("VALUES")) {
                return false;
            }
            skipBlanks();
            rowsFrom = at;
            if (!tuples()) {
                return false;
            }
            rowsTo = at;
            skipBlanks();
            if (!peek(';')) {
                return false;
            }
            at++;
            return true;
        }

        private boolean tuples() throws IOException {
            while (true) {
                if (!peek('(')) {
                    return false;
                }
                at++;
                if (!tuple()) {
                    return false;
                }
                rows++;
                int after = at;
                skipBlanks();
                if (!peek(',')) {
                    at = after;
                    return true;
                }
                at++;
                skipBlanks();
            }
        }

        /** The values of a tuple and its closing parenthesis; false if it has not as many values as the first. */
        private boolean tuple() throws IOException {
            if (arity > 0 && (separator == -1 || separator == 0) && plainTuple()) {
                return true;
            }
            int first = valueCount;
            while (true) {
                int before = at;
                skipBlanks();
                if (at > before) {
                    spaced(valueCount == first || at - before > 1 || buf[before] != ' ' ? -2 : 1);
                } else if (valueCount > first) {
                    spaced(0);
                }
                if (!value()) {
                    return false;
                }
                before = at;
                skipBlanks();
                if (at > before) {
                    spaced(-2);
                }
                if (!available(at)) {
                    return false;
                }
                byte b = buf[at++];
                if (b == ')') {
                    int count = valueCount - first;
                    if (arity < 0) {
                        arity = count;
                    }
                    return count == arity;
                }
                if (b != ',') {
                    return false;
                }
            }
        }

        /**
         * A tuple as mariadb-dump writes them, read in one loop over the buffer: as many values as the first tuple,
         * separated by commas alone, each a string on one line, NULL, or a number without exponent, the closing
         * parenthesis in the buffer. False, with nothing moved or added, for any other tuple, which {@link #tuple()}
         * reads then, a few calls a value and a byte: the tuples of bench/run's dump took half the CPU read here. What
         * its numbers told {@link #numbersAsWritten} before it gave up, the same numbers read again tell it alike.
         */
        private boolean plainTuple() {
            final byte[] b = buf;
            int first = valueCount;
            int p = at;
            while (p < limit) {
                byte c = b[p];
                if (c == '\'') {
                    p = afterPlainString(p);
                } else if (c == 'N' && p + 4 < limit && b[p + 1] == 'U' && b[p + 2] == 'L' && b[p + 3] == 'L') {
                    add(p, p + 4, NULL);
                    p += 4;
                } else {
                    p = afterPlainNumber(p);
                }
                if (p < 0 || p >= limit || b[p] != ',' && b[p] != ')') {
                    break;
                }
                if (b[p] == ')') {
                    if (valueCount - first != arity) {
                        break;
                    }
                    if (arity > 1) {
                        separator = 0;
                    }
                    at = p + 1;
                    return true;
                }
                p++;
            }
            valueCount = first;
            return false;
        }

        /**
         * Adds the string opened at {@code quote} and returns where it ends, past its closing quote, when it holds
         * only plain escapes and well-formed UTF-8, on one line, and ends in the buffer before its last byte; else -1.
         */
        private int afterPlainString(int quote) {
            final byte[] b = buf;
            int escapes = 0;
            int p = quote + 1;
            while (true) {
                p = nextStringStop(b, p, limit);
                if (p + 1 >= limit) {
                    return -1;
                }
                int stop = b[p] & 0xFF;
                if (stop == '\'' && b[p + 1] != '\'') {
                    add(quote + 1, p, AS_WRITTEN + escapes);
                    return p + 1;
                }
                if (stop == '\'' || stop == '\\' && plainEscape(b[p + 1])) {
                    escapes++;
                    p += 2;
                } else {
                    // a line feed, a carriage return, a NUL, another escape, or a character malformed or cut by the
                    // buffer's end
                    int length = stop >= 0x80 ? Utf8.sequenceLength(b, p, limit) : 0;
                    if (length == 0) {
                        return -1;
                    }
                    p += length;
                }
            }
        }

        /**
         * Adds the number {@code -?digits[.digits]} at {@code from}, telling {@link #numbersAsWritten} about it as
         * {@link #number()} does, and returns where it ends; -1 when no such number is there.
         */
        private int afterPlainNumber(int from) {
            final byte[] b = buf;
            boolean negative = b[from] == '-';
            int integerFrom = negative ? from + 1 : from;
            int p = integerFrom;
            boolean nonZero = false;
            while (p < limit && b[p] >= '0' && b[p] <= '9') {
                nonZero |= b[p++] != '0';
            }
            if (p == integerFrom || p >= limit) {
                return -1;
            }
            int integerTo = p;
            if (b[p] == '.') {
                int fractionFrom = ++p;
                while (p < limit && b[p] >= '0' && b[p] <= '9') {
                    nonZero |= b[p++] != '0';
                }
                if (p == fractionFrom) {
                    return -1;
                }
            }
            numbersAsWritten &= storedAsWritten(b, integerFrom, integerTo, negative, nonZero);
            add(from, p, AS_WRITTEN);
            return p;
        }

        private boolean value() throws IOException {
            if (!available(at)) {
                return false;
            }
            int from = at;
            byte b = buf[at];
            if (b == '\'') {
                at++;
                int kind = string();
                return kind >= 0 && add(from + 1, at - 1, kind);
            }
            if (b == 'N') {
                return word("NULL") && add(from, at, NULL);
            }
            return number() && add(from, at, AS_WRITTEN);
        }

        /** Notes the blanks after a comma between two values, or that the values are laid out otherwise (-2). */
        private void spaced(int blanks) {
            if (separator == -1 || blanks == -2) {
                separator = blanks;
            } else if (separator != blanks) {
                separator = -2;
            }
        }

        private boolean add(int from, int to, int kind) {
            int slot = 3 * valueCount++;
            if (slot + 3 > values.length) {
                values = Arrays.copyOf(values, 2 * values.length);
            }
            values[slot] = from;
            values[slot + 1] = to;
            values[slot + 2] = kind;
            return true;
        }

        /**
         * {@code -?digits[.digits][e[+-]digits]}, followed by what ends a value; a number not written as the server
         * writes it back (see {@link LiteralInsert#numbersAsWritten()}) clears {@link #numbersAsWritten}, told in the
         * same pass over its digits.
         */
        private boolean number() throws IOException {
            boolean negative = peek('-');
            if (negative) {
                at++;
            }
            int integerFrom = at;
            boolean nonZero = nonZeroDigits();
            if (at == integerFrom) {
                return false;
            }
            int integerTo = at;
            boolean asWritten = true;
            if (peek('.')) {
                at++;
                int fractionFrom = at;
                nonZero |= nonZeroDigits();
                asWritten = at > fractionFrom; // no point without a digit after it
            }
            if (peek('e') || peek('E')) {
                asWritten = false; // a double, written back in its own form
                at++;
                if (peek('-') || peek('+')) {
                    at++;
                }
                if (digits() == 0) {
                    return false;
                }
            }
            numbersAsWritten &= asWritten && storedAsWritten(buf, integerFrom, integerTo, negative, nonZero);
            return available(at) && (buf[at] == ',' || buf[at] == ')' || buf[at] == ' ' || buf[at] == '\n'
                    || buf[at] == '\t' || buf[at] == '\r');
        }

        /**
         * Whether a number without exponent, its integer digits at {@code b[integerFrom, integerTo)}, is stored in a
         * string column as written (see {@link LiteralInsert#numbersAsWritten()}): no leading zero, no negative zero.
         */
        private static boolean storedAsWritten(byte[] b, int integerFrom, int integerTo, boolean negative,
                                               boolean nonZero) {
            return (b[integerFrom] != '0' || integerTo - integerFrom == 1) && (nonZero || !negative);
        }

        /** Moves past digits; whether one of them is not a zero. */
        private boolean nonZeroDigits() throws IOException {
            boolean nonZero = false;
            while (available(at) && buf[at] >= '0' && buf[at] <= '9') {
                nonZero |= buf[at] != '0';
                at++;
            }
            return nonZero;
        }

        private int digits() throws IOException {
            int count = 0;
            while (available(at) && buf[at] >= '0' && buf[at] <= '9') {
                at++;
                count++;
            }
            return count;
        }

        /**
         * The rest of a quoted string, after its opening quote: {@link #AS_WRITTEN} plus its escapes and doubled quotes;
         * -1 if it is not of the shape.
         */
        private int string() throws IOException {
            int kind = AS_WRITTEN;
            while (true) {
                at = nextStringStop(buf, at, limit);
                if (at == limit) {
                    if (!more()) {
                        return -1;
                    }
                    continue;
                }
                int c = buf[at] & 0xFF;
                if (c == '\n') {
                    newlines++;
                    at++;
                } else if (c == '\r') {
                    // the client reads a script line by line and drops the carriage return that ends one, in a string
                    // too: the statement reader reads such a string as the client does
                    if (!available(at + 1) || buf[at + 1] == '\n') {
                        return -1;
                    }
                    at++;
                } else if (c == '\'') {
                    if (!available(at + 1)) {
                        return -1;
                    }
                    if (buf[at + 1] != '\'') {
                        at++;
                        return kind;
                    }
                    kind++;
                    at += 2;
                } else if (c == '\\') {
                    if (!available(at + 1) || !plainEscape(buf[at + 1])) {
                        return -1;
                    }
                    kind++;
                    at += 2;
                } else if (c == 0 || !utf8Character()) {
                    return -1;
                }
            }
        }

        /** The first of {@link #STRING_STOPS} in {@code b[i, end)}, or {@code end}. */
        private static int nextStringStop(byte[] b, int i, int end) {
            while (i + Long.BYTES <= end) {
                // the stops, and the control bytes up to a carriage return, which are no stop but for NUL, LF and CR
                long word = ByteWords.at(b, i);
                long found = ByteWords.equalTo(word, '\'') | ByteWords.equalTo(word, '\\')
                        | ByteWords.below(word, '\r' + 1) | ByteWords.nonAscii(word);
                if (found == 0) {
                    i += Long.BYTES;
                    continue;
                }
                i += ByteWords.firstFound(found);
                if (STRING_STOPS[b[i] & 0xFF]) {
                    return i;
                }
                i++;
            }
            while (i < end && !STRING_STOPS[b[i] & 0xFF]) {
                i++;
            }
            return i;
        }

        /** Escapes that the import undoes as the server does in an SQL string (see {@link LiteralInsert#value}). */
        private static boolean plainEscape(byte b) {
            return b == '0' || b == '\'' || b == '"' || b == '\\' || b == 'n' || b == 'r' || b == 't' || b == 'Z'
                    || b == 'b';
        }

        /** Moves past one well-formed UTF-8 character of two to four bytes at {@code at}. */
        private boolean utf8Character() throws IOException {
            int expected = Utf8.expectedLength(buf[at] & 0xFF);
            if (expected == 0 || !available(at + expected - 1)) {
                return false;
            }
            int length = Utf8.sequenceLength(buf, at, limit);
            at += length;
            return length > 0;
        }

        private List<String> columnList() throws IOException {
            List<String> names = new ArrayList<>();
            while (true) {
                skipBlanks();
                String name = identifier();
                if (name == null) {
                    return null;
                }
                names.add(name);
                skipBlanks();
                if (peek(')')) {
                    at++;
                    return names;
                }
                if (!peek(',')) {
                    return null;
                }
                at++;
            }
        }

        /** A backquoted name without backquotes in it, or a bare one of letters, digits, _ and $; null otherwise. */
        private String identifier() throws IOException {
            int from;
            int to;
            if (peek('`')) {
                from = ++at;
                while (available(at) && buf[at] != '`' && buf[at] != '\n') {
                    at++;
                }
                if (!peek('`')) {
                    return null;
                }
                to = at++;
            } else {
                from = at;
                while (available(at) && (Character.isLetterOrDigit(buf[at]) || buf[at] == '_' || buf[at] == '$')) {
                    at++;
                }
                to = at;
            }
            if (to == from || peek('.')) {
                return null;
            }
            return new String(buf, from, to - from, StandardCharsets.UTF_8);
        }

        /** The keyword, in any case, followed by something that ends a word. */
        private boolean word(String keyword) throws IOException {
            int length = keyword.length();
            if (!available(at + length)) {
                return false;
            }
            for (int i = 0; i < length; i++) {
                if (Character.toUpperCase(buf[at + i]) != keyword.charAt(i)) {
                    return false;
                }
            }
            byte after = buf[at + length];
            if (Character.isLetterOrDigit(after) || after == '_' || after == '$') {
                return false;
            }
            at += length;
            return true;
        }

        /** Skips one or more blanks; false when there is none. */
        private boolean blanks() throws IOException {
            int before = at;
            skipBlanks();
            return at > before;
        }

        /**
         * Moves past a comment to the line's end before the statement ({@code #}, or {@code --} then a blank or a
         * control byte, as the client reads them: mariadb-dump and phpMyAdmin name each table's data so); false if
         * there is none, or it runs to the script's end.
         */
        private boolean lineComment() throws IOException {
            if (!available(at)) {
                return false;
            }
            boolean comment = buf[at] == '#' || (buf[at] == '-' && available(at + 1) && buf[at + 1] == '-'
                    && (!available(at + 2) || (buf[at + 2] & 0xFF) <= ' '));
            if (!comment) {
                return false;
            }
            for (int end = at; available(end); end++) {
                if (buf[end] == '\n') {
                    newlines++;
                    at = end + 1;
                    return true;
                }
            }
            return false;
        }

        private void skipBlanks() throws IOException {
            while (available(at)) {
                byte b = buf[at];
                if (b == '\n') {
                    newlines++;
                } else if (b != ' ' && b != '\t' && b != '\r') {
                    return;
                }
                at++;
            }
        }

        private boolean peek(char c) throws IOException {
            return available(at) && buf[at] == c;
        }

        /** Whether {@code buf[index]} is in the buffer, reading more if needed. */
        private boolean available(int index) throws IOException {
            while (index >= limit) {
                if (!more()) {
                    return false;
                }
            }
            return true;
        }
    }
}
