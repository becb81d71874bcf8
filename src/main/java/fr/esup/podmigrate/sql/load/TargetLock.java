package fr.esup.podmigrate.sql.load;

import fr.esup.podmigrate.sql.ConnectionFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * One import at a time per target database, whichever process runs it (the console, the command line, on this
 * machine or another): a named lock of the server ({@code GET_LOCK}) taken on a connection of its own and held for
 * the whole import. The server releases it when that connection ends, so an import that crashed leaves no lock
 * behind; and the lock lives in the server, not in the target, which the wipe empties.
 *
 * <p>Who holds it: a second connection of the holder waits for the same lock, for a year, in a statement whose
 * comment describes the holder ({@code pod-migrate cli import, pid N, host H}). The server's process list shows that
 * statement to whoever is refused, with the holding connection's user, host and idle time: the time since it took
 * the lock. The waiting statement does not outlive the holder: when the holder's connections are lost, it gets the
 * lock, its answer reaches no client and its connection ends too. Closing the lock interrupts it first.
 */
public final class TargetLock implements AutoCloseable {

    private static final String PREFIX = "pod-migrate import ";
    /** The server's limit for a lock name. */
    private static final int NAME_LIMIT = 64;
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_$-]+");
    /**
     * How long an import waits for the lock before it is refused: an import killed a moment ago keeps its lock until
     * the server has seen both its connections go, which takes a moment on a busy server.
     */
    private static final int KILLED_HOLDER_SECONDS = 3;
    /** A year: the server's upper bound for wait_timeout, longer than any import. */
    private static final int YEAR_SECONDS = 31_536_000;
    private static final String DESCRIBED = "SELECT /* ";
    private static final Pattern UNSAFE = Pattern.compile("[^\\p{Alnum} .,:;_@()/-]");
    private static final long DESCRIPTION_WAIT_MILLIS = 2_000;

    private final Connection holding;
    private final Connection describing;
    private final long describingId;
    private final Thread waiting;
    private final AtomicBoolean closed = new AtomicBoolean();

    private TargetLock(Connection holding, Connection describing, long describingId, Thread waiting) {
        this.holding = holding;
        this.describing = describing;
        this.describingId = describingId;
        this.waiting = waiting;
    }

    /**
     * Takes the lock of the factory's database, at once or not at all.
     *
     * @param description what the holder is, for a refused import to name it: {@code cli import},
     *                    {@code console import by alice}...; the process id and host name are added
     * @throws TargetLockedException another import holds it (nothing was changed)
     * @throws SQLException          a connection cannot be opened
     */
    public static TargetLock acquire(ConnectionFactory target, String description)
            throws TargetLockedException, SQLException {
        Connection holding = target.open();
        Connection describing = null;
        try {
            String database = Importer.currentDatabase(holding);
            String name = name(database);
            if (!tryLock(holding, name, KILLED_HOLDER_SECONDS)) {
                long holderId = holderId(holding, name);
                // 0: the holder released it in between.
                if (holderId != 0 || !tryLock(holding, name, 0)) {
                    throw refusal(holding, database, name, holderId);
                }
            }
            try (Statement statement = holding.createStatement()) {
                statement.execute("SET SESSION wait_timeout = " + YEAR_SECONDS);
            }
            describing = target.open();
            long describingId = connectionId(describing);
            Thread waiting = describe(describing, name, holderText(description));
            awaitDescription(holding, describingId);
            return new TargetLock(holding, describing, describingId, waiting);
        } catch (TargetLockedException | SQLException | RuntimeException e) {
            if (describing != null) {
                describing.close();
            }
            holding.close();
            throw e;
        }
    }

    /** The lock's name for a database: short enough for the server, hashed when the database's name is not. */
    static String name(String database) {
        if (PLAIN_NAME.matcher(database).matches() && PREFIX.length() + database.length() <= NAME_LIMIT) {
            return PREFIX + database;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(database.getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(hash, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java has SHA-256", e);
        }
    }

    /** Releases the lock: the describing statement is interrupted first, so the holder's connections end together. */
    @Override
    public void close() throws SQLException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try (holding) {
            try (Statement statement = holding.createStatement()) {
                statement.execute("KILL QUERY " + describingId);
            } catch (SQLException lost) {
                // The holding connection was lost, and its lock with it: the describing one has it now, or soon.
            }
            waiting.join(TimeUnit.SECONDS.toMillis(5));
            if (waiting.isAlive()) {
                describing.abort(Runnable::run);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            describing.close();
        }
    }

    private static boolean tryLock(Connection connection, String name, int seconds) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT GET_LOCK(?, ?)")) {
            statement.setString(1, name);
            statement.setInt(2, seconds);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getInt(1) == 1;
            }
        }
    }

    private static Thread describe(Connection describing, String name, String holder) {
        String sql = DESCRIBED + holder + " */ GET_LOCK('" + name + "', " + YEAR_SECONDS + ")";
        Thread thread = new Thread(() -> {
            try (Statement statement = describing.createStatement()) {
                statement.executeQuery(sql).close();
            } catch (SQLException interrupted) {
                // close() interrupted it, or the server ended it: the holding connection keeps the lock either way.
            }
        }, "pod-migrate-target-lock");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Waits until the server shows the description, so that an import refused right after can name the holder. */
    private static void awaitDescription(Connection holding, long describingId) throws SQLException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DESCRIPTION_WAIT_MILLIS);
        try (PreparedStatement statement = holding.prepareStatement(
                "SELECT STATE FROM information_schema.PROCESSLIST WHERE ID = ? AND INFO LIKE 'SELECT /* %'")) {
            statement.setLong(1, describingId);
            while (System.nanoTime() < deadline) {
                try (ResultSet result = statement.executeQuery()) {
                    if (result.next()) {
                        return;
                    }
                }
                Thread.onSpinWait();
            }
        }
    }

    /** The connection id of the lock's holder; 0 when nobody holds it. */
    private static long holderId(Connection connection, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT IS_USED_LOCK(?)")) {
            statement.setString(1, name);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private static TargetLockedException refusal(Connection connection, String database, String name, long holderId)
            throws SQLException {
        String description = null;
        String connectionText = "connection " + holderId;
        Duration heldFor = null;
        try (PreparedStatement statement = connection.prepareStatement("SELECT ID, USER, HOST, TIME, INFO"
                + " FROM information_schema.PROCESSLIST WHERE ID = ? OR INFO LIKE 'SELECT /* %'")) {
            statement.setLong(1, holderId);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String info = rows.getString("INFO");
                    if (rows.getLong("ID") == holderId) {
                        connectionText += ", " + rows.getString("USER") + "@" + rows.getString("HOST");
                        heldFor = Duration.ofSeconds(rows.getLong("TIME"));
                    }
                    if (info != null && info.startsWith(DESCRIBED) && info.contains("GET_LOCK('" + name + "',")) {
                        description = info.substring(DESCRIBED.length(), info.indexOf(" */"));
                        if (heldFor == null) {
                            heldFor = Duration.ofSeconds(rows.getLong("TIME"));
                        }
                    }
                }
            }
        }
        String holder = description == null ? connectionText : description + " (" + connectionText + ")";
        return new TargetLockedException(database, holder, heldFor);
    }

    private static String holderText(String description) {
        String text = "pod-migrate " + description + ", pid " + ProcessHandle.current().pid() + ", host " + hostName();
        String safe = UNSAFE.matcher(text).replaceAll("_");
        return safe.length() <= 200 ? safe : safe.substring(0, 200);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }

    private static long connectionId(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT CONNECTION_ID()")) {
            result.next();
            return result.getLong(1);
        }
    }
}
