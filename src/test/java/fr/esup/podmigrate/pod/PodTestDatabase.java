package fr.esup.podmigrate.pod;

import fr.esup.podmigrate.sql.Identifiers;
import fr.esup.podmigrate.testsupport.TestServer;
import fr.esup.podmigrate.v2.TableQueries;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@code pm_test_*} database on the test server holding a Pod fixture; closing it drops it.
 * <pre>{@code try (PodTestDatabase v3 = PodTestDatabase.blank(PodVersion.V3_8_4);
 *      Connection c = v3.connect()) { ... }}</pre>
 */
public final class PodTestDatabase implements AutoCloseable {

    /** Videos in the generated v2 database most tests use: every kind of row, in well under a second. */
    public static final int DEFAULT_SCALE = 100;
    public static final long DEFAULT_SEED = 20_240_915;

    private final String name;

    private PodTestDatabase(String name) {
        this.name = name;
    }

    /** A database without tables. */
    public static PodTestDatabase empty() throws SQLException {
        return create("empty", connection -> { });
    }

    /** The tables of {@code version}, no rows. */
    public static PodTestDatabase schemaOnly(PodVersion version) throws SQLException {
        return create("schema_" + version.name(), connection -> PodSchemas.load(version, connection));
    }

    /** The database a fresh {@code make migrate} of {@code version} leaves. */
    public static PodTestDatabase blank(PodVersion version) throws SQLException {
        return create("blank_" + version.name(), connection -> PodSchemas.loadBlank(version, connection));
    }

    /** A blank {@code version} as the wipe leaves it: every table empty but {@code django_migrations}. */
    public static PodTestDatabase wipedBlank(PodVersion version) throws SQLException {
        return create("wiped_" + version.name(), connection -> {
            PodSchemas.loadBlank(version, connection);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET FOREIGN_KEY_CHECKS = 0");
                for (String table : PodSchemas.tables(version)) {
                    if (!table.equals(PodMigrationRules.MIGRATIONS_TABLE)) {
                        statement.execute("TRUNCATE TABLE " + Identifiers.quote(table));
                    }
                }
            }
        });
    }

    /** A v2 site at the default test scale. */
    public static PodTestDatabase generatedV2(PodVersion version) throws SQLException {
        return generatedV2(version, DEFAULT_SCALE, DEFAULT_SEED);
    }

    public static PodTestDatabase generatedV2(PodVersion version, int scale, long seed) throws SQLException {
        return create("v2_" + version.name(), connection -> V2DataGenerator.generate(connection, version, scale, seed));
    }

    public String name() {
        return name;
    }

    public Connection connect() throws SQLException {
        return TestServer.get().connect(name);
    }

    /** Each table's SHOW CREATE TABLE, without its next AUTO_INCREMENT, by table. */
    public Map<String, String> structures() throws SQLException {
        Map<String, String> structures = perTable("SHOW CREATE TABLE");
        structures.replaceAll((table, create) -> create.replaceAll(" AUTO_INCREMENT=\\d+", ""));
        return structures;
    }

    /** The second column of a statement's answer about each table, such as {@code CHECKSUM TABLE}, by table. */
    public Map<String, String> perTable(String statement) throws SQLException {
        Map<String, String> answers = new TreeMap<>();
        try (Connection c = connect(); Statement query = c.createStatement()) {
            for (String table : TableQueries.tables(TableQueries.on(c))) {
                try (ResultSet rs = query.executeQuery(statement + " " + Identifiers.quote(table))) {
                    rs.next();
                    answers.put(table, rs.getString(2));
                }
            }
        }
        return answers;
    }

    @Override
    public void close() {
        TestServer.get().dropDatabase(name);
    }

    private interface Filling {
        void fill(Connection connection) throws SQLException;
    }

    private static PodTestDatabase create(String label, Filling filling) throws SQLException {
        PodTestDatabase database = new PodTestDatabase(TestServer.get().createDatabase(label));
        try (Connection connection = database.connect()) {
            filling.fill(connection);
            return database;
        } catch (SQLException | RuntimeException e) {
            database.close();
            throw e;
        }
    }
}
