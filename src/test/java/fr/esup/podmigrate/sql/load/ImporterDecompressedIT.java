package fr.esup.podmigrate.sql.load;

import fr.esup.podmigrate.sql.DumpWriterFixture;

import io.airlift.compress.zstd.ZstdOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A gzipped script imported with a folder for its decompressed copy: the import reads the copy, where the long run of
 * a table's rows goes to a connection of its own (as LOAD DATA here), where the compressed script read as it streams
 * sends each statement as text. The rows land alike, the copy is gone once the import ends, and the checkpoint of an
 * import that read the copy is the compressed script's, which a resume reads through a copy again. A zstd script
 * goes the same way.
 */
class ImporterDecompressedIT {

    /** 40 rows of about 70 bytes each: the 150 statements are a run (256 KiB or more). */
    private static final int STATEMENTS = 150;
    private static final int ROWS_PER_STATEMENT = 40;

    @TempDir
    Path directory;
    @RegisterExtension
    final DumpWriterFixture fixture = new DumpWriterFixture();
    private Path copies;

    @BeforeEach
    void folderForCopies() {
        copies = directory.resolve("copies");
    }

    @Test
    void aGzippedScriptLoadsItsRunFromTheCopyAndLeavesNoCopy() throws Exception {
        Path script = gzipped(rows(""), "rows.sql.gz");
        String streamed = fixture.createDatabase("gz_streamed");
        String copied = fixture.createDatabase("gz_copied");

        long before = fixture.globalStatus(streamed, "Com_load");
        ImportResult viaStream = new Importer(options().build()).run(script, fixture.factory(streamed));
        long streamedLoads = fixture.globalStatus(streamed, "Com_load") - before;
        ImportResult viaCopy = new Importer(options().decompressInto(copies).build())
                .run(script, fixture.factory(copied));
        long copiedLoads = fixture.globalStatus(copied, "Com_load") - before - streamedLoads;

        for (ImportResult result : new ImportResult[] {viaStream, viaCopy}) {
            assertCompleted(result);
            assertThat(result.tables().get("logged").insertedRows()).isEqualTo(STATEMENTS * ROWS_PER_STATEMENT);
        }
        assertThat(fixture.snapshot(copied)).isEqualTo(fixture.snapshot(streamed));
        assertThat(streamedLoads).as("statements loaded as LOAD DATA, read as the script streams").isZero();
        assertThat(copiedLoads).as("statements loaded as LOAD DATA, read from the copy").isEqualTo(STATEMENTS);
        assertThat(copies).isEmptyDirectory();
    }

    @Test
    void anImportThatReadTheCopyResumesFromTheCompressedScriptsCheckpoint() throws Exception {
        Path script = gzipped(rows("INSERT INTO late VALUES (1);\n"), "stops.sql.gz");
        Path checkpoint = directory.resolve("import.checkpoint");
        String target = fixture.createDatabase("gz_resumed");

        ImportResult first = new Importer(options().decompressInto(copies).checkpointFile(checkpoint).build())
                .run(script, fixture.factory(target));

        assertThat(first.completed()).isFalse();
        assertThat(first.errors()).singleElement().satisfies(error -> assertThat(error.table()).isEqualTo("late"));
        assertThat(Checkpoint.read(checkpoint).orElseThrow().matches(script)).isTrue();
        assertThat(copies).isEmptyDirectory();

        fixture.execute(target, "CREATE TABLE late (id int PRIMARY KEY)");
        ImportResult resumed = new Importer(options().decompressInto(copies).checkpointFile(checkpoint).resume(true)
                .build()).run(script, fixture.factory(target));

        assertCompleted(resumed);
        assertThat(resumed.skipped(SkipReason.ALREADY_DONE)).as("the CREATE TABLE at least").isPositive();
        assertThat(resumed.tables().get("logged").insertedRows()).isEqualTo(STATEMENTS * ROWS_PER_STATEMENT);
        assertThat(fixture.count(target, "logged")).isEqualTo(STATEMENTS * ROWS_PER_STATEMENT);
        assertThat(fixture.count(target, "late")).isEqualTo(1);
        assertThat(checkpoint).doesNotExist();
        assertThat(copies).isEmptyDirectory();
    }

    /**
     * An import that read the copy created the table without its secondary key, to add it after the rows, and was
     * killed before it did (the key is dropped here behind its back, which leaves the table as such a stop does). Its
     * resume streams the script, which has no runs then (no folder for a copy this time): the key is added all the
     * same.
     */
    @Test
    void aResumeThatStreamsAddsTheKeysThatAnImportReadingTheCopyLeftOut() throws Exception {
        Path script = gzipped(rows("INSERT INTO late VALUES (1);\n"), "keys.sql.gz");
        Path checkpoint = directory.resolve("keys.checkpoint");
        String target = fixture.createDatabase("gz_keys");
        // one connection: the rows are in when the INSERT into the missing table stops the import
        ImportResult first = new Importer(options().parallelism(1).decompressInto(copies).checkpointFile(checkpoint)
                .build()).run(script, fixture.factory(target));
        assertThat(first.completed()).isFalse();
        assertThat(fixture.count(target, "logged")).isEqualTo(STATEMENTS * ROWS_PER_STATEMENT);
        assertThat(keys(target)).contains("at");
        fixture.execute(target, "ALTER TABLE logged DROP KEY at", "CREATE TABLE late (id int PRIMARY KEY)");

        ImportResult resumed = new Importer(options().checkpointFile(checkpoint).resume(true).build())
                .run(script, fixture.factory(target));

        assertCompleted(resumed);
        assertThat(keys(target)).contains("PRIMARY", "at");
        assertThat(fixture.count(target, "logged")).isEqualTo(STATEMENTS * ROWS_PER_STATEMENT);
    }

    /** Every statement done, and every table's count as the import says. */
    private static void assertCompleted(ImportResult result) {
        assertThat(result.completed()).isTrue();
        assertThat(result.errors()).isEmpty();
        assertThat(result.countMismatches()).isEmpty();
    }

    private List<String> keys(String database) throws SQLException {
        List<String> keys = new ArrayList<>();
        try (Connection connection = fixture.connect(database); Statement statement = connection.createStatement();
             ResultSet index = statement.executeQuery("SHOW INDEX FROM logged")) {
            while (index.next()) {
                keys.add(index.getString("Key_name"));
            }
        }
        return keys;
    }

    private static ImportOptions.Builder options() {
        return ImportOptions.builder().parallelism(2).literalStatementBytes(0);
    }

    private static String rows(String after) {
        StringBuilder sql = new StringBuilder("/*!40101 SET NAMES utf8mb4 */;\n")
                .append("DROP TABLE IF EXISTS logged;\n")
                .append("CREATE TABLE logged (id int PRIMARY KEY, note varchar(200), at int, KEY at (at));\n");
        for (int statement = 0; statement < STATEMENTS; statement++) {
            sql.append("INSERT INTO logged VALUES ");
            for (int row = 0; row < ROWS_PER_STATEMENT; row++) {
                int id = statement * ROWS_PER_STATEMENT + row;
                sql.append(row == 0 ? "" : ",").append('(').append(id).append(",'encoding step ").append(id)
                        .append(": it\\'s done, é ü 😀',").append(id % 97).append(')');
            }
            sql.append(";\n");
        }
        return sql.append(after).toString();
    }

    @Test
    void aZstdScriptLoadsItsRunFromTheCopyAsItsGzippedTwinDoes() throws Exception {
        String sql = rows("");
        Path gzipped = gzipped(sql, "twin.sql.gz");
        Path zstd = directory.resolve("twin.sql.zst");
        try (OutputStream out = new ZstdOutputStream(Files.newOutputStream(zstd))) {
            out.write(sql.getBytes(StandardCharsets.UTF_8));
        }
        String fromGzip = fixture.createDatabase("gz_twin");
        String fromZstd = fixture.createDatabase("zst_twin");

        new Importer(options().decompressInto(copies).build()).run(gzipped, fixture.factory(fromGzip));
        long before = fixture.globalStatus(fromZstd, "Com_load");
        ImportResult result = new Importer(options().decompressInto(copies).build()).run(zstd, fixture.factory(fromZstd));
        long loads = fixture.globalStatus(fromZstd, "Com_load") - before;

        assertCompleted(result);
        assertThat(result.tables().get("logged").insertedRows()).isEqualTo(STATEMENTS * ROWS_PER_STATEMENT);
        assertThat(fixture.snapshot(fromZstd)).isEqualTo(fixture.snapshot(fromGzip));
        assertThat(loads).as("statements loaded as LOAD DATA, read from the copy").isEqualTo(STATEMENTS);
        assertThat(copies).isEmptyDirectory();
    }

    private Path gzipped(String sql, String name) throws IOException {
        Path file = directory.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(sql.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }
}
