package fr.esup.podmigrate.verify;

import fr.esup.podmigrate.pod.PodMigrationRules;
import fr.esup.podmigrate.pod.SiteLink;
import fr.esup.podmigrate.pod.V3ColumnValue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static fr.esup.podmigrate.sql.Identifiers.quote;

/**
 * What the content comparison reads of a v2 table and of its v3 table: the v3 primary key, and each column both sides
 * keep or the import fills by a known rule, as an SQL expression per side that renders the value as text the same way
 * on both servers (strings in utf8mb4, dates with their microseconds, decimals at one scale, binary in hex).
 *
 * @param leftOut the v2 columns whose values v3 does not keep: its table lacks them and no rule of the import reads them
 */
record ComparedTable(String v2Table, String v3Table, List<Column> key, boolean numericKey, List<Column> columns,
                     List<UniqueKey> uniqueKeys, List<String> leftOut) {

    /** The alias both sides' queries give the table. */
    static final String ALIAS = "t";
    private static final Set<String> INTEGERS = Set.of("tinyint", "smallint", "mediumint", "int", "bigint", "year", "bit");
    private static final Set<String> BINARY = Set.of("binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob");
    private static final Set<String> TEXT = Set.of("char", "varchar", "tinytext", "text", "mediumtext", "longtext",
            "enum", "set", "json");

    /**
     * A compared column: its v3 name, and the expressions rendering its value on each side.
     *
     * @param rule the import's rule when v3 takes the value from one (the rule's explanation), else null
     */
    record Column(String name, String v2Expression, String v3Expression, String rule, boolean v3NotNull,
                  String v3Type) {

        boolean text() {
            return TEXT.contains(v3Type);
        }

        /** The value v3 stores for a v2 NULL in a NOT NULL column without default, as the server converts it. */
        String nullStoredAs() {
            return text() ? "" : "0";
        }
    }

    /** A v3 unique key other than the primary key, with its columns. */
    record UniqueKey(String name, List<String> columns) {
    }

    /** Null when the v3 table has no primary key whose columns v2 has too. */
    static ComparedTable plan(Connection v2, Connection v3, String v2Table, String v3Table, Set<String> v2Tables)
            throws SQLException {
        Map<String, ColumnType> v2Columns = columns(v2, v2Table);
        Map<String, ColumnType> v3Columns = columns(v3, v3Table);
        List<Column> columns = new ArrayList<>();
        for (Map.Entry<String, ColumnType> entry : v3Columns.entrySet()) {
            String name = entry.getKey();
            ColumnType type = entry.getValue();
            String v3Value = ALIAS + "." + quote(name);
            Optional<V3ColumnValue> rule = rule(v3Table, name, type, v2Columns.get(name));
            if (rule.isPresent()) {
                V3ColumnValue value = rule.get();
                if (value.expression().toUpperCase(Locale.ROOT).contains("CURRENT_TIMESTAMP")
                        || !v2Columns.keySet().containsAll(value.v2Columns())) {
                    continue;
                }
                boolean transcript = PodMigrationRules.TRANSCRIPT_COLUMNS.contains(value);
                String v3Expression = transcript
                        // Before Pod's fix_transcript runs, v3 holds v2's flags: compared as the fix will turn them.
                        ? "IF(" + v3Value + " IN ('0', '1'), IF(" + v3Value + " = '1', " + ALIAS + ".main_lang, ''), " + v3Value + ")"
                        : v3Value;
                columns.add(new Column(name, render(v2Expression(v2Table, value, v2Tables), type),
                        render(v3Expression, type), value.why(), type.notNull(), type.dataType()));
            } else if (v2Columns.containsKey(name)) {
                String v2Value = ALIAS + "." + quote(name);
                if (type.notNull() && !v2Columns.get(name).notNull()) {
                    // The server stores v2's NULLs as its column's empty value, as INSERT IGNORE lets it.
                    v2Value = "COALESCE(" + v2Value + ", " + (TEXT.contains(type.dataType()) ? "''" : "0") + ")";
                }
                columns.add(new Column(name, render(v2Value, type), render(v3Value, type), null, type.notNull(),
                        type.dataType()));
            }
        }
        List<String> leftOut = leftOut(v3Table, v2Columns.keySet(), v3Columns.keySet());
        List<String> keyNames = primaryKey(v3, v3Table);
        List<Column> key = columns.stream().filter(c -> keyNames.contains(c.name()) && c.rule() == null).toList();
        if (keyNames.isEmpty() || key.size() != keyNames.size()) {
            return new ComparedTable(v2Table, v3Table, List.of(), false, columns, List.of(), leftOut);
        }
        boolean numeric = key.size() == 1 && INTEGERS.contains(v3Columns.get(key.get(0).name()).dataType());
        return new ComparedTable(v2Table, v3Table, key, numeric, columns, uniqueKeys(v3, v3Table), leftOut);
    }

    /** The v2 columns the v3 table lacks that no rule of the import reads (see {@link PodMigrationRules}). */
    private static List<String> leftOut(String v3Table, Set<String> v2Columns, Set<String> v3Columns) {
        Set<String> read = Stream.concat(PodMigrationRules.NEW_NOT_NULL_COLUMNS.stream(),
                        PodMigrationRules.CONVERTED_COLUMNS.stream())
                .filter(v -> v.table().equals(v3Table) && v3Columns.contains(v.column()))
                .flatMap(v -> v.v2Columns().stream()).collect(Collectors.toSet());
        return v2Columns.stream().filter(c -> !v3Columns.contains(c) && !read.contains(c)).toList();
    }

    boolean comparable() {
        return !key.isEmpty();
    }

    /** The row's key as text, on either side (both render it alike). */
    String keyExpression(boolean v2Side) {
        return key.size() == 1 ? (v2Side ? key.get(0).v2Expression() : key.get(0).v3Expression())
                : "CONCAT_WS('#', " + String.join(", ", key.stream()
                .map(c -> v2Side ? c.v2Expression() : c.v3Expression()).toList()) + ")";
    }

    /** The row as one string, NULLs told apart from empty strings by a flag per column. */
    String rowExpression(boolean v2Side) {
        List<String> parts = new ArrayList<>();
        List<String> nulls = new ArrayList<>();
        for (Column column : columns) {
            String expression = v2Side ? column.v2Expression() : column.v3Expression();
            parts.add(expression);
            nulls.add("ISNULL(" + expression + ")");
        }
        parts.add("CONCAT(" + String.join(", ", nulls) + ")");
        return "CONCAT_WS('#', " + String.join(", ", parts) + ")";
    }

    String from(boolean v2Side) {
        return " FROM " + quote(v2Side ? v2Table : v3Table) + " " + ALIAS;
    }

    private static Optional<V3ColumnValue> rule(String v3Table, String column, ColumnType type, ColumnType v2Type) {
        Optional<V3ColumnValue> value = Stream.concat(PodMigrationRules.NEW_NOT_NULL_COLUMNS.stream(),
                        PodMigrationRules.CONVERTED_COLUMNS.stream())
                .filter(v -> v.table().equals(v3Table) && v.column().equals(column)).findFirst();
        if (value.isEmpty()) {
            return value;
        }
        V3ColumnValue rule = value.get();
        if (rule.forNotNull() && !type.notNull()) {
            return Optional.empty();
        }
        if (PodMigrationRules.TRANSCRIPT_COLUMNS.contains(rule)
                && (!TEXT.contains(type.dataType()) || v2Type != null && TEXT.contains(v2Type.dataType()))) {
            return Optional.empty();
        }
        if (rule.isConstant() && v2Type != null) {
            // A column v2 has keeps v2's values; the constant is only for rows that lack it.
            return Optional.empty();
        }
        return value;
    }

    /** The rule's expression on the v2 row; a site taken from v2's sites link table where v2 has one. */
    private static String v2Expression(String v2Table, V3ColumnValue value, Set<String> v2Tables) {
        for (SiteLink link : PodMigrationRules.SITE_LINKS) {
            if (link.table().equals(v2Table) && link.siteColumn().equals(value.column())
                    && v2Tables.contains(link.v2LinkTable())) {
                return "COALESCE((SELECT MIN(l." + quote(PodMigrationRules.SITE_COLUMN) + ") FROM "
                        + quote(link.v2LinkTable()) + " l WHERE l." + quote(link.v2LinkColumn()) + " = " + ALIAS + "."
                        + quote(PodMigrationRules.ID_COLUMN) + "), " + value.expression() + ")";
            }
        }
        return value.expression();
    }

    private static String render(String expression, ColumnType type) {
        String dataType = type.dataType();
        if (INTEGERS.contains(dataType) || dataType.equals("float") || dataType.equals("double")) {
            return expression;
        }
        if (dataType.equals("decimal")) {
            return "CAST(" + expression + " AS DECIMAL(65, 30))";
        }
        if (dataType.equals("date")) {
            return "DATE_FORMAT(" + expression + ", '%Y-%m-%d')";
        }
        if (dataType.equals("datetime") || dataType.equals("timestamp")) {
            return "DATE_FORMAT(" + expression + ", '%Y-%m-%d %H:%i:%s.%f')";
        }
        if (dataType.equals("time")) {
            return "TIME_FORMAT(" + expression + ", '%H:%i:%s.%f')";
        }
        if (BINARY.contains(dataType)) {
            return "HEX(" + expression + ")";
        }
        return "CONVERT(" + expression + " USING utf8mb4)";
    }

    private record ColumnType(String dataType, boolean notNull) {
    }

    private static Map<String, ColumnType> columns(Connection connection, String table) throws SQLException {
        Map<String, ColumnType> columns = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT column_name, data_type, is_nullable"
                + " FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = ?"
                + " ORDER BY ordinal_position")) {
            statement.setString(1, table);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    columns.put(rows.getString(1), new ColumnType(rows.getString(2).toLowerCase(Locale.ROOT),
                            "NO".equals(rows.getString(3))));
                }
            }
        }
        return columns;
    }

    private static List<String> primaryKey(Connection connection, String table) throws SQLException {
        return uniqueKeys(connection, table, true).stream().findFirst().map(UniqueKey::columns).orElse(List.of());
    }

    private static List<UniqueKey> uniqueKeys(Connection connection, String table) throws SQLException {
        return uniqueKeys(connection, table, false);
    }

    private static List<UniqueKey> uniqueKeys(Connection connection, String table, boolean primary) throws SQLException {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT index_name, column_name"
                + " FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = ?"
                + " AND non_unique = 0 AND (index_name = 'PRIMARY') = ? ORDER BY index_name, seq_in_index")) {
            statement.setString(1, table);
            statement.setBoolean(2, primary);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    keys.computeIfAbsent(rows.getString(1), k -> new ArrayList<>()).add(rows.getString(2));
                }
            }
        }
        return keys.entrySet().stream().map(e -> new UniqueKey(e.getKey(), List.copyOf(e.getValue()))).toList();
    }
}
