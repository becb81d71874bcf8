package fr.esup.podmigrate.sql.load;

import fr.esup.podmigrate.sql.DumpWriterFixture;
import fr.esup.podmigrate.sql.Identifiers;
import fr.esup.podmigrate.sql.script.ScriptAnalysis;
import fr.esup.podmigrate.sql.script.ScriptAnalyzer;
import fr.esup.podmigrate.testsupport.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scripts in the client charsets mariadb-dump writes go into one fresh database through the {@code mariadb} client
 * and into another through the Importer: every value of every column must be the same bytes.
 */
class ImporterCharsetIT {

    private static final String ACCENTED = "S\u00e9minaire \u20ac \u0153uvre \u2018cit\u00e9\u2019 \u00ab na\u00efve \u00bb";
    /** MariaDB's latin1, for the characters it defines. */
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final String EMOJI = "f\u00eate \ud83d\ude00";

    @TempDir
    Path directory;
    @RegisterExtension
    final DumpWriterFixture fixture = new DumpWriterFixture();

    /**
     * A nightly of a latin1 table and a utf8mb4 one, each long enough that the import's workers read its rows
     * themselves from where the analysis saw them start.
     */
    @ParameterizedTest
    @ValueSource(strings = {"latin1", "utf8mb4"})
    void importsADumpWrittenInEachCharsetAsTheClientDoes(String dumpCharset) throws Exception {
        String source = fixture.createDatabase("cs_source");
        fixture.execute(source, "SET SESSION max_recursive_iterations = 10000",
                "CREATE TABLE video (id int PRIMARY KEY, title varchar(255), description text) DEFAULT CHARSET=latin1",
                "CREATE TABLE tag (id int PRIMARY KEY, name varchar(100), note text) DEFAULT CHARSET=utf8mb4",
                "INSERT INTO video WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)"
                        + " SELECT i, CONCAT('" + ACCENTED + " n\u00b0', i), REPEAT('\u00e9\u00e8\u20ac\u0153 ', 20) FROM n",
                "INSERT INTO tag WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)"
                        + " SELECT i, IF(i = 1, '" + EMOJI + "', '" + ACCENTED + "'), REPEAT('\u00e9\u00e8\u20ac\u0153 ', 20) FROM n");
        Path script = fixture.mariadbDumpWith(dumpCharset + ".sql", "--default-character-set=" + dumpCharset, source);
        assertThat(Files.readString(script, StandardCharsets.ISO_8859_1)).contains("SET NAMES " + dumpCharset);

        List<String> viaClient = importWithClient(script);
        assertThat(viaClient).anyMatch(row -> row.contains(hex(ACCENTED + " n\u00b01", WINDOWS_1252)));
        assertThat(viaClient).anyMatch(row -> row.contains(hex(dumpCharset.equals("latin1") ? "f\u00eate ?" : EMOJI,
                StandardCharsets.UTF_8)));
        for (int parallelism : new int[] {1, 3}) {
            assertThat(importWithImporter(script, parallelism)).as("parallelism %d", parallelism).isEqualTo(viaClient);
        }
    }

    @Test
    void importsIntoUtf8mb4TablesFromALatin1DeclaredScriptAsTheClientDoes() throws Exception {
        ByteArrayOutputStream latin1 = new ByteArrayOutputStream();
        latin1.writeBytes("""
                /*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
                /*!40101 SET NAMES latin1 */;
                INSERT INTO `video_video` VALUES (1,'%s',NULL),(2,'x\\'y','%s');
                /*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
                INSERT INTO `video_video` VALUES (3,'%s',NULL);
                """.formatted(ACCENTED, "\u0153\u20ac\u2019", ACCENTED).getBytes(WINDOWS_1252));
        byte[] bytes = latin1.toByteArray();
        // the last INSERT comes after the charset is restored to utf8mb4: its text is UTF-8
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int last = text.lastIndexOf("INSERT");
        Path script = directory.resolve("pod-latin1.sql");
        Files.write(script, concat(Arrays.copyOf(bytes, last),
                ("INSERT INTO `video_video` VALUES (3,'" + ACCENTED + "',NULL);\n").getBytes(StandardCharsets.UTF_8)));
        String table = "CREATE TABLE video_video (id int PRIMARY KEY, title varchar(255), description longtext)"
                + " DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci";

        String clientTarget = fixture.createDatabase("cs_client");
        fixture.execute(clientTarget, table);
        fixture.assertImports(clientTarget, script);
        List<String> viaClient = hexRows(clientTarget);
        String importTarget = fixture.createDatabase("cs_import");
        fixture.execute(importTarget, table);
        ImportResult result = new Importer(ImportOptions.builder().build()).run(script, fixture.factory(importTarget));

        assertThat(result.errors()).isEmpty();
        assertThat(hexRows(importTarget)).isEqualTo(viaClient);
        assertThat(fixture.queryString(importTarget, "SELECT GROUP_CONCAT(title ORDER BY id SEPARATOR '|') FROM video_video"))
                .isEqualTo(ACCENTED + "|x'y|" + ACCENTED);
    }

    /**
     * Every connection keeps a dump's save, set and restore of the client charset around each table without setting its
     * session back, and after a SET that failed, sets it back before anything else: the rows are the client's either way.
     */
    @Test
    void storesTheClientsBytesAroundTheCharsetSetsItSkipsAndAfterOneThatFailed() throws Exception {
        StringBuilder sql = new StringBuilder("/*!40101 SET NAMES utf8mb4 */;\n");
        for (int t = 0; t < 6; t++) {
            sql.append("""
                    /*!40101 SET @saved_cs_client     = @@character_set_client */;
                    /*!40101 SET character_set_client = %s */;
                    CREATE TABLE t%d (id int PRIMARY KEY, v varchar(40)) DEFAULT CHARSET=utf8mb4;
                    /*!40101 SET character_set_client = @saved_cs_client */;
                    """.formatted(t % 2 == 0 ? "utf8mb4" : "utf8", t));
            sql.append(t == 3 ? "SET character_set_client = no_such_charset;\n" : "");
            sql.append("INSERT INTO t%d VALUES (1,'%s'),(2,'%s');\n".formatted(t, ACCENTED, EMOJI));
        }
        Path script = Files.writeString(directory.resolve("charset-sets.sql"), sql, StandardCharsets.UTF_8);
        // the client stops at the failed SET, which changes nothing: it gets the script without it
        Path withoutFailure = Files.writeString(directory.resolve("charset-sets-client.sql"),
                sql.toString().replace("SET character_set_client = no_such_charset;\n", ""), StandardCharsets.UTF_8);

        String clientTarget = fixture.createDatabase("cs_sets_client");
        fixture.assertImports(clientTarget, withoutFailure);
        String importTarget = fixture.createDatabase("cs_sets_import");
        ImportResult result = new Importer(ImportOptions.builder().parallelism(3).errorPolicy(ErrorPolicy.CONTINUE).build())
                .run(script, fixture.factory(importTarget));

        assertThat(result.errors()).singleElement()
                .satisfies(error -> assertThat(error.statementHead()).contains("no_such_charset"));
        String expected = HexFormat.of().withUpperCase().formatHex(ACCENTED.getBytes(StandardCharsets.UTF_8)) + ","
                + HexFormat.of().withUpperCase().formatHex(EMOJI.getBytes(StandardCharsets.UTF_8));
        for (int t = 0; t < 6; t++) {
            String rows = "SELECT GROUP_CONCAT(HEX(v) ORDER BY id) FROM t" + t;
            assertThat(fixture.queryString(importTarget, rows)).as("t%d", t).isEqualTo(expected)
                    .isEqualTo(fixture.queryString(clientTarget, rows));
        }
    }

    /**
     * mariadb-dump --default-character-set=latin1 of utf8mb4 rows writes a ? for each character latin1 lacks: the
     * analysis names the rows read in latin1, which a dump in utf8mb4 has none of.
     */
    @Test
    void namesTheRowsOfADumpTakenInLatin1WhereTheCharactersLatin1LacksBecameQuestionMarks() throws Exception {
        String source = fixture.createDatabase("cs_latin1_dump");
        fixture.execute(source, "CREATE TABLE t (id int PRIMARY KEY, s varchar(100)) DEFAULT CHARSET=utf8mb4",
                "INSERT INTO t VALUES (1, 'Nguy\u1ec5n'), (2, 'F\u00eate')");
        Path latin1 = TestServer.get().mariadbDump(source, directory.resolve("latin1.sql"), "--default-character-set=latin1");
        Path utf8mb4 = TestServer.get().mariadbDump(source, directory.resolve("utf8mb4.sql"), "--default-character-set=utf8mb4");

        ScriptAnalysis fromLatin1 = ScriptAnalyzer.analyze(latin1, "any", Set.of(), null, p -> { });
        ScriptAnalysis fromUtf8mb4 = ScriptAnalyzer.analyze(utf8mb4, "any", Set.of(), null, p -> { });

        assertThat(Files.readString(latin1, StandardCharsets.ISO_8859_1)).contains("'Nguy?n'", "'F\u00eate'");
        assertThat(fromLatin1.singleByteRows().count()).isEqualTo(1);
        assertThat(fromLatin1.singleByteRows().listed()).singleElement()
                .satisfies(line -> assertThat(line.statementHead()).startsWith("INSERT INTO `t` VALUES"));
        assertThat(fromLatin1.doubleEncoded().any()).isFalse();
        assertThat(fromUtf8mb4.singleByteRows().listed()).isEmpty();
        assertThat(fromUtf8mb4.singleByteRows().count()).isZero();
    }

    @Test
    void namesTheRowsOfADumpTakenInUtf8mb3WhereCharactersBeyondItBecameQuestionMarks() throws Exception {
        String source = fixture.createDatabase("cs_utf8mb3_dump");
        fixture.execute(source, "CREATE TABLE t (id int PRIMARY KEY, s varchar(100)) DEFAULT CHARSET=utf8mb4",
                "INSERT INTO t VALUES (1, 'Merci " + EMOJI + "'), (2, 'F\u00eate')");
        Path utf8 = TestServer.get().mariadbDump(source, directory.resolve("utf8.sql"), "--default-character-set=utf8");
        Path utf8mb4 = TestServer.get().mariadbDump(source, directory.resolve("utf8mb4.sql"), "--default-character-set=utf8mb4");

        ScriptAnalysis fromUtf8 = ScriptAnalyzer.analyze(utf8, "any", Set.of(), null, p -> { });
        ScriptAnalysis fromUtf8mb4 = ScriptAnalyzer.analyze(utf8mb4, "any", Set.of(), null, p -> { });

        assertThat(Files.readString(utf8)).contains("'Merci f\u00eate ?'", "'F\u00eate'");
        assertThat(fromUtf8.utf8mb3Rows().count()).isEqualTo(1);
        assertThat(fromUtf8.utf8mb3Rows().listed()).singleElement()
                .satisfies(line -> assertThat(line.statementHead()).startsWith("INSERT INTO `t` VALUES"));
        assertThat(fromUtf8.singleByteRows().any()).isFalse();
        assertThat(fromUtf8mb4.utf8mb3Rows().listed()).isEmpty();
        assertThat(fromUtf8mb4.utf8mb3Rows().count()).isZero();
    }

    /**
     * Pod's production guide sets the server's charset to utf8: a v2 database whose tables are utf8mb3 (or latin1),
     * dumped in their own charset (or in utf8mb3, which holds all of latin1), lost nothing to it, and the dump's
     * CREATE TABLE says so. A table with a utf8mb4 column still has its rows named.
     */
    @Test
    void namesNoRowsDumpedInTheCharsetOfTheirOwnTable() throws Exception {
        String source = fixture.createDatabase("cs_own_charset_dump");
        fixture.execute(source,
                "CREATE TABLE t3 (id int PRIMARY KEY, s varchar(100), b blob) DEFAULT CHARSET=utf8mb3",
                "CREATE TABLE t1 (id int PRIMARY KEY, s varchar(100)) DEFAULT CHARSET=latin1",
                "CREATE TABLE mixed (id int PRIMARY KEY, s varchar(100), e varchar(10) CHARACTER SET utf8mb4)"
                        + " DEFAULT CHARSET=utf8mb3",
                "INSERT INTO t3 VALUES (1, 'F\u00eate', 'x')", "INSERT INTO t1 VALUES (1, 'F\u00eate')",
                "INSERT INTO mixed VALUES (1, 'F\u00eate', 'a')");
        Path utf8 = TestServer.get().mariadbDump(source, directory.resolve("utf8.sql"), "--default-character-set=utf8");
        Path latin1 = TestServer.get().mariadbDump(source, directory.resolve("latin1.sql"),
                "--default-character-set=latin1", "--ignore-table=" + source + ".t3");

        ScriptAnalysis fromUtf8 = ScriptAnalyzer.analyze(utf8, "any", Set.of(), null, p -> { });
        ScriptAnalysis fromLatin1 = ScriptAnalyzer.analyze(latin1, "any", Set.of(), null, p -> { });

        assertThat(fromUtf8.utf8mb3Rows().listed()).singleElement()
                .satisfies(line -> assertThat(line.statementHead()).startsWith("INSERT INTO `mixed` VALUES"));
        assertThat(fromLatin1.singleByteRows().listed()).singleElement()
                .satisfies(line -> assertThat(line.statementHead()).startsWith("INSERT INTO `mixed` VALUES"));
    }

    @Test
    void warnsThatUtf8TextDeclaredLatin1IsStoredDoubleEncodedAsTheClientStoresIt() throws Exception {
        Path script = fixture.write("""
                /*!40101 SET NAMES latin1 */;
                CREATE TABLE `t` (`id` int PRIMARY KEY, `s` varchar(100)) DEFAULT CHARSET=utf8mb4;
                INSERT INTO `t` VALUES (1,'plain');
                INSERT INTO `t` VALUES (2,'%s');
                INSERT INTO `t` VALUES (3,'%s');
                """.formatted(EMOJI, ACCENTED), "utf8-declared-latin1.sql");

        ScriptAnalysis analysis = ScriptAnalyzer.analyze(script, "any", Set.of(), null, p -> { });
        List<String> viaClient = importWithClient(script);

        assertThat(analysis.doubleEncoded().count()).isEqualTo(2);
        assertThat(analysis.doubleEncoded().listed()).extracting(ScriptAnalysis.ScriptLine::line).containsExactly(4L, 5L);
        assertThat(analysis.singleByteRows().listed()).as("rows read in latin1 that are not double-encoded")
                .extracting(ScriptAnalysis.ScriptLine::line).containsExactly(3L);
        assertThat(analysis.undecodableCharsets()).isEmpty();
        assertThat(viaClient).anyMatch(row -> row.contains(hex("f\u00c3\u00aate \u00f0\u0178\u02dc\u20ac",
                StandardCharsets.UTF_8)));
        assertThat(importWithImporter(script, 1)).isEqualTo(viaClient);
    }

    /**
     * Long runs of rows, which the workers send as bytes into a table whose text columns are all utf8mb4 (see
     * {@link BinaryRows}), as text into one with a latin1 column, and as text for a statement whose tuples call a
     * function: the same bytes as the client's in every column.
     */
    @Test
    void storesLongRunsOfRowsAsTheClientDoesWhetherTheyGoAsBytesOrAsText() throws Exception {
        StringBuilder sql = new StringBuilder("""
                CREATE TABLE `pure` (`id` int PRIMARY KEY, `title` varchar(255), `kind` enum('été','hiver'),
                  `body` longtext, UNIQUE KEY `title` (`title`)) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
                CREATE TABLE `mixed` (`id` int PRIMARY KEY, `title` varchar(255) CHARACTER SET latin1, `body` text)
                  DEFAULT CHARSET=utf8mb4;
                """);
        for (String table : List.of("pure", "mixed")) {
            for (int statement = 0; statement < 40; statement++) {
                sql.append("INSERT INTO `").append(table).append("` VALUES ");
                for (int row = 0; row < 50; row++) {
                    int id = statement * 50 + row;
                    sql.append(row == 0 ? "" : ",").append('(').append(id).append(",'").append(ACCENTED).append(" n°")
                            .append(id).append(table.equals("pure") ? "','ÉTÉ','" : "','")
                            .append(table.equals("pure") ? EMOJI : ACCENTED).append(" \\\\ \\' ").append("x".repeat(100))
                            .append("')");
                }
                sql.append(";\n");
            }
        }
        sql.append("INSERT INTO `pure` VALUES (5000,LOWER('ÉTÉ ŒUVRE'),'hiver',CONCAT('é', 'x'));\n");
        Path script = fixture.write(sql.toString(), "long-runs.sql");

        List<String> viaClient = importWithClient(script);
        assertThat(viaClient).anyMatch(row -> row.startsWith("1388|" + hex("été œuvre", StandardCharsets.UTF_8)));
        for (int parallelism : new int[] {1, 3}) {
            assertThat(importWithImporter(script, parallelism)).as("parallelism %d", parallelism).isEqualTo(viaClient);
        }
        String database = fixture.createDatabase("cs_import");
        fixture.execute(database, "CREATE TABLE pure (id int, title text) DEFAULT CHARSET=utf8mb4",
                "CREATE TABLE mixed (id int, title text CHARACTER SET latin1) DEFAULT CHARSET=utf8mb4");
        try (Connection connection = fixture.connect(database)) {
            assertThat(BinaryRows.utf8mb4Text(connection, "pure")).isTrue();
            assertThat(BinaryRows.utf8mb4Text(connection, "mixed")).isFalse();
            assertThat(BinaryRows.utf8mb4Text(connection, "missing")).isFalse();
        }
    }

    private List<String> importWithClient(Path script) throws Exception {
        String database = fixture.createDatabase("cs_client");
        fixture.assertImports(database, script);
        return hexRows(database);
    }

    private List<String> importWithImporter(Path script, int parallelism) throws Exception {
        String database = fixture.createDatabase("cs_import");
        ImportResult result = new Importer(ImportOptions.builder().parallelism(parallelism).build())
                .run(script, fixture.factory(database));
        assertThat(result.errors()).isEmpty();
        assertThat(result.completed()).isTrue();
        return hexRows(database);
    }

    /** Each table's definition, then each of its rows as the HEX() of every column, in order. */
    private List<String> hexRows(String database) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection connection = fixture.connect(database); Statement statement = connection.createStatement()) {
            for (String table : strings(statement, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = '"
                    + database + "' ORDER BY 1")) {
                lines.add(strings(statement, "SHOW CREATE TABLE " + Identifiers.quote(table), 2).get(0));
                List<String> hexed = strings(statement, "SELECT CONCAT('IFNULL(HEX(`', COLUMN_NAME, '`), ''NULL'')')"
                        + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '" + database + "' AND TABLE_NAME = '"
                        + table + "' ORDER BY ORDINAL_POSITION");
                lines.addAll(strings(statement, "SELECT CONCAT_WS('|', " + String.join(", ", hexed) + ") FROM " + Identifiers.quote(table)
                        + " ORDER BY 1"));
            }
        }
        return lines;
    }

    private static List<String> strings(Statement statement, String sql) throws SQLException {
        return strings(statement, sql, 1);
    }

    private static List<String> strings(Statement statement, String sql, int column) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(column));
            }
        }
        return values;
    }

    private static String hex(String text, Charset charset) {
        return HexFormat.of().withUpperCase().formatHex(text.getBytes(charset));
    }

    private static byte[] concat(byte[] first, byte[] second) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(first);
        out.writeBytes(second);
        return out.toByteArray();
    }
}
