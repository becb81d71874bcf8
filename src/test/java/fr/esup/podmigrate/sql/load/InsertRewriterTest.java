package fr.esup.podmigrate.sql.load;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class InsertRewriterTest {

    @Test
    void loadsTheColumnsAnExpressionReadsIntoVariablesAndSetsTheExpressionsOnThem() {
        Map<String, String> set = new LinkedHashMap<>();
        set.put("transcript", "IF({transcript}, {main_lang}, '')");
        set.put("rank", "{position}");
        set.put("site_id", "1");
        InsertRewriter rewriter = new InsertRewriter("video", "video", null,
                new InsertRewrite(Set.of("title_nl", "position"), set), false);

        InsertRewriter.LoadColumns columns = rewriter.loadColumns(
                List.of("id", "transcript", "main_lang", "title_nl", "position"), 40);

        assertThat(columns.list()).isEqualTo(" (`id`,@pm_value_1,@pm_value_2,@pm_dropped,@pm_value_4)"
                + " SET `transcript` = IF(@pm_value_1, @pm_value_2, ''), `main_lang` = @pm_value_2,"
                + " `rank` = @pm_value_4, `site_id` = 1");
        assertThat(columns.droppedValues()).containsOnly(Map.entry("video.title_nl", 40L), Map.entry("video.position", 40L));
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
    void leavesToTheInsertAnExpressionOfAColumnTheRowsDoNotHave() {
        InsertRewriter rewriter = new InsertRewriter("video", "video", null,
                new InsertRewrite(Set.of(), Map.of("name", "{title}")), false);
        assertThat(rewriter.loadColumns(List.of("id"), 1)).isNull();
    }
}
