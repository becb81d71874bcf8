package fr.esup.podmigrate.sql.dump;

import fr.esup.podmigrate.sql.SqlBytes;

import java.io.IOException;
import java.io.InputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;

/**
 * How a column's values are read and written, by the column's {@code information_schema} type. Values come
 * as the server's own text over the text protocol, which keeps decimals, doubles and zero dates exact.
 * Strings are read with {@code getBinaryStream}: the session sends results in utf8mb4, so they are escaped from the
 * driver's buffer, where mariadb-java-client's stream hands them over, without being decoded or copied first. The
 * driver refuses {@code getBytes} on numbers and temporal values. Integers are read with
 * {@code getLong}, which parses the text in place, and written back as the same digits; other numbers with
 * {@code getString}, which hands them over as sent. The driver parses each DATETIME and TIMESTAMP, shifts it
 * by time zones and reformats it, so temporal columns are selected as {@code CAST(... AS BINARY)}: the same
 * text, read as bytes.
 */
enum ColumnKind {
    /** Integers whose text {@code getLong} gives back digit for digit: not zerofill, not beyond a signed bigint. */
    INTEGER,
    NUMBER,
    TEMPORAL,
    BIT,
    BINARY,
    /** Character strings and everything else the server sends as text (JSON, ENUM, SET, UUID, INET6...). */
    TEXT;

    private static final Set<String> INTEGERS = Set.of("tinyint", "smallint", "mediumint", "int", "bigint");
    private static final Set<String> NUMBERS = Set.of("decimal", "float", "double", "year");
    private static final Set<String> TEMPORALS = Set.of("date", "time", "datetime", "timestamp");
    private static final Set<String> BINARIES = Set.of(
            "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob",
            "geometry", "point", "linestring", "polygon", "multipoint", "multilinestring", "multipolygon",
            "geometrycollection");

    /**
     * @param dataType   {@code information_schema.COLUMNS.DATA_TYPE}, such as {@code bigint}
     * @param columnType {@code information_schema.COLUMNS.COLUMN_TYPE}, such as {@code bigint(20) unsigned}
     */
    static ColumnKind of(String dataType, String columnType) {
        String type = dataType.toLowerCase(Locale.ROOT);
        if (INTEGERS.contains(type)) {
            String full = columnType.toLowerCase(Locale.ROOT);
            boolean beyondLong = type.equals("bigint") && full.contains("unsigned");
            return beyondLong || full.contains("zerofill") ? NUMBER : INTEGER;
        }
        if (NUMBERS.contains(type)) {
            return NUMBER;
        }
        if (TEMPORALS.contains(type)) {
            return TEMPORAL;
        }
        if (type.equals("bit")) {
            return BIT;
        }
        return BINARIES.contains(type) ? BINARY : TEXT;
    }

    /** The expression that selects the column {@code quotedName} in the form {@link #appendValue} reads. */
    String selectExpression(String quotedName) {
        return this == TEMPORAL ? "CAST(" + quotedName + " AS BINARY)" : quotedName;
    }

    /** Appends the value of column {@code index} of the current row as an SQL literal. */
    void appendValue(ResultSet row, int index, SqlBytes out) throws SQLException, IOException {
        if (this == INTEGER) {
            long value = row.getLong(index);
            if (value == 0 && row.wasNull()) {
                out.appendNull();
            } else {
                out.appendLong(value);
            }
            return;
        }
        if (this == NUMBER) {
            String value = row.getString(index);
            if (value == null) {
                out.appendNull();
            } else {
                out.appendAscii(value);
            }
            return;
        }
        if (this == TEXT) {
            InputStream value = row.getBinaryStream(index);
            if (value == null) {
                out.appendNull();
            } else {
                out.appendQuotedEscaped(value);
            }
            return;
        }
        byte[] value = row.getBytes(index);
        if (value == null) {
            out.appendNull();
        } else if (this == TEMPORAL) {
            out.appendQuoted(value);
        } else if (this == BINARY) {
            out.appendHex(value);
        } else {
            out.appendBits(value);
        }
    }
}
