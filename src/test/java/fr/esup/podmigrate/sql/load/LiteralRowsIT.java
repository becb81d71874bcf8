package fr.esup.podmigrate.sql.load;

import fr.esup.podmigrate.sql.ConnectionFactory;
import fr.esup.podmigrate.sql.DumpWriterFixture;
import fr.esup.podmigrate.testsupport.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Runs long enough for a connection of their own go as LOAD DATA (see {@link LiteralLoad}) or with their values bound
 * (see {@link LiteralBind}): the rows must land as the mariadb client's INSERTs leave them, the rows the server
 * changes or refuses included and named alike, whether the LOAD DATA or the batch is taken, rolled back for the
 * INSERT, or refused by the driver altogether.
 */
class LiteralRowsIT {

    /** Rows of every literal a dump writes; {@code %d} is the id. */
    private static final List<String> TEXT_ROWS = List.of(
            "(%d,'plain',NULL,NULL)", "(%d,'it\\'s','two''quotes''',-7)", "(%d,'),(','\\', \\'',0)",
            "(%d,'NULL','',NULL)", "(%d,'back\\\\slash\\\\','\\\\',5)", "(%d,'line\\nbreak\\r\\ttab','\\0nul\\Zsub\\bback',6)",
            "(%d,'quote at end''','''',7)", "(%d,'dq \\\"x\\\"','\"raw dq\"',8)", "(%d,'é ü ñ 漢字','emoji 😀 four bytes',9)",
            "(%d,'real\nnewline','x',10)", "(%d,'','',-0)", "(%d,'a,b','c)d',13)");
    private static final List<String> NUMBER_ROWS = List.of(
            "(%d,-2147483648,-1.5,1e10,'2024-02-29')", "(%d,2147483647,0.001,-2.5E-3,'1970-01-01')",
            "(%d,1.5,12.3456,3.25,'0000-00-00')", "(%d,'42','7','8e1',NULL)");
    /** The last one does not fit in latin1: the server stores '?' and warns. */
    private static final List<String> LATIN1_TEXTS = List.of("café naïve ", "€ euro ", "漢字 not latin1 ");
    /** Values long enough to go bound (see {@link ImportWorker}'s BOUND_VALUE_BYTES): a few lines of a log. */
    private static final String LOG = "ffmpeg -i source.mp4 -c:v libx264 -preset slow -crf 22 \\'quoted\\' é ü\\n"
            + "frame=  240 fps= 48 q=28.0 size=    1024kB time=00:00:10.00 bitrate= 838.9kbits/s speed=2.01x\\n"
            + "video:1012kB audio:158kB subtitle:0kB other streams:0kB global headers:0kB muxing overhead: 0.4%\\n"
            + "[libx264 @ 0x55d5c8f0] frame I:2     Avg QP:19.80  size: 41231 ; P:60 Avg QP:22.51  size: 10112\\n";
    /** Enough statements of 40 rows for a run of its own (256 KiB). */
    private static final int STATEMENTS = 200;

    @RegisterExtension
    final DumpWriterFixture fixture = new DumpWriterFixture();

    /**
     * Told to, the import loads these statements of a few KiB as LOAD DATA, those of long values bound; by default,
     * shorter than 32 KiB, each table's rows go together as one LOAD DATA, rolled back at the first value the server
     * changes (every table here has one), and from then on as INSERTs committed in groups. All leave the rows the
     * client's INSERTs leave, and name the same values the server changed.
     */
    @Test
    void loadsLiteralRowsAsTheClientsInsertsLeaveThem() throws Exception {
        Path script = fixture.write(script(), "literal-rows.sql");
        List<String> viaClient = importedByClient(script);
        String loaded = fixture.createDatabase("lit_import");
        String inserted = fixture.createDatabase("lit_short");

        long loadsBefore = fixture.globalStatus(loaded, "Com_load");
        long batchesBefore = fixture.globalStatus(loaded, "Com_stmt_execute");
        ImportResult viaLoad = new Importer(everyStatementLoaded().parallelism(3).build()).run(script, fixture.factory(loaded));
        long loads = fixture.globalStatus(loaded, "Com_load") - loadsBefore;
        long batches = fixture.globalStatus(loaded, "Com_stmt_execute") - batchesBefore;
        long commitsBefore = fixture.globalStatus(inserted, "Com_commit");
        ImportResult viaInserts = new Importer(ImportOptions.builder().parallelism(3).build())
                .run(script, fixture.factory(inserted));
        long commits = fixture.globalStatus(inserted, "Com_commit") - commitsBefore;
        long insertsLoaded = fixture.globalStatus(inserted, "Com_load") - loadsBefore - loads;

        for (ImportResult result : List.of(viaLoad, viaInserts)) {
            assertThat(result.errors()).isEmpty();
            assertThat(result.completed()).isTrue();
            assertThat(result.tables().get("literal_latin1").ignoredRows()).isEqualTo(1);
            assertThat(result.tables().get("literal_text").ignoredRows()).isEqualTo(1);
        }
        assertThat(fixture.snapshot(loaded)).isEqualTo(viaClient);
        assertThat(fixture.snapshot(inserted)).isEqualTo(viaClient);
        assertThat(accounts(viaLoad)).isEqualTo(accounts(viaInserts));
        assertThat(viaInserts.tables().get("literal_wide").warnings()).as("the note the server cut").isEqualTo(1);
        assertThat(viaInserts.tables().get("literal_wide").issues()).isNotEmpty();
        assertThat(loads).as("statements loaded as LOAD DATA when told to").isGreaterThan(STATEMENTS * 6);
        assertThat(batches).as("statements of long values bound when told to").isGreaterThanOrEqualTo(STATEMENTS - 1);
        assertThat(insertsLoaded).as("LOAD DATAs by default, rolled back, one a table").isEqualTo(4);
        assertThat(commits).as("commits, for %d statements", viaInserts.executed()).isLessThan(viaInserts.executed() / 4);
    }

    /**
     * The client reads a script line by line and drops the carriage return that ends a line, in a string too: values
     * written with raw line breaks (by hand, or by a tool that does not escape them) land as the client's, loaded,
     * bound or as text, from a script with Unix line endings as from one with Windows line endings.
     */
    @Test
    void dropsTheCarriageReturnThatEndsALineInsideAStringAsTheClientDoes() throws Exception {
        StringBuilder sql = new StringBuilder("/*!40101 SET NAMES utf8mb4 */;\n"
                + "CREATE TABLE `raw_breaks` (`id` INT PRIMARY KEY, `t` MEDIUMTEXT) DEFAULT CHARSET=utf8mb4;\n");
        int id = 0;
        for (int statement = 0; statement < 6; statement++) {
            sql.append("INSERT INTO `raw_breaks` VALUES ");
            for (int row = 0; row < 20; row++) {
                String value = switch (statement % 3) {
                    case 0 -> "short one\rtwo\r";
                    case 1 -> "long ".repeat(2000) + "one\rtwo\r";
                    default -> "long ".repeat(2000) + "one\r\ntwo\rthree\r\r\nfour";
                };
                sql.append(row == 0 ? "" : ",").append('(').append(++id).append(",'").append(value).append("')");
            }
            sql.append(";\n");
        }
        for (String lineEnd : List.of("\n", "\r\n")) {
            Path script = fixture.write(sql.toString().replace("\n", lineEnd), "raw-breaks.sql");
            List<String> viaClient = importedByClient(script);
            String loaded = fixture.createDatabase("lit_breaks_loaded");
            String bound = fixture.createDatabase("lit_breaks_bound");
            String byDefault = fixture.createDatabase("lit_breaks_default");
            ImportResult viaLoad = new Importer(everyStatementLoaded().parallelism(2).build())
                    .run(script, fixture.factory(loaded));
            ImportResult viaBinding = new Importer(everyStatementLoaded().parallelism(2).build())
                    .run(script, withDriverOptions(bound, "allowLocalInfile=false"));
            ImportResult viaDefault = new Importer(ImportOptions.builder().parallelism(2).build())
                    .run(script, fixture.factory(byDefault));
            for (ImportResult result : List.of(viaLoad, viaBinding, viaDefault)) {
                assertThat(result.errors()).isEmpty();
            }
            assertThat(fixture.snapshot(loaded)).as("line ends of %d bytes", lineEnd.length()).isEqualTo(viaClient)
                    .isEqualTo(fixture.snapshot(bound)).isEqualTo(fixture.snapshot(byDefault));
        }
    }

    /**
     * mariadb-dump --skip-extended-insert writes an INSERT a row: by default their rows go together, a megabyte a LOAD
     * DATA, where each INSERT alone would wait for its answer. A duplicate among them rolls back the LOAD DATA it is
     * in, and the INSERTs from that LOAD DATA's first one on run as text: the duplicate fails as the client's does,
     * alone.
     */
    @Test
    void loadsShortInsertsTogetherAndRunsThemAsInsertsFromALoadThatMetADuplicate() throws Exception {
        int rows = 30_000;
        StringBuilder sql = new StringBuilder("CREATE TABLE `one_row` (`id` INT PRIMARY KEY, `s` VARCHAR(60), `n` INT);\n");
        long duplicateLine = 0;
        for (int id = 1; id <= rows; id++) {
            sql.append("INSERT INTO `one_row` VALUES (").append(id).append(",'row ").append(id).append(" d\\'été',")
                    .append(id % 7 == 0 ? "NULL" : String.valueOf(-id)).append(");\n");
            if (id == 25_000) {
                duplicateLine = id + 2;
                sql.append("INSERT INTO `one_row` VALUES (17,'duplicate of row 17',0);\n");
            }
        }
        String clean = sql.toString().replace("INSERT INTO `one_row` VALUES (17,'duplicate of row 17',0);\n", "");
        Path script = fixture.write(clean, "one-row.sql");
        Path withDuplicate = fixture.write(sql.toString(), "one-row-duplicate.sql");
        List<String> viaClient = importedByClient(script);
        String loaded = fixture.createDatabase("lit_one_row");
        String failed = fixture.createDatabase("lit_one_row_dup");

        Counted counted = importCounting(script, loaded, "Com_insert");
        ImportResult result = counted.result();
        ImportResult duplicate = new Importer(ImportOptions.builder().parallelism(2).errorPolicy(ErrorPolicy.CONTINUE)
                .build()).run(withDuplicate, fixture.factory(failed));

        assertThat(result.completed()).isTrue();
        assertThat(result.errors()).isEmpty();
        assertThat(result.executed()).isEqualTo(rows + 1);
        assertThat(result.tables().get("one_row").insertedRows()).isEqualTo(rows);
        assertThat(result.tables().get("one_row").rowsAfter()).as("the server's count").isEqualTo(rows);
        assertThat(result.tables().get("one_row").countMatches()).isTrue();
        assertThat(fixture.snapshot(loaded)).isEqualTo(viaClient);
        assertThat(counted.loads()).as("LOAD DATAs of about a megabyte").isBetween(1L, 2L);
        assertThat(counted.commands()).as("INSERTs").isZero();
        assertThat(duplicate.errors()).extracting(ImportError::line, ImportError::errorCode)
                .containsExactly(tuple(duplicateLine, 1062));
        assertThat(duplicate.tables().get("one_row").insertedRows()).isEqualTo(rows);
        assertThat(duplicate.tables().get("one_row").rowsAfter()).as("the server's count").isEqualTo(rows);
        assertThat(duplicate.tables().get("one_row").countMatches()).isTrue();
        assertThat(fixture.snapshot(failed)).isEqualTo(viaClient);
    }

    /**
     * mariadb-dump --replace writes REPLACE INTO: their rows go as LOAD DATA ... REPLACE too, short ones gathered. One
     * that replaces a row makes the LOAD DATA report more rows than it read: it is rolled back, and the REPLACEs run as
     * written, which count the row replaced.
     */
    @Test
    void loadsReplacesAsLoadDataAndCountsTheRowsTheyReplace() throws Exception {
        StringBuilder sql = new StringBuilder("CREATE TABLE `replaced` (`id` INT PRIMARY KEY, `s` VARCHAR(40));\n"
                + "CREATE TABLE `clean` (`id` INT PRIMARY KEY, `s` VARCHAR(40));\n");
        for (int id = 1; id <= 600; id++) {
            sql.append("REPLACE INTO `replaced` VALUES (").append(id).append(",'first ").append(id).append("');\n");
            if (id == 300) {
                sql.append("REPLACE INTO `replaced` VALUES (7,'second 7');\n");
            }
        }
        for (int id = 1; id <= 300; id++) {
            sql.append("REPLACE INTO `clean` VALUES (").append(id).append(",'only ").append(id).append("');\n");
        }
        Path script = fixture.write(sql.toString(), "replace.sql");
        String target = fixture.createDatabase("lit_replace");

        Counted counted = importCounting(script, target, "Com_replace");
        ImportResult result = counted.result();

        assertThat(result.completed()).isTrue();
        assertThat(result.errors()).isEmpty();
        assertThat(result.tables().get("replaced").replacedRows()).isEqualTo(1);
        assertThat(result.tables().get("replaced").rowsAfter()).isEqualTo(600);
        assertThat(result.tables().get("clean").replacedRows()).isZero();
        assertThat(result.tables().get("clean").rowsAfter()).isEqualTo(300);
        assertThat(result.tables().values()).allSatisfy(counts -> assertThat(counts.countMatches()).isTrue());
        assertThat(fixture.snapshot(target)).isEqualTo(importedByClient(script));
        assertThat(counted.loads()).as("one LOAD DATA a table, the first rolled back").isEqualTo(2);
        assertThat(counted.commands()).as("the REPLACEs of the rolled back one, as written").isEqualTo(601);
    }

    /** Short INSERTs in a single-byte client charset, which LOAD DATA's format does not read, go as text. */
    @Test
    void runsShortInsertsInALatin1ScriptAsText() throws Exception {
        StringBuilder sql = new StringBuilder("/*!40101 SET NAMES latin1 */;\n"
                + "CREATE TABLE `latin` (`id` INT PRIMARY KEY, `s` VARCHAR(40)) DEFAULT CHARSET=utf8mb4;\n");
        for (int id = 1; id <= 200; id++) {
            sql.append("INSERT INTO `latin` VALUES (").append(id).append(",'caf\u00e9 ").append(id).append("');\n");
        }
        Path script = fixture.write("", "latin1.sql");
        Files.write(script, sql.toString().getBytes(StandardCharsets.ISO_8859_1));
        String target = fixture.createDatabase("lit_latin1_short");

        ImportResult result = new Importer(ImportOptions.builder().parallelism(2).build()).run(script, fixture.factory(target));

        assertThat(result.completed()).isTrue();
        assertThat(result.errors()).isEmpty();
        assertThat(result.tables().get("latin").insertedRows()).isEqualTo(200);
        assertThat(result.tables().get("latin").rowsAfter()).as("the server's count").isEqualTo(200);
        assertThat(fixture.snapshot(target)).isEqualTo(importedByClient(script));
    }

    @Test
    void bindsTheRowsWhenTheDriverRefusesLoadData() throws Exception {
        Compared compared = importWithDriverOptions("lit_refused", "allowLocalInfile=false");

        // the latin1 and the wide tables' (literal_text's hold a -0, literal_numbers' exponents: as text)
        assertThat(compared.batches()).as("statements bound").isGreaterThanOrEqualTo(STATEMENTS * 3);
    }

    /**
     * A driver that sends a batch as one statement per row reports the warnings of the last one only: the import sees
     * it, and runs the statements as text, where each value the server changes is named.
     */
    @Test
    void bindsNoValuesWhereTheDriverWouldHideTheirWarnings() throws Exception {
        Compared compared = importWithDriverOptions("lit_no_bulk", "allowLocalInfile=false&useBulkStmts=false");

        assertThat(compared.result().tables().get("literal_text").warnings()).isPositive();
    }

    /**
     * A statement of 12,000 rows (a run of its own: 256 KiB or more) goes in batches of 4,096 rows at most: the driver
     * holds an object per value.
     */
    @Test
    void bindsALongStatementInBatchesOfBoundedRows() throws Exception {
        StringBuilder sql = new StringBuilder("CREATE TABLE `counts` (`id` INT PRIMARY KEY, `day` DATE, `n` INT);\n"
                + "INSERT INTO `counts` VALUES ");
        for (int id = 1; id <= 12_000; id++) {
            sql.append(id == 1 ? "" : ",").append('(').append(id).append(",'2024-01-").append(10 + id % 20).append("',")
                    .append(id * 7).append(')');
        }
        Path script = fixture.write(sql.append(";\n").toString(), "counts.sql");
        String target = fixture.createDatabase("lit_long");

        long batchesBefore = fixture.globalStatus(target, "Com_stmt_execute");
        ImportResult result = new Importer(everyStatementLoaded().parallelism(2).build())
                .run(script, withDriverOptions(target, "allowLocalInfile=false"));
        long batches = fixture.globalStatus(target, "Com_stmt_execute") - batchesBefore;

        assertThat(result.errors()).isEmpty();
        assertThat(result.tables().get("counts").rowsAfter()).isEqualTo(12_000);
        assertThat(batches).as("batches of 4,096, 4,096 and 3,808 rows").isEqualTo(3);
        try (Connection connection = fixture.connect(target); Statement statement = connection.createStatement();
             ResultSet sums = statement.executeQuery("SELECT SUM(n), COUNT(DISTINCT day) FROM counts")) {
            sums.next();
            assertThat(sums.getLong(1)).isEqualTo(7L * 12_000 * 12_001 / 2);
            assertThat(sums.getLong(2)).isEqualTo(20);
        }
    }

    /** An import through a driver given these options, and the bound statements the server ran for it. */
    private record Compared(ImportResult result, long batches) {
    }

    /**
     * Imports the script through a driver given the options, every statement long enough; checks that it leaves the
     * client's rows and gives the account of an import of INSERTs.
     */
    private Compared importWithDriverOptions(String name, String options) throws Exception {
        Path script = fixture.write(script(), "literal-rows.sql");
        List<String> viaClient = importedByClient(script);
        String target = fixture.createDatabase(name);
        String inserted = fixture.createDatabase(name + "_ins");
        ImportResult viaInserts = new Importer(ImportOptions.builder().parallelism(3).build())
                .run(script, fixture.factory(inserted));

        long batchesBefore = fixture.globalStatus(target, "Com_stmt_execute");
        ImportResult result = new Importer(everyStatementLoaded().parallelism(3).build())
                .run(script, withDriverOptions(target, options));
        long batches = fixture.globalStatus(target, "Com_stmt_execute") - batchesBefore;

        assertThat(result.errors()).isEmpty();
        assertThat(fixture.snapshot(target)).isEqualTo(viaClient);
        assertThat(accounts(result)).isEqualTo(accounts(viaInserts));
        return new Compared(result, batches);
    }

    /**
     * A v2 table whose v3 home has other columns: one dropped, one renamed, values computed from the row's own
     * (as Pod's {@code transcript}, {@code description} and playlists' {@code name} and {@code rank} are). Loaded with
     * the expressions on LOAD DATA's variables, the rows are those of the rewritten INSERTs, which the import sends
     * when the driver refuses LOAD DATA.
     */
    @Test
    void computesTheValuesARewriteSetsAsItsInsertsDo() throws Exception {
        StringBuilder sql = new StringBuilder("/*!40101 SET NAMES utf8mb4 */;\nCREATE TABLE `v2_video` (`id` INT PRIMARY KEY,"
                + " `title` VARCHAR(50), `transcript` TINYINT(1), `main_lang` VARCHAR(2), `title_nl` VARCHAR(50),"
                + " `description` TEXT NULL, `position` INT);\n");
        List<String> rows = List.of("(%d,'plain',1,'fr','nl',NULL,3)", "(%d,'it\\'s ü 😀',0,'en',NULL,'',-1)",
                "(%d,'',NULL,'fr','x','line\\nbreak \\\\ back',NULL)", "(%d,'NULL',1,'',NULL,'a,b','7')");
        int id = 0;
        for (int statement = 0; statement < STATEMENTS; statement++) {
            sql.append(statement % 2 == 0 ? "INSERT INTO `v2_video` VALUES "
                    : "INSERT INTO `v2_video` (`id`,`title`,`transcript`,`main_lang`,`title_nl`,`description`,`position`) VALUES ");
            for (int row = 0; row < 40; row++) {
                sql.append(row == 0 ? "" : ",").append(String.format(Locale.ROOT, rows.get(row % rows.size()), ++id));
            }
            sql.append(";\n");
        }
        Path script = fixture.write(sql.toString(), "computed.sql");
        String v3Table = "CREATE TABLE `v3_video` (`id` INT PRIMARY KEY, `title` VARCHAR(50), `transcript` VARCHAR(2) NOT NULL,"
                + " `main_lang` VARCHAR(2), `description` TEXT NOT NULL, `name` VARCHAR(60), `rank` INT, `site_id` INT)"
                + " DEFAULT CHARSET=utf8mb4";
        Map<String, String> values = new LinkedHashMap<>(Map.of(
                "transcript", "IF({transcript}, {main_lang}, '')",
                "description", "COALESCE({description}, '')",
                "name", "CONCAT({title}, ' (', {main_lang}, ')')",
                "rank", "{position}",
                "site_id", "1"));
        ImportOptions options = computing(new InsertRewrite(Set.of("title_nl", "position"), values));
        String loaded = fixture.createDatabase("lit_computed");
        String inserted = fixture.createDatabase("lit_computed_ins");
        String loadedAsBytes = fixture.createDatabase("lit_computed_bytes");
        String insertedAsBytes = fixture.createDatabase("lit_computed_ins_bytes");
        for (String database : List.of(loaded, inserted, loadedAsBytes, insertedAsBytes)) {
            fixture.execute(database, v3Table);
        }
        ConnectionFactory refusing = withDriverOptions(inserted, "allowLocalInfile=false");

        long loadsBefore = fixture.globalStatus(loaded, "Com_load");
        ImportResult viaLoad = new Importer(options).run(script, fixture.factory(loaded));
        long loads = fixture.globalStatus(loaded, "Com_load") - loadsBefore;
        long batchesBefore = fixture.globalStatus(inserted, "Com_stmt_execute");
        ImportResult viaInserts = new Importer(options).run(script, refusing);
        long batches = fixture.globalStatus(inserted, "Com_stmt_execute") - batchesBefore;
        // the same expressions declared to give the same from bytes: the rows go as bytes, and are the same
        ImportOptions asBytes = computing(new InsertRewrite(Set.of("title_nl", "position"), values, true));
        ImportResult viaLoadAsBytes = new Importer(asBytes).run(script, fixture.factory(loadedAsBytes));
        ImportResult viaInsertsAsBytes = new Importer(asBytes).run(script,
                withDriverOptions(insertedAsBytes, "allowLocalInfile=false"));

        assertThat(viaLoad.errors()).isEmpty();
        assertThat(viaInserts.errors()).isEmpty();
        assertThat(viaLoadAsBytes.errors()).isEmpty();
        assertThat(viaInsertsAsBytes.errors()).isEmpty();
        assertThat(loads).as("statements loaded as LOAD DATA").isGreaterThanOrEqualTo(STATEMENTS - 1);
        assertThat(batches).as("statements bound").isGreaterThanOrEqualTo(STATEMENTS - 1);
        assertThat(fixture.snapshot(loaded)).isEqualTo(fixture.snapshot(inserted))
                .isEqualTo(fixture.snapshot(loadedAsBytes)).isEqualTo(fixture.snapshot(insertedAsBytes));
        assertThat(viaLoad.droppedValues()).isEqualTo(viaInserts.droppedValues())
                .as("position lives on in rank").containsOnly(Map.entry("v2_video.title_nl", (long) id));
        try (Connection connection = fixture.connect(loaded); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT transcript, description, name, `rank`, site_id FROM v3_video WHERE id = 2")) {
            assertThat(row.next()).isTrue();
            assertThat(List.of(row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5)))
                    .containsExactly("", "", "it's ü 😀 (en)", "-1", "1");
        }
    }

    private static ImportOptions computing(InsertRewrite rewrite) {
        return everyStatementLoaded().parallelism(2).keepTargetStructure(true).targetTables(List.of("v3_video"))
                .tableRenames(Map.of("v2_video", "v3_video")).columnListsFromCreateTable(true)
                .insertRewrites(Map.of("v2_video", rewrite)).build();
    }

    @Test
    void failsAPlainInsertOnADuplicateKeyAsTheInsertDoes() throws Exception {
        StringBuilder sql = new StringBuilder("CREATE TABLE `keyed` (`id` INT PRIMARY KEY, `s` VARCHAR(40));\n");
        long duplicateLine = 0;
        int id = 0;
        for (int statement = 0; statement < STATEMENTS; statement++) {
            if (statement == STATEMENTS / 2) {
                duplicateLine = sql.chars().filter(c -> c == '\n').count() + 1;
                sql.append("INSERT INTO `keyed` VALUES (100000,'before the duplicate'),(1,'duplicate of row 1');\n");
            }
            sql.append("INSERT INTO `keyed` VALUES ");
            for (int row = 0; row < 40; row++) {
                sql.append(row == 0 ? "" : ",").append('(').append(++id).append(",'row of a long run, number ").append(id)
                        .append("')");
            }
            sql.append(";\n");
        }
        Path script = fixture.write(sql.toString(), "duplicate.sql");
        String target = fixture.createDatabase("lit_duplicate");

        ImportResult result = new Importer(everyStatementLoaded().parallelism(3).errorPolicy(ErrorPolicy.CONTINUE).build())
                .run(script, fixture.factory(target));

        assertThat(result.errors()).extracting(ImportError::line, ImportError::errorCode)
                .containsExactly(tuple(duplicateLine, 1062));
        try (Connection connection = fixture.connect(target); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*), SUM(id = 100000) FROM keyed")) {
            rows.next();
            assertThat(rows.getLong(1)).isEqualTo(id);
            assertThat(rows.getLong(2)).as("the failed INSERT's other row").isZero();
        }
    }

    /**
     * Long runs of literal rows in mariadb-dump's and phpMyAdmin's forms, broken by statements LOAD DATA does not
     * do as the INSERT would: values the server changes, a duplicate an INSERT IGNORE skips, a hex literal, a latin1
     * table.
     */
    private static String script() {
        StringBuilder sql = new StringBuilder("/*!40101 SET NAMES utf8mb4 */;\nSET SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO';\n")
                .append("CREATE TABLE `literal_text` (`id` INT PRIMARY KEY, `s` VARCHAR(20), `t` TEXT, `n` INT NULL)"
                        + " DEFAULT CHARSET=utf8mb4;\n");
        int id = 0;
        for (int statement = 0; statement < STATEMENTS; statement++) {
            boolean phpMyAdmin = statement % 2 == 1;
            sql.append(phpMyAdmin ? "INSERT INTO `literal_text` (`id`, `s`, `t`, `n`) VALUES\n" : "INSERT INTO `literal_text` VALUES ");
            for (int row = 0; row < 40; row++) {
                String tuple = String.format(Locale.ROOT, TEXT_ROWS.get(row % TEXT_ROWS.size()), ++id);
                sql.append(row == 0 ? "" : phpMyAdmin ? ",\n" : ",").append(phpMyAdmin ? tuple.replace(",'", ", '")
                        .replace(",N", ", N").replace(",-", ", -").replace(",0", ", 0") : tuple);
            }
            sql.append(";\n");
            switch (statement) {
                case 10 -> sql.append("INSERT INTO `literal_text` VALUES (").append(++id).append(",'longer than twenty characters',NULL,1);\n");
                case 20 -> sql.append("INSERT IGNORE INTO `literal_text` VALUES (1,'duplicate',NULL,1),(").append(++id)
                        .append(",'after it',NULL,2);\n");
                case 30 -> sql.append("INSERT INTO `literal_text` VALUES (").append(++id).append(",0x41,NULL,1);\n");
                default -> { }
            }
        }
        sql.append("CREATE TABLE `literal_numbers` (`id` INT PRIMARY KEY, `i` INT, `d` DECIMAL(10,3), `f` DOUBLE, `day` DATE)"
                + " DEFAULT CHARSET=utf8mb4;\n");
        for (int statement = 0; statement < STATEMENTS * 4; statement++) {
            sql.append("INSERT INTO `literal_numbers` VALUES ");
            for (int row = 0; row < 20; row++) {
                sql.append(row == 0 ? "" : ",").append(String.format(Locale.ROOT, NUMBER_ROWS.get(row % NUMBER_ROWS.size()), ++id));
            }
            sql.append(";\n");
            if (statement == 5) {
                sql.append("INSERT INTO `literal_numbers` VALUES (").append(++id).append(",99999999999,1.23456,1,'2024-02-30');\n");
            }
        }
        sql.append("CREATE TABLE `literal_wide` (`id` INT PRIMARY KEY, `log` TEXT, `note` VARCHAR(300))"
                + " DEFAULT CHARSET=utf8mb4;\n");
        for (int statement = 0; statement < STATEMENTS; statement++) {
            sql.append("INSERT INTO `literal_wide` VALUES ");
            for (int row = 0; row < 20; row++) {
                // NULL in the first row, values after it: the driver would send them in another command
                String note = row % 3 == 0 ? "NULL" : statement == 7 && row == 5 ? "'" + "cut ".repeat(90) + "'"
                        : "'" + "n".repeat(row * 10) + "'";
                sql.append(row == 0 ? "" : ",").append('(').append(++id).append(",'").append(LOG).append(row)
                        .append("',").append(note).append(')');
            }
            sql.append(";\n");
        }
        sql.append("CREATE TABLE `literal_latin1` (`id` INT PRIMARY KEY, `s` VARCHAR(50)) DEFAULT CHARSET=latin1;\n");
        for (int statement = 0; statement < STATEMENTS * 2; statement++) {
            sql.append("INSERT INTO `literal_latin1` VALUES ");
            for (int row = 0; row < 40; row++) {
                sql.append(row == 0 ? "" : ",").append('(').append(++id).append(",'")
                        .append(LATIN1_TEXTS.get(row % LATIN1_TEXTS.size())).append(row).append("')");
            }
            sql.append(";\n");
            if (statement == 3) {
                sql.append("INSERT IGNORE INTO `literal_latin1` VALUES (").append(id).append(",'duplicate'),(").append(++id)
                        .append(",'after the duplicate');\n");
            }
        }
        return sql.toString();
    }

    /** An import with the default options on two connections, and the LOAD DATAs and the other command it ran. */
    private record Counted(ImportResult result, long loads, long commands) {
    }

    /** @param command the server's status counter of the other command ({@code Com_insert}...) */
    private Counted importCounting(Path script, String target, String command) throws Exception {
        long loadsBefore = fixture.globalStatus(target, "Com_load");
        long commandsBefore = fixture.globalStatus(target, command);
        ImportResult result = new Importer(ImportOptions.builder().parallelism(2).build()).run(script, fixture.factory(target));
        return new Counted(result, fixture.globalStatus(target, "Com_load") - loadsBefore,
                fixture.globalStatus(target, command) - commandsBefore);
    }

    /** What the mariadb client's import of the script leaves. */
    private List<String> importedByClient(Path script) throws Exception {
        String viaClient = fixture.createDatabase("lit_client");
        fixture.assertImports(viaClient, script);
        return fixture.snapshot(viaClient);
    }

    /**
     * What the import says it did to each table: rows, warnings, and the values the server changed or refused (the
     * server's message aside, which names the database).
     */
    private static Map<String, List<Object>> accounts(ImportResult result) {
        Map<String, List<Object>> accounts = new LinkedHashMap<>();
        result.tables().forEach((table, counts) -> accounts.put(table, List.of(counts.insertedRows(),
                counts.ignoredRows(), counts.warnings(), counts.issues().stream().map(issue -> List.of(issue.refused(),
                        issue.name(), issue.change(), issue.rows(), issue.keys())).toList(), counts.rowsAfter())));
        return accounts;
    }

    private static ConnectionFactory withDriverOptions(String database, String options) {
        TestServer server = TestServer.get();
        String url = server.jdbcUrl(database);
        return () -> DriverManager.getConnection(url + (url.contains("?") ? "&" : "?") + options, server.user(),
                server.password());
    }

    /** This class's statements are a few KiB: they go as LOAD DATA or bound only when told to. */
    private static ImportOptions.Builder everyStatementLoaded() {
        return ImportOptions.builder().literalStatementBytes(0);
    }
}
