package fr.esup.podmigrate.v2;


import java.util.List;

/** A v2 table's rows as read from the source database or the podv2.sql: values as the JDBC driver gives them. */
public record V2Table(String name, List<String> columns, List<List<Object>> rows) {

    public boolean has(String column) {
        return columns.contains(column);
    }

    /** A row's value in {@code column}, null when the table has no such column. */
    public Object value(List<Object> row, String column) {
        int index = columns.indexOf(column);
        return index < 0 ? null : row.get(index);
    }
}
