package fr.esup.podmigrate.sql.script;

import fr.esup.podmigrate.sql.script.KeysAfterRows.HeldKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

class KeysAfterRowsTest {

    /** As mariadb-dump writes a Django table. */
    private static final String VIDEO = """
            CREATE TABLE `video_video` (
              `id` int(11) NOT NULL AUTO_INCREMENT,
              `slug` varchar(255) NOT NULL,
              `owner_id` int(11) NOT NULL,
              `type_id` int(11) NOT NULL,
              `title` varchar(250) NOT NULL DEFAULT 'a, b (c)',
              PRIMARY KEY (`id`),
              UNIQUE KEY `slug` (`slug`),
              KEY `video_video_owner_id_fk_auth_user_id` (`owner_id`),
              KEY `video_video_type_id_fk_video_type_id` (`type_id`),
              CONSTRAINT `video_video_owner_id_fk_auth_user_id` FOREIGN KEY (`owner_id`) REFERENCES `auth_user` (`id`),
              CONSTRAINT `title_not_empty` CHECK (`title` <> ''),
              CONSTRAINT `video_video_type_id_fk_video_type_id` FOREIGN KEY (`type_id`) REFERENCES `video_type` (`id`)
            ) ENGINE=InnoDB AUTO_INCREMENT=36001 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci""";

    @Test
    void holdsBackTheSecondaryAndForeignKeysAndKeepsTheColumnsPrimaryUniqueKeysAndChecks() {
        KeysAfterRows split = KeysAfterRows.of(VIDEO);

        assertThat(split).isNotNull();
        assertThat(split.keys()).extracting(HeldKey::name, HeldKey::foreign).containsExactly(
                tuple("video_video_owner_id_fk_auth_user_id", false),
                tuple("video_video_type_id_fk_video_type_id", false),
                tuple("video_video_owner_id_fk_auth_user_id", true),
                tuple("video_video_type_id_fk_video_type_id", true));
        assertThat(split.keys().get(2).definition()).isEqualTo("CONSTRAINT `video_video_owner_id_fk_auth_user_id`"
                + " FOREIGN KEY (`owner_id`) REFERENCES `auth_user` (`id`)");
        assertThat(split.createTable())
                .contains("`title` varchar(250) NOT NULL DEFAULT 'a, b (c)'", "PRIMARY KEY (`id`)",
                        "UNIQUE KEY `slug` (`slug`)", "CONSTRAINT `title_not_empty` CHECK (`title` <> '')")
                .doesNotContain("KEY `video_video_owner", "FOREIGN KEY", "KEY `video_video_type")
                .endsWith(") ENGINE=InnoDB AUTO_INCREMENT=36001 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci");
        assertThat(StatementParts.createTable(split.createTable()).columns())
                .isEqualTo(StatementParts.createTable(VIDEO).columns());
    }

    @Test
    void addsInOneAlterTableTheHeldKeysTheTableLacks() {
        List<HeldKey> keys = KeysAfterRows.of(VIDEO).keys();
        Set<String> both = Set.of("video_video_owner_id_fk_auth_user_id", "video_video_type_id_fk_video_type_id");

        assertThat(KeysAfterRows.alterTable("`v`", keys, Set.of("primary", "slug"), Set.of())).isEqualTo("ALTER TABLE `v`"
                + " ADD KEY `video_video_owner_id_fk_auth_user_id` (`owner_id`),"
                + " ADD KEY `video_video_type_id_fk_video_type_id` (`type_id`),"
                + " ADD CONSTRAINT `video_video_owner_id_fk_auth_user_id` FOREIGN KEY (`owner_id`) REFERENCES `auth_user` (`id`),"
                + " ADD CONSTRAINT `video_video_type_id_fk_video_type_id` FOREIGN KEY (`type_id`) REFERENCES `video_type` (`id`)");
        // a resumed import may find some of them added already
        assertThat(KeysAfterRows.alterTable("`v`", keys, both, Set.of("video_video_owner_id_fk_auth_user_id")))
                .isEqualTo("ALTER TABLE `v` ADD CONSTRAINT"
                + " `video_video_type_id_fk_video_type_id` FOREIGN KEY (`type_id`) REFERENCES `video_type` (`id`)");
        assertThat(KeysAfterRows.alterTable("`v`", keys, both, both)).isNull();
    }

    @Test
    void readsIndexAsKeyAndASchemaBeforeTheTable() {
        KeysAfterRows split = KeysAfterRows.of("CREATE TABLE IF NOT EXISTS `db`.`t` (a int, b int, INDEX `b` (b))");

        assertThat(split.keys()).singleElement().satisfies(key -> {
            assertThat(key.name()).isEqualTo("b");
            assertThat(key.definition()).isEqualTo("INDEX `b` (b)");
        });
        assertThat(split.createTable()).isEqualTo("CREATE TABLE IF NOT EXISTS `db`.`t` (a int, b int\n)");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "CREATE TABLE t (id int PRIMARY KEY, code int, UNIQUE KEY code (code))",
            "CREATE TABLE t (id int, KEY (id))",
            "CREATE TABLE t (id int, body text, KEY id (id), FULLTEXT KEY body (body))",
            "CREATE TABLE t (id int, p int, KEY p (p), FOREIGN KEY (p) REFERENCES parent (id))",
            "CREATE TABLE t (id int, p int, KEY p (p), CONSTRAINT FOREIGN KEY (p) REFERENCES parent (id))",
            "CREATE TABLE t (id int, p int, KEY p (p) /* the parent */)",
            "CREATE TABLE t (id int, p int, /*!80000 KEY p (p), */ KEY q (id))",
            "CREATE TABLE t (id int, KEY id (id)) AS SELECT 1 AS id",
            "CREATE TABLE t LIKE other",
            "CREATE TABLE t (id int, KEY id (id)"
    })
    void leavesWholeAStatementItCannotSplitWithCertainty(String createTable) {
        assertThat(KeysAfterRows.of(createTable)).isNull();
    }
}
