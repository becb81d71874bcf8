package fr.esup.podmigrate.testsupport;

import fr.esup.podmigrate.config.EmbeddedMariaDb;
import fr.esup.podmigrate.config.ServerAddress;
import fr.esup.podmigrate.sql.Identifiers;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The MariaDB server of the test run: the one named by {@code PODMIGRATE_TEST_SERVER_URL} (with the
 * client binaries on the PATH), or else one embedded server started once for the whole JVM.
 * Tests create and drop only databases named {@code pm_test_*}.
 */
public final class TestServer {

    public static final String URL_VARIABLE = "PODMIGRATE_TEST_SERVER_URL";

    private static volatile TestServer instance;

    private final String serverUrl;
    private final String user;
    private final String password;
    private final String host;
    private final int port;
    private final String clientBinary;
    private final String dumpBinary;

    private TestServer(String serverUrl, String user, String password, String host, int port,
                       String clientBinary, String dumpBinary) {
        this.serverUrl = serverUrl;
        this.user = user;
        this.password = password;
        this.host = host;
        this.port = port;
        this.clientBinary = clientBinary;
        this.dumpBinary = dumpBinary;
    }

    /** Refused to a {@code *Test} class: those run in the fast run, without a database. */
    public static TestServer get() {
        DatabaseTests.requireIntegrationTest("The tests' MariaDB server");
        if (instance == null) {
            synchronized (TestServer.class) {
                if (instance == null) {
                    instance = create();
                }
            }
        }
        return instance;
    }

    private static TestServer create() {
        String configured = System.getenv(URL_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            ServerAddress server = ServerAddress.parse(configured);
            return new TestServer("jdbc:mariadb://" + server.host() + ":" + server.port() + "/", server.user(),
                    server.password(), server.host(), server.port(), "mariadb", "mariadb-dump");
        }
        Path home = Path.of("target", "embedded-mariadb-" + ProcessHandle.current().pid()).toAbsolutePath();
        EmbeddedMariaDb db = EmbeddedMariaDb.start(home);
        Runtime.getRuntime().addShutdownHook(new Thread(db::close));
        return new TestServer("jdbc:mariadb://127.0.0.1:" + db.port() + "/", "root", "", "127.0.0.1", db.port(),
                db.clientBinary().toString(), db.dumpBinary().toString());
    }

    /** A JDBC URL (no credentials in it) for a database of this server. */
    public String jdbcUrl(String database) {
        return serverUrl + database + "?sslMode=disable&allowMultiQueries=false";
    }

    public String user() { return user; }

    public String password() { return password; }

    public String host() { return host; }

    public int port() { return port; }

    /** The {@code mariadb} client matching this server. */
    public String clientBinary() { return clientBinary; }

    /** The {@code mariadb-dump} client matching this server. */
    public String dumpBinary() { return dumpBinary; }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), user, password);
    }

    /**
     * The server's count of LOAD DATA statements and of prepared statements executed (rows sent bound), which an
     * import of rows read from a file gives and one streamed from a compressed script does not.
     */
    public long loadsAndBoundStatements() throws SQLException {
        long loads = 0;
        try (Connection c = connect(""); ResultSet rs = c.createStatement()
                .executeQuery("SHOW GLOBAL STATUS WHERE Variable_name IN ('Com_load', 'Com_stmt_execute')")) {
            while (rs.next()) {
                loads += rs.getLong(2);
            }
        }
        return loads;
    }

    /** Dumps a database with {@code mariadb-dump} and the options given into {@code output}; fails when it fails. */
    public Path mariadbDump(String database, Path output, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(dumpBinary, "--no-defaults", "--skip-ssl", "-h", host, "-P",
                String.valueOf(port), "-u", user));
        if (!password.isEmpty()) {
            command.add("--password=" + password);
        }
        command.addAll(List.of(options));
        command.add(database);
        Process process = new ProcessBuilder(command).redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (process.waitFor() != 0) {
            throw new IOException("mariadb-dump of " + database + " exited with " + process.exitValue());
        }
        return output;
    }

    /** Creates a fresh, empty {@code pm_test_<label>_<random>} database and returns its name. */
    public String createDatabase(String label) {
        String name = ("pm_test_" + label + "_" + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        execute("CREATE DATABASE " + Identifiers.quote(name) + " CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci");
        return name;
    }

    public void dropDatabase(String name) {
        if (!name.startsWith("pm_test_")) {
            throw new IllegalArgumentException("Tests drop only their own pm_test_* databases, not " + name);
        }
        execute("DROP DATABASE IF EXISTS " + Identifiers.quote(name));
    }

    private void execute(String sql) {
        try (Connection c = DriverManager.getConnection(serverUrl + "?sslMode=disable", user, password);
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
