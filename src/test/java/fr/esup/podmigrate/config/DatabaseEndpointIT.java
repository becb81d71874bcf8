package fr.esup.podmigrate.config;

import fr.esup.podmigrate.testsupport.TestServer;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.net.Socket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Connections made from the settings' URLs, against the real MariaDB server of the test run. */
class DatabaseEndpointIT {

    private final TestServer server = TestServer.get();

    @Test
    void connectsThroughTheMysqlSchemeTheSettingsAccept() throws Exception {
        String database = server.createDatabase("endpoint");
        try {
            String url = server.jdbcUrl(database).replaceFirst("^jdbc:mariadb:", "jdbc:mysql:");
            assertThat(url).startsWith("jdbc:mysql://");
            DatabaseEndpoint endpoint = new DatabaseEndpoint(url, server.user(), server.password(), "test");
            try (Connection connection = endpoint.connect();
                 ResultSet current = connection.createStatement().executeQuery("SELECT DATABASE()")) {
                assertThat(current.next()).isTrue();
                assertThat(current.getString(1)).isEqualTo(database);
            }
        } finally {
            server.dropDatabase(database);
        }
    }

    @Test
    void readsResultsThroughTheReadBufferedSocket() throws Exception {
        String database = server.createDatabase("endpoint");
        try (Connection connection = new DatabaseEndpoint(server.jdbcUrl(database), server.user(), server.password(),
                "test").connect()) {
            assertThat(driverSocket(connection).getInputStream().getClass().getName())
                    .endsWith("ReadBufferedSocketFactory$ReadBufferedInput");
            try (Statement statement = connection.createStatement()) {
                statement.setFetchSize(100);
                // rows of every length around the driver's and the socket's buffers, streamed: 40 MB in all
                try (ResultSet rows = statement.executeQuery("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1"
                        + " FROM n WHERE i < 400) SELECT i, REPEAT(CHAR(65 + i % 26), i * 997 % 300000), MD5(i) FROM n")) {
                    int count = 0;
                    while (rows.next()) {
                        int i = rows.getInt(1);
                        String text = rows.getString(2);
                        assertThat(text).hasSize(i * 997 % 300000);
                        assertThat(text.chars().allMatch(c -> c == 65 + i % 26)).isTrue();
                        assertThat(rows.getString(3)).hasSize(32);
                        count++;
                    }
                    assertThat(count).isEqualTo(400);
                }
            }
        } finally {
            server.dropDatabase(database);
        }
    }

    @Test
    void aSocketFactoryTheUrlNamesWins() {
        String url = server.jdbcUrl("mysql") + "&socketFactory=fr.esup.podmigrate.NoSuchFactory";
        DatabaseEndpoint endpoint = new DatabaseEndpoint(url, server.user(), server.password(), "test");
        assertThatThrownBy(endpoint::connect).isInstanceOf(SQLException.class)
                .hasStackTraceContaining("fr.esup.podmigrate.NoSuchFactory");
    }

    /** The driver keeps its socket to itself: read from its client's field. */
    private static Socket driverSocket(Connection connection) throws Exception {
        Object client = connection.unwrap(org.mariadb.jdbc.Connection.class).getClient();
        Field socket = client.getClass().getDeclaredField("socket");
        socket.setAccessible(true);
        return (Socket) socket.get(client);
    }
}
