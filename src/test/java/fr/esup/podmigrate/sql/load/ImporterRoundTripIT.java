package fr.esup.podmigrate.sql.load;

import fr.esup.podmigrate.sql.DumpWriterFixture;
import fr.esup.podmigrate.sql.dump.DumpOptions;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A table of every kind of value, dumped by our DumpWriter or by {@code mariadb-dump}, imported by the Importer on
 * one or several connections: the same rows and CHECKSUM TABLE every time.
 */
class ImporterRoundTripIT {

    @RegisterExtension
    final DumpWriterFixture fixture = new DumpWriterFixture();
    private String source;

    @BeforeEach
    void createTrickyTable() throws Exception {
        source = fixture.createDatabase("rt_source");
        fixture.createTrickyTable(source);
        fixture.execute(source, "CREATE TABLE no_key (v varchar(20), n int)",
                "INSERT INTO no_key VALUES ('a', 1), ('a', 1), (NULL, NULL), ('b\\'', 2)");
    }

    @ParameterizedTest(name = "{0} with parallelism {1}")
    @CsvSource({"ours, 1", "ours, 4", "ours-gzip, 4", "ours-if-not-exists, 2", "mariadb-dump, 1", "mariadb-dump, 4",
            "mariadb-dump --complete-insert, 4", "mariadb-dump --skip-extended-insert, 1",
            "mariadb-dump --skip-extended-insert, 4"})
    void importsADumpIntoTheSameRowsAndChecksums(String dumper, int parallelism) throws Exception {
        Path dump = switch (dumper) {
            case "ours" -> fixture.dumpToFile(source, DumpOptions.builder().build(), "ours.sql");
            case "ours-gzip" -> fixture.dumpToFile(source, DumpOptions.builder().build(), "ours.sql.gz");
            case "ours-if-not-exists" -> fixture.dumpToFile(source, DumpOptions.builder()
                    .structure(DumpOptions.Structure.CREATE_TABLE_IF_NOT_EXISTS).truncateBeforeInsert(true)
                    .insertMode(DumpOptions.InsertMode.INSERT_IGNORE).maxStatementBytes(16 * 1024).build(), "ig.sql");
            default -> fixture.mariadbDumpWith("mariadb-dump.sql", (dumper.substring("mariadb-dump".length()).trim()
                    + " " + source).trim().split(" "));
        };
        String target = fixture.createDatabase("rt_target");

        ImportResult result = new Importer(ImportOptions.builder().parallelism(parallelism).build())
                .run(dump, fixture.factory(target));

        assertThat(result.errors()).isEmpty();
        assertThat(result.completed()).isTrue();
        fixture.assertSameTable(source, "tricky", target, "tricky");
        fixture.assertSameTable(source, "no_key", target, "no_key");
        assertThat(result.tables().get("tricky").scriptRows()).isEqualTo(503);
        assertThat(result.tables().get("tricky").insertedRows()).isEqualTo(503);
        assertThat(result.tables().get("no_key").insertedRows()).isEqualTo(4);
        assertThat(fixture.queryString(target, "SELECT txt FROM tricky WHERE id = 1"))
                .isEqualTo(DumpWriterFixture.TRICKY_TEXT);
    }
}
