package fr.esup.podmigrate.pod;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The tables and columns of a loaded database, read from information_schema, and the fixture lists beside them. */
record SchemaCatalog(Map<String, Map<String, Column>> tables, Set<String> migratedApps) {

    record Column(String type, boolean nullable, boolean hasDefault) {
    }

    static SchemaCatalog of(Connection connection) throws SQLException {
        Map<String, Map<String, Column>> tables = new TreeMap<>();
        Set<String> apps = new TreeSet<>();
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("SELECT table_name, column_name, column_type, is_nullable,"
                    + " column_default FROM information_schema.columns WHERE table_schema = DATABASE()")) {
                while (rs.next()) {
                    tables.computeIfAbsent(rs.getString(1), t -> new TreeMap<>()).put(rs.getString(2),
                            new Column(rs.getString(3), "YES".equals(rs.getString(4)), rs.getString(5) != null));
                }
            }
            if (tables.containsKey(PodMigrationRules.MIGRATIONS_TABLE)) {
                try (ResultSet rs = statement.executeQuery("SELECT DISTINCT app FROM django_migrations")) {
                    while (rs.next()) {
                        apps.add(rs.getString(1));
                    }
                }
            }
        }
        return new SchemaCatalog(tables, apps);
    }

    Set<String> tableNames() {
        return tables.keySet();
    }

    boolean hasColumn(String table, String column) {
        return tables.containsKey(table) && tables.get(table).containsKey(column);
    }

    Column column(String table, String column) {
        return tables.get(table).get(column);
    }

    /** The table list shipped beside the schema in ../shared/pod-schema (a copy in the test resources). */
    static Set<String> fixtureTableList(PodVersion version) {
        return new TreeSet<>(Arrays.asList(resource("/pod-schema/tables-pod-" + version.label() + ".txt").split("\\s+")));
    }

    static String resource(String name) {
        try (InputStream in = SchemaCatalog.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Set<String> lines(String resource) {
        return new LinkedHashSet<>(Arrays.asList(resource(resource).split("\n")));
    }
}
