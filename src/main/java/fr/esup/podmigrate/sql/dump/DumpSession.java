package fr.esup.podmigrate.sql.dump;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The session settings a dump reads under, set on a connection and given back afterwards: results in utf8mb4,
 * times in UTC (the dump's header makes the importing session UTC too), plain backticked
 * {@code SHOW CREATE TABLE}, and one consistent snapshot across all tables.
 */
final class DumpSession implements AutoCloseable {

    private final Connection connection;
    private final int previousIsolation;

    private DumpSession(Connection connection, int previousIsolation) {
        this.connection = connection;
        this.previousIsolation = previousIsolation;
    }

    /** Sets the session up; {@link #startSnapshot()} then starts the transaction the dump reads in. */
    static DumpSession prepare(Connection connection) throws SQLException {
        int previousIsolation = connection.getTransactionIsolation();
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET @pm_dump_time_zone = @@SESSION.time_zone, @pm_dump_sql_mode = @@SESSION.sql_mode,"
                    + " @pm_dump_quote_show_create = @@SESSION.sql_quote_show_create,"
                    + " @pm_dump_character_set_results = @@SESSION.character_set_results");
            statement.execute("SET SESSION time_zone = '+00:00', sql_mode = '', sql_quote_show_create = 1,"
                    + " character_set_results = utf8mb4");
        }
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        return new DumpSession(connection, previousIsolation);
    }

    /** Any transaction open on the connection is committed by it, as by any START TRANSACTION. */
    void startSnapshot() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
        }
    }

    Connection connection() {
        return connection;
    }

    @Override
    public void close() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("COMMIT");
            statement.execute("SET SESSION time_zone = @pm_dump_time_zone, sql_mode = @pm_dump_sql_mode,"
                    + " sql_quote_show_create = @pm_dump_quote_show_create,"
                    + " character_set_results = @pm_dump_character_set_results");
        }
        connection.setTransactionIsolation(previousIsolation);
    }
}
