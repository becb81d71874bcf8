package fr.esup.podmigrate.dump;

import fr.esup.podmigrate.config.DatabaseEndpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Podv2ScriptOptionsTest {

    @Test
    void aServerElsewhereIsReadOnTwoConnections() {
        assertThat(Podv2ScriptOptions.connections(endpoint("192.0.2.10"))).isEqualTo(2);
    }

    @Test
    void aServerOnThisMachineIsReadOnOneConnectionWhenItHasTwoCoresOrFewer() {
        int expected = Runtime.getRuntime().availableProcessors() <= 2 ? 1 : 2;
        assertThat(Podv2ScriptOptions.connections(endpoint("127.0.0.1"))).isEqualTo(expected);
    }

    private static DatabaseEndpoint endpoint(String host) {
        return new DatabaseEndpoint("jdbc:mariadb://" + host + ":3306/pod", "pod", "", "test");
    }
}
