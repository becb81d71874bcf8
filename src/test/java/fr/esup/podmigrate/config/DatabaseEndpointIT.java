package fr.esup.podmigrate.config;

import fr.esup.podmigrate.testsupport.TestServer;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;

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
}
