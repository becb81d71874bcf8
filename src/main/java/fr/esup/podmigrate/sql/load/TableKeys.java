package fr.esup.podmigrate.sql.load;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A table's columns in order, their types, and its unique keys by name ({@code PRIMARY} for the primary key): what
 * it takes to name the row behind a warning, and what the warning means.
 *
 * @param types each column's data type, lower-cased, by lower-cased column name
 */
record TableKeys(List<String> columns, Map<String, String> types, Map<String, List<String>> uniqueKeys) {

    static final String PRIMARY = "PRIMARY";
    static final TableKeys UNKNOWN = new TableKeys(List.of(), Map.of(), Map.of());
    private static final Set<String> TEMPORAL_TYPES = Set.of("date", "datetime", "timestamp", "time", "year");

    TableKeys {
        columns = List.copyOf(columns);
        types = Map.copyOf(types);
        uniqueKeys = Map.copyOf(uniqueKeys);
    }

    boolean temporal(String column) {
        return TEMPORAL_TYPES.contains(types.getOrDefault(column.toLowerCase(Locale.ROOT), ""));
    }

    List<String> primaryKey() {
        return uniqueKeys.getOrDefault(PRIMARY, List.of());
    }

    static TableKeys read(Connection connection, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        Map<String, String> types = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT column_name, data_type"
                + " FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = ?"
                + " ORDER BY ordinal_position")) {
            query.setString(1, table);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString(1));
                    types.put(rows.getString(1).toLowerCase(Locale.ROOT), rows.getString(2).toLowerCase(Locale.ROOT));
                }
            }
        }
        Map<String, List<String>> keys = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT index_name, column_name"
                + " FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = ?"
                + " AND non_unique = 0 ORDER BY index_name, seq_in_index")) {
            query.setString(1, table);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    keys.computeIfAbsent(rows.getString(1), k -> new ArrayList<>()).add(rows.getString(2));
                }
            }
        }
        return new TableKeys(columns, types, keys);
    }
}
