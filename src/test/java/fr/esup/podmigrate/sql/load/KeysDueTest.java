package fr.esup.podmigrate.sql.load;

import fr.esup.podmigrate.sql.script.KeysAfterRows;
import fr.esup.podmigrate.sql.script.ScriptAnalyzer.DataRun;
import fr.esup.podmigrate.sql.script.SqlStatement;
import fr.esup.podmigrate.sql.script.StatementReaderIT;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KeysDueTest {

    private static final String LONG_ROWS = "long";

    @Test
    void holdsTheKeysOfATableTheScriptDropsAndCreatesUntilItsRowsAreIn() throws IOException {
        List<String> events = follow("""
                DROP TABLE IF EXISTS `long`;
                CREATE TABLE `long` (`id` int, `a` int, PRIMARY KEY (`id`), KEY `a` (`a`));
                /*!40000 ALTER TABLE `long` DISABLE KEYS */;
                INSERT INTO `long` VALUES (1,2);
                REPLACE INTO `long` VALUES (1,3);
                /*!40000 ALTER TABLE `long` ENABLE KEYS */;
                """);

        assertThat(events).containsExactly("DROP TABLE IF EXISTS", "CREATE TABLE holds a", "/*!40000 ALTER TABLE",
                "INSERT INTO", "REPLACE INTO", "keys of long", "/*!40000 ALTER TABLE", "end");
    }

    @Test
    void createsWholeATableTheScriptDidNotDropJustBeforeOrWithoutALongRunOfRows() throws IOException {
        List<String> events = follow("""
                CREATE TABLE `long` (`id` int, `a` int, KEY `a` (`a`));
                DROP TABLE `long`;
                CREATE TABLE `other` (`id` int, `a` int, KEY `a` (`a`));
                CREATE TABLE `long` (`id` int, `a` int, KEY `a` (`a`));
                DROP TABLE `other`;
                CREATE TABLE `other` (`id` int, `a` int, KEY `a` (`a`));
                CREATE OR REPLACE TABLE `long` (`id` int, `a` int, KEY `a` (`a`));
                """);

        assertThat(events).containsExactly("CREATE TABLE", "DROP TABLE", "CREATE TABLE", "CREATE TABLE holds a",
                "DROP TABLE", "CREATE TABLE", "keys of long", "CREATE OR REPLACE TABLE holds a", "end", "keys of long");
    }

    @Test
    void handsOutEveryHeldKeyBeforeAStatementThatRunsAlone() throws IOException {
        List<String> events = follow("""
                DROP TABLE IF EXISTS `long`;
                CREATE TABLE `long` (`id` int, `a` int, KEY `a` (`a`));
                INSERT INTO `long` VALUES (1,2);
                CREATE VIEW v AS SELECT * FROM long;
                """);

        assertThat(events).containsExactly("DROP TABLE IF EXISTS", "CREATE TABLE holds a", "INSERT INTO",
                "keys of long", "CREATE VIEW", "end");
    }

    /**
     * A resumed import that streams a script an earlier import read with runs (a compressed script whose copy it could
     * not make this time): the CREATE TABLE that import did may have left the table without its keys, if it stopped
     * before adding them. The keys are handed out all the same; adding them looks for those the table lacks.
     */
    @Test
    void handsOutTheKeysOfATableADoneCreateTableMadeWithoutALongRunNow() throws IOException {
        String script = """
                DROP TABLE IF EXISTS `long`;
                CREATE TABLE `long` (`id` int, `a` int, KEY `a` (`a`));
                INSERT INTO `long` VALUES (1,2);
                INSERT INTO `long` VALUES (3,4);
                """;

        assertThat(follow(List.of(), 2, script)).containsExactly("DROP TABLE IF EXISTS", "CREATE TABLE holds a",
                "INSERT INTO", "INSERT INTO", "end", "keys of long");
        assertThat(follow(List.of(), 0, script)).containsExactly("DROP TABLE IF EXISTS", "CREATE TABLE", "INSERT INTO",
                "INSERT INTO", "end");
    }

    /** What the keys do along the script: each statement's head, the keys it holds, the keys handed out. */
    private static List<String> follow(String script) throws IOException {
        return follow(List.of(new DataRun(LONG_ROWS, 0, 1, null, null, 1 << 20, 1000)), 0, script);
    }

    /** @param done how many of the script's first statements an earlier import did */
    private static List<String> follow(List<DataRun> runs, int done, String script) throws IOException {
        List<String> events = new ArrayList<>();
        KeysDue keysDue = new KeysDue(runs, (table, keys) -> events.add("keys of " + table));
        ImportPlanner planner = new ImportPlanner(ImportOptions.builder().build());
        int index = 0;
        for (SqlStatement statement : StatementReaderIT.read(script)) {
            KeysAfterRows held = keysDue.next(statement, planner.plan(statement), index++ < done);
            String text = statement.text();
            int name = text.indexOf('`');
            String head = name < 0 ? text.substring(0, text.indexOf(' ', text.indexOf(' ') + 1))
                    : text.substring(0, name).strip();
            events.add(held == null ? head : head + " holds " + held.keys().get(0).name());
        }
        events.add("end");
        keysDue.scriptEnded();
        return events;
    }
}
