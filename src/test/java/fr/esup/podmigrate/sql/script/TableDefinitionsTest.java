package fr.esup.podmigrate.sql.script;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TableDefinitionsTest {

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
        assertThat(TableDefinitions.columns(sql)).hasValueSatisfying(columns ->
                assertThat(columns).containsExactly("id", "name", "odd`name", "status"));
    }

    @Test
    void aStatementWithoutDefinitionsHasNoColumns() {
        assertThat(TableDefinitions.columns("CREATE TABLE t LIKE u")).isEmpty();
    }
}
