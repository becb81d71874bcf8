package fr.esup.podmigrate.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

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

    static SourceTable read(Connection connection, String name) throws SQLException {
        List<String> columnNames = new ArrayList<>();
        List<ColumnKind> columnKinds = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT COLUMN_NAME, DATA_TYPE, EXTRA"
                + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?"
                + " ORDER BY ORDINAL_POSITION")) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    if (!isGenerated(rows.getString(3))) {
                        columnNames.add(rows.getString(1));
                        columnKinds.add(ColumnKind.of(rows.getString(2)));
                    }
                }
            }
        }
        return new SourceTable(name, List.copyOf(columnNames), List.copyOf(columnKinds));
    }

    /** MariaDB says VIRTUAL GENERATED or STORED GENERATED (VIRTUAL or PERSISTENT before 10.2); MySQL's DEFAULT_GENERATED is a plain default. */
    private static boolean isGenerated(String extra) {
        String upper = extra == null ? "" : extra.toUpperCase(Locale.ROOT);
        return upper.contains("VIRTUAL") || upper.contains("STORED") || upper.contains("PERSISTENT");
    }

    String showCreateTable(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SHOW CREATE TABLE " + SqlBytes.quoteIdentifier(name))) {
            rows.next();
            return rows.getString(2);
        }
    }

    String selectAllColumns() {
        return IntStream.range(0, columnNames.size())
                .mapToObj(i -> columnKinds.get(i).selectExpression(SqlBytes.quoteIdentifier(columnNames.get(i))))
                .collect(Collectors.joining(",", "SELECT ", " FROM " + SqlBytes.quoteIdentifier(name)));
    }

    /** The backticked, comma-separated column names. */
    String columnList() {
        return columnNames.stream().map(SqlBytes::quoteIdentifier).collect(Collectors.joining(","));
    }
}
