package fr.esup.podmigrate.sql.dump;

import fr.esup.podmigrate.sql.DumpWriterFixture;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of value a Pod database holds, through our dump and the {@code mariadb} client, back unchanged. */
class DumpWriterValuesIT {

    @RegisterExtension
    final DumpWriterFixture fixture = new DumpWriterFixture();
    private String source;

    @BeforeEach
    void createTrickyTable() throws Exception {
        source = fixture.createDatabase("values");
        fixture.createTrickyTable(source);
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
    void writesNumbersDatesAndTimesAsMariadbDumpDoes() throws Exception {
        fixture.execute(source, "SET SESSION sql_mode = '', time_zone = '+02:00'", """
                CREATE TABLE numbers (
                  id int NOT NULL PRIMARY KEY, zf int(5) zerofill, ui int unsigned, mi mediumint, si smallint unsigned,
                  ti tinyint, flag tinyint(1), big bigint, ubig bigint unsigned, yr year, dec5 decimal(5,2), flt float,
                  dbl double, d date, t time(2), dt datetime(3), ts timestamp NULL)""", """
                INSERT INTO numbers VALUES
                  (1, 42, 4294967295, -8388608, 65535, -128, -1, -9223372036854775808, 18446744073709551615, 1901,
                   -999.99, 1.17549e-38, -1.7976931348623157e308, '0000-00-00', '-838:59:59.99',
                   '0000-00-00 00:00:00.000', '2038-01-19 05:14:07'),
                  (2, 0, 0, 0, 0, 0, 0, 9223372036854775807, 9223372036854775808, 0, 0, 0, 0, '2024-02-29', '00:00:00',
                   '1000-01-01 00:00:00.001', '1970-01-01 02:00:01'),
                  (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)""");

        String ours = fixture.dump(source, DumpOptions.builder().includeTables("numbers").build());
        String theirs = Files.readString(fixture.mariadbDumpWith("numbers.sql", "--hex-blob", source, "numbers"));

        assertThat(values(ours)).contains("(1,00042,4294967295,-8388608,65535,-128,-1,-9223372036854775808,")
                .isEqualTo(values(theirs));
    }

    @Test
    void writesTheServersOwnTextTypesAsMariadbDumpDoes() throws Exception {
        fixture.execute(source, """
                CREATE TABLE numbers (
                  id int NOT NULL PRIMARY KEY, u uuid, a6 inet6, a4 inet4, c char(3), tt tinytext, en enum('a','b\\'c'),
                  js json)""", """
                INSERT INTO numbers VALUES
                  (1, '123e4567-e89b-12d3-a456-426614174000', '2001:db8::1', '192.0.2.1', 'é', 'l''a\\\\b\\n', 'b''c',
                   '{"k": ["v", 1]}'),
                  (2, NULL, '::ffff:192.0.2.1', NULL, '', '', 'a', NULL)""");

        String ours = fixture.dump(source, DumpOptions.builder().includeTables("numbers").build());
        String theirs = Files.readString(fixture.mariadbDumpWith("numbers.sql", "--hex-blob", source, "numbers"));

        // mariadb-dump also escapes double quotes, which a string between single quotes needs not
        assertThat(values(ours)).contains("(1,'123e4567-e89b-12d3-a456-426614174000','2001:db8::1','192.0.2.1','é',")
                .isEqualTo(values(theirs).replace("\\\"", "\""));
    }

    /** The rows of the dump's only INSERT, without the line breaks recent versions of mariadb-dump put between them. */
    private static String values(String dump) {
        int start = dump.indexOf("INSERT INTO `numbers`");
        String insert = dump.substring(start, dump.indexOf(";\n", start));
        return insert.substring(insert.indexOf("VALUES") + "VALUES".length()).replace("\n", "").strip();
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
