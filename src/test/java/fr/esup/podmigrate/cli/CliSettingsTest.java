package fr.esup.podmigrate.cli;

import fr.esup.podmigrate.config.InvalidSettingException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CliSettingsTest {

    @Test
    void flagsNameTheDatabasesAsTheConsoleSettingsDo() {
        CliSettings settings = new CliSettings(Map.of("podmigrate.target.url", "jdbc:mariadb://db.univ.fr:3307/pod",
                "podmigrate.target.username", "pod", "podmigrate.target.password", "secret"));
        assertThat(settings.target()).hasValueSatisfying(target -> {
            assertThat(target.host()).isEqualTo("db.univ.fr");
            assertThat(target.port()).isEqualTo(3307);
            assertThat(target.username()).isEqualTo("pod");
            assertThat(target.secret()).isEqualTo("secret");
        });
    }

    @Test
    void systemPropertiesComeAfterFlags() {
        System.setProperty("podmigrate.source.url", "jdbc:mariadb://v2.univ.fr/podv2");
        try {
            assertThat(new CliSettings(Map.of()).source()).hasValueSatisfying(s -> assertThat(s.database()).isEqualTo("podv2"));
            assertThat(new CliSettings(Map.of("podmigrate.source.url", "jdbc:mariadb://other/x")).source())
                    .hasValueSatisfying(s -> assertThat(s.database()).isEqualTo("x"));
        } finally {
            System.clearProperty("podmigrate.source.url");
        }
    }

    @Test
    void aMalformedUrlIsRefusedWithTheSettingsName() {
        assertThatThrownBy(() -> new CliSettings(Map.of("podmigrate.target.url", "mysql://x")).target())
                .isInstanceOf(InvalidSettingException.class).hasMessageStartingWith("podmigrate.target.url");
    }
}
