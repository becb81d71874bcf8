package fr.esup.podmigrate.sql.dump;

import fr.esup.podmigrate.sql.SqlBytes;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The literals and the CREATE TABLE text the dump writer produces, without a server. */
class DumpWriterEncodingTest {

    private static final String SHOW_CREATE_TABLE = """
            CREATE TABLE `video_encodingvideo` (
              `id` int(11) NOT NULL AUTO_INCREMENT,
              `video_id` int(11) NOT NULL,
              PRIMARY KEY (`id`),
              CONSTRAINT `fk_video` FOREIGN KEY (`video_id`) REFERENCES `video_video` (`id`),
              CONSTRAINT `fk_self` FOREIGN KEY (`id`) REFERENCES `video_encodingvideo` (`id`)
            ) ENGINE=InnoDB AUTO_INCREMENT=1234 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci""";

    @Test
    void escapesStringsAsMariadbDumpDoes() throws Exception {
        String value = "a'b\\c\0d\ne\rf\u001ag\"h 😀";

        String literal = encode(new SqlBytes(4).appendQuotedEscaped(value.getBytes(StandardCharsets.UTF_8)));

        assertThat(literal).isEqualTo("'a\\'b\\\\c\\0d\\ne\\rf\\Zg\"h 😀'");
    }

    @Test
    void writesBinaryAsHexAndEmptyBinaryAsAnEmptyString() throws Exception {
        assertThat(encode(new SqlBytes(4).appendHex(new byte[]{0, (byte) 0xff, 0x1a}))).isEqualTo("0x00FF1A");
        assertThat(encode(new SqlBytes(4).appendHex(new byte[0]))).isEqualTo("''");
    }

    @Test
    void writesBitsAsABinaryLiteral() throws Exception {
        assertThat(encode(new SqlBytes(4).appendBits(new byte[]{0x55}))).isEqualTo("b'01010101'");
        assertThat(encode(new SqlBytes(4).appendBits(new byte[]{1, 0}))).isEqualTo("b'0000000100000000'");
    }

    @Test
    void writesIntegersAsTheirDigits() throws Exception {
        SqlBytes buffer = new SqlBytes(4);
        for (long value : new long[]{0, 7, -7, 1234567890123L, Long.MAX_VALUE, Long.MIN_VALUE}) {
            buffer.appendLong(value).append(',');
        }

        assertThat(encode(buffer)).isEqualTo("0,7,-7,1234567890123,9223372036854775807,-9223372036854775808,");
    }

    @Test
    void replacesBytesInPlace() throws Exception {
        SqlBytes buffer = new SqlBytes(4).appendAscii(",(1)");

        buffer.replace(0, 1, "INSERT INTO t VALUES ".getBytes(StandardCharsets.US_ASCII));

        assertThat(encode(buffer.appendAscii(",(2)"))).isEqualTo("INSERT INTO t VALUES (1),(2)");
    }

    @Test
    void reusesTheBufferAfterClear() throws Exception {
        SqlBytes buffer = new SqlBytes(2);
        buffer.appendQuotedEscaped(new byte[1000]);

        buffer.clear();

        assertThat(encode(buffer.appendNull().append(',').appendAscii("-1.5e-7"))).isEqualTo("NULL,-1.5e-7");
    }

    @Test
    void keepsTheServersCreateTableByDefault() {
        assertThat(CreateTableStatement.rewrite(SHOW_CREATE_TABLE, "video_encodingvideo", false, true, Map.of()))
                .isEqualTo(SHOW_CREATE_TABLE);
    }

    @Test
    void renamesTheTableAndItsReferencesAddsIfNotExistsAndStripsAutoIncrement() {
        String rewritten = CreateTableStatement.rewrite(SHOW_CREATE_TABLE, "video_encodingvideo", true, false,
                Map.of("video_encodingvideo", "video_encode_transcript_encodingvideo"));

        assertThat(rewritten)
                .startsWith("CREATE TABLE IF NOT EXISTS `video_encode_transcript_encodingvideo` (\n")
                .contains("`id` int(11) NOT NULL AUTO_INCREMENT,",
                        "REFERENCES `video_video` (`id`)",
                        "REFERENCES `video_encode_transcript_encodingvideo` (`id`)")
                .endsWith(") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci")
                .doesNotContain("`video_encodingvideo`", "AUTO_INCREMENT=");
    }

    @Test
    void quotesIdentifiersWithBackticksDoubled() {
        assertThat(CreateTableStatement.rewrite("CREATE TABLE `odd``name` (\n  `a` int\n)", "odd`name", true, true,
                Map.of())).isEqualTo("CREATE TABLE IF NOT EXISTS `odd``name` (\n  `a` int\n)");
    }

    @Test
    void refusesTextThatIsNotTheTablesCreateTable() {
        assertThatThrownBy(() -> CreateTableStatement.rewrite("CREATE VIEW `v` AS SELECT 1", "v", false, true, Map.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("`v`");
    }

    private static String encode(SqlBytes bytes) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        bytes.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
