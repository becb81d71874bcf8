package fr.esup.podmigrate.sql.load;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class InsertRewriterTest {

    /** Pod's video as the rewrite sees it: two columns dropped, three computed from the row's values. */
    private static InsertRewriter videoRewriter() {
        Map<String, String> set = new LinkedHashMap<>();
        set.put("transcript", "IF({transcript}, {main_lang}, '')");
        set.put("rank", "{position}");
        set.put("site_id", "1");
        return new InsertRewriter("video", "video", null, new InsertRewrite(Set.of("title_nl", "position"), set), false);
    }

    @Test
    void loadsTheColumnsAnExpressionReadsIntoVariablesAndSetsTheExpressionsOnThem() {
        InsertRewriter rewriter = videoRewriter();

        InsertRewriter.LoadColumns columns = rewriter.loadColumns(
                List.of("id", "transcript", "main_lang", "title_nl", "position"), 40);

        assertThat(columns.list()).isEqualTo(" (`id`,@pm_value_1,@pm_value_2,@pm_dropped,@pm_value_4)"
                + " SET `transcript` = IF(@pm_value_1, @pm_value_2, ''), `main_lang` = @pm_value_2,"
                + " `rank` = @pm_value_4, `site_id` = 1");
        assertThat(columns.droppedValues()).as("position lives on in rank").containsOnly(Map.entry("video.title_nl", 40L));
    }

    @Test
    void loadsLiteralRowsStraightIntoTheirColumns() {
        InsertRewriter dropping = new InsertRewriter("channel", "channel", List.of("id", "title", "title_nl"),
                InsertRewrite.dropping("title_nl"), false);
        assertThat(dropping.loadColumns(List.of(), 3).list()).isEqualTo(" (`id`,`title`,@pm_dropped)");

        InsertRewriter asWritten = new InsertRewriter("t", "t", null, null, false);
        assertThat(asWritten.loadColumns(List.of(), 3).list()).isEmpty();
        assertThat(asWritten.loadColumns(List.of("a", "b"), 3).list()).isEqualTo(" (`a`,`b`)");
    }

    @Test
    void sendsRowsAsBytesUnlessAnExpressionMayReadThemAsText() {
        Map<String, String> set = Map.of("name", "{title}");
        assertThat(new InsertRewriter("t", "t", null, null, false).rowsAsBytes()).isTrue();
        assertThat(new InsertRewriter("t", "t", null, InsertRewrite.dropping("a"), false).rowsAsBytes()).isTrue();
        assertThat(new InsertRewriter("t", "t", null, new InsertRewrite(Set.of(), set), false).rowsAsBytes()).isFalse();
        assertThat(new InsertRewriter("t", "t", null, new InsertRewrite(Set.of(), set, true), false).rowsAsBytes())
                .isTrue();
    }

    @Test
    void leavesToTheInsertAnExpressionOfAColumnTheRowsDoNotHave() {
        InsertRewriter rewriter = new InsertRewriter("video", "video", null,
                new InsertRewrite(Set.of(), Map.of("name", "{title}")), false);
        assertThat(rewriter.loadColumns(List.of("id"), 1)).isNull();
    }

    @Test
    void bindsTheValuesAnExpressionReadsInsideTheExpression() {
        InsertRewriter rewriter = videoRewriter();

        InsertRewriter.BoundColumns columns = rewriter.boundColumns(
                List.of("id", "transcript", "main_lang", "title_nl", "position"), 5, 40);

        assertThat(columns.sql()).isEqualTo(" (`id`,`transcript`,`main_lang`,`rank`,`site_id`)"
                + " VALUES (?,IF(?, ?, ''),?,?,1)");
        assertThat(columns.parameters()).containsExactly(0, 1, 2, 2, 4);
        assertThat(columns.droppedValues()).as("position lives on in rank").containsOnly(Map.entry("video.title_nl", 40L));
    }

    @Test
    void bindsLiteralRowsStraightIntoTheirColumns() {
        InsertRewriter dropping = new InsertRewriter("channel", "channel", List.of("id", "title", "title_nl"),
                InsertRewrite.dropping("title_nl"), false);
        InsertRewriter.BoundColumns dropped = dropping.boundColumns(List.of(), 3, 3);
        assertThat(dropped.sql()).isEqualTo(" (`id`,`title`) VALUES (?,?)");
        assertThat(dropped.parameters()).containsExactly(0, 1);

        InsertRewriter asWritten = new InsertRewriter("t", "t", null, null, false);
        assertThat(asWritten.boundColumns(List.of(), 3, 3).sql()).isEqualTo(" VALUES (?,?,?)");
        assertThat(asWritten.boundColumns(List.of(), 3, 3).parameters()).containsExactly(0, 1, 2);
        assertThat(asWritten.boundColumns(List.of("a", "b"), 2, 3).sql()).isEqualTo(" (`a`,`b`) VALUES (?,?)");
    }

    @Test
    void leavesToTheInsertRowsThatDoNotFitTheColumnsOrAnExpressionOfAColumnTheyDoNotHave() {
        InsertRewriter rewriter = new InsertRewriter("video", "video", null,
                new InsertRewrite(Set.of(), Map.of("name", "{title}")), false);
        assertThat(rewriter.boundColumns(List.of("id"), 1, 1)).isNull();

        InsertRewriter asWritten = new InsertRewriter("t", "t", null, null, false);
        assertThat(asWritten.boundColumns(List.of("a", "b"), 3, 1)).isNull();
    }
}
