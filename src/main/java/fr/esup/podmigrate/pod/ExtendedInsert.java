package fr.esup.podmigrate.pod;

import fr.esup.podmigrate.sql.Identifiers;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Rows of one table sent as multi-row {@code INSERT} statements of about a megabyte, each row given the next
 * {@code id}. Values are literals escaped for a session without {@code NO_BACKSLASH_ESCAPES}.
 */
final class ExtendedInsert {

    private static final int STATEMENT_CHARS = 1 << 20;
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private final Statement statement;
    private final String head;
    private final StringBuilder sql = new StringBuilder(STATEMENT_CHARS + (1 << 16));
    private long lastId;
    private long rows;

    ExtendedInsert(Statement statement, long lastId, String table, String... columns) {
        this.statement = statement;
        this.lastId = lastId;
        this.head = "INSERT INTO " + Identifiers.quote(table) + " (" + Identifiers.quote("id") + ", "
                + Arrays.stream(columns).map(Identifiers::quote).collect(Collectors.joining(", ")) + ") VALUES ";
    }

    /** Adds a row with the next id and returns that id. */
    long row(Object... values) throws SQLException {
        sql.append(sql.isEmpty() ? head : ",").append('(').append(++lastId);
        for (Object value : values) {
            sql.append(',');
            append(value);
        }
        sql.append(')');
        rows++;
        if (sql.length() >= STATEMENT_CHARS) {
            flush();
        }
        return lastId;
    }

    long rows() {
        return rows;
    }

    void flush() throws SQLException {
        if (!sql.isEmpty()) {
            statement.execute(sql.toString());
            sql.setLength(0);
        }
    }

    private void append(Object value) {
        if (value == null) {
            sql.append("NULL");
        } else if (value instanceof Number) {
            sql.append(value);
        } else if (value instanceof Boolean b) {
            sql.append(b ? '1' : '0');
        } else if (value instanceof LocalDateTime dateTime) {
            sql.append('\'').append(DATETIME.format(dateTime)).append('\'');
        } else if (value instanceof LocalDate || value instanceof LocalTime) {
            sql.append('\'').append(value).append('\'');
        } else {
            appendString(value.toString());
        }
    }

    private void appendString(String text) {
        sql.append('\'');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\'' -> sql.append("\\'");
                case '\\' -> sql.append("\\\\");
                case '\n' -> sql.append("\\n");
                case '\r' -> sql.append("\\r");
                case '\0' -> sql.append("\\0");
                case '\u001a' -> sql.append("\\Z");
                default -> sql.append(c);
            }
        }
        sql.append('\'');
    }
}
