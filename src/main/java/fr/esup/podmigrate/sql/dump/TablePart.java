package fr.esup.podmigrate.sql.dump;

import fr.esup.podmigrate.sql.Identifiers;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one connection of a dump reads at a time: a whole table, or one of the key ranges of a table too large for a
 * single connection to read while the others read the rest. The parts of a table follow each other in key order;
 * the first writes the table's structure, each writes its rows in INSERTs of its own.
 *
 * @param number   the part's place in its table, from 0
 * @param keyRange the condition on the table's primary key that selects the part's rows; null for the whole table
 */
record TablePart(SourceTable table, int number, String keyRange) {

    /**
     * Below this size, a table is read whole: its key range query and the INSERTs it adds would cost more than its
     * reading on two connections gains. Only tables that hold more than a connection's share are read in parts: many
     * parts of 4 MB, which would wait in memory rather than in a file, made a 263 MB dump 10 % slower than one part
     * per share, the server's CPU 20 % higher (connections reading neighbouring pages of one index).
     */
    static final long MIN_SPLIT_BYTES = 16L * 1024 * 1024;

    boolean first() {
        return number == 0;
    }

    static TablePart whole(SourceTable table) {
        return new TablePart(table, 0, null);
    }

    /**
     * The parts of {@code tables}, in their order, read on {@code connections} connections of one snapshot through
     * {@code connection}: a table that holds more than a connection's share of all their data (by the server's
     * estimate of their sizes) and at least {@code minSplitBytes}, and whose primary key is a single integer column,
     * goes in as many key ranges of equal width as it holds shares, up to one per connection; the others whole, as do
     * all tables on one connection.
     */
    static List<TablePart> plan(Connection connection, List<SourceTable> tables, int connections, long minSplitBytes)
            throws SQLException {
        List<TablePart> parts = new ArrayList<>(tables.size());
        if (connections < 2) {
            tables.forEach(table -> parts.add(whole(table)));
            return parts;
        }
        Map<String, Long> sizes = dataSizes(connection);
        Map<String, String> keys = singleColumnPrimaryKeys(connection);
        long total = 0;
        for (SourceTable table : tables) {
            total += sizes.getOrDefault(table.name(), 0L);
        }
        for (SourceTable table : tables) {
            int wanted = partsWanted(sizes.getOrDefault(table.name(), 0L), total, connections, minSplitBytes);
            String key = keys.get(table.name());
            if (wanted < 2 || key == null || !table.isIntegerColumn(key)) {
                parts.add(whole(table));
                continue;
            }
            List<String> ranges = keyRanges(connection, table.name(), key, wanted);
            for (int i = 0; i < ranges.size(); i++) {
                parts.add(new TablePart(table, i, ranges.get(i)));
            }
        }
        return parts;
    }

    /**
     * The parts a table of {@code size} bytes is read in, of tables of {@code total} bytes on {@code connections}
     * connections: as many as the connections' shares it holds, rounded up, up to one per connection; one below
     * {@code minSplitBytes}.
     */
    static int partsWanted(long size, long total, int connections, long minSplitBytes) {
        if (size < minSplitBytes) {
            return 1;
        }
        long share = Math.max(1, total / connections);
        return (int) Math.max(1, Math.min(connections, (size + share - 1) / share));
    }

    private static Map<String, Long> dataSizes(Connection connection) throws SQLException {
        Map<String, Long> sizes = new HashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT TABLE_NAME, DATA_LENGTH FROM information_schema.TABLES"
                     + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'")) {
            while (rows.next()) {
                sizes.put(rows.getString(1), rows.getLong(2));
            }
        }
        return sizes;
    }

    /** The tables whose primary key is one column, with that column. */
    private static Map<String, String> singleColumnPrimaryKeys(Connection connection) throws SQLException {
        Map<String, String> keys = new HashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT TABLE_NAME, MAX(COLUMN_NAME), COUNT(*)"
                     + " FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND INDEX_NAME = 'PRIMARY'"
                     + " GROUP BY TABLE_NAME")) {
            while (rows.next()) {
                if (rows.getInt(3) == 1) {
                    keys.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        return keys;
    }

    /** The key ranges of the table's rows in the snapshot; one, the whole table, when it is empty. */
    private static List<String> keyRanges(Connection connection, String table, String key, int parts)
            throws SQLException {
        String column = Identifiers.quote(key);
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT MIN(" + column + "), MAX(" + column + ") FROM "
                     + Identifiers.quote(table))) {
            rows.next();
            long min = rows.getLong(1);
            if (rows.wasNull()) {
                return Collections.singletonList(null);
            }
            return keyRanges(column, min, rows.getLong(2), parts);
        }
    }

    /**
     * Conditions on {@code column} that cut [min, max] into {@code parts} ranges of equal width, or one per key when
     * it holds fewer: the first open below, the last open above, so that every row is in exactly one whatever its key;
     * a single null condition, the whole table, for a single key.
     */
    static List<String> keyRanges(String column, long min, long max, int parts) {
        BigInteger low = BigInteger.valueOf(min);
        BigInteger width = BigInteger.valueOf(max).subtract(low).add(BigInteger.ONE);
        int count = width.min(BigInteger.valueOf(parts)).intValue();
        if (count == 1) {
            return Collections.singletonList(null);
        }
        List<String> ranges = new ArrayList<>(count);
        String previous = null;
        for (int i = 1; i <= count; i++) {
            String bound = i == count ? null
                    : low.add(width.multiply(BigInteger.valueOf(i)).divide(BigInteger.valueOf(count))).toString();
            String above = previous == null ? null : column + " >= " + previous;
            String below = bound == null ? null : column + " < " + bound;
            ranges.add(above == null ? below : below == null ? above : above + " AND " + below);
            previous = bound;
        }
        return ranges;
    }
}
