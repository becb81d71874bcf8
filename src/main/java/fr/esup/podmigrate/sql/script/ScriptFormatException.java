package fr.esup.podmigrate.sql.script;

import java.io.IOException;

/**
 * A script that cannot be read as MariaDB SQL: what is wrong ({@link #reason()}, for a translated message) and the
 * line where it starts. The English message says both, e.g. "Line 12: unterminated string starting here".
 */
public class ScriptFormatException extends IOException {

    /** What is wrong with the script. */
    public enum Reason {
        UNTERMINATED_STRING,
        UNTERMINATED_COMMENT,
        BINARY_DATA,
        NOT_SQL,
        NOT_UTF8,
        STATEMENT_TOO_LONG,
        CLIENT_COMMAND,
        BAD_DELIMITER,
        /** A UTF-8 byte order mark past the script's start: files joined together, each with its own. */
        BYTE_ORDER_MARK,
        CORRUPT_COMPRESSED_FILE,
        /**
         * zstd frames as pzstd writes them, a zstd window over 8 MiB, a zip archive of several files: to be
         * decompressed by the operator first.
         */
        UNSUPPORTED_COMPRESSION
    }

    private final Reason reason;
    private final long line;

    ScriptFormatException(Reason reason, long line, String detail) {
        super("Line " + line + ": " + detail);
        this.reason = reason;
        this.line = line;
    }

    ScriptFormatException(Reason reason, long line, String detail, Throwable cause) {
        this(reason, line, detail);
        initCause(cause);
    }

    public Reason reason() {
        return reason;
    }

    /** The 1-based line of the script where the problem starts. */
    public long line() {
        return line;
    }
}
