package fr.esup.podmigrate.rehearsal;

import fr.esup.podmigrate.sql.Identifiers;
import fr.esup.podmigrate.backup.Backup;
import fr.esup.podmigrate.backup.DatabaseFingerprint;
import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.pod.PodMigrationRules;
import fr.esup.podmigrate.v2.TableQueries;
import fr.esup.podmigrate.sql.load.ImportOptions;
import fr.esup.podmigrate.sql.load.ImportResult;
import fr.esup.podmigrate.sql.load.Importer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The scratch database a rehearsal works on, {@code <target>_pmrehearsal}, on the target's server or on the rehearsal
 * server ({@code podmigrate.rehearsal.*}). Its name is always the target's with the suffix: it is the only database a
 * rehearsal creates or drops, and the target is only ever read.
 */
public final class ScratchCopy {

    public static final String SUFFIX = "_pmrehearsal";
    /** The server's words for an account that may not create or drop a database. */
    private static final List<Integer> DENIED = List.of(1044, 1045, 1142);
    private static final int RESTORE_CONNECTIONS = 2;

    private final DatabaseEndpoint target;
    /** The database of the scratch's server the account connects to while the scratch is not there. */
    private final DatabaseEndpoint server;
    private final DatabaseEndpoint scratch;

    private ScratchCopy(DatabaseEndpoint target, DatabaseEndpoint server, DatabaseEndpoint scratch) {
        this.target = target;
        this.server = server;
        this.scratch = scratch;
    }

    /** The scratch copy of {@code target}, on {@code rehearsalServer} when one is set, else beside the target. */
    public static ScratchCopy of(DatabaseEndpoint target, Optional<DatabaseEndpoint> rehearsalServer) {
        DatabaseEndpoint server = rehearsalServer.orElse(target);
        return new ScratchCopy(target, server, server.onDatabase(target.database() + SUFFIX,
                rehearsalServer.isPresent() ? "podmigrate.rehearsal.url" : "podmigrate.target.url"));
    }

    public DatabaseEndpoint endpoint() {
        return scratch;
    }

    public String name() {
        return scratch.database();
    }

    /** Whether the scratch database is there, left by a rehearsal. */
    public boolean exists() throws SQLException {
        try (Connection connection = server(); PreparedStatement statement = connection.prepareStatement(
                "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = ?")) {
            statement.setString(1, name());
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1) > 0;
            }
        }
    }

    /** Creates the scratch database afresh, over one a rehearsal left; refused, saying why, when the account may not. */
    void create() throws Refused, SQLException {
        try (Connection connection = server(); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + Identifiers.quote(name()));
            statement.execute("CREATE DATABASE " + Identifiers.quote(name()) + " CHARACTER SET utf8mb4");
        } catch (SQLException e) {
            if (DENIED.contains(e.getErrorCode())) {
                throw new Refused("The account " + scratch.username() + " may not create the scratch database " + name()
                        + " on " + scratch.host() + ":" + scratch.port() + ": it needs the CREATE and DROP privileges on it"
                        + " (the server says: " + e.getMessage() + "). Grant them, or set a rehearsal server with"
                        + " podmigrate.rehearsal.url, podmigrate.rehearsal.username and podmigrate.rehearsal.password.");
            }
            throw e;
        }
    }

    /** Drops the scratch database; no other database is ever dropped. */
    public void drop() throws SQLException {
        try (Connection connection = server(); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + Identifiers.quote(name()));
        }
    }

    /** Loads a verified backup of the target into the scratch database, and checks it holds what the backup held. */
    void restore(Backup backup) throws Exception {
        ImportResult result = new Importer(ImportOptions.builder().targetTables(List.of())
                .parallelism(RESTORE_CONNECTIONS).build()).run(backup.file(), scratch::connect);
        if (!result.completed() || !result.errors().isEmpty()) {
            throw new IllegalStateException("The backup " + backup.name() + " did not load into " + name() + ": "
                    + (result.errors().isEmpty() ? "stopped" : result.errors().get(0).message()));
        }
        DatabaseFingerprint loaded;
        try (Connection connection = scratch.connect()) {
            loaded = DatabaseFingerprint.read(connection);
        }
        List<String> different = backup.fingerprint().differences(loaded);
        if (!different.isEmpty()) {
            throw new IllegalStateException("The backup " + backup.name() + " loaded into " + name()
                    + " differs from it in " + String.join(", ", different));
        }
    }

    /** Copies the target's tables, empty, and the rows of {@code django_migrations}: a blank Pod v3 as it is. */
    void copyStructure() throws SQLException {
        try (Connection from = target.connect(); Connection to = scratch.connect();
             Statement read = from.createStatement(); Statement write = to.createStatement()) {
            write.execute("SET foreign_key_checks = 0");
            for (String table : TableQueries.names(from)) {
                try (ResultSet create = read.executeQuery("SHOW CREATE TABLE " + Identifiers.quote(table))) {
                    create.next();
                    write.execute(create.getString(2));
                }
            }
            copyRows(read, to, PodMigrationRules.MIGRATIONS_TABLE);
        }
    }

    private static void copyRows(Statement read, Connection to, String table) throws SQLException {
        try (ResultSet rows = read.executeQuery("SELECT * FROM " + Identifiers.quote(table))) {
            int width = rows.getMetaData().getColumnCount();
            String marks = String.join(", ", Collections.nCopies(width, "?"));
            try (PreparedStatement insert = to.prepareStatement("INSERT INTO " + Identifiers.quote(table)
                    + " VALUES (" + marks + ")")) {
                while (rows.next()) {
                    for (int i = 1; i <= width; i++) {
                        insert.setObject(i, rows.getObject(i));
                    }
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
    }

    /** A connection to the scratch database's server, not to the scratch database: it may not exist yet. */
    private Connection server() throws SQLException {
        return server.connect();
    }
}
