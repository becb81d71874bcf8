package fr.esup.podmigrate.config;

import fr.esup.podmigrate.sql.ReadBufferedSocketFactory;
import org.mariadb.jdbc.Configuration;
import org.mariadb.jdbc.Driver;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One database the console works on: where it is and how to log in. The password never leaves this object. */
public final class DatabaseEndpoint {

    private static final int CONNECT_TIMEOUT_MS = 5_000;
    private static final String MYSQL_SCHEME = "jdbc:mysql:";
    private static final Pattern DATABASE_PART = Pattern.compile("(jdbc:(?:mariadb|mysql)://[^/?#]+/)([^?/;]*)(.*)",
            Pattern.DOTALL);
    /** The thread {@link #prepareDriver()} started, if any. */
    private static volatile Thread preparingDriver;

    private final String url;
    private final String username;
    private final String password;
    private final JdbcUrl parts;
    /**
     * The driver's reading of the URL and properties, made at the first connection and kept for the others. The
     * process's first reading looks for the driver's codecs through every jar of the class path (74 of them), 40 to
     * 50 ms of CPU on a small machine, and keeps them for the others (see {@link #prepareDriver()}). The driver is
     * called directly, not through DriverManager, whose first call looks for drivers the same way.
     */
    private volatile Configuration configuration;

    public DatabaseEndpoint(String url, String username, String password, String setting) {
        this.url = url.strip();
        this.username = username == null ? "" : username;
        this.password = password == null ? "" : password;
        this.parts = JdbcUrl.parse(this.url, setting);
    }

    /**
     * Has the driver look for its codecs on a thread of its own while the command line is read and checked, and keep
     * them for every reading of a URL after it ({@code cacheCodecs}): the first connection then waits for that thread
     * rather than look through the jars again beside it (see {@link #configuration()}). A dump of a one-row database
     * took 0.29 s instead of 0.355 s, its CPU 0.35 s instead of 0.44 s; bench/run's 263 MB dump 1.51 s instead of
     * 1.625 s (medians of 12 and 8 runs in turn).
     */
    public static void prepareDriver() {
        Thread thread = new Thread(() -> {
            try {
                Configuration.parse("jdbc:mariadb://localhost/?cacheCodecs=true");
            } catch (SQLException e) {
                // the connection's own reading will say what is wrong
            }
        }, "pod-migrate-driver");
        thread.setDaemon(true);
        preparingDriver = thread;
        thread.start();
    }

    public String host() {
        return parts.host();
    }

    /**
     * Whether the server runs on this machine, as far as its host says: a loopback address, or an address of one of
     * this machine's interfaces. An unknown host is not.
     */
    public boolean onThisMachine() {
        try {
            InetAddress address = InetAddress.getByName(host());
            return address.isLoopbackAddress() || address.isAnyLocalAddress()
                    || NetworkInterface.getByInetAddress(address) != null;
        } catch (IOException e) {
            return false;
        }
    }

    public int port() {
        return parts.port();
    }

    public String database() {
        return parts.database();
    }

    public String username() {
        return username;
    }

    /** The password, for handing to a client process or a driver; never to a page, a log or a file. */
    public String secret() {
        return password;
    }

    public Connection connect() throws SQLException {
        try {
            return Driver.connect(configuration());
        } catch (SQLException e) {
            throw withoutPassword(e);
        }
    }

    Configuration configuration() throws SQLException {
        Configuration parsed = configuration;
        if (parsed != null) {
            return parsed;
        }
        Properties props = new Properties();
        if (!username.isEmpty()) {
            props.setProperty("user", username);
        }
        if (!password.isEmpty()) {
            props.setProperty("password", password);
        }
        props.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_MS));
        // a socketFactory the URL names wins over this one: the driver lets its URL's options override properties
        props.setProperty("socketFactory", ReadBufferedSocketFactory.class.getName());
        // The driver's read-ahead stream over those sockets rather than a BufferedInputStream, which takes a lock on
        // each read, two a row: bench/run's dump took 1.31 s instead of 1.34 s, and 1.46 s instead of 1.49 s (medians
        // of 12 and 10 runs in turn), its CPU 2 to 4 % less. What it asks is waiting (available()) the factory's
        // stream answers from its buffer, without a system call.
        props.setProperty("useReadAheadInput", "true");
        props.setProperty("cacheCodecs", "true");
        awaitPreparedDriver();
        parsed = Configuration.parse(driverUrl(url), props);
        configuration = parsed;
        return parsed;
    }

    private static void awaitPreparedDriver() {
        Thread thread = preparingDriver;
        if (thread != null) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the reading below looks for the codecs itself
            }
        }
    }

    /**
     * The URL as the driver takes it: the settings accept the {@code jdbc:mysql:} scheme too, which the driver refuses
     * unless the URL itself says {@code permitMysqlScheme} (a property does not do). The constructor has checked the
     * scheme, so the driver takes every URL this gives.
     */
    static String driverUrl(String url) {
        return url.startsWith(MYSQL_SCHEME) ? "jdbc:mariadb:" + url.substring(MYSQL_SCHEME.length()) : url;
    }

    /** A driver's message may quote the URL, password included: masked here before anyone reads it. */
    static SQLException withoutPassword(SQLException e) {
        String masked = JdbcUrl.mask(e.getMessage());
        if (masked == null || masked.equals(e.getMessage())) {
            return e;
        }
        SQLException clean = new SQLException(masked, e.getSQLState(), e.getErrorCode(), e.getCause());
        clean.setStackTrace(e.getStackTrace());
        return clean;
    }

    /**
     * Another database on the same server, reached with the same account: a scratch database beside this one.
     *
     * @param setting the setting named when the URL is wrong
     */
    public DatabaseEndpoint onDatabase(String database, String setting) {
        Matcher m = DATABASE_PART.matcher(url);
        if (!m.matches()) {
            throw new InvalidSettingException(setting, "'" + JdbcUrl.mask(url) + "' names no database");
        }
        return new DatabaseEndpoint(m.group(1) + database + m.group(3), username, password, setting);
    }

    /** What jobs lock the database by: its server and name, whichever user the console logs in as. */
    public String lockKey() {
        return host() + ":" + port() + "/" + database();
    }

    @Override
    public String toString() {
        return username + "@" + host() + ":" + port() + "/" + database();
    }
}
