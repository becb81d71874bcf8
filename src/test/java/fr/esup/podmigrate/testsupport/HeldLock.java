package fr.esup.podmigrate.testsupport;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

/**
 * A named lock held on a connection of its own during each test: a script's {@link #waitFor GET_LOCK} of it waits as
 * {@code SLEEP} would (which an import refuses) and returns 0, so that a test can stop an import amid its rows.
 * Registered with {@code @RegisterExtension}.
 */
public final class HeldLock implements BeforeEachCallback, AfterEachCallback {

    /** Asked for as the test class is made: the server is for *IT classes, which only the stack tells then. */
    private final TestServer server = TestServer.get();
    private final String name = "pm_slow_" + UUID.randomUUID();
    private Connection holder;

    @Override
    public void beforeEach(ExtensionContext context) throws SQLException {
        holder = server.connect("");
        holder.createStatement().executeQuery("SELECT GET_LOCK('" + name + "', 0)").close();
    }

    /** An SQL expression that waits this many seconds for the lock, then gives 0. */
    public String waitFor(double seconds) {
        return "GET_LOCK('" + name + "', " + seconds + ")";
    }

    /** Lets whatever waits for the lock have it now. */
    public void release() throws SQLException {
        holder.createStatement().executeQuery("SELECT RELEASE_LOCK('" + name + "')").close();
    }

    @Override
    public void afterEach(ExtensionContext context) throws SQLException {
        holder.close();
    }
}
