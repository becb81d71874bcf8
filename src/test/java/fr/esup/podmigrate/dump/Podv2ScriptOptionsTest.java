package fr.esup.podmigrate.dump;

import fr.esup.podmigrate.config.DatabaseEndpoint;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.NetworkInterface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class Podv2ScriptOptionsTest {

    /** A documentation address (TEST-NET-3), which no interface of the test's machine has. */
    private static final String ELSEWHERE = "203.0.113.77";

    @Test
    void aServerElsewhereIsReadOnTwoConnections() throws Exception {
        assumeTrue(NetworkInterface.getByInetAddress(InetAddress.getByName(ELSEWHERE)) == null, "no interface has it");
        assertThat(Podv2ScriptOptions.connections(endpoint(ELSEWHERE))).isEqualTo(2);
    }

    @Test
    void aServerOnThisMachineIsReadOnThreeConnectionsWhenItHasTwoCoresOrFewer() {
        int expected = Runtime.getRuntime().availableProcessors() <= 2 ? 3 : 2;
        assertThat(Podv2ScriptOptions.connections(endpoint("127.0.0.1"))).isEqualTo(expected);
    }

    private static DatabaseEndpoint endpoint(String host) {
        return new DatabaseEndpoint("jdbc:mariadb://" + host + ":3306/pod", "pod", "", "test");
    }
}
