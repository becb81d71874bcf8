package fr.esup.podmigrate.config;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseEndpointTest {

    @Test
    void theMysqlSchemeGoesToTheDriverAsMariadb() {
        assertThat(DatabaseEndpoint.driverUrl("jdbc:mysql://db.example:3307/pod?sslMode=trust"))
                .isEqualTo("jdbc:mariadb://db.example:3307/pod?sslMode=trust");
        assertThat(DatabaseEndpoint.driverUrl("jdbc:mariadb://db.example/pod")).isEqualTo("jdbc:mariadb://db.example/pod");
    }

    @Test
    void aMessageQuotingTheUrlLosesItsPassword() {
        SQLException quoting = new SQLException("error with jdbc:mariadb://h/pod?password=hunter2&user=u", "08001", 42);
        SQLException masked = DatabaseEndpoint.withoutPassword(quoting);
        assertThat(masked.getMessage()).isEqualTo("error with jdbc:mariadb://h/pod?password=***&user=u");
        assertThat(masked.getSQLState()).isEqualTo("08001");
        assertThat(masked.getErrorCode()).isEqualTo(42);
    }

    @Test
    void aServerOnALoopbackOrLocalAddressIsOnThisMachine() throws Exception {
        assertThat(endpoint("localhost").onThisMachine()).isTrue();
        assertThat(endpoint("127.0.0.1").onThisMachine()).isTrue();
        assertThat(endpoint(InetAddress.getLocalHost().getHostAddress()).onThisMachine()).isTrue();
        assertThat(endpoint("192.0.2.10").onThisMachine()).isFalse();
    }

    private static DatabaseEndpoint endpoint(String host) {
        return new DatabaseEndpoint("jdbc:mariadb://" + host + ":3306/pod", "pod", "", "test");
    }
}
