package fr.esup.podmigrate.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JdbcUrlTest {

    @Test
    void readsHostPortAndDatabase() {
        assertThat(JdbcUrl.parse("jdbc:mariadb://db.univ.fr:3307/pod?useSsl=true", "s"))
                .isEqualTo(new JdbcUrl("db.univ.fr", 3307, "pod"));
        assertThat(JdbcUrl.parse("jdbc:mysql://localhost/podv3", "s")).isEqualTo(new JdbcUrl("localhost", 3306, "podv3"));
    }

    @Test
    void refusesWhatIsNotAMariaDbUrl() {
        assertThatThrownBy(() -> JdbcUrl.parse("jdbc:postgresql://h/db", "podmigrate.source.url"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("podmigrate.source.url 'jdbc:postgresql://h/db' is not a MariaDB JDBC URL");
        assertThatThrownBy(() -> JdbcUrl.parse("jdbc:mariadb://h:70000/db", "x")).hasMessageContaining("outside 1-65535");
    }

    @Test
    void endpointNeverShowsItsPassword() {
        DatabaseEndpoint endpoint = new DatabaseEndpoint("jdbc:mariadb://h:3306/pod", "pod", "hunter2", "x");
        assertThat(endpoint.toString()).isEqualTo("pod@h:3306/pod").doesNotContain("hunter2");
        assertThat(new PodMigrateProperties.Database("jdbc:mariadb://h/p", "u", "hunter2").toString()).doesNotContain("hunter2");
    }
}
