package fr.esup.podmigrate.sql.script;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ClientCharsetSessionTest {

    private final Set<String> utf8mb4Variables = new HashSet<>();

    @Test
    void aDumpsSaveSetAndRestoreAroundATableKeepAUtf8mb4SessionSo() {
        assertThat(keeps("/*!40101 SET @saved_cs_client     = @@character_set_client */")).isTrue();
        assertThat(utf8mb4Variables).containsExactly("saved_cs_client");
        assertThat(keeps("/*!40101 SET character_set_client = utf8mb4 */")).isTrue();
        assertThat(keeps("/*!40101 SET character_set_client = @saved_cs_client */")).isTrue();
        assertThat(keeps("SET @@SESSION.character_set_client = 'UTF8MB4', time_zone = '+00:00'")).isTrue();
    }

    @Test
    void anotherCharsetOrAnUnknownValueMaySetTheSessionApart() {
        assertThat(keeps("/*!40101 SET character_set_client = utf8 */")).isFalse();
        assertThat(keeps("SET character_set_client = @saved_cs_client")).isFalse();
        assertThat(keeps("SET character_set_client = DEFAULT")).isFalse();
        assertThat(keeps("SET character_set_client = @@character_set_server")).isFalse();
        assertThat(keeps("/*!40101 SET NAMES utf8mb4 */")).isFalse();
        assertThat(keeps("SET collation_connection = utf8mb4_unicode_ci")).isFalse();
        assertThat(keeps("SET character_set_connection = utf8mb4")).isFalse();
    }

    @Test
    void aVariableAssignedAnythingElseNoLongerVouchesForUtf8mb4() {
        keeps("SET @saved_cs_client = @@character_set_client, @other = @@character_set_client");
        assertThat(keeps("SET @saved_cs_client = 'latin1'")).isTrue();
        assertThat(utf8mb4Variables).containsExactly("other");
        assertThat(keeps("SET character_set_client = @saved_cs_client")).isFalse();
        // a SET that changes the charset vouches for no variable it assigns, whatever the order of its assignments
        assertThat(keeps("SET character_set_client = latin1, @x = @@character_set_client")).isFalse();
        assertThat(utf8mb4Variables).containsExactly("other");
    }

    @Test
    void aCommentOfALaterVersionMayNotRunAndVouchesForNothing() {
        assertThat(keeps("/*!80000 SET @saved_cs_client = @@character_set_client */")).isFalse();
        assertThat(keeps("/*M!100316 SET @saved_cs_client = @@character_set_client */")).isFalse();
        assertThat(utf8mb4Variables).isEmpty();
        keeps("SET @saved_cs_client = @@character_set_client");
        assertThat(keeps("/*!80000 SET @saved_cs_client = 'latin1' */")).isFalse();
        assertThat(utf8mb4Variables).isEmpty();
    }

    @Test
    void whatIsNoSetForgetsEveryVariable() {
        keeps("SET @saved_cs_client = @@character_set_client");
        assertThat(keeps("SELECT @saved_cs_client := 'latin1'")).isFalse();
        assertThat(utf8mb4Variables).isEmpty();
    }

    private boolean keeps(String set) {
        return ClientCharsetSession.keepsUtf8mb4(set, utf8mb4Variables);
    }
}
