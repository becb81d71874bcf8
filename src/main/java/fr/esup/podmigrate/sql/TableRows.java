package fr.esup.podmigrate.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What many tables hold, asked of the server in one statement per hundred tables rather than one per table: a target
 * of a hundred tables answered in a few milliseconds instead of a round trip each, which took a fifth of a second on
 * two busy cores before an import could start. Each statement reads the session's snapshot as the per-table ones
 * did: within a transaction, all of them read the same one.
 */
public final class TableRows {

    /** Tables asked of in one statement. */
    static final int TABLES_PER_STATEMENT = 100;

    private TableRows() {
    }

    /** Each table's exact row count ({@code COUNT(*)}), in the order of {@code tables}. */
    public static Map<String, Long> counts(Statement statement, List<String> tables) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (List<String> chunk : chunks(tables)) {
            try (ResultSet rows = statement.executeQuery(countsQuery(chunk))) {
                while (rows.next()) {
                    counts.put(chunk.get(rows.getInt(1)), rows.getLong(2));
                }
            }
            requireAll(counts, chunk, "COUNT(*)");
        }
        return counts;
    }

    /**
     * The query that counts the rows of at most {@value #TABLES_PER_STATEMENT} tables: a row a table, its index in
     * {@code tables} and its count.
     */
    public static String countsQuery(List<String> tables) {
        List<String> selects = new ArrayList<>();
        for (int i = 0; i < tables.size(); i++) {
            selects.add("SELECT " + i + ", COUNT(*) FROM " + Identifiers.quote(tables.get(i)));
        }
        return String.join(" UNION ALL ", selects);
    }

    /** The tables that hold at least one row. */
    public static Set<String> withRows(Statement statement, List<String> tables) throws SQLException {
        Set<String> withRows = new HashSet<>();
        for (List<String> chunk : chunks(tables)) {
            List<String> firsts = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                firsts.add("(SELECT " + i + " FROM " + Identifiers.quote(chunk.get(i)) + " LIMIT 1)");
            }
            try (ResultSet rows = statement.executeQuery(String.join(" UNION ALL ", firsts))) {
                while (rows.next()) {
                    withRows.add(chunk.get(rows.getInt(1)));
                }
            }
        }
        return withRows;
    }

    /**
     * Each table's {@code CHECKSUM TABLE}, in the order of {@code tables}; 0 for a table whose checksum the server
     * gives as NULL.
     */
    public static Map<String, Long> checksums(Statement statement, List<String> tables) throws SQLException {
        Map<String, Long> checksums = new LinkedHashMap<>();
        for (List<String> chunk : chunks(tables)) {
            List<String> quoted = chunk.stream().map(Identifiers::quote).toList();
            try (ResultSet rows = statement.executeQuery("CHECKSUM TABLE " + String.join(", ", quoted))) {
                // a row a table, in the order named, each named database.table (in lower case where the server
                // keeps names so: lower_case_table_names)
                for (int i = 0; rows.next(); i++) {
                    String named = rows.getString(1);
                    if (i >= chunk.size() || named == null
                            || !named.toLowerCase(Locale.ROOT).endsWith("." + chunk.get(i).toLowerCase(Locale.ROOT))) {
                        throw new SQLException("CHECKSUM TABLE answered for " + named + " where "
                                + (i < chunk.size() ? chunk.get(i) : "no more tables") + " was expected");
                    }
                    checksums.put(chunk.get(i), rows.getLong(2));
                }
            }
            requireAll(checksums, chunk, "CHECKSUM TABLE");
        }
        return checksums;
    }

    /** The tables in lists of at most {@value #TABLES_PER_STATEMENT}, each asked of in one statement. */
    public static List<List<String>> chunks(List<String> tables) {
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < tables.size(); from += TABLES_PER_STATEMENT) {
            chunks.add(tables.subList(from, Math.min(tables.size(), from + TABLES_PER_STATEMENT)));
        }
        return chunks;
    }

    private static void requireAll(Map<String, Long> answered, List<String> asked, String what) throws SQLException {
        for (String table : asked) {
            if (!answered.containsKey(table)) {
                throw new SQLException(what + " gave no answer for the table " + table);
            }
        }
    }
}
