package fr.esup.podmigrate.testsupport;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;

class TestServerIT {

    @Test
    void createsQueriesAndDropsItsOwnDatabase() throws Exception {
        TestServer server = TestServer.get();
        String db = server.createDatabase("server");
        try (Connection c = server.connect(db);
             ResultSet rs = c.createStatement().executeQuery("SELECT DATABASE(), @@character_set_database")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(db);
            assertThat(rs.getString(2)).isEqualTo("utf8mb4");
        } finally {
            server.dropDatabase(db);
        }
    }
}
