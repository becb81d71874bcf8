package fr.esup.podmigrate.sql.script;

import fr.esup.podmigrate.sql.script.ScriptFormatException.Reason;
import fr.esup.podmigrate.testsupport.TestServer;
import io.airlift.compress.zstd.ZstdOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public class StatementReaderIT {

    @Nested
    class Splitting {

        @Test
        void splitsOnTheDelimiterOutsideQuotesAndComments() throws IOException {
            assertThat(texts("""
                    SELECT 'a;b', "c;d", `e;f`;
                    SELECT 1 -- x; y
                    , 2 # z; w
                    ;
                    SELECT 3 /* ; */;
                    """)).containsExactly("SELECT 'a;b', \"c;d\", `e;f`", "SELECT 1 \n, 2", "SELECT 3");
        }

        @Test
        void readsRandomQuotedStringsAsWrittenWhereverTheBufferEnds() throws IOException {
            Random random = new Random(23);
            String[] pieces = {"a", "b", "z", " ", "\t", "\n", "é", "😀", ";", ",", "(", ")", "--", "#", "/*", "*/"};
            List<String> written = new ArrayList<>();
            List<Long> lines = new ArrayList<>();
            StringBuilder script = new StringBuilder();
            long line = 1;
            while (script.length() < 3 << 20) {
                StringBuilder statement = new StringBuilder("INSERT INTO t VALUES ");
                for (String quote : List.of("'", "\"", "`")) {
                    statement.append(quote);
                    int length = random.nextInt(10) == 0 ? random.nextInt(20_000) : random.nextInt(40);
                    for (int i = 0; i < length; i++) {
                        int pick = random.nextInt(pieces.length + 4);
                        if (pick < pieces.length) {
                            statement.append(pieces[pick]);
                        } else if (pick == pieces.length) {
                            statement.append(quote).append(quote);
                        } else if (pick == pieces.length + 1 && !quote.equals("`")) {
                            String escaped = "'\"\\nr0Z%_b";
                            statement.append('\\').append(escaped.charAt(random.nextInt(escaped.length())));
                        } else {
                            String others = "'\"`".replace(quote, "");
                            statement.append(others.charAt(random.nextInt(others.length())));
                        }
                    }
                    statement.append(quote).append(", ");
                }
                statement.setLength(statement.length() - 2);
                written.add(statement.toString());
                lines.add(line);
                line += statement.chars().filter(c -> c == '\n').count() + 1;
                script.append(statement).append(";\n");
            }

            List<SqlStatement> read = read(script.toString());

            assertThat(read).extracting(SqlStatement::text).containsExactlyElementsOf(written);
            assertThat(read).extracting(SqlStatement::line).containsExactlyElementsOf(lines);
        }

        @Test
        void backslashEscapesOnlyInSingleAndDoubleQuotes() throws IOException {
            assertThat(texts("SELECT 'a\\';b'; SELECT \"a\\\";b\"; SELECT `a\\`; SELECT 'a\\\\';"))
                    .containsExactly("SELECT 'a\\';b'", "SELECT \"a\\\";b\"", "SELECT `a\\`", "SELECT 'a\\\\'");
        }

        @Test
        void doubledQuotesStayInsideTheirString() throws IOException {
            assertThat(texts("SELECT 'it''s;', \"say \"\"hi;\"\"\", `we``ird;`; SELECT 2"))
                    .containsExactly("SELECT 'it''s;', \"say \"\"hi;\"\"\", `we``ird;`", "SELECT 2");
        }

        @Test
        void keepsMultiLineStringsWithCommentMarkersAndDelimiters() throws IOException {
            assertThat(texts("INSERT INTO t VALUES ('line one;\n-- not a comment\n# nor this\n/* nor */');"))
                    .containsExactly("INSERT INTO t VALUES ('line one;\n-- not a comment\n# nor this\n/* nor */')");
        }

        @Test
        void dashDashIsACommentOnlyBeforeABlankOrTheLineEnd() throws IOException {
            assertThat(texts("SELECT 1 --x\n;\nSELECT 2--\n;\nSELECT 3 --\ttab\n;\nSELECT 4 --"))
                    .containsExactly("SELECT 1 --x", "SELECT 2", "SELECT 3", "SELECT 4");
        }

        @Test
        void dashDashStartsACommentAnywhereBeforeAStatementAsTheClientDoes() throws IOException {
            assertThat(texts("--x\nSELECT 1; --y\n  --z\nSELECT 2;")).containsExactly("SELECT 1", "SELECT 2");
        }

        @Test
        void dropsBlockCommentsLeavingASpaceWhereTextFollows() throws IOException {
            assertThat(texts("SELECT 1/* c */+1; /* lead */ SELECT 2; SELECT 3 /* a\n b */;"))
                    .containsExactly("SELECT 1 +1", "SELECT 2", "SELECT 3");
        }

        @Test
        void aSlashStarInsideACommentSwallowsItsStarSlashAsTheClientDoes() throws IOException {
            assertThat(texts("SELECT 4 /* a /*/ b */ , 5; SELECT 6 /* a /*! b */ c */ , 7;"))
                    .containsExactly("SELECT 4  , 5", "SELECT 6  , 7");
        }

        @Test
        void keepsExecutableComments() throws IOException {
            assertThat(texts("/*!40101 SET NAMES utf8mb4 */;\n/*M!100101 SET @a = 1 */;\nSELECT 1 /*!50000 + 1 */;"))
                    .containsExactly("/*!40101 SET NAMES utf8mb4 */", "/*M!100101 SET @a = 1 */",
                            "SELECT 1 /*!50000 + 1 */");
        }

        @Test
        void aDelimiterInsideAnExecutableCommentEndsTheStatementAsTheClientDoes() throws IOException {
            assertThat(texts("/*!40101 SET @a = 1; SET @b = 2 */;"))
                    .containsExactly("/*!40101 SET @a = 1", "SET @b = 2 */");
        }

        @Test
        void skipsEmptyStatementsAndKeepsALastOneWithoutDelimiter() throws IOException {
            assertThat(texts(";;\n ; SELECT 1;;; SELECT 2\n")).containsExactly("SELECT 1", "SELECT 2");
            assertThat(texts("  \n-- only a comment\n/* and another */\n")).isEmpty();
            assertThat(texts("")).isEmpty();
        }
    }

    @Nested
    class Delimiters {

        @Test
        void readsATriggerBodyUnderAnotherDelimiter() throws IOException {
            List<SqlStatement> statements = read("""
                    DELIMITER ;;
                    CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW BEGIN
                      SET NEW.a = 1;
                      SET NEW.b = 'x;;y';
                    END;;
                    delimiter ;
                    SELECT 1;
                    """);
            assertThat(statements).extracting(SqlStatement::text).containsExactly(
                    "CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW BEGIN\n  SET NEW.a = 1;\n"
                            + "  SET NEW.b = 'x;;y';\nEND", "SELECT 1");
            assertThat(statements.get(0).kind()).isEqualTo(StatementKind.CREATE_TRIGGER);
            assertThat(statements.get(0).table()).isEqualTo("t");
            assertThat(statements.get(0).line()).isEqualTo(2);
            assertThat(statements.get(1).line()).isEqualTo(7);
        }

        @Test
        void readsMariadbDumpRoutinesInExecutableComments() throws IOException {
            assertThat(read("""
                    DELIMITER ;;
                    /*!50003 CREATE*/ /*!50017 DEFINER=`root`@`localhost`*/ /*!50003 TRIGGER `pm`.`trg` BEFORE UPDATE ON `db`.`t` FOR EACH ROW SET NEW.a = 1 */;;
                    DELIMITER ;
                    """)).singleElement().satisfies(trigger -> {
                assertThat(trigger.kind()).isEqualTo(StatementKind.CREATE_TRIGGER);
                assertThat(trigger.schema()).isEqualTo("db");
                assertThat(trigger.table()).isEqualTo("t");
            });
        }

        @Test
        void takesAnyDelimiterTheClientTakes() throws IOException {
            assertThat(texts("delimiter $$\nSELECT 1; SELECT 2$$\nDELIMITER 'go'\nSELECT 3go\nDeLiMiTeR //\nSELECT 4//"))
                    .containsExactly("SELECT 1; SELECT 2", "SELECT 3", "SELECT 4");
        }

        @Test
        void aDelimiterWordInsideAStatementIsNotACommand() throws IOException {
            assertThat(texts("SELECT\nDELIMITER $$;\nSELECT 2;")).containsExactly("SELECT\nDELIMITER $$", "SELECT 2");
        }

        @Test
        void refusesADelimiterCommandWithoutDelimiter() {
            assertThatThrownBy(() -> read("SELECT 1;\nDELIMITER\nSELECT 2;"))
                    .isInstanceOfSatisfying(ScriptFormatException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.BAD_DELIMITER);
                        assertThat(e.line()).isEqualTo(2);
                    });
        }
    }

    @Nested
    class ClientCommands {

        @Test
        void treatsTheSandboxLineOfMariadbDumpAsACommand() throws IOException {
            for (String sandbox : List.of("/*!999999\\- enable the sandbox mode */ ",
                    "/*M!999999\\- enable the sandbox mode */")) {
                try (StatementReader reader = reader(sandbox + "\n-- MariaDB dump\n/*!40101 SET NAMES utf8mb4 */;\n")) {
                    SqlStatement first = reader.next();
                    assertThat(first.text()).isEqualTo("/*!40101 SET NAMES utf8mb4 */");
                    assertThat(first.kind()).isEqualTo(StatementKind.SET);
                    assertThat(first.line()).isEqualTo(3);
                    assertThat(reader.next()).isNull();
                    assertThat(reader.sandboxCommands()).isEqualTo(1);
                }
            }
        }

        @Test
        void runsTheClientsBackslashCommands() throws IOException {
            try (StatementReader reader = reader("SELECT 1 \\g SELECT 2\\G SELECT \\N;\nSELECT 3 \\c SELECT 4;\nSELECT \\- 5;")) {
                List<String> texts = new ArrayList<>();
                for (SqlStatement s = reader.next(); s != null; s = reader.next()) {
                    texts.add(s.text());
                }
                assertThat(texts).containsExactly("SELECT 1", "SELECT 2", "SELECT \\N", "SELECT 4", "SELECT  5");
                assertThat(reader.sandboxCommands()).isEqualTo(1);
            }
        }

        @Test
        void keepsAnUnknownBackslashCommandAsTheClientDoes() throws IOException {
            assertThat(texts("SELECT 8 \\z;")).containsExactly("SELECT 8 \\z");
        }

        @Test
        void readsAUseLineWithoutDelimiterAsAStatement() throws IOException {
            List<SqlStatement> statements = read("use pod\nSELECT 1;\nUSE `other`;");
            assertThat(statements).extracting(SqlStatement::text).containsExactly("use pod", "SELECT 1", "USE `other`");
            assertThat(statements).extracting(SqlStatement::kind)
                    .containsExactly(StatementKind.USE, StatementKind.SELECT, StatementKind.USE);
            assertThat(statements).extracting(SqlStatement::schema).containsExactly("pod", null, "other");
        }

        @Test
        void stopsAtQuit() throws IOException {
            assertThat(texts("SELECT 1;\nquit\nSELECT 2;")).containsExactly("SELECT 1");
            assertThat(texts("SELECT 1;\nexit;\nSELECT 2;")).containsExactly("SELECT 1");
            assertThat(texts("SELECT 1; SELECT 2 \\q SELECT 3;")).containsExactly("SELECT 1");
        }

        @Test
        void refusesCommandsAnImportCannotRun() {
            for (String script : List.of("SELECT 1;\nsource other.sql\n", "SELECT 1;\nsystem rm -rf /\n",
                    "SELECT 1;\n\\! ls\n", "SELECT 1;\nstatus;\n")) {
                assertThatThrownBy(() -> read(script)).isInstanceOfSatisfying(ScriptFormatException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.CLIENT_COMMAND);
                    assertThat(e.line()).isEqualTo(2);
                });
            }
        }

        @Test
        void aLineStartingWithACommandWordButHoldingTheDelimiterIsSql() throws IOException {
            assertThat(texts("SELECT 1 AS status;\nstatus_table_x;")).containsExactly("SELECT 1 AS status",
                    "status_table_x");
        }
    }

    @Nested
    class LinesAndOffsets {

        @Test
        void givesEachStatementItsFirstLineAndByteRange() throws IOException {
            String script = "-- head\n\nSELECT 'é';\n  INSERT INTO t\nVALUES (1);SELECT 3";
            List<SqlStatement> statements = read(script);
            byte[] bytes = script.getBytes(StandardCharsets.UTF_8);
            assertThat(statements).extracting(SqlStatement::line).containsExactly(3L, 4L, 5L);
            assertThat(statements).extracting(SqlStatement::startOffset).containsExactly(9L, 24L, 49L);
            assertThat(statements).extracting(SqlStatement::endOffset).containsExactly(21L, 49L, (long) bytes.length);
            for (SqlStatement s : statements) {
                String range = new String(Arrays.copyOfRange(bytes, (int) s.startOffset(), (int) s.endOffset()),
                        StandardCharsets.UTF_8);
                assertThat(range).startsWith(s.text());
            }
        }

        @Test
        void readsCrlfLinesAsTheClientDoesDroppingTheCarriageReturns() throws IOException {
            List<SqlStatement> statements = read("SELECT 1\r\n;\r\nINSERT INTO t VALUES ('a\r\nb');\r\n-- c\r\nSELECT 3;");
            assertThat(statements).extracting(SqlStatement::text)
                    .containsExactly("SELECT 1", "INSERT INTO t VALUES ('a\nb')", "SELECT 3");
            assertThat(statements).extracting(SqlStatement::line).containsExactly(1L, 3L, 6L);
            assertThat(statements).extracting(SqlStatement::startOffset).containsExactly(0L, 13L, 51L);
        }

        @Test
        void dropsABackslashEndingALineInsideAStringAsTheClientDoes() throws IOException {
            assertThat(texts("SELECT 'a\\\nb', 'c\\\r\nd';")).containsExactly("SELECT 'a\nb', 'c\nd'");
        }

        @Test
        void skipsAByteOrderMarkAtTheStartOnly() throws IOException {
            byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
            byte[] script = concat(bom, "SELECT 1;".getBytes(StandardCharsets.UTF_8));
            try (StatementReader reader = StatementReader.open(new ByteArrayInputStream(script))) {
                SqlStatement first = reader.next();
                assertThat(first.text()).isEqualTo("SELECT 1");
                assertThat(first.startOffset()).isEqualTo(3);
                assertThat(first.endOffset()).isEqualTo(script.length);
            }
        }
    }

    @Nested
    class Compression {

        @TempDir
        Path dir;

        @Test
        void readsAGzipFileToldByItsMagicBytesNotItsName() throws IOException {
            String script = "CREATE TABLE t (a INT);\nINSERT INTO t VALUES (1),(2);\n";
            Path file = dir.resolve("podv2.sql");
            Files.write(file, compress("gzip", script.getBytes(StandardCharsets.UTF_8)));
            try (StatementReader reader = StatementReader.open(file)) {
                assertThat(reader.totalBytes()).isEqualTo(Files.size(file));
                assertThat(reader.next().text()).isEqualTo("CREATE TABLE t (a INT)");
                SqlStatement insert = reader.next();
                assertThat(insert.rowCount()).isEqualTo(2);
                assertThat(insert.startOffset()).isEqualTo(24);
                assertThat(reader.next()).isNull();
                assertThat(reader.bytesRead()).isEqualTo(Files.size(file));
            }
        }

        @Test
        void readsTheScriptOfAZipArchiveAsPhpMyAdminZipsIt() throws IOException {
            String script = "CREATE TABLE t (a INT);\nINSERT INTO t VALUES (1),(2);\n";
            Path file = dir.resolve("pod.sql.zip");
            Files.write(file, zip(script.getBytes(StandardCharsets.UTF_8), true));
            try (StatementReader reader = StatementReader.open(file)) {
                List<SqlStatement> statements = readAll(reader);
                assertThat(statements).extracting(SqlStatement::text)
                        .containsExactly("CREATE TABLE t (a INT)", "INSERT INTO t VALUES (1),(2)");
                assertThat(statements.get(1).rowCount()).isEqualTo(2);
                assertThat(reader.bytesRead()).isPositive().isLessThanOrEqualTo(Files.size(file));
            }
        }

        @Test
        void reportsAZipArchiveWithoutAFileOrDamaged() throws IOException {
            byte[] empty = zip(null, true);
            openingFails(empty, Reason.NOT_SQL).hasMessageContaining("zip archive holds no file");
            byte[] whole = zip("SELECT 1;\n".repeat(10_000).getBytes(StandardCharsets.UTF_8), false);
            byte[] truncated = Arrays.copyOf(whole, whole.length / 2);
            assertThatThrownBy(() -> readAll(StatementReader.open(new ByteArrayInputStream(truncated))))
                    .isInstanceOfSatisfying(ScriptFormatException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT_COMPRESSED_FILE))
                    .hasMessageContaining("zip file is damaged or truncated");
        }

        @ParameterizedTest
        @CsvSource({"bzip2, pod.sql.bz2", "xz, pod.sql.xz", "zstd, pod.sql.zst"})
        void readsBzip2XzAndZstdBackupsAndNamesTheirDamage(String format, String name) throws IOException {
            byte[] script = "CREATE TABLE t (a INT);\nINSERT INTO t VALUES (1),(2);\n".repeat(2000)
                    .getBytes(StandardCharsets.UTF_8);
            byte[] whole = compress(format, script);
            Path file = Files.write(dir.resolve(name), whole);
            try (StatementReader reader = StatementReader.open(file)) {
                List<SqlStatement> statements = readAll(reader);
                assertThat(statements).hasSize(4000);
                assertThat(statements.get(1).rowCount()).isEqualTo(2);
                assertThat(reader.bytesRead()).isEqualTo(Files.size(file));
            }
            assertThat(ScriptCompression.of(file).name()).isEqualTo(format.toUpperCase(Locale.ROOT));

            byte[] truncated = Arrays.copyOf(whole, whole.length / 2);
            assertThatThrownBy(() -> readAll(StatementReader.open(new ByteArrayInputStream(truncated))))
                    .isInstanceOfSatisfying(ScriptFormatException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT_COMPRESSED_FILE))
                    .hasMessageContaining("the " + format + " file is damaged or truncated");
        }

        @Test
        void readsZstdFramesOneAfterTheOtherAsTheZstdToolDoes() throws IOException {
            byte[] first = compress("zstd", "INSERT INTO t VALUES (1);\n".getBytes(StandardCharsets.UTF_8));
            byte[] second = compress("zstd", "INSERT INTO t VALUES (2),(3);\n".getBytes(StandardCharsets.UTF_8));

            List<SqlStatement> statements = readAll(StatementReader.open(new ByteArrayInputStream(concat(first, second))));

            assertThat(statements).extracting(SqlStatement::rowCount).containsExactly(1, 2);
        }

        @Test
        void namesTheDamageOfAZstdFrameWhoseChecksumFails() throws IOException {
            byte[] whole = compress("zstd", "SELECT 1;\n".repeat(10_000).getBytes(StandardCharsets.UTF_8));
            byte[] damaged = whole.clone();
            damaged[damaged.length - 1] ^= 0x55; // the frame's last bytes are its content's checksum
            assertThatThrownBy(() -> readAll(StatementReader.open(new ByteArrayInputStream(damaged))))
                    .isInstanceOfSatisfying(ScriptFormatException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT_COMPRESSED_FILE))
                    .hasMessageContaining("the zstd file is damaged or truncated");
        }

        @Test
        void namesTheCommandForAZstdFileWhoseWindowIsOverEightMebibytes() {
            // a frame header: no single segment, Window_Descriptor 0x88 (2^27 bytes, as zstd --long writes)
            byte[] longWindow = HexFormat.of().parseHex("28B52FFD0088" + "00".repeat(8));
            openingFails(longWindow, Reason.UNSUPPORTED_COMPRESSION)
                    .hasMessageContaining("the zstd file needs a window of 128 MiB")
                    .hasMessageContaining("zstd -d --long=31 FILE");
        }

        @Test
        void namesTheToolForPzstdFilesWhichItDoesNotRead() {
            // pzstd writes a skippable frame (magic number 0x184D2A50, 4 bytes of content) before each frame
            byte[] pzstd = HexFormat.of().parseHex("502A4D180400000010000000" + "28B52FFD0400");
            openingFails(pzstd, Reason.UNSUPPORTED_COMPRESSION)
                    .hasMessageContaining("skippable zstd frame, as pzstd writes them")
                    .hasMessageContaining("pzstd -d FILE");
        }

        @Test
        void reportsATruncatedGzipFile() throws IOException {
            byte[] whole = compress("gzip", "SELECT 1;\n".repeat(10_000).getBytes(StandardCharsets.UTF_8));
            Path file = dir.resolve("truncated.sql.gz");
            Files.write(file, Arrays.copyOf(whole, whole.length / 2));
            assertThatThrownBy(() -> {
                try (StatementReader reader = StatementReader.open(file)) {
                    while (reader.next() != null) {
                        assertThat(reader.bytesRead()).isPositive();
                    }
                }
            }).isInstanceOfSatisfying(ScriptFormatException.class,
                    e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT_COMPRESSED_FILE));
        }

        @Test
        void refusesAZipArchiveThatHoldsAnotherFileAfterTheScript() throws IOException {
            byte[] twoFiles = zip("INSERT INTO t VALUES (1);\n".getBytes(StandardCharsets.UTF_8), false,
                    "export/other.sql", "INSERT INTO u VALUES (2);\n");
            assertThatThrownBy(() -> readAll(StatementReader.open(new ByteArrayInputStream(twoFiles))))
                    .isInstanceOfSatisfying(ScriptFormatException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_COMPRESSION))
                    .hasMessageContaining("the zip archive holds another file after export/pod.sql: export/other.sql");
        }

        @ParameterizedTest
        @ValueSource(strings = {"gzip", "bzip2"})
        void readsFilesConcatenatedAndNamesTheDamageOfAStreamAfterTheFirst(String format) throws IOException {
            byte[] first = compress(format, "INSERT INTO t VALUES (1);\n".getBytes(StandardCharsets.UTF_8));
            byte[] second = compress(format, "INSERT INTO u VALUES (2),(3);\n".getBytes(StandardCharsets.UTF_8));
            List<SqlStatement> statements = readAll(StatementReader.open(new ByteArrayInputStream(concat(first, second))));
            assertThat(statements).extracting(SqlStatement::table).containsExactly("t", "u");

            byte[] damagedHeader = second.clone();
            damagedHeader[1] ^= 0x55;
            byte[] truncated = Arrays.copyOf(second, 12);
            byte[] garbage = "garbage!".getBytes(StandardCharsets.US_ASCII);
            for (byte[] after : List.of(damagedHeader, truncated, garbage)) {
                assertThatThrownBy(() -> readAll(StatementReader.open(new ByteArrayInputStream(concat(first, after)))))
                        .isInstanceOfSatisfying(ScriptFormatException.class,
                                e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT_COMPRESSED_FILE))
                        .hasMessageContaining("the " + format + " file is damaged or truncated");
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"gzip", "bzip2"})
        void readsAFileThatZerosPadAsGzipAndBzip2DoButNotAStreamAfterThem(String format) throws IOException {
            byte[] first = compress(format, "INSERT INTO t VALUES (1);\n".repeat(5_000).getBytes(StandardCharsets.UTF_8));
            byte[] padded = concat(first, new byte[100_000]);
            List<SqlStatement> statements = readAll(StatementReader.open(new ByteArrayInputStream(padded)));
            assertThat(statements).hasSize(5_000);

            byte[] second = compress(format, "INSERT INTO u VALUES (2);\n".getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(() -> readAll(StatementReader.open(new ByteArrayInputStream(
                    concat(first, new byte[512], second)))))
                    .isInstanceOfSatisfying(ScriptFormatException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT_COMPRESSED_FILE))
                    .hasMessageContaining("the " + format + " file is damaged or truncated");
        }

        @Test
        void reportsAGzipFileWithADamagedHeader() {
            byte[] damaged = {0x1F, (byte) 0x8B, 0x42, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3};
            openingFails(damaged, Reason.CORRUPT_COMPRESSED_FILE);
        }
    }

    @Nested
    class MalformedScripts {

        @Test
        void namesTheLineOfAStringLeftOpen() {
            assertFails("SELECT 1;\nSELECT 'abc;\nSELECT 2;\n", Reason.UNTERMINATED_STRING, 2,
                    "Line 2: unterminated string starting here");
            assertFails("SELECT `abc;\n", Reason.UNTERMINATED_STRING, 1, "Line 1");
        }

        @Test
        void namesTheLineOfACommentLeftOpen() {
            assertFails("SELECT 1;\n\n/* never closed;\nSELECT 2;", Reason.UNTERMINATED_COMMENT, 3,
                    "Line 3: unterminated comment starting here");
        }

        @Test
        void refusesBinaryData() {
            assertFails("SELECT 1;\nSELECT \0;", Reason.BINARY_DATA, 2, "Line 2: NUL byte");
            assertFails("SELECT 1;\nSELECT 'a\0';", Reason.BINARY_DATA, 2, "Line 2");
            assertFails("SELECT 1;\nSELECT \u0007;", Reason.BINARY_DATA, 2, "Line 2: control character 0x07");
        }

        @Test
        void refusesWhatIsNotSql() {
            byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
            for (byte[] notSql : List.of(png, "Dear operator, here is the file;".getBytes(StandardCharsets.UTF_8),
                    "{\"json\": true}".getBytes(StandardCharsets.UTF_8))) {
                assertThatThrownBy(() -> readAll(StatementReader.open(new ByteArrayInputStream(notSql))))
                        .isInstanceOfSatisfying(ScriptFormatException.class,
                                e -> assertThat(e.reason()).isEqualTo(Reason.NOT_SQL));
            }
        }

        @Test
        void refusesRandomBytesWithoutHanging() {
            Random random = new Random(42);
            for (int i = 0; i < 50; i++) {
                byte[] noise = new byte[1 + random.nextInt(5000)];
                random.nextBytes(noise);
                assertThatThrownBy(() -> readAll(StatementReader.open(new ByteArrayInputStream(noise))))
                        .isInstanceOf(ScriptFormatException.class);
            }
        }

        @Test
        void refusesAStatementLongerThanTheLimit() {
            String script = "SELECT 1;\nINSERT INTO t VALUES ('" + "x".repeat(5000) + "');";
            assertThatThrownBy(() -> readAll(StatementReader.open(
                    new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)), -1, 1000)))
                    .isInstanceOfSatisfying(ScriptFormatException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.STATEMENT_TOO_LONG);
                        assertThat(e.line()).isEqualTo(2);
                    });
        }

        @Test
        void aStringLeftOpenFailsAtTheLimitNamingWhereItOpened() {
            String script = "SELECT 1;\nSELECT 'open;\n" + "INSERT INTO t VALUES (1);\n".repeat(100_000);
            assertThatThrownBy(() -> readAll(StatementReader.open(
                    new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)), -1, 64 * 1024)))
                    .isInstanceOf(ScriptFormatException.class)
                    .hasMessageContaining("Line 2:")
                    .hasMessageContaining("string opened at line 2");
        }

        @Test
        void refusesTextThatIsNotUtf8OutsideStrings() {
            byte[] latin1 = "SELECT 1;\nCREATE TABLE caf\u00e9 (a INT);".getBytes(StandardCharsets.ISO_8859_1);
            assertThatThrownBy(() -> readAll(StatementReader.open(new ByteArrayInputStream(latin1))))
                    .isInstanceOfSatisfying(ScriptFormatException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.NOT_UTF8);
                        assertThat(e.line()).isEqualTo(2);
                    });
        }

        private void assertFails(String script, Reason reason, long line, String message) {
            assertThatThrownBy(() -> read(script)).isInstanceOfSatisfying(ScriptFormatException.class, e -> {
                assertThat(e.reason()).isEqualTo(reason);
                assertThat(e.line()).isEqualTo(line);
                assertThat(e.getMessage()).startsWith(message);
            });
        }
    }

    @Nested
    class BinaryData {

        @Test
        void rewritesStringsOfRawBytesAsHexLiterals() throws IOException {
            byte[] script = concat("INSERT INTO t VALUES (1,_binary '".getBytes(StandardCharsets.US_ASCII),
                    new byte[] {(byte) 0xFF, '\\', '0', '\\', '\'', '\'', '\'', (byte) 0xC3, 'a', '\\', '%'},
                    "','\u00e9');".getBytes(StandardCharsets.UTF_8));
            try (StatementReader reader = StatementReader.open(new ByteArrayInputStream(script))) {
                SqlStatement insert = reader.next();
                assertThat(insert.text()).isEqualTo("INSERT INTO t VALUES (1,_binary X'FF002727C3615C25','\u00e9')");
                assertThat(insert.rowCount()).isEqualTo(1);
                assertThat(new InsertValues(insert.text(), insert.valuesOffset()).nextRow())
                        .containsExactly("1", "_binary X'FF002727C3615C25'", "'\u00e9'");
            }
        }

        @Test
        void keepsAGenuineReplacementCharacter() throws IOException {
            assertThat(texts("SELECT '\uFFFD';")).containsExactly("SELECT '\uFFFD'");
        }
    }

    @Nested
    class Classification {

        @ParameterizedTest
        @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
                CREATE TABLE `video_video` (id INT)                          | CREATE_TABLE    | -      | video_video
                CREATE TABLE IF NOT EXISTS pod.`video` (id INT)              | CREATE_TABLE    | pod    | video
                create or replace temporary table t2 like t                  | CREATE_TABLE    | -      | t2
                ALTER TABLE `t` ADD COLUMN c INT                             | ALTER_TABLE     | -      | t
                /*!40000 ALTER TABLE `video_video` DISABLE KEYS */           | ALTER_TABLE     | -      | video_video
                DROP TABLE IF EXISTS `a`, `b`                                | DROP_TABLE      | -      | a
                RENAME TABLE a TO b                                          | RENAME_TABLE    | -      | a
                TRUNCATE TABLE `db`.`t`                                      | TRUNCATE        | db     | t
                TRUNCATE t                                                   | TRUNCATE        | -      | t
                UPDATE video_channel SET site_id=1 WHERE site_id=0           | UPDATE          | -      | video_channel
                DELETE FROM `t` WHERE 1                                      | DELETE          | -      | t
                LOAD DATA LOCAL INFILE 'x.csv' IGNORE INTO TABLE t           | LOAD_DATA       | -      | t
                SELECT 1                                                     | SELECT          | -      | -
                (SELECT 1)                                                   | SELECT          | -      | -
                /*!40101 SET NAMES utf8mb4 */                                | SET             | -      | -
                /*M!100616 SET @OLD_NOTE_VERBOSITY=@@NOTE_VERBOSITY */       | SET             | -      | -
                SET FOREIGN_KEY_CHECKS=0                                     | SET             | -      | -
                USE `pod_v2`                                                 | USE             | pod_v2 | -
                LOCK TABLES `t` WRITE                                        | LOCK_TABLES     | -      | t
                UNLOCK TABLES                                                | UNLOCK_TABLES   | -      | -
                START TRANSACTION                                            | TRANSACTION     | -      | -
                BEGIN                                                        | TRANSACTION     | -      | -
                COMMIT                                                       | TRANSACTION     | -      | -
                CREATE DATABASE /*!32312 IF NOT EXISTS*/ `pod` /*!40100 DEFAULT CHARACTER SET utf8 */ | CREATE_DATABASE | pod | -
                /*!50003 ALTER DATABASE `pod` CHARACTER SET latin1 */        | ALTER_DATABASE  | pod    | -
                DROP DATABASE IF EXISTS pod                                  | DROP_DATABASE   | pod    | -
                /*!50001 CREATE ALGORITHM=UNDEFINED */ /*!50013 DEFINER=`root`@`%` SQL SECURITY DEFINER */ /*!50001 VIEW `v` AS select 1 */ | CREATE_VIEW | - | v
                /*!50001 DROP VIEW IF EXISTS `v`*/                           | DROP_VIEW       | -      | v
                CREATE DEFINER=CURRENT_USER TRIGGER t1 AFTER DELETE ON x FOR EACH ROW SET @a=1 | CREATE_TRIGGER | - | x
                DROP TRIGGER IF EXISTS t1                                    | DROP_TRIGGER    | -      | -
                CREATE DEFINER='root'@'localhost' PROCEDURE p() SELECT 1     | CREATE_ROUTINE  | -      | -
                /*!50003 DROP FUNCTION IF EXISTS `f` */                      | DROP_ROUTINE    | -      | -
                GRANT ALL ON *.* TO 'u'@'%'                                  | GRANT           | -      | -
                REVOKE ALL ON *.* FROM 'u'@'%'                               | REVOKE          | -      | -
                CREATE USER 'u'@'%'                                          | CREATE_USER     | -      | -
                DROP USER 'u'@'%'                                            | DROP_USER       | -      | -
                FLUSH PRIVILEGES                                             | OTHER           | -      | -
                """)
        void readsKindSchemaAndTable(String sql, StatementKind kind, String schema, String table) throws IOException {
            SqlStatement statement = read(sql + ";").get(0);
            assertThat(statement.kind()).isEqualTo(kind);
            assertThat(statement.schema()).isEqualTo(schema);
            assertThat(statement.table()).isEqualTo(table);
        }

        @Test
        void readsAnInsertsIgnoreColumnsAndTuples() throws IOException {
            SqlStatement insert = read("INSERT IGNORE INTO `pod`.`video_video` (`id`, `title`,slug) VALUES "
                    + "(1,'a (b), c','x'),\n(2, CONCAT('(', ')'), NULL) , (3,'it''s',\"q\");").get(0);
            assertThat(insert.kind()).isEqualTo(StatementKind.INSERT);
            assertThat(insert.ignore()).isTrue();
            assertThat(insert.schema()).isEqualTo("pod");
            assertThat(insert.table()).isEqualTo("video_video");
            assertThat(insert.columns()).containsExactly("id", "title", "slug");
            assertThat(insert.rowCount()).isEqualTo(3);
            assertThat(insert.text().substring(insert.valuesOffset())).startsWith("(1,'a (b), c'");
        }

        @Test
        void readsAPositionalInsertAndAReplace() throws IOException {
            List<SqlStatement> statements = read("INSERT INTO t VALUES (1),(2);\nREPLACE INTO t VALUE (3);");
            assertThat(statements.get(0).columns()).isEmpty();
            assertThat(statements.get(0).ignore()).isFalse();
            assertThat(statements.get(0).rowCount()).isEqualTo(2);
            assertThat(statements.get(1).kind()).isEqualTo(StatementKind.REPLACE);
            assertThat(statements.get(1).rowCount()).isEqualTo(1);
            assertThat(statements.get(1).valuesOffset()).isEqualTo(21);
        }

        @Test
        void countsOnlyTheValuesTuplesBeforeOnDuplicateKeyUpdate() throws IOException {
            SqlStatement insert = read("INSERT INTO t (a, b) VALUES (1, 2), (3, 4) "
                    + "ON DUPLICATE KEY UPDATE b = VALUES(b), a = (a + 1);").get(0);
            assertThat(insert.rowCount()).isEqualTo(2);
        }

        @Test
        void knowsWhenRowsComeFromASelectOrASet() throws IOException {
            List<SqlStatement> statements = read("INSERT INTO t (a) SELECT a FROM u;\nINSERT INTO t SET a = 1;"
                    + "\nINSERT INTO t (SELECT 1);");
            assertThat(statements).extracting(SqlStatement::rowCount).containsExactly(-1, 1, -1);
            assertThat(statements).extracting(SqlStatement::valuesOffset).containsExactly(-1, -1, -1);
            assertThat(statements.get(0).columns()).containsExactly("a");
        }

        @Test
        void givesTheValuesOffsetInCharactersAfterMultiByteNames() throws IOException {
            SqlStatement insert = read("INSERT INTO `caf\u00e9_\uD83D\uDE00` VALUES ('\u00e9');").get(0);
            assertThat(insert.text().substring(insert.valuesOffset())).isEqualTo("('\u00e9')");
            assertThat(insert.table()).isEqualTo("caf\u00e9_\uD83D\uDE00");
        }

        @Test
        void countsTuplesOfAStatementSpreadOverManyBuffers() throws IOException {
            StringBuilder script = new StringBuilder("INSERT INTO t (a, b) VALUES ");
            for (int i = 0; i < 200_000; i++) {
                script.append(i == 0 ? "" : ",").append("(").append(i).append(",'v;\\'(").append(i).append("')");
            }
            script.append(";");
            SqlStatement insert = read(script.toString()).get(0);
            assertThat(insert.rowCount()).isEqualTo(200_000);
            assertThat(insert.text()).hasSize(script.length() - 1);
        }
    }

    @Nested
    class Streaming {

        @Test
        void readsTheSameStatementsWhateverTheChunksTheStreamGives() throws IOException {
            String script = """
                    \uFEFF/*M!999999\\- enable the sandbox mode */\r
                    -- head\r
                    /*!40101 SET NAMES utf8mb4 */;\r
                    DELIMITER $$\r
                    CREATE TRIGGER x BEFORE INSERT ON t FOR EACH ROW BEGIN SET @a = ';'; END$$\r
                    DELIMITER ;\r
                    INSERT INTO t VALUES ('a\\'b', "c""d", 'e\\\r
                    f'),(2,--3,/* x */4), (5, 'é€😀');\r
                    SELECT 1 --\r
                    ; use db\r
                    SELECT `x``y` # c\r
                    ;SELECT 2 \\g SELECT 3 \\- ;SELECT '--' -- end""";
            byte[] bytes = script.getBytes(StandardCharsets.UTF_8);
            List<SqlStatement> whole = readAll(StatementReader.open(new ByteArrayInputStream(bytes)));
            assertThat(whole).hasSize(8);
            for (int chunk : new int[] {1, 2, 3, 5, 7}) {
                List<SqlStatement> trickled = readAll(StatementReader.open(new Trickle(bytes, chunk)));
                assertThat(trickled).as("read %d bytes at a time", chunk).isEqualTo(whole);
            }
        }

        @Test
        void readsRandomScriptsAlikeWhateverTheChunks() throws IOException {
            String[] pieces = {"SELECT 1", ";", " ", "\n", "\r\n", "'a;b'", "\"c\\\"d\"", "`e;f`", "-- x\n", "--y",
                    "# z\n", "/* c; */", "/*!40101 SET @a=1 */", "(", ")", ",", "'it''s'", "\\g", "'x\\\\'",
                    "INSERT INTO t VALUES (1,'(')", "\nDELIMITER $$\n", "$$", "\nDELIMITER ;\n", "é", "*/", "/"};
            Random random = new Random(7);
            for (int round = 0; round < 300; round++) {
                StringBuilder script = new StringBuilder("SELECT 0;");
                for (int i = random.nextInt(60); i > 0; i--) {
                    script.append(pieces[random.nextInt(pieces.length)]);
                }
                byte[] bytes = script.toString().getBytes(StandardCharsets.UTF_8);
                Object whole = outcome(() -> readAll(StatementReader.open(new ByteArrayInputStream(bytes))));
                int chunk = 1 + round % 4;
                Object trickled = outcome(() -> readAll(StatementReader.open(new Trickle(bytes, chunk))));
                assertThat(trickled).as(script.toString()).isEqualTo(whole);
            }
        }

        @Test
        void reportsBytesReadAsItGoes() throws IOException {
            byte[] bytes = "INSERT INTO t VALUES (1);\n".repeat(200_000).getBytes(StandardCharsets.UTF_8);
            try (StatementReader reader = StatementReader.open(new ByteArrayInputStream(bytes), bytes.length,
                    StatementReader.DEFAULT_MAX_STATEMENT_BYTES)) {
                reader.next();
                long early = reader.bytesRead();
                while (reader.next() != null) {
                    assertThat(reader.bytesRead()).isLessThanOrEqualTo(bytes.length);
                }
                assertThat(early).isLessThan(bytes.length);
                assertThat(reader.bytesRead()).isEqualTo(bytes.length);
                assertThat(reader.totalBytes()).isEqualTo(bytes.length);
            }
        }

        private Object outcome(IoSupplier<List<SqlStatement>> read) {
            try {
                return read.get();
            } catch (ScriptFormatException e) {
                return e.getMessage();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Nested
    class ClientCharsets {

        /** The header, a CREATE TABLE and the footer of {@code mariadb-dump --default-character-set=latin1}. */
        private static final String LATIN1_DUMP_HEAD = """
                /*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
                /*!40101 SET NAMES latin1 */;
                /*!40101 SET @saved_cs_client     = @@character_set_client */;
                /*!40101 SET character_set_client = utf8mb4 */;
                CREATE TABLE `t` (`s` varchar(9) COMMENT '%s') DEFAULT CHARSET=latin1;
                /*!40101 SET character_set_client = @saved_cs_client */;
                INSERT INTO `t` VALUES ('%s'),('x');
                /*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
                INSERT INTO `t` VALUES ('%s');
                """;

        @ParameterizedTest
        @CsvSource({"latin1", "latin2", "latin5", "latin7", "cp1250", "cp1251", "cp1257", "cp850", "cp852", "koi8r",
                "macroman", "macce", "ascii"})
        void readsEveryByteAsTheServerConvertsIt(String charset) throws Exception {
            ByteArrayOutputStream literal = new ByteArrayOutputStream();
            for (int b = 0x20; b < 0x100; b++) {
                if (b != '\'' && b != '\\') {
                    literal.write(b);
                }
            }
            byte[] script = concat(("SET NAMES " + charset + ";\nSELECT '").getBytes(StandardCharsets.US_ASCII),
                    literal.toByteArray(), "';".getBytes(StandardCharsets.US_ASCII));
            List<SqlStatement> statements = readAll(StatementReader.open(new ByteArrayInputStream(script)));
            String expected;
            try (Connection connection = TestServer.get().connect("");
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT CONVERT(_" + charset + " X'"
                         + HexFormat.of().formatHex(literal.toByteArray()) + "' USING utf8mb4)")) {
                rows.next();
                expected = rows.getString(1);
            }
            assertThat(statements.get(1).text()).isEqualTo("SELECT '" + expected + "'");
            assertThat(statements.get(1).doubleEncoded()).isFalse();
        }

        @Test
        void readsLatin1AsMariaDbsWindows1252WithItsFiveUndefinedBytesAsControls() throws IOException {
            byte[] script = concat("SET NAMES latin1; SELECT '".getBytes(StandardCharsets.US_ASCII),
                    HexFormat.of().parseHex("80818D8F909D9E9FE9"), "'".getBytes(StandardCharsets.US_ASCII));
            assertThat(readAll(StatementReader.open(new ByteArrayInputStream(script))).get(1).text())
                    .isEqualTo("SELECT '\u20AC\u0081\u008D\u008F\u0090\u009D\u017E\u0178\u00E9'");
        }

        @Test
        void followsTheSaveAndRestoreAroundEachCreateTableAndTheFooter() throws IOException {
            byte[] script = concat(LATIN1_DUMP_HEAD.formatted("\u00e9t\u00e9", "\u0000", "\u0001")
                    .getBytes(StandardCharsets.UTF_8));
            script = replace(script, "\u0000", new byte[] {'S', (byte) 0xE9, 'm', (byte) 0x80});
            script = replace(script, "\u0001", "S\u00e9m\u20ac".getBytes(StandardCharsets.UTF_8));
            List<SqlStatement> statements = readAll(StatementReader.open(new ByteArrayInputStream(script)));
            assertThat(statements.get(4).text()).contains("COMMENT '\u00e9t\u00e9'");
            assertThat(statements.get(6).text()).isEqualTo("INSERT INTO `t` VALUES ('S\u00e9m\u20ac'),('x')");
            assertThat(statements.get(6).rowCount()).isEqualTo(2);
            assertThat(statements.get(6).text().substring(statements.get(6).valuesOffset())).startsWith("('S");
            assertThat(statements.get(8).text()).isEqualTo("INSERT INTO `t` VALUES ('S\u00e9m\u20ac')");
        }

        @Test
        void readsSetCharacterSetAndTheVariableFormsAndUtf8AndBinary() throws IOException {
            byte[] e9 = {(byte) 0xE9};
            byte[] script = concat("SET CHARACTER SET 'latin1'; SELECT '".getBytes(StandardCharsets.US_ASCII), e9,
                    "'; SET @@SESSION.character_set_client = utf8mb4, @x = 1; SELECT '\u00e9\ud83d\ude00';"
                            .getBytes(StandardCharsets.UTF_8),
                    " SET NAMES binary; SELECT '\u00e9', '".getBytes(StandardCharsets.UTF_8), e9,
                    "'; SET NAMES utf8 COLLATE utf8_general_ci; SELECT '\u00e9';".getBytes(StandardCharsets.UTF_8));
            assertThat(readAll(StatementReader.open(new ByteArrayInputStream(script)))).map(SqlStatement::text)
                    .containsExactly("SET CHARACTER SET 'latin1'", "SELECT '\u00e9'",
                            "SET @@SESSION.character_set_client = utf8mb4, @x = 1", "SELECT '\u00e9\ud83d\ude00'",
                            "SET NAMES binary", "SELECT '\u00e9', X'E9'", "SET NAMES utf8 COLLATE utf8_general_ci",
                            "SELECT '\u00e9'");
        }

        @Test
        void aReaderOpenedInTheMiddleReadsInTheCharsetInEffectThere(@TempDir Path directory) throws IOException {
            Path file = directory.resolve("latin1.sql");
            Files.write(file, concat("/*!40101 SET NAMES latin1 */;\nINSERT INTO t VALUES ('a');\nINSERT INTO t VALUES ('"
                    .getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0xE9, (byte) 0x9C}, "');\n".getBytes(
                    StandardCharsets.US_ASCII)));
            StatementReader.Position afterFirstInsert;
            try (StatementReader reader = StatementReader.open(file)) {
                reader.next();
                reader.next();
                afterFirstInsert = reader.position();
            }
            assertThat(readAll(StatementReader.openAt(file, afterFirstInsert))).map(SqlStatement::text)
                    .containsExactly("INSERT INTO t VALUES ('\u00e9\u0153')");
        }

        @Test
        void marksUtf8TextDeclaredLatin1AsTheClientStoresItDoubleEncoded() throws IOException {
            List<SqlStatement> statements = read("SET NAMES latin1; INSERT INTO t VALUES ('S\u00e9m \ud83d\ude00');"
                    + " INSERT INTO t VALUES ('plain');");
            assertThat(statements.get(1).text()).isEqualTo("INSERT INTO t VALUES ('S\u00c3\u00a9m \u00f0\u0178\u02dc\u20ac')");
            assertThat(statements.get(1).doubleEncoded()).isTrue();
            assertThat(statements.get(2).doubleEncoded()).isFalse();
            assertThat(read("INSERT INTO t VALUES ('S\u00e9m');").get(0).doubleEncoded()).isFalse();
        }

        @Test
        void aCharsetItCannotDecodeIsReadAsUtf8AndTold() throws IOException {
            try (StatementReader reader = reader("SET NAMES latin1;\nSET NAMES sjis;\nSELECT '\u00e9';\nSET NAMES sjis;")) {
                assertThat(readAll(reader)).map(SqlStatement::text).contains("SELECT '\u00e9'");
                assertThat(reader.undecodableCharsets()).containsExactly(new ScriptAnalysis.ScriptLine(2, "SET NAMES sjis"));
            }
        }
    }

    private interface IoSupplier<T> {
        T get() throws IOException;
    }

    /** A stream that gives at most {@code chunk} bytes a read, as a slow network might. */
    private static final class Trickle extends FilterInputStream {
        private final int chunk;

        Trickle(byte[] bytes, int chunk) {
            super(new ByteArrayInputStream(bytes));
            this.chunk = chunk;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, chunk));
        }
    }

    public static List<SqlStatement> read(String script) throws IOException {
        return readAll(reader(script));
    }

    static List<String> texts(String script) throws IOException {
        return read(script).stream().map(SqlStatement::text).toList();
    }

    private static StatementReader reader(String script) throws IOException {
        return StatementReader.open(new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)));
    }

    static List<SqlStatement> readAll(StatementReader reader) throws IOException {
        try (reader) {
            List<SqlStatement> statements = new ArrayList<>();
            for (SqlStatement s = reader.next(); s != null; s = reader.next()) {
                statements.add(s);
            }
            return statements;
        }
    }

    /**
     * A zip archive as phpMyAdmin writes one: the script alone, or after a folder; no file when null; then the other
     * files given, each as its name and its text.
     */
    private static byte[] zip(byte[] script, boolean withFolder, String... otherFiles) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            if (withFolder) {
                zip.putNextEntry(new ZipEntry("export/"));
                zip.closeEntry();
            }
            if (script != null) {
                zip.putNextEntry(new ZipEntry("export/pod.sql"));
                zip.write(script);
                zip.closeEntry();
            }
            for (int i = 0; i < otherFiles.length; i += 2) {
                zip.putNextEntry(new ZipEntry(otherFiles[i]));
                zip.write(otherFiles[i + 1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /** The failure of opening these bytes as a script, a ScriptFormatException for that reason. */
    private static AbstractThrowableAssert<?, ? extends Throwable> openingFails(byte[] bytes, Reason reason) {
        return assertThatThrownBy(() -> StatementReader.open(new ByteArrayInputStream(bytes)))
                .isInstanceOfSatisfying(ScriptFormatException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    private static byte[] compress(String format, byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream compressed = switch (format) {
            case "gzip" -> new GZIPOutputStream(out);
            case "xz" -> new XZOutputStream(out, new LZMA2Options());
            case "zstd" -> new ZstdOutputStream(out);
            default -> new BZip2CompressorOutputStream(out);
        }) {
            compressed.write(bytes);
        }
        return out.toByteArray();
    }

    private static byte[] replace(byte[] bytes, String marker, byte[] replacement) {
        byte[] mark = marker.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + mark.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + mark.length, mark, 0, mark.length)) {
                return concat(Arrays.copyOf(bytes, i), replacement, Arrays.copyOfRange(bytes, i + mark.length, bytes.length));
            }
        }
        throw new IllegalArgumentException(marker);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
