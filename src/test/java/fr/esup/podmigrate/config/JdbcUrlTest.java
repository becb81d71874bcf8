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

    @Test
    void masksThePasswordOfEveryFormOfUrl() {
        assertThat(JdbcUrl.mask("jdbc:mysql://h:3306/pod?password=hunter2"))
                .isEqualTo("jdbc:mysql://h:3306/pod?password=***");
        assertThat(JdbcUrl.mask("jdbc:mariadb://pod:hunter2@h/pod")).isEqualTo("jdbc:mariadb://pod:***@h/pod");
        assertThat(JdbcUrl.mask("jdbc:mariadb://pod:hun@ter2@h:3306/pod?useSsl=true"))
                .isEqualTo("jdbc:mariadb://pod:***@h:3306/pod?useSsl=true");
        assertThat(JdbcUrl.mask("jdbc:mariadb://h/pod?useSsl=true&password=hunter2&connectTimeout=5"))
                .isEqualTo("jdbc:mariadb://h/pod?useSsl=true&password=***&connectTimeout=5");
        assertThat(JdbcUrl.mask("jdbc:mariadb://h/pod?user=pod&password=hun%26ter2"))
                .isEqualTo("jdbc:mariadb://h/pod?user=pod&password=***");
        assertThat(JdbcUrl.mask("jdbc:mariadb://h/pod?Password=hunter2&user=pod"))
                .isEqualTo("jdbc:mariadb://h/pod?Password=***&user=pod");
        assertThat(JdbcUrl.mask("jdbc:mariadb://h/pod?user%3Dpod%26password%3Dhunter2"))
                .isEqualTo("jdbc:mariadb://h/pod?user%3Dpod%26password%3D***");
        assertThat(JdbcUrl.mask("No suitable driver found for jdbc:mysql://h/pod?password=hunter2 (08001)"))
                .isEqualTo("No suitable driver found for jdbc:mysql://h/pod?password=*** (08001)");
        assertThat(JdbcUrl.mask("jdbc:mariadb://h:3306/pod?useSsl=true")).isEqualTo("jdbc:mariadb://h:3306/pod?useSsl=true");
    }

    @Test
    void refusalOfAUrlNeverQuotesItsPassword() {
        assertThatThrownBy(() -> JdbcUrl.parse("jdbc:mariadb://pod:hunter2@h/pod", "podmigrate.target.url"))
                .hasMessage("podmigrate.target.url 'jdbc:mariadb://pod:***@h/pod' is not a MariaDB JDBC URL;"
                        + " expected jdbc:mariadb://host:port/database");
        assertThatThrownBy(() -> JdbcUrl.parse("jdbc:mariadb://h/?password=hunter2", "s")).hasMessageNotContaining("hunter2");
    }
}
