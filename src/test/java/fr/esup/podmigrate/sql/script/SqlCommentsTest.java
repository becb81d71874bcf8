package fr.esup.podmigrate.sql.script;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class SqlCommentsTest {

    @Test
    void skipsABlockComment() {
        assertThat(skipped("/* a comment */ INSERT")).isEqualTo("INSERT");
        assertThat(skipped("/**/INSERT")).isEqualTo("INSERT");
        assertThat(skipped("/* never closed INSERT")).isEmpty();
    }

    @Test
    void skipsAHashCommentToItsLineEnd() {
        assertThat(skipped("# a comment; INSERT\n  INSERT")).isEqualTo("INSERT");
        assertThat(skipped("#INSERT")).isEmpty();
    }

    @Test
    void skipsADoubleDashCommentOnlyBeforeABlankOrControlCharacterOrTheEnd() {
        assertThat(skipped("-- a comment\nINSERT")).isEqualTo("INSERT");
        assertThat(skipped("--\tINSERT\nINSERT")).isEqualTo("INSERT");
        assertThat(skipped("--")).isEmpty();
        assertThat(skipped("--1")).isEqualTo("--1");
        assertThat(skipped("-1")).isEqualTo("-1");
    }

    @Test
    void readsExecutableCommentMarksAsBlanks() {
        assertThat(skipped("/*!40101 SET")).isEqualTo("SET");
        assertThat(skipped("/*M!100100 SET")).isEqualTo("SET");
        assertThat(skipped(" */ ;")).isEqualTo(";");
    }

    @Test
    void statementHeadAndTokensSkipTheSameComments() {
        String sql = "/* a */ INSERT # b\n -- c\n INTO `t` VALUES (1)";
        byte[] utf8 = sql.getBytes(StandardCharsets.UTF_8);
        StatementHead head = StatementHead.read(utf8, 0, utf8.length, offset -> 1);
        assertThat(head.kind()).isEqualTo(StatementKind.INSERT);
        assertThat(head.table()).isEqualTo("t");

        SqlTokens tokens = new SqlTokens(sql);
        assertThat(tokens.next()).isEqualTo(SqlTokens.Type.WORD);
        assertThat(tokens.value()).isEqualTo("INSERT");
        assertThat(tokens.next()).isEqualTo(SqlTokens.Type.WORD);
        assertThat(tokens.value()).isEqualTo("INTO");
    }

    /** What is left of the text, as characters and as bytes (both must agree), once the blanks are skipped. */
    private static String skipped(String text) {
        String asText = text.substring(SqlComments.in(text).skip(0, text.length()));
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int at = SqlComments.in(bytes).skip(0, bytes.length);
        assertThat(new String(bytes, at, bytes.length - at, StandardCharsets.UTF_8)).isEqualTo(asText);
        return asText;
    }
}
