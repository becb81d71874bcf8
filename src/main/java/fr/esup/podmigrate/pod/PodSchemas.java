package fr.esup.podmigrate.pod;

import fr.esup.podmigrate.sql.script.SqlStatement;
import fr.esup.podmigrate.sql.script.StatementKind;
import fr.esup.podmigrate.sql.script.StatementReader;
import fr.esup.podmigrate.sql.script.TableDefinitions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Loads the Pod schema fixtures into a database: the structure of a release, and the rows its
 * {@code manage.py migrate} leaves (sites, migrations, content types, permissions, configuration).
 */
public final class PodSchemas {

    private static final String CREATE_TABLE_LINE = "\nCREATE TABLE `";

    private PodSchemas() {
    }

    /** Creates the tables of {@code version} (no rows) in the connection's current database. */
    public static void load(PodVersion version, Connection connection) throws SQLException {
        execute(version.schemaResource(), connection);
    }

    /** Creates the tables of {@code version} and adds the rows a fresh {@code make migrate} leaves: a blank Pod. */
    public static void loadBlank(PodVersion version, Connection connection) throws SQLException {
        load(version, connection);
        execute(version.blankDataResource(), connection);
    }

    /**
     * The tables of {@code version}, as its schema fixture creates them: each line that begins with
     * {@code CREATE TABLE `name`}. An import reads them all before it reads the script, so they are looked for with
     * {@code indexOf} rather than a pattern matched on every line (in a fresh JVM, the four releases in 18 ms instead
     * of 36).
     */
    public static Set<String> tables(PodVersion version) {
        String schema;
        try (InputStream in = PodSchemas.class.getResourceAsStream(version.schemaResource())) {
            schema = "\n" + new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read fixture " + version.schemaResource(), e);
        }
        Set<String> tables = new TreeSet<>();
        for (int at = schema.indexOf(CREATE_TABLE_LINE); at >= 0; at = schema.indexOf(CREATE_TABLE_LINE, at + 1)) {
            int name = at + CREATE_TABLE_LINE.length();
            int end = schema.indexOf('`', name);
            int lineEnd = schema.indexOf('\n', name);
            if (end > name && (lineEnd < 0 || lineEnd > end)) {
                tables.add(schema.substring(name, end));
            }
        }
        return tables;
    }

    /** The columns of each table of {@code version}, in the order its schema fixture creates them. */
    public static Map<String, List<String>> columns(PodVersion version) {
        Map<String, List<String>> columns = new TreeMap<>();
        try (InputStream in = PodSchemas.class.getResourceAsStream(version.schemaResource());
             StatementReader reader = StatementReader.open(in)) {
            for (SqlStatement sql = reader.next(); sql != null; sql = reader.next()) {
                String table = sql.table();
                if (sql.kind() == StatementKind.CREATE_TABLE) {
                    TableDefinitions.columns(sql.text()).ifPresent(list -> columns.put(table, list));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read fixture " + version.schemaResource(), e);
        }
        return columns;
    }

    /**
     * The columns of each Pod v2 table in the order every v2 release here creates them (2.9.1 and 2.9.3; Django's
     * migrations append a table's new columns, so a site upgraded to them has the same order): what the values of a
     * dump of data alone stand for. A table whose columns differ between those releases is left out.
     */
    public static Map<String, List<String>> v2ColumnOrder() {
        return V2ColumnOrder.AGREED;
    }

    private static final class V2ColumnOrder {
        static final Map<String, List<String>> AGREED = agreed();

        private static Map<String, List<String>> agreed() {
            Map<String, List<String>> agreed = new TreeMap<>();
            Set<String> disputed = new TreeSet<>();
            for (PodVersion version : PodVersion.values()) {
                if (!version.isV2()) {
                    continue;
                }
                for (Map.Entry<String, List<String>> table : columns(version).entrySet()) {
                    List<String> known = agreed.putIfAbsent(table.getKey(), table.getValue());
                    if (known != null && !known.equals(table.getValue())) {
                        disputed.add(table.getKey());
                    }
                }
            }
            agreed.keySet().removeAll(disputed);
            return Map.copyOf(agreed);
        }
    }

    /** Runs a fixture script, split as the mariadb client splits it. */
    private static void execute(String resource, Connection connection) throws SQLException {
        try (InputStream in = PodSchemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing fixture " + resource);
            }
            try (StatementReader reader = StatementReader.open(in); Statement statement = connection.createStatement()) {
                statement.setEscapeProcessing(false);
                for (SqlStatement sql = reader.next(); sql != null; sql = reader.next()) {
                    statement.execute(sql.text());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read fixture " + resource, e);
        }
    }
}
