package fr.esup.podmigrate.sql;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of value a Pod database holds, through our dump and the {@code mariadb} client, back unchanged. */
class DumpWriterValuesTest {

    private static final String TRICKY_TEXT = "it's \"q\" \\ back \0 nul \r\n crlf \u001a sub 😀 end";
    private static final String EMOJI_TEXT = "Ünïcödé 😀🎉 'q' \\";
    private static final String JSON = "{\"k\": \"v\\\"q\", \"e\": \"😀\", \"n\": [1, 2.5]}";

    @TempDir
    Path directory;
    private DumpWriterFixture fixture;
    private String source;
    private byte[] allByteValues;

    @BeforeEach
    void createTrickyTable() throws Exception {
        fixture = new DumpWriterFixture(directory);
        source = fixture.createDatabase("values");
        allByteValues = new byte[256];
        for (int i = 0; i < 256; i++) {
            allByteValues[i] = (byte) i;
        }
        byte[] randomMegabyte = new byte[1024 * 1024];
        new Random(42).nextBytes(randomMegabyte);
        try (Connection connection = fixture.connect(source); Statement statement = connection.createStatement()) {
            // Zero dates need a session without NO_ZERO_DATE; a non-UTC zone checks that TIMESTAMPs travel as UTC.
            statement.execute("SET SESSION sql_mode = '', time_zone = '+02:00'");
            statement.execute("""
                    CREATE TABLE tricky (
                      id int NOT NULL AUTO_INCREMENT PRIMARY KEY,
                      txt longtext, vc varchar(255), bin_all blob, vb varbinary(16), bin4 binary(4),
                      zd date, zdt datetime, dec30 decimal(30,10), b7 bit(7), js json, dbl double, flt float,
                      flag tinyint(1), ubig bigint unsigned, ts timestamp NULL, ts6 timestamp(6) NULL,
                      tm time, tm3 time(3), yr year, en enum('a','b'), st set('x','y'),
                      doubled int AS (id * 2) VIRTUAL
                    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""");
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO tricky (txt, vc, bin_all, js, vb, bin4, zd, zdt, dec30, b7, dbl, flt, flag, ubig,
                      ts, ts6, tm, tm3, yr, en, st)
                    VALUES (?, ?, ?, ?, '', 0x00010203, '0000-00-00', '0000-00-00 00:00:00',
                      -12345678901234567890.0123456789, b'1010101', -2.2250738585072014e-308, 3.25, -1,
                      18446744073709551615, '2024-03-31 02:30:00', '2024-01-02 03:04:05.123456',
                      '-838:59:59', '-00:00:01.500', 2024, 'b', 'x,y')""")) {
                insert.setString(1, TRICKY_TEXT);
                insert.setString(2, EMOJI_TEXT);
                insert.setBytes(3, allByteValues);
                insert.setString(4, JSON);
                insert.executeUpdate();
                insert.setString(1, "abc'\\\n".repeat(180_000) + "😀");
                insert.setBytes(3, randomMegabyte);
                insert.executeUpdate();
            }
            statement.execute("INSERT INTO tricky () VALUES ()");
            statement.execute("""
                    INSERT INTO tricky (vc, dbl, flt, flag, ubig, zdt, ts)
                    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500)
                    SELECT CONCAT('row ', i), i * 1.1e-3, i * 0.5, i % 2, i * 1000000007,
                      '2020-01-01 00:00:00' + INTERVAL i MINUTE, '2021-06-01 00:00:00' + INTERVAL i HOUR FROM n""");
        }
    }

    @AfterEach
    void dropDatabases() {
        fixture.close();
    }

    @Test
    void writesEachKindOfValueAsTheServerHoldsIt() throws Exception {
        String dump = fixture.dump(source, DumpOptions.builder().build());

        assertThat(dump).contains("INSERT INTO `tricky` (`id`,`txt`,`vc`,`bin_all`,`vb`,`bin4`,`zd`,`zdt`,`dec30`,`b7`,"
                + "`js`,`dbl`,`flt`,`flag`,`ubig`,`ts`,`ts6`,`tm`,`tm3`,`yr`,`en`,`st`) VALUES (1,");
        assertThat(dump).doesNotContain("`doubled`,", "`doubled`)");
        assertThat(dump).contains("'it\\'s \"q\" \\\\ back \\0 nul \\r\\n crlf \\Z sub 😀 end'");
        assertThat(dump).contains("'Ünïcödé 😀🎉 \\'q\\' \\\\'");
        assertThat(dump).contains(",0x" + HexFormat.of().withUpperCase().formatHex(allByteValues) + ",'',0x00010203,"
                + "'0000-00-00','0000-00-00 00:00:00',-12345678901234567890.0123456789,b'01010101',");
        assertThat(dump).contains(",3.25,-1,18446744073709551615,'2024-03-31 00:30:00','2024-01-02 01:04:05.123456',"
                + "'-838:59:59','-00:00:01.500',2024,'b','x,y')");
        assertThat(dump).contains("(3" + ",NULL".repeat(21) + ")");
    }

    @Test
    void importsWithTheClientIntoTheSameChecksum() throws Exception {
        Path dump = fixture.dumpToFile(source, DumpOptions.builder().build(), "tricky.sql");
        String target = fixture.createDatabase("values_copy");

        fixture.assertImports(target, dump);

        fixture.assertSameTable(source, "tricky", target, "tricky");
        assertThat(fixture.queryString(target, "SELECT txt FROM tricky WHERE id = 1")).isEqualTo(TRICKY_TEXT);
        assertThat(fixture.queryString(target, "SELECT vc FROM tricky WHERE id = 1")).isEqualTo(EMOJI_TEXT);
    }

    @Test
    void mariadbDumpOfTheSameTableImportsIntoTheSameChecksum() throws Exception {
        Path dump = fixture.mariadbDump(source, "tricky", "mariadb-dump.sql");
        String target = fixture.createDatabase("values_reference");

        fixture.assertImports(target, dump);

        fixture.assertSameTable(source, "tricky", target, "tricky");
    }
}
