package fr.esup.podmigrate.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;

/**
 * How a column's values are read and written, by the column's {@code information_schema} data type.
 * Values come as the server's own text over the text protocol, which keeps decimals, doubles and zero
 * dates exact. Strings are read with {@code getBytes}: the session sends results in utf8mb4, so they are
 * copied without being decoded. The driver refuses {@code getBytes} on numbers and temporal values; its
 * {@code getString} hands numbers, dates and times over as sent, but parses each DATETIME and TIMESTAMP,
 * shifts it by time zones and reformats it, so those are selected as {@code CAST(... AS BINARY)}: the
 * same text, read as bytes.
 */
enum ColumnKind {
    NUMBER,
    DATE_OR_TIME,
    DATETIME,
    BIT,
    BINARY,
    /** Character strings and everything else the server sends as text (JSON, ENUM, SET, UUID, INET6...). */
    TEXT;

    private static final Set<String> NUMBERS = Set.of(
            "tinyint", "smallint", "mediumint", "int", "bigint", "decimal", "float", "double", "year");
    private static final Set<String> BINARIES = Set.of(
            "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob",
            "geometry", "point", "linestring", "polygon", "multipoint", "multilinestring", "multipolygon",
            "geometrycollection");

    static ColumnKind of(String dataType) {
        String type = dataType.toLowerCase(Locale.ROOT);
        if (NUMBERS.contains(type)) {
            return NUMBER;
        }
        return switch (type) {
            case "date", "time" -> DATE_OR_TIME;
            case "datetime", "timestamp" -> DATETIME;
            case "bit" -> BIT;
            default -> BINARIES.contains(type) ? BINARY : TEXT;
        };
    }

    /** The expression that selects the column {@code quotedName} in the form {@link #appendValue} reads. */
    String selectExpression(String quotedName) {
        return this == DATETIME ? "CAST(" + quotedName + " AS BINARY)" : quotedName;
    }

    /** Appends the value of column {@code index} of the current row as an SQL literal. */
    void appendValue(ResultSet row, int index, SqlBytes out) throws SQLException {
        if (this == NUMBER || this == DATE_OR_TIME) {
            String value = row.getString(index);
            if (value == null) {
                out.appendNull();
            } else if (this == NUMBER) {
                out.appendAscii(value);
            } else {
                out.append('\'').appendAscii(value).append('\'');
            }
            return;
        }
        byte[] value = row.getBytes(index);
        if (value == null) {
            out.appendNull();
            return;
        }
        switch (this) {
            case BIT -> out.appendBits(value);
            case BINARY -> out.appendHex(value);
            default -> out.appendQuotedEscaped(value);
        }
    }
}
