package fr.esup.podmigrate.importing;

import fr.esup.podmigrate.sql.TableRows;
import fr.esup.podmigrate.sql.load.Importer;
import fr.esup.podmigrate.sql.script.ClientCharset;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the import needs to know of the target before it runs: its tables and columns, packet size, charsets.
 *
 * @param tablesWithKeysHeldBack tables lacking keys that an import held back and did not give back (it stopped)
 */
public record TargetSchema(Map<String, List<TargetColumn>> tables, long maxAllowedPacket,
                           Set<String> charsets, Set<String> collations, Set<String> tablesWithRows,
                           List<String> tablesWithKeysHeldBack) {

    /**
     * A column of a target table.
     *
     * @param charset its character set, lower-cased, or null for a column that holds no text
     */
    public record TargetColumn(String name, String dataType, boolean nullable, boolean hasDefault, boolean generated,
                               String charset) {

        /** NOT NULL without a default: an INSERT that omits it stores 0 or '' with a warning (non-strict) or fails. */
        public boolean required() {
            return !nullable && !hasDefault && !generated;
        }

        /** A text column whose character set lacks the characters beyond U+FFFF, such as utf8mb3: it stores '?'. */
        public boolean lacksSupplementaryCharacters() {
            return charset != null && !ClientCharset.fullUnicode(charset);
        }

        public boolean numeric() {
            return Set.of("tinyint", "smallint", "mediumint", "int", "bigint", "decimal", "float", "double", "bit")
                    .contains(dataType);
        }
    }

    public static TargetSchema read(Connection connection) throws SQLException {
        Map<String, List<TargetColumn>> tables = new LinkedHashMap<>();
        try (Statement s = connection.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' ORDER BY table_name")) {
                while (rs.next()) {
                    tables.put(rs.getString(1), new ArrayList<>());
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT table_name, column_name, data_type, is_nullable, column_default,"
                    + " extra, character_set_name FROM information_schema.columns WHERE table_schema = DATABASE()"
                    + " ORDER BY table_name, ordinal_position")) {
                while (rs.next()) {
                    List<TargetColumn> columns = tables.get(rs.getString(1));
                    if (columns != null) {
                        String extra = rs.getString(6) == null ? "" : rs.getString(6).toUpperCase(Locale.ROOT);
                        columns.add(new TargetColumn(rs.getString(2), rs.getString(3).toLowerCase(Locale.ROOT),
                                "YES".equals(rs.getString(4)), rs.getString(5) != null || extra.contains("AUTO_INCREMENT"),
                                extra.contains("GENERATED"),
                                rs.getString(7) == null ? null : rs.getString(7).toLowerCase(Locale.ROOT)));
                    }
                }
            }
            long packet;
            try (ResultSet rs = s.executeQuery("SELECT @@max_allowed_packet")) {
                rs.next();
                packet = rs.getLong(1);
            }
            Set<String> charsets = new TreeSet<>();
            try (ResultSet rs = s.executeQuery("SELECT character_set_name FROM information_schema.character_sets")) {
                while (rs.next()) {
                    charsets.add(rs.getString(1).toLowerCase(Locale.ROOT));
                }
            }
            Set<String> collations = collations(s);
            Set<String> withRows = new TreeSet<>(TableRows.withRows(s, List.copyOf(tables.keySet())));
            tables.replaceAll((name, columns) -> List.copyOf(columns));
            return new TargetSchema(Collections.unmodifiableMap(tables), packet, charsets, collations, withRows,
                    List.copyOf(Importer.tablesWithKeysHeldBack(connection)));
        }
    }

    /** The collations the server knows, lower-cased. */
    public static Set<String> collations(Statement statement) throws SQLException {
        Set<String> collations = new TreeSet<>();
        try (ResultSet rs = statement.executeQuery("SELECT collation_name FROM information_schema.collations")) {
            while (rs.next()) {
                collations.add(rs.getString(1).toLowerCase(Locale.ROOT));
            }
        }
        return collations;
    }

    public Set<String> tableNames() {
        return tables.keySet();
    }

    public boolean has(String table) {
        return tables.containsKey(table);
    }

    public Optional<TargetColumn> column(String table, String column) {
        return tables.getOrDefault(table, List.of()).stream().filter(c -> c.name().equalsIgnoreCase(column)).findFirst();
    }
}
