package fr.esup.podmigrate.sql;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SqlBytesTest {

    @Test
    void escapesEachByteMariadbDumpEscapesWhereverItStandsInTheValue() throws Exception {
        String[][] escapes = {{"\0", "\\0"}, {"\n", "\\n"}, {"\r", "\\r"}, {"\u001a", "\\Z"}, {"'", "\\'"},
                {"\\", "\\\\"}};
        for (String[] escape : escapes) {
            for (int at = 0; at < 20; at++) {
                String before = "é".repeat(at / 2) + "a".repeat(at % 2);
                String value = before + escape[0] + "plain text, then more";
                assertThat(quoted(value)).isEqualTo("'" + before + escape[1] + "plain text, then more'");
            }
        }
        assertThat(quoted("tab\there, and a bell \u0007 as they are")).isEqualTo("'tab\there, and a bell \u0007 as they are'");
        assertThat(quoted("")).isEqualTo("''");
    }

    @Test
    void escapesLongMostlyPlainValuesAsOneByteAtATimeWould() throws Exception {
        Random random = new Random(13);
        byte[] sprinkled = {0, '\n', '\r', 0x1a, '\'', '\\', '\t', 0x1f, ' ', '"', (byte) 0xc3, (byte) 0xa9, (byte) 0x80,
                (byte) 0xff, 0x7f, '[', (byte) ('\\' ^ 0x80), (byte) ('\'' ^ 0x80)};
        int[] plainPerSprinkled = {2, 6, 40, 400};
        for (int run = 0; run < 20_000; run++) {
            // long plain runs too, and values of a whole number of words: the scan goes four words at a time
            byte[] value = new byte[random.nextBoolean() ? random.nextInt(160) : 8 * random.nextInt(20)];
            int plain = plainPerSprinkled[random.nextInt(plainPerSprinkled.length)];
            for (int i = 0; i < value.length; i++) {
                value[i] = random.nextInt(plain) == 0 ? sprinkled[random.nextInt(sprinkled.length)]
                        : (byte) ('a' + random.nextInt(26));
            }
            SqlBytes bytes = new SqlBytes(16);
            bytes.appendQuotedEscaped(value);
            assertThat(written(bytes)).as("run %d", run).isEqualTo(escapedOneByteAtATime(value));
        }
    }

    @Test
    void writesIntegersAsTheServerDoes() throws Exception {
        long[] values = {0, 7, -7, 10, -10, 99, 100, 2147483647L, -2147483648L, 2147483648L, -2147483649L,
                Long.MAX_VALUE, Long.MIN_VALUE, 1_000_000_000L, -999_999_999L};
        for (long value : values) {
            SqlBytes bytes = new SqlBytes(1);
            bytes.append('(').appendLong(value).append(')');
            assertThat(new String(written(bytes), StandardCharsets.US_ASCII)).isEqualTo("(" + value + ")");
        }
        Random random = new Random(19);
        for (int run = 0; run < 10_000; run++) {
            long value = random.nextBoolean() ? random.nextInt() : random.nextLong() >> random.nextInt(64);
            SqlBytes bytes = new SqlBytes(1);
            assertThat(new String(written(bytes.appendLong(value)), StandardCharsets.US_ASCII)).isEqualTo(Long.toString(value));
        }
    }

    private static String quoted(String value) throws Exception {
        SqlBytes bytes = new SqlBytes(4);
        bytes.appendQuotedEscaped(value.getBytes(StandardCharsets.UTF_8));
        return new String(written(bytes), StandardCharsets.UTF_8);
    }

    private static byte[] written(SqlBytes bytes) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        bytes.writeTo(out);
        return out.toByteArray();
    }

    private static byte[] escapedOneByteAtATime(byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('\'');
        for (byte b : value) {
            String escape = switch (b) {
                case 0 -> "0";
                case '\n' -> "n";
                case '\r' -> "r";
                case 0x1a -> "Z";
                case '\'' -> "'";
                case '\\' -> "\\";
                default -> null;
            };
            if (escape == null) {
                out.write(b);
            } else {
                out.write('\\');
                out.write(escape.charAt(0));
            }
        }
        out.write('\'');
        return out.toByteArray();
    }
}
