package fr.esup.podmigrate.sql.script;

import fr.esup.podmigrate.sql.script.ScriptFormatException.Reason;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The script streamed through a fixed buffer that {@link StatementReader} scans in place: {@code buf[pos, limit)} is
 * read and not yet scanned. Before bytes leave the buffer, whoever still needs them is told.
 */
final class ScriptBuffer {

    private static final int BUFFER_BYTES = 1 << 20;

    /** First words of the statements a script can start with: anything else is not an SQL script. */
    private static final Set<String> STATEMENT_KEYWORDS = Set.of("ALTER", "ANALYZE", "BACKUP", "BEGIN", "BINLOG",
            "CALL", "CHANGE", "CHECK", "CHECKSUM", "COMMIT", "CREATE", "DEALLOCATE", "DECLARE", "DELETE", "DESC",
            "DESCRIBE", "DO", "DROP", "EXECUTE", "EXPLAIN", "FLUSH", "GET", "GRANT", "HANDLER", "HELP", "INSERT",
            "INSTALL", "KILL", "LOAD", "LOCK", "OPTIMIZE", "PREPARE", "PURGE", "RELEASE", "RENAME", "REPAIR",
            "REPLACE", "RESET", "RESIGNAL", "REVOKE", "ROLLBACK", "SAVEPOINT", "SELECT", "SET", "SHOW", "SHUTDOWN",
            "SIGNAL", "START", "STOP", "TABLE", "TRUNCATE", "UNINSTALL", "UNLOCK", "UPDATE", "USE", "VALUES",
            "WITH", "XA");

    /** Told before the bytes before {@code leaving} leave the buffer. */
    interface ShiftListener {
        void beforeShift(int leaving) throws ScriptFormatException;
    }

    final byte[] buf = new byte[BUFFER_BYTES];
    int pos;
    int limit;
    /** Offset in the script of {@code buf[0]}. */
    long offset;
    private boolean eof;

    private final InputStream script;
    private final ScriptCompression compression;
    private final ShiftListener listener;
    /** The line being read, for the error of a damaged compressed file. */
    private final LongSupplier line;

    ScriptBuffer(InputStream script, ScriptCompression compression, ShiftListener listener, LongSupplier line) {
        this.script = script;
        this.compression = compression;
        this.listener = listener;
        this.line = line;
    }

    boolean compressed() {
        return compression.compressed();
    }

    /** Moves past a UTF-8 byte order mark at the start; whether there was one. */
    boolean skipByteOrderMark() throws IOException {
        ensure(3);
        if (limit >= 3 && (buf[0] & 0xFF) == 0xEF && (buf[1] & 0xFF) == 0xBB && (buf[2] & 0xFF) == 0xBF) {
            pos = 3;
            return true;
        }
        return false;
    }

    /** Reads the next bytes into an emptied buffer; false at the end of the script. */
    boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        listener.beforeShift(limit);
        offset += limit;
        pos = 0;
        limit = 0;
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
    void ensure(int n) throws IOException {
        if (limit - pos >= n || eof) {
            return;
        }
        listener.beforeShift(pos);
        int kept = limit - pos;
        System.arraycopy(buf, pos, buf, 0, kept);
        offset += pos;
        limit = kept;
        pos = 0;
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
            throw compression.damaged(line.getAsLong(), e);
        }
    }

    /** Index of the newline ending the line at pos, or limit at the end of the script; -1 if it overflows the buffer. */
    int lineEnd() throws IOException {
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

    boolean startsWith(int at, byte[] prefix) {
        if (at + prefix.length > limit) {
            return false;
        }
        return Arrays.equals(buf, at, at + prefix.length, prefix, 0, prefix.length);
    }

    boolean contains(int from, int to, byte[] bytes) {
        for (int i = from; i + bytes.length <= to; i++) {
            if (Arrays.equals(buf, i, i + bytes.length, bytes, 0, bytes.length)) {
                return true;
            }
        }
        return false;
    }

    /** A script that starts with anything but an SQL keyword is refused before it is read through. */
    void checkLooksLikeSql(long atLine) throws IOException {
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
            throw new ScriptFormatException(Reason.NOT_SQL, atLine,
                    "this is not an SQL script: it starts with \"" + start + "\"");
        }
    }

    void close() throws IOException {
        script.close();
    }

    static boolean isBlank(byte b) {
        return b == ' ' || (b >= '\t' && b <= '\r');
    }
}
