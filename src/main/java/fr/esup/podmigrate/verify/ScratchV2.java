package fr.esup.podmigrate.verify;

import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.importing.PodImport;
import fr.esup.podmigrate.importing.TargetSchema;
import fr.esup.podmigrate.pod.PodSchemas;
import fr.esup.podmigrate.pod.PodVersion;
import fr.esup.podmigrate.sql.Identifiers;
import fr.esup.podmigrate.sql.load.ImportOptions;
import fr.esup.podmigrate.sql.load.ImportResult;
import fr.esup.podmigrate.sql.load.Importer;
import fr.esup.podmigrate.sql.load.ScriptRefusedException;
import fr.esup.podmigrate.sql.load.TargetLockedException;
import fr.esup.podmigrate.sql.script.UnknownCollations;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

/**
 * The podv2.sql loaded into a scratch database beside the target, {@code <target>_pmv2}, when there is no source
 * database to compare v3's rows with: loaded by the project's own engine, as written (a plain import), and dropped
 * once the comparison is over. Only that database is ever created or dropped. A dump of data alone creates no table:
 * the scratch then holds Pod 2.9's, whose columns its values are read in (see {@link PodSchemas#v2ColumnOrder()}).
 * A collation the server lacks (a v2 on MySQL 8 dumps its tables in utf8mb4_0900_ai_ci) gets a stand-in that tells
 * apart every two values it did (see {@link UnknownCollations}): the values are compared as text, not by collation.
 */
public final class ScratchV2 implements AutoCloseable {

    public static final String SUFFIX = "_pmv2";
    /** The statements at the head of a script where its USE lines are: they name the database it was dumped from. */
    private static final int CONNECTIONS = 4;

    private final DatabaseEndpoint target;
    private final String name;

    private ScratchV2(DatabaseEndpoint target, String name) {
        this.target = target;
        this.name = name;
    }

    /** The scratch database's name for this target. */
    public static String nameFor(DatabaseEndpoint target) {
        return target.database() + SUFFIX;
    }

    /**
     * Creates the scratch database (over a scratch database a crashed verification left) and loads the script.
     *
     * @param sourceDatabase for a script of several databases, the one the import took; else null
     * @param copies         where a compressed script is decompressed to be loaded (see
     *                       {@link ImportOptions#decompressInto()})
     * @throws Unavailable the target's account may not create the scratch database
     */
    public static ScratchV2 load(DatabaseEndpoint target, Path script, String sourceDatabase, Path copies,
                                 BooleanSupplier cancelled) throws Unavailable, SQLException, IOException {
        ScratchV2 scratch = new ScratchV2(target, nameFor(target));
        Set<String> collations;
        try (Connection connection = target.connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + Identifiers.quote(scratch.name));
            statement.execute("CREATE DATABASE " + Identifiers.quote(scratch.name) + " CHARACTER SET utf8mb4");
            collations = TargetSchema.collations(statement);
        } catch (SQLException e) {
            if (e.getErrorCode() == 1044 || e.getErrorCode() == 1045 || e.getErrorCode() == 1142) {
                throw new Unavailable(scratch.name, e.getMessage());
            }
            throw e;
        }
        try {
            ImportOptions.Builder options = ImportOptions.builder().sourceDatabase(sourceDatabase)
                    .allowedUseDatabases(PodImport.usedDatabases(script)).parallelism(CONNECTIONS)
                    .decompressInto(copies).cancelled(cancelled)
                    .unknownCollations(new UnknownCollations(collations));
            if (!PodImport.createsTablesBeforeRows(script)) {
                options.keepTargetStructure(true).targetTables(scratch.createV2Tables());
            }
            ImportResult result = new Importer(options.build()).run(script, scratch::connect);
            if (!result.completed() || !result.errors().isEmpty()) {
                throw new IOException("The podv2.sql did not load into " + scratch.name + ": "
                        + (result.errors().isEmpty() ? "stopped" : result.errors().get(0).message()));
            }
            return scratch;
        } catch (IOException | SQLException | RuntimeException e) {
            scratch.close();
            throw e;
        } catch (ScriptRefusedException | TargetLockedException e) {
            scratch.close();
            throw new IOException("The podv2.sql cannot be loaded into " + scratch.name + ": " + e.getMessage(), e);
        }
    }

    /** Creates the tables of Pod 2.9 whose columns every 2.9 release gives alike; their names. */
    private Set<String> createV2Tables() throws SQLException {
        Set<String> tables = new TreeSet<>(PodSchemas.tables(PodVersion.V2_9_3));
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            PodSchemas.load(PodVersion.V2_9_3, connection);
            statement.execute("SET foreign_key_checks = 0");
            for (String table : Set.copyOf(tables)) {
                if (!PodSchemas.v2ColumnOrder().containsKey(table)) {
                    statement.execute("DROP TABLE " + Identifiers.quote(table));
                    tables.remove(table);
                }
            }
        }
        return tables;
    }

    public String name() {
        return name;
    }

    public Connection connect() throws SQLException {
        Connection connection = target.connect();
        connection.setCatalog(name);
        return connection;
    }

    @Override
    public void close() throws SQLException {
        try (Connection connection = target.connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + Identifiers.quote(name));
        }
    }

    /** The target's account may not create the scratch database: the privilege it lacks, the server's words. */
    public static final class Unavailable extends Exception {

        private final String database;

        Unavailable(String database, String serverMessage) {
            super("The target's account may not create the scratch database " + database
                    + ": it needs the CREATE and DROP privileges on it (" + serverMessage + ")");
            this.database = database;
        }

        public String database() {
            return database;
        }
    }
}
