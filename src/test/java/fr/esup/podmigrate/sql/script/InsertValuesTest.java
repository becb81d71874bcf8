package fr.esup.podmigrate.sql.script;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InsertValuesTest {

    @Test
    void splitsEachTupleIntoItsLiteralsRespectingQuotesAndParentheses() throws IOException {
        SqlStatement insert = StatementReaderIT.read("INSERT INTO `t` (`a`,`b`,`c`,`d`,`e`,`f`,`g`,`h`) VALUES "
                + "(1,'a, (b)',NULL,'it''s','x\\',y',CONCAT('a', ',b'),_binary 0x00FF,-1.5e3),\n"
                + "( 2 , \"q,\\\"r\" , `n,m` , '' , 0 , (1 + (2)) , /*!50000 3 */ , 'é') ;").get(0);
        InsertValues rows = InsertValues.of(insert);
        assertThat(rows.nextRow()).containsExactly("1", "'a, (b)'", "NULL", "'it''s'", "'x\\',y'",
                "CONCAT('a', ',b')", "_binary 0x00FF", "-1.5e3");
        assertThat(rows.nextRow()).containsExactly("2", "\"q,\\\"r\"", "`n,m`", "''", "0", "(1 + (2))",
                "/*!50000 3 */", "'é'");
        assertThat(rows.nextRow()).isNull();
        assertThat(rows.position()).isEqualTo(insert.text().length());
    }

    @Test
    void stopsAtTheEndOfTheValuesListAndTellsWhereTheRestStarts() {
        String text = "INSERT INTO t (a) VALUES (1),(2) ON DUPLICATE KEY UPDATE a = VALUES(a)";
        InsertValues rows = new InsertValues(text, text.indexOf('('  , text.indexOf("VALUES")));
        List<List<String>> all = new ArrayList<>();
        for (List<String> row = rows.nextRow(); row != null; row = rows.nextRow()) {
            all.add(row);
        }
        assertThat(all).containsExactly(List.of("1"), List.of("2"));
        assertThat(text.substring(rows.position())).isEqualTo(" ON DUPLICATE KEY UPDATE a = VALUES(a)");
    }

    @Test
    void readsAnEmptyTupleAsNoValues() {
        InsertValues rows = new InsertValues("INSERT INTO t VALUES ()", 21);
        assertThat(rows.nextRow()).isEmpty();
        assertThat(rows.nextRow()).isNull();
    }

    @Test
    void refusesWhatIsNotAValuesList() {
        assertThatThrownBy(() -> new InsertValues("INSERT INTO t SELECT 1", 5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InsertValues("INSERT INTO t VALUES ('a", 21).nextRow())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InsertValues("INSERT INTO t VALUES (1, 2", 21).nextRow())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
