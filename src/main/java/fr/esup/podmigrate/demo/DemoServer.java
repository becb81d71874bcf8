package fr.esup.podmigrate.demo;

import fr.esup.podmigrate.config.EmbeddedMariaDb;
import fr.esup.podmigrate.sql.Identifiers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Where the demo's databases live: an embedded MariaDB, or, when it cannot start, the local server
 * at 127.0.0.1:3306 as root without a password.
 */
final class DemoServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DemoServer.class);
    static final String LOCAL_SERVER = "jdbc:mariadb://127.0.0.1:3306/";

    private final EmbeddedMariaDb embedded;
    private final String serverUrl;
    private final String databasePrefix;

    private DemoServer(EmbeddedMariaDb embedded, String serverUrl, String databasePrefix) {
        this.embedded = embedded;
        this.serverUrl = serverUrl;
        this.databasePrefix = databasePrefix;
    }

    static DemoServer start() {
        try {
            EmbeddedMariaDb embedded = EmbeddedMariaDb.start(Files.createTempDirectory("pod-migrate-demo"));
            return new DemoServer(embedded, "jdbc:mariadb://127.0.0.1:" + embedded.port() + "/", "pod_demo_");
        } catch (IOException | RuntimeException e) {
            log.warn("The embedded MariaDB could not start ({}); the demo uses the local server at 127.0.0.1:3306"
                    + " (user root, no password), databases pm_demo_v3 and pm_demo_v2", e.getMessage());
            return new DemoServer(null, LOCAL_SERVER, "pm_demo_");
        }
    }

    String description() {
        return embedded != null ? "the embedded MariaDB at 127.0.0.1:" + embedded.port() : "the local MariaDB at 127.0.0.1:3306";
    }

    String databaseName(String role) {
        return databasePrefix + role;
    }

    String jdbcUrl(String database) {
        return serverUrl + database + "?sslMode=disable";
    }

    /** Drops and creates the demo database, so that every start shows the same state. */
    void recreate(String database) throws SQLException {
        try (Connection c = DriverManager.getConnection(serverUrl + "?sslMode=disable", "root", "")) {
            c.createStatement().execute("DROP DATABASE IF EXISTS " + Identifiers.quote(database));
            c.createStatement().execute("CREATE DATABASE " + Identifiers.quote(database) + " CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci");
        }
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), "root", "");
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
