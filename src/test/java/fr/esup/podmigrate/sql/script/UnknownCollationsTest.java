package fr.esup.podmigrate.sql.script;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UnknownCollationsTest {

    /** Some of what MariaDB 10.11 lists in information_schema.COLLATIONS. */
    private final UnknownCollations mariadb1011 = new UnknownCollations(List.of("utf8mb4_general_ci", "utf8mb4_bin",
            "utf8mb4_nopad_bin", "utf8mb4_unicode_520_ci", "utf8mb3_general_ci", "utf8mb3_nopad_bin", "latin1_bin",
            "latin1_swedish_ci"));

    @Test
    void mysql8CollationsOfATableAndItsColumnsGetTheBinaryNoPadCollationOfTheirSet() {
        String create = """
                CREATE TABLE `tagging_tag` (
                  `id` int NOT NULL AUTO_INCREMENT,
                  `name` varchar(50) CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_as_cs NOT NULL,
                  `slug` varchar(50) COLLATE 'utf8mb4_0900_as_ci' NOT NULL,
                  PRIMARY KEY (`id`)
                ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci""";

        assertThat(mariadb1011.replacedIn(create)).isEqualTo("""
                CREATE TABLE `tagging_tag` (
                  `id` int NOT NULL AUTO_INCREMENT,
                  `name` varchar(50) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
                  `slug` varchar(50) COLLATE utf8mb4_nopad_bin NOT NULL,
                  PRIMARY KEY (`id`)
                ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin""");
    }

    @Test
    void aSessionVariableOfCollationGetsItsStandInToo() {
        assertThat(mariadb1011.replacedIn("/*!50001 SET collation_connection      = utf8mb4_0900_ai_ci */"))
                .isEqualTo("/*!50001 SET collation_connection      = utf8mb4_nopad_bin */");
        assertThat(mariadb1011.replacedIn("SET NAMES utf8mb4 COLLATE utf8mb4_0900_ai_ci"))
                .isEqualTo("SET NAMES utf8mb4 COLLATE utf8mb4_nopad_bin");
    }

    @Test
    void whatTheServerKnowsAndWhatIsNoCollationStayAsWritten() {
        List<String> asWritten = List.of(
                "CREATE TABLE t (a varchar(5) COLLATE utf8mb4_general_ci) COLLATE=utf8mb4_unicode_520_ci",
                // utf8 is utf8mb3 to MariaDB 10.6 and later
                "CREATE TABLE t (a varchar(5)) DEFAULT CHARSET=utf8 COLLATE=utf8_general_ci",
                "CREATE TABLE t (utf8mb4_0900_ai_ci int, b varchar(9) DEFAULT 'utf8mb4_0900_ai_ci')",
                "SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION",
                "SET collation_connection = @OLD_COLLATION_CONNECTION",
                "SET collation_connection = DEFAULT",
                "-- COLLATE utf8mb4_0900_ai_ci\nCREATE TABLE t (a int)",
                // no binary collation of the set: the server's own refusal says it
                "CREATE TABLE t (a varchar(5)) COLLATE=ucs2_0900_ai_ci");
        for (String text : asWritten) {
            assertThat(mariadb1011.replacedIn(text)).as(text).isSameAs(text);
        }
    }

    @Test
    void aSetWithoutItsNoPadBinaryCollationTakesItsBinaryOne() {
        assertThat(mariadb1011.replacedIn("CREATE TABLE t (a char(1)) CHARSET=latin1 COLLATE=latin1_0900_ci"))
                .isEqualTo("CREATE TABLE t (a char(1)) CHARSET=latin1 COLLATE=latin1_bin");
    }
}
