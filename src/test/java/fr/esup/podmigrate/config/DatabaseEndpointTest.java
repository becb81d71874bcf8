package fr.esup.podmigrate.config;

import org.junit.jupiter.api.Test;
import org.mariadb.jdbc.plugin.Codec;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.sql.SQLException;
import java.util.Collections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class DatabaseEndpointTest {

    /** A documentation address (TEST-NET-3), which no interface of the test's machine has. */
    private static final String ELSEWHERE = "203.0.113.77";

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
        // an address of one of this machine's interfaces, where it has one beside loopback (not IPv6: the URL's host
        // would need brackets)
        for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress address : Collections.list(network.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                    assertThat(endpoint(address.getHostAddress()).onThisMachine()).as(address.toString()).isTrue();
                }
            }
        }
        assumeTrue(NetworkInterface.getByInetAddress(InetAddress.getByName(ELSEWHERE)) == null, "no interface has it");
        assertThat(endpoint(ELSEWHERE).onThisMachine()).isFalse();
    }

    @Test
    void theDriverLooksForItsCodecsOnceForEveryEndpoint() throws SQLException {
        DatabaseEndpoint.prepareDriver();
        Codec<?>[] first = endpoint("db.example").configuration().codecs();
        Codec<?>[] second = endpoint("other.example").configuration().codecs();
        assertThat(first).isNotEmpty().isSameAs(second);
    }

    private static DatabaseEndpoint endpoint(String host) {
        return new DatabaseEndpoint("jdbc:mariadb://" + host + ":3306/pod", "pod", "", "test");
    }
}
