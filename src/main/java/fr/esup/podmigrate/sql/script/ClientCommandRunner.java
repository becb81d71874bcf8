package fr.esup.podmigrate.sql.script;

import fr.esup.podmigrate.sql.script.ScriptFormatException.Reason;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Runs the {@code mariadb} client's own commands as {@link StatementReader} meets them, and keeps what they set: the
 * delimiter, the sandbox mode's count, the end of the script a {@code quit} makes.
 */
final class ClientCommandRunner {

    /** What the command at a line's start was. */
    enum LineCommand { NONE, RUN, USE }

    /** What a backslash outside quotes is: a line continued, a shortcut command, or none. */
    enum Backslash { NONE, LINE_CONTINUED, GO, CLEAR, SANDBOX, QUIT }

    private static final int MAX_DELIMITER_BYTES = 15;
    private static final byte[] SANDBOX_MARK = "999999\\-".getBytes(StandardCharsets.US_ASCII);

    private final boolean[] plainCodeBytes;
    byte[] delimiter;
    int delimiterFirst;
    /** The bytes that need a look outside quotes and comments, the delimiter's first one included. */
    boolean[] codeBytes;
    int sandboxCommands;
    boolean quit;
    /** The length of the USE line {@link #atLineStart} found. */
    int useLineLength;

    ClientCommandRunner(boolean[] plainCodeBytes) {
        this.plainCodeBytes = plainCodeBytes;
        setDelimiter(new byte[] {';'});
    }

    void setDelimiter(byte[] newDelimiter) {
        delimiter = newDelimiter;
        delimiterFirst = newDelimiter[0] & 0xFF;
        codeBytes = plainCodeBytes.clone();
        codeBytes[delimiterFirst] = true;
    }

    /** Whether the delimiter starts at pos. */
    boolean delimiterAt(ScriptBuffer in) throws IOException {
        if (delimiter.length == 1) {
            return true;
        }
        in.ensure(delimiter.length);
        return in.startsWith(in.pos, delimiter);
    }

    /** The backslash at pos, as the client reads it; the sandbox mode is counted, quit stops the script. */
    Backslash backslash(ScriptBuffer in, long line) throws IOException {
        in.ensure(3);
        byte[] buf = in.buf;
        int pos = in.pos;
        int next = pos + 1 < in.limit ? buf[pos + 1] & 0xFF : '\n';
        if (next == '\r' && pos + 2 < in.limit && buf[pos + 2] == '\n') {
            next = '\n';
        }
        if (next == '\n') {
            return Backslash.LINE_CONTINUED;
        }
        if (next == 0) {
            in.pos++;
            throw StatementReader.binaryData(0, line);
        }
        ClientCommand command = next == 'N' ? null : ClientCommand.shortcut(next);
        if (command == null) {
            return Backslash.NONE;
        }
        switch (command) {
            case GO, EGO -> {
                return Backslash.GO;
            }
            case CLEAR -> {
                return Backslash.CLEAR;
            }
            case SANDBOX -> {
                sandboxCommands++;
                return Backslash.SANDBOX;
            }
            default -> {
                stopOrRefuse(command, line);
                return Backslash.QUIT;
            }
        }
    }

    /**
     * A line that starts with a client command (DELIMITER, USE...) is run by the client without a delimiter, unless
     * the line also holds the delimiter; the sandbox line of mariadb-dump is one too. A USE line is left to be read
     * as a statement of {@link #useLineLength} bytes.
     */
    LineCommand atLineStart(ScriptBuffer in, long line) throws IOException {
        in.ensure(SANDBOX_MARK.length + 4);
        byte[] buf = in.buf;
        int pos = in.pos;
        if (buf[pos] == '/') {
            return sandboxLine(in) ? LineCommand.RUN : LineCommand.NONE;
        }
        int wordLength = 0;
        while (pos + wordLength < in.limit && !isWordEnd(buf[pos + wordLength])
                && wordLength <= ClientCommand.LONGEST_NAME) {
            wordLength++;
        }
        ClientCommand command = ClientCommand.named(buf, pos, wordLength);
        if (command == null) {
            return LineCommand.NONE;
        }
        int lineEnd = in.lineEnd();
        if (lineEnd < 0) {
            return LineCommand.NONE;
        }
        pos = in.pos;
        int contentEnd = lineEnd < in.limit && lineEnd > pos && buf[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
        if (in.contains(pos, contentEnd, new byte[] {'\\', 'g'})
                || (command != ClientCommand.DELIMITER && in.contains(pos, contentEnd, delimiter))) {
            return LineCommand.NONE;
        }
        int argument = pos + wordLength;
        while (argument < contentEnd && ScriptBuffer.isBlank(buf[argument])) {
            argument++;
        }
        if (argument < contentEnd && !command.takesArguments()) {
            return LineCommand.NONE;
        }
        for (int i = pos; i < contentEnd; i++) {
            if (buf[i] == 0) {
                throw StatementReader.binaryData(0, line);
            }
        }
        if (command == ClientCommand.USE) {
            useLineLength = contentEnd - pos;
            return LineCommand.USE;
        }
        run(command, buf, argument, contentEnd, line);
        in.pos = contentEnd;
        return LineCommand.RUN;
    }

    /** {@code /*!999999\- enable the sandbox mode *&#47;} alone on its line, M! or not. */
    private boolean sandboxLine(ScriptBuffer in) throws IOException {
        byte[] buf = in.buf;
        int pos = in.pos;
        if (in.limit - pos < SANDBOX_MARK.length + 4) {
            return false;
        }
        int mark = buf[pos + 2] == 'M' ? 3 : 2;
        if (buf[pos + 1] != '*' || buf[pos + mark] != '!' || !in.startsWith(pos + mark + 1, SANDBOX_MARK)) {
            return false;
        }
        int lineEnd = in.lineEnd();
        if (lineEnd < 0) {
            return false;
        }
        pos = in.pos;
        int contentEnd = lineEnd;
        while (contentEnd > pos && ScriptBuffer.isBlank(buf[contentEnd - 1])) {
            contentEnd--;
        }
        if (contentEnd - pos < 4 || buf[contentEnd - 2] != '*' || buf[contentEnd - 1] != '/') {
            return false;
        }
        sandboxCommands++;
        in.pos = lineEnd;
        return true;
    }

    /**
     * Runs the statement in {@code bytes[from, from + length)} when it is a client command ended by the delimiter,
     * as {@code delimiter ;;} may be; whether it was one.
     */
    boolean runStatement(byte[] bytes, int from, int length, long line) throws ScriptFormatException {
        int wordLength = 0;
        while (wordLength < length && bytes[from + wordLength] != ' ' && bytes[from + wordLength] != '\t'
                && wordLength <= ClientCommand.LONGEST_NAME) {
            wordLength++;
        }
        ClientCommand command = ClientCommand.named(bytes, from, wordLength);
        if (command == null || command == ClientCommand.USE || (wordLength != length && !command.takesArguments())) {
            return false;
        }
        int argument = from + wordLength;
        while (argument < from + length && ScriptBuffer.isBlank(bytes[argument])) {
            argument++;
        }
        run(command, bytes, argument, from + length, line);
        return true;
    }

    private void run(ClientCommand command, byte[] bytes, int argument, int end, long line)
            throws ScriptFormatException {
        switch (command) {
            case DELIMITER -> setDelimiter(delimiterArgument(bytes, argument, end, line));
            case SANDBOX -> sandboxCommands++;
            default -> stopOrRefuse(command, line);
        }
    }

    /** A command the reader has no use for: quit ends the script, any other cannot be run by an import. */
    void stopOrRefuse(ClientCommand command, long line) throws ScriptFormatException {
        if (!command.quits()) {
            throw new ScriptFormatException(Reason.CLIENT_COMMAND, line,
                    "the mariadb client command '" + command.commandName() + "' cannot be run by an import");
        }
        quit = true;
    }

    /** The client takes a quoted delimiter up to its closing quote, any other up to a space (a tab is kept). */
    private static byte[] delimiterArgument(byte[] bytes, int from, int end, long line) throws ScriptFormatException {
        int start = from;
        byte quote = 0;
        if (start < end && (bytes[start] == '\'' || bytes[start] == '"' || bytes[start] == '`')) {
            quote = bytes[start++];
        }
        int stop = start;
        while (stop < end && bytes[stop] != (quote == 0 ? ' ' : quote)) {
            stop++;
        }
        byte[] newDelimiter = Arrays.copyOfRange(bytes, start, Math.min(stop, start + MAX_DELIMITER_BYTES));
        if (newDelimiter.length == 0) {
            throw new ScriptFormatException(Reason.BAD_DELIMITER, line, "DELIMITER must be followed by a delimiter");
        }
        for (byte b : newDelimiter) {
            if (b == '\\') {
                throw new ScriptFormatException(Reason.BAD_DELIMITER, line, "a DELIMITER cannot contain a backslash");
            }
        }
        return newDelimiter;
    }

    private static boolean isWordEnd(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }
}
