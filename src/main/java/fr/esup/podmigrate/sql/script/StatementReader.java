package fr.esup.podmigrate.sql.script;

import fr.esup.podmigrate.sql.ByteWords;
import fr.esup.podmigrate.sql.script.ScriptFormatException.Reason;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads an SQL script one statement at a time and splits it as the {@code mariadb} command-line client does:
 * quotes and their backslash escapes, {@code --}, {@code #} and {@code /* *&#47;} comments (dropped), executable
 * comments (kept), {@code DELIMITER}, the client's own commands (USE, the sandbox line), CRLF line ends, a byte
 * order mark. The script streams through a fixed buffer, plain, gzip or zip: memory grows only with the
 * longest statement. Each statement's kind, table and, for an INSERT, columns and tuples are read in the same pass.
 *
 * <pre>{@code
 * try (StatementReader reader = StatementReader.open(path)) {
 *     for (SqlStatement s = reader.next(); s != null; s = reader.next()) {
 *         statement.execute(s.text());
 *     }
 * }
 * }</pre>
 * Why over 500 lines: the lexer's state machine (blanks, code, quotes, comments, the delimiter) is one loop over
 * one buffer whose states hand over to each other mid-byte; what could leave it has (the buffer, the client's
 * commands, the tuple counter, the statement's bytes), and cutting the states apart would put the hot loop's
 * fields behind calls.
 */
public final class StatementReader implements AutoCloseable {

    /**
     * The longest statement read by default: the largest packet a MariaDB server accepts, or a quarter of the heap
     * when that is less. A statement's bytes are held whole, and doubled as they grow: a longer one (a string left
     * open over the rest of the file, most often) would end the process with an OutOfMemoryError rather than a named
     * refusal.
     */
    public static final int DEFAULT_MAX_STATEMENT_BYTES =
            (int) Math.min(1L << 30, Runtime.getRuntime().maxMemory() / 4);

    private enum Context { CODE, SINGLE_QUOTED, DOUBLE_QUOTED, BACKTICKED, BLOCK_COMMENT, LINE_COMMENT }

    /** Bytes that need a look in each context; all others are copied as they are. */
    private static final boolean[] CODE_BYTES = bytes("'\"`\\#-/*()\n\r");
    private static final boolean[] SINGLE_QUOTED_BYTES = bytes("'\\\n\r\0");
    private static final boolean[] DOUBLE_QUOTED_BYTES = bytes("\"\\\n\r\0");
    private static final boolean[] BACKTICKED_BYTES = bytes("`\n\r\0");
    private static final boolean[] BLOCK_COMMENT_BYTES = bytes("*/\n\0");

    static {
        for (int c = 0; c < 0x20; c++) {
            CODE_BYTES[c] |= c != '\t' && c != 0x0B && c != '\f';
        }
    }

    private final CountingInputStream source;
    private final long totalBytes;
    private final int maxStatementBytes;
    private final ScriptBuffer in;
    private final StatementBuilder statement;
    private final InsertTuples tuples;
    private final ClientCommandRunner commands = new ClientCommandRunner(CODE_BYTES);

    private Context context = Context.CODE;
    private long line = 1;
    /** Line where the open string or comment started. */
    private long openedLine;
    private boolean endedInsideStatement;
    private boolean atLineStart = true;
    /** The client's mark of a {@code /*!} seen on this line and not yet closed: it keeps a comment from ending. */
    private boolean executableCommentOnLine;
    private boolean sqlChecked;

    private StatementReader(CountingInputStream source, InputStream script, ScriptCompression compression, long totalBytes,
                            int maxStatementBytes) {
        if (maxStatementBytes <= 0) {
            throw new IllegalArgumentException("maxStatementBytes must be positive: " + maxStatementBytes);
        }
        this.source = source;
        this.totalBytes = totalBytes;
        this.maxStatementBytes = maxStatementBytes;
        this.in = new ScriptBuffer(script, compression, this::beforeShift, () -> line);
        this.statement = new StatementBuilder(in, maxStatementBytes, this::tooLong);
        this.tuples = statement.tuples;
    }

    public static StatementReader open(Path script) throws IOException {
        return open(script, DEFAULT_MAX_STATEMENT_BYTES);
    }

    /** Opens a script file, plain, gzip or zip (told by its first bytes, not its name). */
    public static StatementReader open(Path script, int maxStatementBytes) throws IOException {
        InputStream in = Files.newInputStream(script);
        try {
            return open(in, Files.size(script), maxStatementBytes);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * Opens a plain (not compressed) script where another reader stood between two statements: the reader goes
     * on as that one would have. {@link #bytesRead()} counts from there.
     */
    public static StatementReader openAt(Path script, Position at) throws IOException {
        return openAt(script, at, DEFAULT_MAX_STATEMENT_BYTES);
    }

    /** {@link #openAt(Path, Position)}, failing a statement longer than {@code maxStatementBytes}. */
    static StatementReader openAt(Path script, Position at, int maxStatementBytes) throws IOException {
        InputStream in = Files.newInputStream(script);
        try {
            in.skipNBytes(at.offset());
            CountingInputStream counted = new CountingInputStream(in);
            StatementReader reader = new StatementReader(counted, counted, ScriptCompression.NONE, Files.size(script),
                    maxStatementBytes);
            reader.in.offset = at.offset();
            reader.line = at.line();
            reader.atLineStart = at.atLineStart();
            reader.commands.setDelimiter(at.delimiter());
            reader.statement.charsets = at.charsets();
            reader.sqlChecked = true;
            return reader;
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    public static StatementReader open(InputStream in) throws IOException {
        return open(in, -1, DEFAULT_MAX_STATEMENT_BYTES);
    }

    /**
     * Reads a script from a stream, plain, gzip or zip (told by its first bytes).
     *
     * @param totalBytes        the stream's length when known (for progress), else -1
     * @param maxStatementBytes a longer statement fails the reading, as a string left open would
     */
    public static StatementReader open(InputStream in, long totalBytes, int maxStatementBytes) throws IOException {
        CountingInputStream source = new CountingInputStream(in);
        ScriptCompression.Opened opened = ScriptCompression.open(source);
        StatementReader reader = new StatementReader(source, opened.script(), opened.compression(), totalBytes,
                maxStatementBytes);
        if (reader.in.skipByteOrderMark()) {
            reader.statement.runStart = reader.in.pos;
        }
        return reader;
    }

    /**
     * Gives an INSERT whose tuples are literals and its bytes valid UTF-8 with its head only (see
     * {@link SqlStatement#abridged}): for an analysis, which reads no values; never for an import, which sends them.
     * Decoding and inspecting every value took a third of the analysis of a dump of long INSERTs, and two fifths of
     * that of a dump of one INSERT a row.
     */
    public StatementReader abridgingInserts() {
        statement.abridging = true;
        return this;
    }

    /** The next statement, or null at the end of the script. */
    public SqlStatement next() throws IOException {
        while (!commands.quit && scanStatement()) {
            SqlStatement next = statement.finish(commands);
            if (next != null) {
                return next;
            }
        }
        return null;
    }

    /** Bytes read so far from the underlying stream (compressed ones for a compressed file), for progress. */
    public long bytesRead() {
        return source.count();
    }

    /** Where the reader stands in the (uncompressed) script: the bytes of SQL text read so far. */
    public long offset() {
        return in.offset + in.pos;
    }

    /** The underlying stream's length when known, else -1. */
    public long totalBytes() {
        return totalBytes;
    }

    /**
     * Where the reader stands after the statement {@link #next()} returned, for {@link #openAt}; null when another
     * reader could not start there: in a compressed script, or inside an executable comment.
     */
    public Position position() {
        if (in.compressed() || commands.quit || context != Context.CODE || executableCommentOnLine) {
            return null;
        }
        return new Position(in.offset + in.pos, line, commands.delimiter.clone(), atLineStart, statement.charsets);
    }

    /** A place between two statements of a plain script, with what the reader knew there. */
    public record Position(long offset, long line, byte[] delimiter, boolean atLineStart, ClientCharsetSession charsets) {
    }

    /** The client charset the script declares now (SET NAMES...). */
    ClientCharset clientCharset() {
        return statement.charsets.charset();
    }

    /** How many times the script turned the client's sandbox mode on (the first line of a recent mariadb-dump). */
    public int sandboxCommands() {
        return commands.sandboxCommands;
    }

    /**
     * Whether the script ended before its last statement's delimiter, as a file cut short does (the client runs such
     * a statement all the same, and so does the import).
     */
    public boolean endedInsideStatement() {
        return endedInsideStatement;
    }

    /**
     * The SETs that made the client charset one this reader cannot decode, so that it read the statements after them
     * as UTF-8 (the first {@value ScriptAnalysis#MAX_LISTED}).
     */
    List<ScriptAnalysis.ScriptLine> undecodableCharsets() {
        return statement.undecodableCharsets();
    }

    /** How many {@link #undecodableCharsets()} lists, without a copy of them. */
    int undecodableCharsetCount() {
        return statement.undecodableCharsetCount();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    // ---- scanning

    /** Reads up to the end of a statement; false at the end of the script. */
    private boolean scanStatement() throws IOException {
        while (!commands.quit) {
            if (in.pos >= in.limit && !in.fill()) {
                return endOfScript();
            }
            boolean ended = switch (context) {
                case CODE -> statement.started ? scanCode() : scanBlanks();
                case SINGLE_QUOTED -> scanQuoted('\'', SINGLE_QUOTED_BYTES);
                case DOUBLE_QUOTED -> scanQuoted('"', DOUBLE_QUOTED_BYTES);
                case BACKTICKED -> scanQuoted('`', BACKTICKED_BYTES);
                case BLOCK_COMMENT -> scanBlockComment();
                case LINE_COMMENT -> scanLineComment();
            };
            if (ended) {
                return true;
            }
        }
        return false;
    }

    private boolean endOfScript() throws ScriptFormatException {
        switch (context) {
            case SINGLE_QUOTED, DOUBLE_QUOTED, BACKTICKED -> throw new ScriptFormatException(
                    Reason.UNTERMINATED_STRING, openedLine, "unterminated string starting here");
            case BLOCK_COMMENT -> throw new ScriptFormatException(
                    Reason.UNTERMINATED_COMMENT, openedLine, "unterminated comment starting here");
            case LINE_COMMENT -> {
                context = Context.CODE;
                statement.runStart = in.limit;
            }
            default -> { }
        }
        if (!statement.started) {
            return false;
        }
        endedInsideStatement = true;
        statement.end(in.limit, in.limit);
        return true;
    }

    /** Before a statement's first character: blank lines, comments, client commands. */
    private boolean scanBlanks() throws IOException {
        while (in.pos < in.limit) {
            statement.runStart = in.pos;
            int c = in.buf[in.pos] & 0xFF;
            if (c == '\n') {
                newLine();
                atLineStart = true;
                in.pos++;
            } else if (c == ' ' || (c >= '\t' && c <= '\r')) {
                in.pos++;
            } else {
                if (atLineStart) {
                    atLineStart = false;
                    switch (commands.atLineStart(in, line)) {
                        case RUN -> {
                            return false;
                        }
                        case USE -> {
                            beginStatement();
                            in.pos += commands.useLineLength;
                            endStatement(0);
                            return true;
                        }
                        case NONE -> { }
                    }
                }
                if (commands.codeBytes[c]) {
                    return onCodeByte(c);
                }
                beginStatement();
                return false;
            }
        }
        return false;
    }

    /** Statement text outside quotes and comments: the hot loop of unquoted parts. */
    private boolean scanCode() throws IOException {
        int p = in.pos;
        while (true) {
            p = skipPlainBytes(p, commands.codeBytes);
            if (p >= in.limit) {
                in.pos = p;
                return false;
            }
            int c = in.buf[p] & 0xFF;
            if (c == '\'' && c != commands.delimiterFirst) {
                int after = afterPlainString(p + 1);
                if (after > 0) {
                    p = after;
                    continue;
                }
            }
            if (c == commands.delimiterFirst || (c != '(' && c != ')')) {
                in.pos = p;
                return onCodeByte(c);
            }
            if (c == '(') {
                tuples.open(p);
            } else {
                tuples.close(p);
            }
            p++;
        }
    }

    /**
     * Where a single-quoted string opened before {@code from} ends, past its closing quote, when the buffer holds it
     * whole and it has none of the bytes {@link #scanQuoted} does more than step over (a line end, a NUL, a backslash
     * before one of them); otherwise -1, and the string is read through {@link #scanQuoted}. A dump's values are such
     * strings, read here without a change of context each (the analysis of bench/run's dump took 0.39 s instead of
     * 0.46 s, its CPU 0.63 s instead of 0.74 s, medians of 8 runs in turn).
     */
    private int afterPlainString(int from) {
        final byte[] b = in.buf;
        final int end = in.limit;
        int p = from;
        while (true) {
            p = skipQuotedWords(b, p, end, '\'');
            if (p >= end) {
                return -1;
            }
            int c = b[p];
            if (c == '\'') {
                return p + 1;
            }
            if (c == '\\') {
                if (p + 1 >= end || SINGLE_QUOTED_BYTES[b[p + 1] & 0xFF] && b[p + 1] != '\'' && b[p + 1] != '\\') {
                    return -1;
                }
                p += 2;
            } else if (SINGLE_QUOTED_BYTES[c & 0xFF]) {
                return -1;
            } else {
                p++;
            }
        }
    }

    /**
     * The index of the first byte from p that needs a look in this context, or limit; newlines on the way are
     * counted and a NUL byte is refused.
     */
    private int skipPlainBytes(int from, boolean[] special) throws ScriptFormatException {
        final byte[] b = in.buf;
        final int end = in.limit;
        int p = from;
        while (p < end) {
            int c = b[p] & 0xFF;
            if (!special[c]) {
                p++;
            } else if (c == '\n') {
                newLine();
                p++;
            } else if (c == 0) {
                in.pos = p;
                throw binaryData(0, line);
            } else {
                return p;
            }
        }
        return p;
    }

    /** A byte of {@link #CODE_BYTES} at {@code pos}, in the order the client tests them. */
    private boolean onCodeByte(int c) throws IOException {
        if (c == '\\') {
            return onBackslash();
        }
        if (c == commands.delimiterFirst && commands.delimiterAt(in)) {
            return endStatement(commands.delimiter.length);
        }
        switch (c) {
            case '\r' -> onCarriageReturn();
            case '#' -> startLineComment();
            case '-' -> onDash();
            case '/' -> onSlash();
            case '*' -> {
                in.ensure(2);
                if (executableCommentOnLine && in.pos + 1 < in.limit && in.buf[in.pos + 1] == '/') {
                    executableCommentOnLine = false;
                }
                keep(1);
            }
            case '\'' -> openQuote(Context.SINGLE_QUOTED);
            case '"' -> openQuote(Context.DOUBLE_QUOTED);
            case '`' -> openQuote(Context.BACKTICKED);
            case '(' -> {
                keep(0);
                tuples.open(in.pos++);
            }
            case ')' -> {
                keep(0);
                tuples.close(in.pos++);
            }
            default -> {
                if (c < 0x20) {
                    throw binaryData(c, line);
                }
                keep(1);
            }
        }
        return false;
    }

    /** Outside quotes a backslash starts one of the client's own commands, such as {@code \g} or {@code \-}. */
    private boolean onBackslash() throws IOException {
        switch (commands.backslash(in, line)) {
            case LINE_CONTINUED -> drop(1);
            case NONE -> keep(2);
            case GO -> {
                return endStatement(2);
            }
            case CLEAR -> {
                in.pos += 2;
                statement.reset();
            }
            case SANDBOX -> drop(2);
            case QUIT -> { }
        }
        return false;
    }

    private void onCarriageReturn() throws IOException {
        in.ensure(2);
        if (in.pos + 1 < in.limit && in.buf[in.pos + 1] == '\n') {
            drop(1);
        } else {
            keep(1);
        }
    }

    /** {@code --} starts a comment when a blank or the line's end follows, or anywhere before a statement. */
    private void onDash() throws IOException {
        in.ensure(3);
        if (in.pos + 1 < in.limit && in.buf[in.pos + 1] == '-'
                && (!statement.started || in.pos + 2 >= in.limit || ScriptBuffer.isBlank(in.buf[in.pos + 2]))) {
            startLineComment();
        } else {
            keep(1);
        }
    }

    private void onSlash() throws IOException {
        in.ensure(4);
        if (in.pos + 1 >= in.limit || in.buf[in.pos + 1] != '*') {
            keep(1);
            return;
        }
        int third = in.pos + 2 < in.limit ? in.buf[in.pos + 2] : -1;
        if (third == '!') {
            executableCommentOnLine = true;
            keep(1);
        } else if (third == 'M' && in.pos + 3 < in.limit && in.buf[in.pos + 3] == '!') {
            keep(1);
        } else {
            keepRun(in.pos);
            openedLine = line;
            context = Context.BLOCK_COMMENT;
            in.pos += 2;
        }
    }

    private void startLineComment() throws ScriptFormatException {
        keepRun(in.pos);
        context = Context.LINE_COMMENT;
        in.pos++;
    }

    private void openQuote(Context quoted) throws IOException {
        keep(0);
        openedLine = line;
        context = quoted;
        in.pos++;
    }

    private boolean scanQuoted(int quote, boolean[] special) throws IOException {
        while (nextQuotedSpecialByte(quote, special)) {
            final byte[] b = in.buf;
            final int p = in.pos;
            int next = p + 1 < in.limit ? b[p + 1] : -1;
            if (b[p] == quote) {
                in.pos = p + 1;
                context = Context.CODE;
                return false;
            }
            if (b[p] == '\r') {
                if (next == '\n') {
                    keepRun(p);
                    statement.runStart = p + 1;
                }
                in.pos = p + 1;
            } else if (next == '\n' || (next == '\r' && p + 2 < in.limit && b[p + 2] == '\n')) {
                // the client reads line by line and drops a backslash that ends one
                keepRun(p);
                statement.runStart = p + 1;
                in.pos = p + 1;
            } else if (next == 0) {
                in.pos = p + 1;
                throw binaryData(0, line);
            } else {
                in.pos = Math.min(in.limit, p + 2);
            }
        }
        return false;
    }

    private boolean scanBlockComment() throws IOException {
        while (nextSpecialByte(BLOCK_COMMENT_BYTES, 3)) {
            final byte[] b = in.buf;
            final int p = in.pos;
            int next = p + 1 < in.limit ? b[p + 1] : -1;
            if (b[p] == '*') {
                if (next == '/' && !executableCommentOnLine) {
                    in.pos = p + 2;
                    closeBlockComment();
                    return false;
                }
                executableCommentOnLine &= next != '/';
                in.pos = p + 1;
            } else if (next != '*') {
                in.pos = p + 1;
            } else if (p + 2 < in.limit && b[p + 2] == '!') {
                executableCommentOnLine = true;
                in.pos = p + 1;
            } else {
                in.pos = p + 3 < in.limit && b[p + 2] == 'M' && b[p + 3] == '!' ? p + 1 : p + 2;
            }
        }
        return false;
    }

    /**
     * Moves to the next byte that needs a look in this context, with {@code lookahead} bytes after it in the buffer
     * unless the script ends first; false when the buffer is used up.
     */
    private boolean nextSpecialByte(boolean[] special, int lookahead) throws IOException {
        in.pos = skipPlainBytes(in.pos, special);
        if (in.pos >= in.limit) {
            return false;
        }
        in.ensure(lookahead + 1);
        return true;
    }

    /** {@link #nextSpecialByte} in a quoted string, where most bytes are plain: eight bytes looked at at once. */
    private boolean nextQuotedSpecialByte(int quote, boolean[] special) throws IOException {
        final byte[] b = in.buf;
        final int end = in.limit;
        int p = in.pos;
        while ((p = skipQuotedWords(b, p, end, quote)) + Long.BYTES <= end) {
            int c = b[p] & 0xFF;
            if (c == '\n') {
                newLine();
            } else if (special[c]) {
                break; // looked at below, as one byte at a time would
            }
            p++;
        }
        in.pos = p;
        return nextSpecialByte(special, 2);
    }

    /**
     * Moves past the eight-byte words of {@code b[p, end)} that hold none of the bytes a quoted string may need a look
     * at (its quote, a backslash, control bytes up to a carriage return): to the first such byte, or to where fewer
     * than eight bytes are left, which the caller looks at one at a time.
     */
    private static int skipQuotedWords(byte[] b, int p, int end, int quote) {
        while (p + Long.BYTES <= end) {
            long word = ByteWords.at(b, p);
            long found = ByteWords.equalTo(word, quote) | ByteWords.equalTo(word, '\\')
                    | ByteWords.below(word, '\r' + 1);
            if (found != 0) {
                return p + ByteWords.firstFound(found);
            }
            p += Long.BYTES;
        }
        return p;
    }

    /** The client puts a space where a comment was when something follows on its line. */
    private void closeBlockComment() throws IOException {
        context = Context.CODE;
        statement.runStart = in.pos;
        in.ensure(1);
        if (statement.started && in.pos < in.limit && !ScriptBuffer.isBlank(in.buf[in.pos])) {
            statement.appendByte(' ');
        }
    }

    private boolean scanLineComment() throws ScriptFormatException {
        final byte[] b = in.buf;
        final int end = in.limit;
        for (int p = in.pos; p < end; p++) {
            byte c = b[p];
            if (c == '\n') {
                in.pos = p;
                statement.runStart = p;
                context = Context.CODE;
                return false;
            }
            if (c == 0) {
                in.pos = p;
                throw binaryData(0, line);
            }
        }
        in.pos = end;
        return false;
    }

    // ---- statements

    private void beginStatement() throws IOException {
        if (!sqlChecked) {
            in.checkLooksLikeSql(line);
            sqlChecked = true;
        }
        statement.begin(line);
    }

    /** Makes the statement start here if it has not yet, then takes n bytes into it. */
    private void keep(int n) throws IOException {
        if (!statement.started) {
            beginStatement();
        }
        in.pos += n;
    }

    /** Leaves n bytes out of the statement. */
    private void drop(int n) throws ScriptFormatException {
        keepRun(in.pos);
        in.pos += n;
        statement.runStart = in.pos;
    }

    /** Ends the statement before its delimiter of delimiterLength bytes; false for an empty statement. */
    private boolean endStatement(int delimiterLength) {
        int end = in.pos;
        in.pos += delimiterLength;
        statement.end(end, in.pos);
        atLineStart = false;
        if (!statement.started) {
            statement.runStart = in.pos;
        }
        return statement.started;
    }

    /** Copies the statement's text between runStart and p out of the buffer. */
    private void keepRun(int p) throws ScriptFormatException {
        if (p > statement.runStart && statement.started && context != Context.BLOCK_COMMENT
                && context != Context.LINE_COMMENT) {
            statement.copy(p);
        }
        statement.runStart = p;
    }

    /** The buffer is about to let the bytes before {@code leaving} go: the statement keeps its own. */
    private void beforeShift(int leaving) throws ScriptFormatException {
        keepRun(leaving);
        statement.runStart = 0;
    }

    // ---- small helpers

    private void newLine() {
        line++;
        executableCommentOnLine = false;
    }

    private static boolean[] bytes(String chars) {
        boolean[] table = new boolean[256];
        for (char c : chars.toCharArray()) {
            table[c] = true;
        }
        return table;
    }

    static ScriptFormatException binaryData(int c, long line) {
        return new ScriptFormatException(Reason.BINARY_DATA, line, c == 0
                ? "NUL byte: this is binary data, not an SQL script"
                : String.format("control character 0x%02X outside a string: this is not an SQL script", c));
    }

    private ScriptFormatException tooLong() {
        String detail = "statement starting here is longer than " + maxStatementBytes + " bytes";
        if (maxStatementBytes < 1 << 30 && maxStatementBytes == DEFAULT_MAX_STATEMENT_BYTES) {
            detail += " (a quarter of this process's memory: a larger -Xmx reads longer ones)";
        }
        if (context == Context.SINGLE_QUOTED || context == Context.DOUBLE_QUOTED || context == Context.BACKTICKED) {
            detail += "; is the string opened at line " + openedLine + " ever closed?";
        }
        return new ScriptFormatException(Reason.STATEMENT_TOO_LONG, statement.startLine, detail);
    }
}
