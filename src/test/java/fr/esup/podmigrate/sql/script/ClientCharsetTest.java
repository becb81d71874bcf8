package fr.esup.podmigrate.sql.script;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientCharsetTest {

    @Test
    void oldUtf8NamesAreTheUtf8mb3OfCurrentServers() {
        assertThat(ClientCharset.utf8Alias("utf8")).isEqualTo("utf8mb3");
        assertThat(ClientCharset.utf8Alias("utf8_general_ci")).isEqualTo("utf8mb3_general_ci");
        assertThat(ClientCharset.utf8Alias("utf8mb4")).isEqualTo("utf8mb4");
        assertThat(ClientCharset.utf8Alias("utf8mb4_unicode_ci")).isEqualTo("utf8mb4_unicode_ci");
        assertThat(ClientCharset.utf8Alias("latin1")).isEqualTo("latin1");
    }
}
