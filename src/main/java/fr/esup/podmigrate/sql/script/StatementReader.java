package fr.esup.podmigrate.sql.script;

import fr.esup.podmigrate.sql.script.ScriptFormatException.Reason;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.IntUnaryOperator;

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
 */
public final class StatementReader implements AutoCloseable {

    /** The longest statement read by default: the largest packet a MariaDB server accepts. */
    public static final int DEFAULT_MAX_STATEMENT_BYTES = 1 << 30;

    private static final int BUFFER_BYTES = 1 << 20;
    private static final int INITIAL_TEXT_BYTES = 64 << 10;
    /** A statement buffer grown larger than this is let go after its statement: a huge INSERT is rare. */
    private static final int RETAINED_TEXT_BYTES = 16 << 20;
    private static final int MAX_DELIMITER_BYTES = 15;
    private static final byte[] SANDBOX_MARK = "999999\\-".getBytes(StandardCharsets.US_ASCII);

    /** First words of the statements a script can start with: anything else is not an SQL script. */
    private static final Set<String> STATEMENT_KEYWORDS = Set.of("ALTER", "ANALYZE", "BACKUP", "BEGIN", "BINLOG",
            "CALL", "CHANGE", "CHECK", "CHECKSUM", "COMMIT", "CREATE", "DEALLOCATE", "DECLARE", "DELETE", "DESC",
            "DESCRIBE", "DO", "DROP", "EXECUTE", "EXPLAIN", "FLUSH", "GET", "GRANT", "HANDLER", "HELP", "INSERT",
            "INSTALL", "KILL", "LOAD", "LOCK", "OPTIMIZE", "PREPARE", "PURGE", "RELEASE", "RENAME", "REPAIR",
            "REPLACE", "RESET", "RESIGNAL", "REVOKE", "ROLLBACK", "SAVEPOINT", "SELECT", "SET", "SHOW", "SHUTDOWN",
            "SIGNAL", "START", "STOP", "TABLE", "TRUNCATE", "UNINSTALL", "UNLOCK", "UPDATE", "USE", "VALUES",
            "WITH", "XA");

    private enum Context { CODE, SINGLE_QUOTED, DOUBLE_QUOTED, BACKTICKED, BLOCK_COMMENT, LINE_COMMENT }

    private enum LineCommand { NONE, RUN, STATEMENT }

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
    private final InputStream script;
    private final ScriptCompression compression;
    private final long totalBytes;
    private final int maxStatementBytes;

    private final byte[] buf = new byte[BUFFER_BYTES];
    private int pos;
    private int limit;
    /** Offset in the script of {@code buf[0]}. */
    private long bufferOffset;
    private boolean eof;
    private boolean quit;

    private Context context = Context.CODE;
    private long line = 1;
    /** Line where the open string or comment started. */
    private long openedLine;
    private boolean atLineStart = true;
    /** The client's mark of a {@code /*!} seen on this line and not yet closed: it keeps a comment from ending. */
    private boolean executableCommentOnLine;
    private byte[] delimiter;
    private int delimiterFirst;
    private boolean[] codeBytes;
    private boolean sqlChecked;
    private int sandboxCommands;
    private ClientCharsetSession charsets = ClientCharsetSession.INITIAL;
    private final List<ScriptAnalysis.ScriptLine> undecodableCharsets = new ArrayList<>();

    private boolean started;
    private long startLine;
    private long startOffset;
    private long endOffset;
    /** Where the statement's text ends in the buffer once its delimiter is found. */
    private int statementEnd;
    /** {@code buf[runStart, pos)} belongs to the statement and is not yet copied to {@code text}. */
    private int runStart;
    private byte[] text = new byte[INITIAL_TEXT_BYTES];
    private int textLength;

    /**
     * Parentheses outside quotes: tuples of an INSERT are counted while reading, as runs of (...),(...) groups; each
     * run is {@value #RUN_FIELDS} ints: where it starts, its groups, where it ends, whether a group holds another.
     */
    private int depth;
    private int lastGroupEnd;
    private static final int RUN_FIELDS = 4;
    private int[] groupRuns = new int[2 * RUN_FIELDS];
    private int groupRunCount;

    private StatementReader(CountingInputStream source, InputStream script, ScriptCompression compression, long totalBytes,
                            int maxStatementBytes) {
        if (maxStatementBytes <= 0) {
            throw new IllegalArgumentException("maxStatementBytes must be positive: " + maxStatementBytes);
        }
        this.source = source;
        this.script = script;
        this.compression = compression;
        this.totalBytes = totalBytes;
        this.maxStatementBytes = maxStatementBytes;
        setDelimiter(new byte[] {';'});
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
        InputStream in = Files.newInputStream(script);
        try {
            in.skipNBytes(at.offset());
            StatementReader reader = new StatementReader(new CountingInputStream(in), in, ScriptCompression.NONE, Files.size(script),
                    DEFAULT_MAX_STATEMENT_BYTES);
            reader.bufferOffset = at.offset();
            reader.line = at.line();
            reader.atLineStart = at.atLineStart();
            reader.setDelimiter(at.delimiter());
            reader.charsets = at.charsets();
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
        reader.skipByteOrderMark();
        return reader;
    }

    /** The next statement, or null at the end of the script. */
    public SqlStatement next() throws IOException {
        while (!quit && scanStatement()) {
            SqlStatement statement = finishStatement();
            if (statement != null) {
                return statement;
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
        return bufferOffset + pos;
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
        if (compression.compressed() || quit || context != Context.CODE || executableCommentOnLine) {
            return null;
        }
        return new Position(bufferOffset + pos, line, delimiter.clone(), atLineStart, charsets);
    }

    /** A place between two statements of a plain script, with what the reader knew there. */
    public record Position(long offset, long line, byte[] delimiter, boolean atLineStart, ClientCharsetSession charsets) {
    }

    /** How many times the script turned the client's sandbox mode on (the first line of a recent mariadb-dump). */
    public int sandboxCommands() {
        return sandboxCommands;
    }

    /**
     * The SETs that made the client charset one this reader cannot decode, so that it read the statements after them
     * as UTF-8 (the first {@value ScriptAnalysis#MAX_LISTED}).
     */
    List<ScriptAnalysis.ScriptLine> undecodableCharsets() {
        return List.copyOf(undecodableCharsets);
    }

    @Override
    public void close() throws IOException {
        script.close();
    }

    // ---- scanning

    /** Reads up to the end of a statement; false at the end of the script. */
    private boolean scanStatement() throws IOException {
        while (!quit) {
            if (pos >= limit && !fill()) {
                return endOfScript();
            }
            boolean ended = switch (context) {
                case CODE -> started ? scanCode() : scanBlanks();
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
                runStart = limit;
            }
            default -> { }
        }
        if (!started) {
            return false;
        }
        statementEnd = limit;
        endOffset = bufferOffset + limit;
        return true;
    }

    /** Before a statement's first character: blank lines, comments, client commands. */
    private boolean scanBlanks() throws IOException {
        while (pos < limit) {
            runStart = pos;
            int c = buf[pos] & 0xFF;
            if (c == '\n') {
                newLine();
                atLineStart = true;
                pos++;
            } else if (c == ' ' || (c >= '\t' && c <= '\r')) {
                pos++;
            } else {
                if (atLineStart) {
                    atLineStart = false;
                    LineCommand command = clientCommandLine();
                    if (command != LineCommand.NONE) {
                        return command == LineCommand.STATEMENT;
                    }
                }
                if (codeBytes[c]) {
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
        int p = pos;
        while (true) {
            p = skipPlainBytes(p, codeBytes);
            if (p >= limit) {
                pos = p;
                return false;
            }
            int c = buf[p] & 0xFF;
            if (c == delimiterFirst || (c != '(' && c != ')')) {
                pos = p;
                return onCodeByte(c);
            }
            if (c == '(') {
                openGroup(p);
            } else {
                closeGroup(p);
            }
            p++;
        }
    }

    /**
     * The index of the first byte from p that needs a look in this context, or limit; newlines on the way are
     * counted and a NUL byte is refused.
     */
    private int skipPlainBytes(int from, boolean[] special) throws ScriptFormatException {
        final byte[] b = buf;
        final int end = limit;
        int p = from;
        while (p < end) {
            int c = b[p] & 0xFF;
            if (!special[c]) {
                p++;
            } else if (c == '\n') {
                newLine();
                p++;
            } else if (c == 0) {
                pos = p;
                throw binaryData(0);
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
        if (c == delimiterFirst && delimiterAtPos()) {
            return endStatement(delimiter.length);
        }
        switch (c) {
            case '\r' -> onCarriageReturn();
            case '#' -> startLineComment();
            case '-' -> onDash();
            case '/' -> onSlash();
            case '*' -> {
                ensure(2);
                if (executableCommentOnLine && pos + 1 < limit && buf[pos + 1] == '/') {
                    executableCommentOnLine = false;
                }
                keep(1);
            }
            case '\'' -> openQuote(Context.SINGLE_QUOTED);
            case '"' -> openQuote(Context.DOUBLE_QUOTED);
            case '`' -> openQuote(Context.BACKTICKED);
            case '(' -> {
                keep(0);
                openGroup(pos++);
            }
            case ')' -> {
                keep(0);
                closeGroup(pos++);
            }
            default -> {
                if (c < 0x20) {
                    throw binaryData(c);
                }
                keep(1);
            }
        }
        return false;
    }

    /** Outside quotes a backslash starts one of the client's own commands, such as {@code \g} or {@code \-}. */
    private boolean onBackslash() throws IOException {
        ensure(3);
        int next = pos + 1 < limit ? buf[pos + 1] & 0xFF : '\n';
        if (next == '\r' && pos + 2 < limit && buf[pos + 2] == '\n') {
            next = '\n';
        }
        if (next == '\n') {
            drop(1);
            return false;
        }
        if (next == 0) {
            pos++;
            throw binaryData(0);
        }
        ClientCommand command = next == 'N' ? null : ClientCommand.shortcut(next);
        if (command == null) {
            keep(2);
            return false;
        }
        switch (command) {
            case GO, EGO -> {
                return endStatement(2);
            }
            case CLEAR -> {
                pos += 2;
                resetStatement();
            }
            case SANDBOX -> {
                sandboxCommands++;
                drop(2);
            }
            default -> {
                if (!command.quits()) {
                    throw unsupported(command, line);
                }
                quit = true;
            }
        }
        return false;
    }

    private void onCarriageReturn() throws IOException {
        ensure(2);
        if (pos + 1 < limit && buf[pos + 1] == '\n') {
            drop(1);
        } else {
            keep(1);
        }
    }

    /** {@code --} starts a comment when a blank or the line's end follows, or anywhere before a statement. */
    private void onDash() throws IOException {
        ensure(3);
        if (pos + 1 < limit && buf[pos + 1] == '-' && (!started || pos + 2 >= limit || isBlank(buf[pos + 2]))) {
            startLineComment();
        } else {
            keep(1);
        }
    }

    private void onSlash() throws IOException {
        ensure(4);
        if (pos + 1 >= limit || buf[pos + 1] != '*') {
            keep(1);
            return;
        }
        int third = pos + 2 < limit ? buf[pos + 2] : -1;
        if (third == '!') {
            executableCommentOnLine = true;
            keep(1);
        } else if (third == 'M' && pos + 3 < limit && buf[pos + 3] == '!') {
            keep(1);
        } else {
            keepRun(pos);
            openedLine = line;
            context = Context.BLOCK_COMMENT;
            pos += 2;
        }
    }

    private void startLineComment() throws ScriptFormatException {
        keepRun(pos);
        context = Context.LINE_COMMENT;
        pos++;
    }

    private void openQuote(Context quoted) throws IOException {
        keep(0);
        openedLine = line;
        context = quoted;
        pos++;
    }

    private boolean scanQuoted(int quote, boolean[] special) throws IOException {
        while (nextSpecialByte(special, 2)) {
            final byte[] b = buf;
            final int p = pos;
            int next = p + 1 < limit ? b[p + 1] : -1;
            if (b[p] == quote) {
                pos = p + 1;
                context = Context.CODE;
                return false;
            }
            if (b[p] == '\r') {
                if (next == '\n') {
                    keepRun(p);
                    runStart = p + 1;
                }
                pos = p + 1;
            } else if (next == '\n' || (next == '\r' && p + 2 < limit && b[p + 2] == '\n')) {
                // the client reads line by line and drops a backslash that ends one
                keepRun(p);
                runStart = p + 1;
                pos = p + 1;
            } else if (next == 0) {
                pos = p + 1;
                throw binaryData(0);
            } else {
                pos = Math.min(limit, p + 2);
            }
        }
        return false;
    }

    private boolean scanBlockComment() throws IOException {
        while (nextSpecialByte(BLOCK_COMMENT_BYTES, 3)) {
            final byte[] b = buf;
            final int p = pos;
            int next = p + 1 < limit ? b[p + 1] : -1;
            if (b[p] == '*') {
                if (next == '/' && !executableCommentOnLine) {
                    pos = p + 2;
                    closeBlockComment();
                    return false;
                }
                executableCommentOnLine &= next != '/';
                pos = p + 1;
            } else if (next != '*') {
                pos = p + 1;
            } else if (p + 2 < limit && b[p + 2] == '!') {
                executableCommentOnLine = true;
                pos = p + 1;
            } else {
                pos = p + 3 < limit && b[p + 2] == 'M' && b[p + 3] == '!' ? p + 1 : p + 2;
            }
        }
        return false;
    }

    /**
     * Moves to the next byte that needs a look in this context, with {@code lookahead} bytes after it in the buffer
     * unless the script ends first; false when the buffer is used up.
     */
    private boolean nextSpecialByte(boolean[] special, int lookahead) throws IOException {
        pos = skipPlainBytes(pos, special);
        if (pos >= limit) {
            return false;
        }
        ensure(lookahead + 1);
        return true;
    }

    /** The client puts a space where a comment was when something follows on its line. */
    private void closeBlockComment() throws IOException {
        context = Context.CODE;
        runStart = pos;
        ensure(1);
        if (started && pos < limit && !isBlank(buf[pos])) {
            appendByte(' ');
        }
    }

    private boolean scanLineComment() throws ScriptFormatException {
        final byte[] b = buf;
        final int end = limit;
        for (int p = pos; p < end; p++) {
            byte c = b[p];
            if (c == '\n') {
                pos = p;
                runStart = p;
                context = Context.CODE;
                return false;
            }
            if (c == 0) {
                pos = p;
                throw binaryData(0);
            }
        }
        pos = end;
        return false;
    }

    // ---- the client's own commands

    /**
     * A line that starts with a client command (DELIMITER, USE...) is run by the client without a delimiter, unless
     * the line also holds the delimiter; the sandbox line of mariadb-dump is one too.
     */
    private LineCommand clientCommandLine() throws IOException {
        ensure(SANDBOX_MARK.length + 4);
        if (buf[pos] == '/') {
            return sandboxLine() ? LineCommand.RUN : LineCommand.NONE;
        }
        int wordLength = 0;
        while (pos + wordLength < limit && !isWordEnd(buf[pos + wordLength])
                && wordLength <= ClientCommand.LONGEST_NAME) {
            wordLength++;
        }
        ClientCommand command = ClientCommand.named(buf, pos, wordLength);
        if (command == null) {
            return LineCommand.NONE;
        }
        int lineEnd = lineEnd();
        if (lineEnd < 0) {
            return LineCommand.NONE;
        }
        int contentEnd = lineEnd < limit && lineEnd > pos && buf[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
        if (contains(pos, contentEnd, new byte[] {'\\', 'g'})
                || (command != ClientCommand.DELIMITER && contains(pos, contentEnd, delimiter))) {
            return LineCommand.NONE;
        }
        int argument = pos + wordLength;
        while (argument < contentEnd && isBlank(buf[argument])) {
            argument++;
        }
        if (argument < contentEnd && !command.takesArguments()) {
            return LineCommand.NONE;
        }
        for (int i = pos; i < contentEnd; i++) {
            if (buf[i] == 0) {
                throw binaryData(0);
            }
        }
        if (command == ClientCommand.USE) {
            int length = contentEnd - pos;
            beginStatement();
            pos += length;
            endStatement(0);
            return LineCommand.STATEMENT;
        }
        runCommand(command, buf, argument, contentEnd, line);
        pos = contentEnd;
        return LineCommand.RUN;
    }

    /** {@code /*!999999\- enable the sandbox mode *&#47;} alone on its line, M! or not. */
    private boolean sandboxLine() throws IOException {
        if (limit - pos < SANDBOX_MARK.length + 4) {
            return false;
        }
        int mark = buf[pos + 2] == 'M' ? 3 : 2;
        if (buf[pos + 1] != '*' || buf[pos + mark] != '!' || !startsWith(pos + mark + 1, SANDBOX_MARK)) {
            return false;
        }
        int lineEnd = lineEnd();
        if (lineEnd < 0) {
            return false;
        }
        int contentEnd = lineEnd;
        while (contentEnd > pos && isBlank(buf[contentEnd - 1])) {
            contentEnd--;
        }
        if (contentEnd - pos < 4 || buf[contentEnd - 2] != '*' || buf[contentEnd - 1] != '/') {
            return false;
        }
        sandboxCommands++;
        pos = lineEnd;
        return true;
    }

    private void runCommand(ClientCommand command, byte[] bytes, int argument, int end, long commandLine)
            throws ScriptFormatException {
        switch (command) {
            case DELIMITER -> setDelimiter(delimiterArgument(bytes, argument, end, commandLine));
            case SANDBOX -> sandboxCommands++;
            default -> {
                if (!command.quits()) {
                    throw unsupported(command, commandLine);
                }
                quit = true;
            }
        }
    }

    /** The client takes a quoted delimiter up to its closing quote, any other up to a space (a tab is kept). */
    private static byte[] delimiterArgument(byte[] bytes, int from, int end, long commandLine)
            throws ScriptFormatException {
        int start = from;
        byte quote = 0;
        if (start < end && (bytes[start] == '\'' || bytes[start] == '"' || bytes[start] == '`')) {
            quote = bytes[start++];
        }
        int stop = start;
        while (stop < end && bytes[stop] != (quote == 0 ? ' ' : quote)) {
            stop++;
        }
        byte[] delimiter = Arrays.copyOfRange(bytes, start, Math.min(stop, start + MAX_DELIMITER_BYTES));
        if (delimiter.length == 0) {
            throw new ScriptFormatException(Reason.BAD_DELIMITER, commandLine,
                    "DELIMITER must be followed by a delimiter");
        }
        for (byte b : delimiter) {
            if (b == '\\') {
                throw new ScriptFormatException(Reason.BAD_DELIMITER, commandLine,
                        "a DELIMITER cannot contain a backslash");
            }
        }
        return delimiter;
    }

    private void setDelimiter(byte[] newDelimiter) {
        delimiter = newDelimiter;
        delimiterFirst = newDelimiter[0] & 0xFF;
        codeBytes = CODE_BYTES.clone();
        codeBytes[delimiterFirst] = true;
    }

    // ---- statements

    private void beginStatement() throws IOException {
        if (!sqlChecked) {
            checkLooksLikeSql();
            sqlChecked = true;
        }
        started = true;
        startLine = line;
        startOffset = bufferOffset + pos;
        runStart = pos;
    }

    /** Makes the statement start here if it has not yet, then takes n bytes into it. */
    private void keep(int n) throws IOException {
        if (!started) {
            beginStatement();
        }
        pos += n;
    }

    /** Leaves n bytes out of the statement. */
    private void drop(int n) throws ScriptFormatException {
        keepRun(pos);
        pos += n;
        runStart = pos;
    }

    /** Ends the statement before its delimiter of delimiterLength bytes; false for an empty statement. */
    private boolean endStatement(int delimiterLength) {
        statementEnd = pos;
        pos += delimiterLength;
        endOffset = bufferOffset + pos;
        atLineStart = false;
        if (!started) {
            runStart = pos;
        }
        return started;
    }

    private SqlStatement finishStatement() throws IOException {
        byte[] bytes = buf;
        int from = runStart;
        int length = statementEnd - runStart;
        if (textLength > 0) {
            keepRun(statementEnd);
            bytes = text;
            from = 0;
            length = textLength;
        }
        while (length > 0 && isBlank(bytes[from + length - 1])) {
            length--;
        }
        if (length > maxStatementBytes) {
            throw tooLong();
        }
        SqlStatement statement = length == 0 ? null : toStatement(bytes, from, length);
        resetStatement();
        return statement;
    }

    private SqlStatement toStatement(byte[] bytes, int from, int length) throws ScriptFormatException {
        int wordLength = 0;
        while (wordLength < length && bytes[from + wordLength] != ' ' && bytes[from + wordLength] != '\t'
                && wordLength <= ClientCommand.LONGEST_NAME) {
            wordLength++;
        }
        ClientCommand command = ClientCommand.named(bytes, from, wordLength);
        if (command != null && command != ClientCommand.USE && (wordLength == length || command.takesArguments())) {
            int argument = from + wordLength;
            while (argument < from + length && isBlank(bytes[argument])) {
                argument++;
            }
            runCommand(command, bytes, argument, from + length, startLine);
            return null;
        }
        ClientCharset charset = charsets.charset();
        if (charset.singleByte() && ClientCharset.hasHighByte(bytes, from, length)) {
            return toSingleByteStatement(charset, bytes, from, length);
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
                scriptLength, false);
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
                length, doubleEncoded);
    }

    /**
     * @param scriptOffset what an offset in {@code utf8} (from {@code from}) is in the script's statement
     * @param tailChars    the characters of {@code sql} that the script's last bytes, so many, stand for
     * @param scriptLength the statement's length in the script
     */
    private SqlStatement statement(String sql, byte[] utf8, int from, int length, IntUnaryOperator scriptOffset,
                                   IntUnaryOperator tailChars, int scriptLength, boolean doubleEncoded) {
        StatementHead head = StatementHead.read(utf8, from, length, offset -> tuplesFrom(scriptOffset.applyAsInt(offset)));
        int valuesOffset = head.valuesStart() < 0 ? -1 : utf16Length(utf8, from, head.valuesStart());
        int run = head.valuesStart() < 0 ? -1 : runFrom(scriptOffset.applyAsInt(head.valuesStart()));
        int valuesEnd = -1;
        if (run >= 0) {
            // counted from the statement's end: hex literals written for binary bytes lengthen the tuples
            valuesEnd = sql.length() - tailChars.applyAsInt(scriptLength - groupRuns[run + 2]);
        }
        if (head.kind() == StatementKind.SET) {
            followCharset(sql);
        }
        return new SqlStatement(sql, startLine, startOffset, endOffset, head.kind(), head.schema(), head.table(),
                head.ignore(), head.columns(), head.rowCount(), valuesOffset, valuesEnd,
                run >= 0 && groupRuns[run + 3] == 1, doubleEncoded);
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

    private void resetStatement() {
        started = false;
        textLength = 0;
        if (text.length > RETAINED_TEXT_BYTES) {
            text = new byte[INITIAL_TEXT_BYTES];
        }
        depth = 0;
        groupRunCount = 0;
        runStart = pos;
    }

    /** A script that starts with anything but an SQL keyword is refused before it is read through. */
    private void checkLooksLikeSql() throws IOException {
        ensure(64);
        int p = pos;
        if (p + 2 < limit && buf[p] == '/' && buf[p + 1] == '*') {
            p += buf[p + 2] == 'M' ? 3 : 2;
            p++;
            while (p < limit && (Character.isDigit(buf[p]) || isBlank(buf[p]))) {
                p++;
            }
        }
        if (p < limit && buf[p] == '(') {
            return;
        }
        StringBuilder word = new StringBuilder();
        while (p < limit && word.length() <= 20 && Character.isLetter(buf[p])) {
            word.append((char) Character.toUpperCase(buf[p++]));
        }
        if (!STATEMENT_KEYWORDS.contains(word.toString())) {
            StringBuilder start = new StringBuilder();
            for (int i = pos; i < Math.min(limit, pos + 20); i++) {
                start.append(buf[i] >= 0x20 && buf[i] < 0x7F ? (char) buf[i] : '?');
            }
            throw new ScriptFormatException(Reason.NOT_SQL, line,
                    "this is not an SQL script: it starts with \"" + start + "\"");
        }
    }

    private ScriptFormatException notUtf8(byte[] bytes, int from, int invalidAt) {
        long invalidLine = startLine;
        for (int i = from; i < invalidAt; i++) {
            invalidLine += bytes[i] == '\n' ? 1 : 0;
        }
        return new ScriptFormatException(Reason.NOT_UTF8, invalidLine,
                "this is not UTF-8 text; convert the script to UTF-8 (e.g. with iconv) first");
    }

    // ---- INSERT tuples

    private void openGroup(int p) {
        if (depth++ > 0) {
            groupRuns[RUN_FIELDS * (groupRunCount - 1) + 3] = 1;
            return;
        }
        int at = textOffset(p);
        if (groupRunCount > 0 && onlyCommaBetween(lastGroupEnd, at)) {
            groupRuns[RUN_FIELDS * (groupRunCount - 1) + 1]++;
            return;
        }
        if (RUN_FIELDS * groupRunCount == groupRuns.length) {
            groupRuns = Arrays.copyOf(groupRuns, groupRuns.length * 2);
        }
        int run = RUN_FIELDS * groupRunCount;
        groupRuns[run] = at;
        groupRuns[run + 1] = 1;
        groupRuns[run + 2] = at;
        groupRuns[run + 3] = 0;
        groupRunCount++;
    }

    private void closeGroup(int p) {
        if (depth > 0 && --depth == 0) {
            lastGroupEnd = textOffset(p) + 1;
            groupRuns[RUN_FIELDS * (groupRunCount - 1) + 2] = lastGroupEnd;
        }
    }

    private boolean onlyCommaBetween(int from, int to) {
        int commas = 0;
        for (int i = from; i < to && commas <= 1; i++) {
            byte b = textByte(i);
            if (b == ',') {
                commas++;
            } else if (!isBlank(b)) {
                return false;
            }
        }
        return commas == 1;
    }

    /** Tuples in the run of groups starting at this offset of the statement. */
    private int tuplesFrom(int offset) {
        int run = runFrom(offset);
        return run < 0 ? 0 : groupRuns[run + 1];
    }

    /** The index in {@link #groupRuns} of the run starting at this offset of the statement, or -1. */
    private int runFrom(int offset) {
        for (int run = 0; run < RUN_FIELDS * groupRunCount; run += RUN_FIELDS) {
            if (groupRuns[run] == offset) {
                return run;
            }
        }
        return -1;
    }

    private int textOffset(int p) {
        return textLength + p - runStart;
    }

    private byte textByte(int offset) {
        return offset < textLength ? text[offset] : buf[runStart + offset - textLength];
    }

    // ---- buffer

    private void skipByteOrderMark() throws IOException {
        ensure(3);
        if (limit >= 3 && (buf[0] & 0xFF) == 0xEF && (buf[1] & 0xFF) == 0xBB && (buf[2] & 0xFF) == 0xBF) {
            pos = 3;
            runStart = 3;
        }
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        keepRun(limit);
        bufferOffset += limit;
        pos = 0;
        limit = 0;
        runStart = 0;
        while (limit == 0) {
            int n = read(0);
            if (n < 0) {
                eof = true;
                return false;
            }
            limit = n;
        }
        return true;
    }

    /** Makes n bytes from pos available in the buffer, unless the script ends first. */
    private void ensure(int n) throws IOException {
        if (limit - pos >= n || eof) {
            return;
        }
        keepRun(pos);
        int kept = limit - pos;
        System.arraycopy(buf, pos, buf, 0, kept);
        bufferOffset += pos;
        limit = kept;
        pos = 0;
        runStart = 0;
        while (limit < n) {
            int read = read(limit);
            if (read < 0) {
                eof = true;
                return;
            }
            limit += read;
        }
    }

    private int read(int at) throws IOException {
        try {
            return script.read(buf, at, buf.length - at);
        } catch (IOException e) {
            // The decompressor's errors: a file that ends or changes in the middle of its compressed data.
            if (!compression.compressed()) {
                throw e;
            }
            throw compression.damaged(line, e);
        }
    }

    /** Index of the newline ending the line at pos, or limit at the end of the script; -1 if it overflows the buffer. */
    private int lineEnd() throws IOException {
        int scanned = 0;
        while (true) {
            for (int i = pos + scanned; i < limit; i++) {
                if (buf[i] == '\n') {
                    return i;
                }
            }
            if (eof) {
                return limit;
            }
            if (limit - pos == buf.length) {
                return -1;
            }
            scanned = limit - pos;
            ensure(scanned + 1);
        }
    }

    /** Copies the statement's text between runStart and p out of the buffer. */
    private void keepRun(int p) throws ScriptFormatException {
        if (p > runStart && started && context != Context.BLOCK_COMMENT && context != Context.LINE_COMMENT) {
            append(p);
        }
        runStart = p;
    }

    private void append(int p) throws ScriptFormatException {
        int n = p - runStart;
        grow(n);
        System.arraycopy(buf, runStart, text, textLength, n);
        textLength += n;
    }

    private void appendByte(char c) throws ScriptFormatException {
        grow(1);
        text[textLength++] = (byte) c;
    }

    private void grow(int n) throws ScriptFormatException {
        long needed = (long) textLength + n;
        if (needed > maxStatementBytes) {
            throw tooLong();
        }
        if (needed > text.length) {
            text = Arrays.copyOf(text, (int) Math.min(Math.max(2L * text.length, needed), Integer.MAX_VALUE - 8));
        }
    }

    // ---- small helpers

    private void newLine() {
        line++;
        executableCommentOnLine = false;
    }

    private boolean delimiterAtPos() throws IOException {
        if (delimiter.length == 1) {
            return true;
        }
        ensure(delimiter.length);
        return startsWith(pos, delimiter);
    }

    private boolean startsWith(int at, byte[] prefix) {
        if (at + prefix.length > limit) {
            return false;
        }
        return Arrays.equals(buf, at, at + prefix.length, prefix, 0, prefix.length);
    }

    private boolean contains(int from, int to, byte[] bytes) {
        for (int i = from; i + bytes.length <= to; i++) {
            if (Arrays.equals(buf, i, i + bytes.length, bytes, 0, bytes.length)) {
                return true;
            }
        }
        return false;
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

    private static boolean isBlank(byte b) {
        return b == ' ' || (b >= '\t' && b <= '\r');
    }

    private static boolean isWordEnd(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    private static boolean[] bytes(String chars) {
        boolean[] table = new boolean[256];
        for (char c : chars.toCharArray()) {
            table[c] = true;
        }
        return table;
    }

    private ScriptFormatException binaryData(int c) {
        return new ScriptFormatException(Reason.BINARY_DATA, line, c == 0
                ? "NUL byte: this is binary data, not an SQL script"
                : String.format("control character 0x%02X outside a string: this is not an SQL script", c));
    }

    private ScriptFormatException tooLong() {
        String detail = "statement starting here is longer than " + maxStatementBytes + " bytes";
        if (context == Context.SINGLE_QUOTED || context == Context.DOUBLE_QUOTED || context == Context.BACKTICKED) {
            detail += "; is the string opened at line " + openedLine + " ever closed?";
        }
        return new ScriptFormatException(Reason.STATEMENT_TOO_LONG, startLine, detail);
    }

    private static ScriptFormatException unsupported(ClientCommand command, long commandLine) {
        return new ScriptFormatException(Reason.CLIENT_COMMAND, commandLine,
                "the mariadb client command '" + command.commandName() + "' cannot be run by an import");
    }

}
