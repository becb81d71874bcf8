package fr.esup.podmigrate.sql.dump;

import fr.esup.podmigrate.sql.Identifiers;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A base table of the dumped database and the columns its {@code INSERT}s carry: every column but the
 * generated ones, which the server computes and refuses values for.
 */
record SourceTable(String name, List<String> columnNames, List<ColumnKind> columnKinds) {

    /** The base tables (no views) of the connection's current database, in name order. */
    static List<String> baseTableNames(Connection connection) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT TABLE_NAME FROM information_schema.TABLES"
                     + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        names.sort(null);
        return names;
    }

    /** The tables {@code names} of the connection's current database, in that order, read in one query. */
    static List<SourceTable> read(Connection connection, List<String> names) throws SQLException {
        Map<String, SourceTable> tables = new HashMap<>();
        for (String name : names) {
            tables.put(name, new SourceTable(name, new ArrayList<>(), new ArrayList<>()));
        }
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, EXTRA"
                     + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()"
                     + " ORDER BY TABLE_NAME, ORDINAL_POSITION")) {
            while (rows.next()) {
                SourceTable table = tables.get(rows.getString(1));
                if (table != null && !isGenerated(rows.getString(5))) {
                    table.columnNames.add(rows.getString(2));
                    table.columnKinds.add(ColumnKind.of(rows.getString(3), rows.getString(4)));
                }
            }
        }
        List<SourceTable> read = new ArrayList<>(names.size());
        for (String name : names) {
            SourceTable table = tables.get(name);
            read.add(new SourceTable(name, List.copyOf(table.columnNames), List.copyOf(table.columnKinds)));
        }
        return read;
    }

    /** MariaDB says VIRTUAL GENERATED or STORED GENERATED (VIRTUAL or PERSISTENT before 10.2); MySQL's DEFAULT_GENERATED is a plain default. */
    private static boolean isGenerated(String extra) {
        String upper = extra == null ? "" : extra.toUpperCase(Locale.ROOT);
        return upper.contains("VIRTUAL") || upper.contains("STORED") || upper.contains("PERSISTENT");
    }

    String showCreateTable(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SHOW CREATE TABLE " + Identifiers.quote(name))) {
            rows.next();
            return rows.getString(2);
        }
    }

    /** The query of every column of the rows {@code condition} selects, or of all rows when it is null. */
    String selectAllColumns(String condition) {
        StringBuilder select = new StringBuilder("SELECT ");
        for (int i = 0; i < columnNames.size(); i++) {
            select.append(i == 0 ? "" : ",")
                    .append(columnKinds.get(i).selectExpression(Identifiers.quote(columnNames.get(i))));
        }
        select.append(" FROM ").append(Identifiers.quote(name));
        return condition == null ? select.toString() : select.append(" WHERE ").append(condition).toString();
    }

    /** Whether the table's {@code INSERT}s carry the column, as an integer that fits a signed bigint. */
    boolean isIntegerColumn(String column) {
        int index = columnNames.indexOf(column);
        return index >= 0 && columnKinds.get(index) == ColumnKind.INTEGER;
    }

    /** The backticked, comma-separated column names. */
    String columnList() {
        StringBuilder list = new StringBuilder();
        for (String column : columnNames) {
            list.append(list.isEmpty() ? "" : ",").append(Identifiers.quote(column));
        }
        return list.toString();
    }
}
