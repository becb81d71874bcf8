package fr.esup.podmigrate.sql;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of value a Pod database holds, through our dump and the {@code mariadb} client, back unchanged. */
class DumpWriterValuesTest {

    @TempDir
    Path directory;
    private DumpWriterFixture fixture;
    private String source;

    @BeforeEach
    void createTrickyTable() throws Exception {
        fixture = new DumpWriterFixture(directory);
        source = fixture.createDatabase("values");
        fixture.createTrickyTable(source);
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
        assertThat(dump).contains(",0x" + HexFormat.of().withUpperCase().formatHex(DumpWriterFixture.allByteValues()) + ",'',0x00010203,"
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
        assertThat(fixture.queryString(target, "SELECT txt FROM tricky WHERE id = 1")).isEqualTo(DumpWriterFixture.TRICKY_TEXT);
        assertThat(fixture.queryString(target, "SELECT vc FROM tricky WHERE id = 1")).isEqualTo(DumpWriterFixture.EMOJI_TEXT);
    }

    @Test
    void mariadbDumpOfTheSameTableImportsIntoTheSameChecksum() throws Exception {
        Path dump = fixture.mariadbDump(source, "tricky", "mariadb-dump.sql");
        String target = fixture.createDatabase("values_reference");

        fixture.assertImports(target, dump);

        fixture.assertSameTable(source, "tricky", target, "tricky");
    }
}
