package fr.esup.podmigrate.sql.script;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class StatementPartsTest {

    @Test
    void readsTheColumnOrderOfACreateTableSkippingKeysAndConstraints() {
        StatementParts.CreateTable create = StatementParts.createTable("""
                CREATE TABLE IF NOT EXISTS `video_video` (
                  `id` int(11) NOT NULL AUTO_INCREMENT,
                  title varchar(250) NOT NULL DEFAULT 'a, (b)',
                  `key` varchar(10) COMMENT 'KEY, INDEX',
                  "quoted" int,
                  `doubled` int GENERATED ALWAYS AS (`id` * 2) VIRTUAL,
                  `co``l` decimal(30,10),
                  PRIMARY KEY (`id`),
                  UNIQUE KEY `slug` (`title`, `key`),
                  KEY `i` (`title`(10)),
                  INDEX j (id),
                  CONSTRAINT `fk` FOREIGN KEY (`id`) REFERENCES `other` (`id`),
                  FULLTEXT KEY ft (title),
                  CHECK (id > 0)
                ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""");
        assertThat(create.columns()).containsExactly("id", "title", "key", "quoted", "doubled", "co`l");
        assertThat(create.ifNotExists()).isTrue();
        assertThat(create.orReplace()).isFalse();
    }

    @Test
    void namesTheCharsetsOfATablesTextByTableAndByColumnAndThoseOfItsCollations() {
        StatementParts.TextCharsets named = StatementParts.TextCharsets.of("CREATE TABLE `t` (`a` varchar(9) CHARACTER"
                + " SET utf8mb4 COLLATE utf8mb4_bin, `b` text, `c` varchar(3) CHARSET latin1) ENGINE=InnoDB"
                + " DEFAULT CHARSET=utf8 COLLATE=utf8_general_ci COMMENT='CHARSET ascii'");
        assertThat(named.table()).containsExactly("utf8mb3");
        assertThat(named.columns()).containsExactlyInAnyOrder("utf8mb4", "latin1");
        assertThat(StatementParts.TextCharsets.of("CREATE TABLE t (a int, b blob) COLLATE=binary").table())
                .containsExactly("binary");
        assertThat(StatementParts.TextCharsets.of("CREATE TABLE t (a text CHARACTER SET utf8)"))
                .isEqualTo(new StatementParts.TextCharsets(Set.of(), Set.of("utf8mb3")));
    }

    @Test
    void knowsNoColumnsForACreateTableLikeOrSelect() {
        assertThat(StatementParts.createTable("CREATE TABLE t LIKE u").columns()).isNull();
        assertThat(StatementParts.createTable("CREATE TABLE t AS SELECT 1 AS a").columns()).isNull();
        assertThat(StatementParts.createTable("CREATE TABLE t (a int) SELECT 1 AS b").columns()).isNull();
        assertThat(StatementParts.createTable("CREATE OR REPLACE TABLE t (a int)").orReplace()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ALTER TABLE `t` ADD PRIMARY KEY (`id`), ADD KEY `k` (`a`)                        | true  | false
            ALTER TABLE `t` ADD CONSTRAINT `f` FOREIGN KEY (`a`) REFERENCES `u` (`id`) ON DELETE CASCADE | true | false
            ALTER TABLE `t` ADD UNIQUE KEY `u` (`a`), ADD INDEX (`b`), ADD FULLTEXT KEY f (c) | true  | false
            ALTER TABLE `t` MODIFY `id` int(11) NOT NULL AUTO_INCREMENT, AUTO_INCREMENT=42   | true  | false
            /*!40000 ALTER TABLE `t` DISABLE KEYS */                                          | true  | false
            ALTER TABLE t ENABLE KEYS                                                        | true  | false
            ALTER TABLE t ADD COLUMN c int                                                   | false | false
            ALTER TABLE t ADD KEY k (a), DROP COLUMN c                                       | false | false
            ALTER TABLE t MODIFY c varchar(20)                                               | false | false
            ALTER TABLE t ENGINE=MyISAM                                                      | false | false
            ALTER TABLE t RENAME TO u                                                        | false | true
            ALTER TABLE t RENAME COLUMN a TO b                                               | false | false
            """)
    void tellsAlterTablesThatOnlyTouchKeys(String sql, boolean onlyKeys, boolean renames) {
        StatementParts.AlterTable alter = StatementParts.alterTable(sql);
        assertThat(alter.onlyKeys()).isEqualTo(onlyKeys);
        assertThat(alter.renames()).isEqualTo(renames);
    }

    @Test
    void findsTheTableNamesAtTheHeadAndTheReferencedTables() {
        String drop = "DROP TABLE IF EXISTS `a`, pod3.`b` , c";
        assertThat(StatementParts.headTables(drop, true)).extracting(StatementParts.Name::table)
                .containsExactly("a", "b", "c");
        assertThat(StatementParts.headTables(drop, true).get(1))
                .satisfies(name -> assertThat(drop.substring(name.start(), name.end())).isEqualTo("pod3.`b`"));
        assertThat(StatementParts.headTables("INSERT IGNORE INTO `t` VALUES (1)", false))
                .extracting(StatementParts.Name::table).containsExactly("t");
        assertThat(StatementParts.headTables("/*!40000 ALTER TABLE `t` DISABLE KEYS */", false))
                .extracting(StatementParts.Name::table).containsExactly("t");
        assertThat(StatementParts.referencedTables("CREATE TABLE c (p int, FOREIGN KEY (p) REFERENCES `par``ent` (id),"
                + " q int REFERENCES other (id))")).extracting(StatementParts.Name::table)
                .containsExactly("par`ent", "other");
    }

    @Test
    void findsTheColumnListAndValuesOfAnInsert() {
        String insert = "INSERT INTO t PARTITION (p0) (`a`, b) VALUES (1, 2)";
        StatementParts.InsertHead head = StatementParts.insertHead(insert, insert.indexOf("(1"));
        assertThat(insert.substring(head.columnsStart(), head.columnsEnd())).isEqualTo("(`a`, b)");
        assertThat(insert.substring(head.valuesKeyword())).startsWith("VALUES");
        String positional = "REPLACE INTO `t` VALUES (1)";
        assertThat(StatementParts.insertHead(positional, positional.indexOf("(1")).columnsStart()).isEqualTo(-1);
    }
}
