package fr.esup.podmigrate.run;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CreateTableColumnsTest {

    @Test
    void readsTheColumnsOfAMariadbDumpTableAndSkipsItsKeys() {
        String sql = """
                CREATE TABLE IF NOT EXISTS `live_broadcaster` (
                  `id` int(11) NOT NULL AUTO_INCREMENT,
                  `name` varchar(200) NOT NULL DEFAULT 'a, (b)',
                  `odd``name` decimal(10,2) DEFAULT NULL COMMENT 'it\\'s, here',
                  status tinyint(1) NOT NULL,
                  PRIMARY KEY (`id`),
                  UNIQUE KEY `name` (`name`),
                  KEY `live_broadcaster_building_id` (`building_id`),
                  CONSTRAINT `fk` FOREIGN KEY (`building_id`) REFERENCES `live_building` (`id`),
                  CHECK (`status` >= 0)
                ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""";
        assertThat(CreateTableColumns.of(sql)).containsExactly("id", "name", "odd`name", "status");
    }

    @Test
    void aStatementWithoutDefinitionsIsRefused() {
        assertThatThrownBy(() -> CreateTableColumns.of("CREATE TABLE t LIKE u")).isInstanceOf(IllegalArgumentException.class);
    }
}
