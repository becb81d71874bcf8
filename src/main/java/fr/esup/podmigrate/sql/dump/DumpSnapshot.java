package fr.esup.podmigrate.sql.dump;

import fr.esup.podmigrate.sql.ConnectionFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The connections a dump reads through, all in one consistent snapshot of the database. Several connections see
 * the same snapshot when each starts its transaction while a global read lock ({@code FLUSH TABLES WITH READ LOCK},
 * which needs the RELOAD privilege) holds every write back; without that privilege the dump reads through one.
 */
final class DumpSnapshot implements AutoCloseable {

    /** ER_SPECIFIC_ACCESS_DENIED_ERROR: the user lacks the RELOAD privilege. */
    private static final int ACCESS_DENIED = 1227;

    private final List<DumpSession> sessions = new ArrayList<>();
    /** Whether the connections are ours to close, rather than the caller's to keep with their settings back. */
    private final boolean owned;

    private DumpSnapshot(boolean owned) {
        this.owned = owned;
    }

    /** The snapshot on the caller's connection, which is left open with its session settings back. */
    static DumpSnapshot on(Connection connection) throws SQLException {
        DumpSnapshot snapshot = new DumpSnapshot(false);
        DumpSession session = DumpSession.prepare(connection);
        snapshot.sessions.add(session);
        try {
            session.startSnapshot();
        } catch (SQLException | RuntimeException e) {
            snapshot.closeAfter(e);
            throw e;
        }
        return snapshot;
    }

    /**
     * Opens {@code count} connections in one snapshot, or a single one when the user may not take the global read
     * lock. The connections are opened and set up before the lock, which is held only while each starts its
     * transaction, and released even when that fails.
     */
    static DumpSnapshot open(ConnectionFactory factory, int count) throws SQLException {
        DumpSnapshot snapshot = new DumpSnapshot(true);
        try {
            for (int i = 0; i < count; i++) {
                Connection connection = factory.open();
                try {
                    snapshot.sessions.add(DumpSession.prepare(connection));
                } catch (SQLException | RuntimeException e) {
                    connection.close();
                    throw e;
                }
            }
            if (count == 1 || !snapshot.startUnderReadLock()) {
                snapshot.closeAllButFirst();
                snapshot.sessions.get(0).startSnapshot();
            }
            return snapshot;
        } catch (SQLException | RuntimeException e) {
            snapshot.closeAfter(e);
            throw e;
        }
    }

    /** Starts every session's snapshot under the global read lock; false when the user may not take it. */
    private boolean startUnderReadLock() throws SQLException {
        try (Statement lock = sessions.get(0).connection().createStatement()) {
            try {
                // As mariadb-dump does: tables flushed first, without the lock, leave the locked flush little to
                // wait for, so writes are held back only briefly. LOCAL keeps the flush out of the binary log.
                lock.execute("FLUSH LOCAL TABLES");
                lock.execute("FLUSH TABLES WITH READ LOCK");
            } catch (SQLException e) {
                if (e.getErrorCode() == ACCESS_DENIED) {
                    return false;
                }
                throw e;
            }
            try {
                for (DumpSession session : sessions) {
                    session.startSnapshot();
                }
            } finally {
                lock.execute("UNLOCK TABLES");
            }
            return true;
        }
    }

    private void closeAllButFirst() throws SQLException {
        while (sessions.size() > 1) {
            DumpSession session = sessions.remove(sessions.size() - 1);
            try (Connection opened = session.connection()) {
                session.close();
            }
        }
    }

    List<Connection> connections() {
        List<Connection> connections = new ArrayList<>(sessions.size());
        for (DumpSession session : sessions) {
            connections.add(session.connection());
        }
        return connections;
    }

    /**
     * Ends the snapshot and gives each connection its session settings back, then closes those it opened: they may
     * come from a pool, which would hand them out again as they are.
     */
    @Override
    public void close() throws SQLException {
        SQLException first = null;
        for (DumpSession session : sessions) {
            try (Connection opened = owned ? session.connection() : null) {
                session.close();
            } catch (SQLException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private void closeAfter(Exception failure) {
        try {
            close();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
