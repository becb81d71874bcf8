package fr.esup.podmigrate.sql.script;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A script read on two threads gives what one reader gives: each statement with its line, the position after it and
 * its charset, then the bytes read, the sandbox commands, the undecodable charsets, whether the script ended inside a
 * statement, or the same format error.
 */
class SplitReadingTest {

    private static final String HEADER = """
            /*M!999999\\- enable the sandbox mode */
            /*!40101 SET NAMES utf8mb4 */;
            /*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
            DROP TABLE IF EXISTS `t`;
            /*!40101 SET @saved_cs_client     = @@character_set_client */;
            /*!40101 SET character_set_client = utf8 */;
            CREATE TABLE `t` (`id` int NOT NULL, `s` text, PRIMARY KEY (`id`));
            /*!40101 SET character_set_client = @saved_cs_client */;
            LOCK TABLES `t` WRITE;
            """;

    @TempDir
    Path directory;

    @Test
    void readsTheSecondHalfOnItsOwnThreadAsOneReaderWould() throws IOException {
        StringBuilder script = new StringBuilder(HEADER);
        for (int i = 0; i < 200; i++) {
            if (i == 150) {
                script.append("/*M!999999\\- enable the sandbox mode */\n/*!40101 SET NAMES big5 */;\nSET NAMES utf8mb4;\n");
            }
            script.append("INSERT INTO `t` VALUES (").append(i).append(",'été \\'").append(i).append("\\' \\\\ ;\\n'),(")
                    .append(i + 1000).append(",'🎥 line\\nnext');\n");
        }
        script.append("UNLOCK TABLES;\n");
        Path file = write(script.toString());

        List<String> read = assertSameReading(file, 1 << 20);

        assertThat(read.get(read.size() - 1)).contains("sandbox 2").contains("undecodable 1 [ScriptLine[line=161,");
        assertThat(splitUsed(file)).isTrue();
    }

    @Test
    void tellsAScriptCutInsideItsLastStatementAsOneReaderWould() throws IOException {
        String cut = HEADER + rows(600) + "INSERT INTO `t` VALUES (1,'a'),\n(2,";
        List<String> read = assertSameReading(write(cut), 1 << 20);
        assertThat(read.get(read.size() - 1)).endsWith(" inside a statement");
        assertThat(splitUsed(write(cut))).isTrue();

        List<String> whole = assertSameReading(write(HEADER + rows(600) + "UNLOCK TABLES;\n-- Dump completed\n"), 1 << 20);
        assertThat(whole.get(whole.size() - 1)).doesNotContain("inside a statement");
    }

    @Test
    void startsAtAnInsertAfterBlankLinesAsPhpMyAdminWritesThem() throws IOException {
        StringBuilder script = new StringBuilder(HEADER.replace("\n", "\r\n"));
        for (int i = 0; i < 100; i++) {
            script.append("\r\n--\r\n-- Dumping data for table `t`\r\n--\r\n\r\nINSERT INTO `t` (`id`, `s`) VALUES\r\n(")
                    .append(i).append(", 'été'),\r\n(").append(i + 1000).append(", 'line\\r\\n');\r\n");
        }
        Path file = write(script.toString());

        assertSameReading(file, 1 << 20);
        assertThat(splitUsed(file)).isTrue();
    }

    @Test
    void dropsTheSecondReaderWhenTheBoundaryItFoundIsInAString() throws IOException {
        // a raw newline in a string opened before the middle: the first ";\nINSERT " after the middle is in it
        String trap = "INSERT INTO `t` VALUES (9999,'" + "a".repeat(20_000) + ";\nINSERT INTO `t` VALUES (1);\n"
                + "b".repeat(100) + "');\n";
        Path file = write(HEADER + rows(100) + trap + rows(100));

        assertSameReading(file, 1 << 20);
        assertThat(splitUsed(file)).isFalse();
    }

    @Test
    void dropsItWhenTheCharsetThereIsNotThatOfTheFirstInsert() throws IOException {
        Path file = write(HEADER + rows(20) + "SET NAMES latin1;\n" + rows(200), "SET NAMES latin1;\n");

        assertSameReading(file, 1 << 20);
        assertThat(splitUsed(file)).isFalse();
    }

    @Test
    void dropsItWhenTheDelimiterThereIsNotThatOfTheFirstInsert() throws IOException {
        Path file = write(HEADER + rows(20) + "DELIMITER ;;\n" + rows(200).replace(");\n", ");;\n")
                + "DELIMITER ;\nUNLOCK TABLES;\n");

        assertSameReading(file, 1 << 20);
        assertThat(splitUsed(file)).isFalse();
    }

    @Test
    void meetsAFormatErrorOfTheSecondHalfOnItsLine() throws IOException {
        Path file = write(HEADER + rows(200) + "INSERT INTO `t` VALUES (1,'never closed);\n" + rows(3));

        List<String> read = assertSameReading(file, 1 << 20);

        assertThat(read.get(read.size() - 1)).startsWith("error ScriptFormatException Line ")
                .contains("unterminated string");
        assertThat(splitUsed(file)).isTrue();
    }

    @Test
    void goesOnAloneFromAStatementLongerThanTheSecondReaderHolds() throws IOException {
        String longInsert = "INSERT INTO `t` VALUES (5000,'" + "x".repeat(6_000) + "'),(5001,'" + "y".repeat(6_000) + "');\n";
        String undecodableThenBack = "/*!40101 SET NAMES big5 */;\nSET NAMES utf8mb4;\n";
        String sandbox = "/*M!999999\\- enable the sandbox mode */\n";
        Path file = write(HEADER + rows(600) + undecodableThenBack + sandbox + rows(20) + longInsert
                + undecodableThenBack + sandbox + rows(5));

        List<String> read = assertSameReading(file, 10_000);

        assertThat(read.get(read.size() - 1)).contains("sandbox 3").contains("undecodable 2");
        assertThat(splitUsed(file)).isTrue();
    }

    @Test
    void stopsWhereTheClientQuitsInTheSecondHalf() throws IOException {
        Path file = write(HEADER + rows(150) + "\\q\n" + rows(20));

        List<String> read = split(file, 1 << 20);

        assertThat(withoutBytesRead(read)).isEqualTo(withoutBytesRead(oneReader(file)));
        // the start, the header's 8 statements (its first line is a client command), the rows, the end
        assertThat(read).hasSize(1 + 8 + 150 + 1);
    }

    @Test
    void readsRandomScriptsAsOneReaderDoes() throws IOException {
        Random random = new Random(20261206);
        int splits = 0;
        for (int n = 0; n < 150; n++) {
            Path file = write(randomScript(random));
            assertSameReading(file, 1 << 20);
            splits += splitUsed(file) ? 1 : 0;
        }
        assertThat(splits).as("scripts read on two threads").isBetween(20, 149);
    }

    @Test
    void readsASmallScriptWithOneReader() throws IOException {
        Path file = write(HEADER + rows(100));

        try (SplitReading reading = SplitReading.open(file)) {
            while (reading.next() != null) {
                // read to the end
            }
            assertThat(reading.splitUsed()).isFalse();
        }
    }

    private static String rows(int count) {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < count; i++) {
            rows.append("INSERT INTO `t` VALUES (").append(i).append(",'été ").append("z".repeat(i % 40)).append("');\n");
        }
        return rows.toString();
    }

    /** Statements of every kind the client splits on, with strings that hold what a boundary looks like. */
    private static String randomScript(Random random) {
        StringBuilder script = new StringBuilder(HEADER);
        int statements = 20 + random.nextInt(300);
        for (int i = 0; i < statements; i++) {
            switch (random.nextInt(12)) {
                case 0 -> script.append("-- a comment; INSERT\n");
                case 1 -> script.append("/* a block; \nINSERT INTO `t` VALUES (1); */\n");
                case 2 -> script.append("/*!40000 ALTER TABLE `t` DISABLE KEYS */;\n");
                case 3 -> script.append(random.nextBoolean() ? "SET NAMES latin1;\n" : "SET NAMES utf8mb4;\n");
                case 4 -> script.append("DELIMITER ;;\nINSERT INTO `t` VALUES (7,'d');;\nDELIMITER ;\n");
                case 5 -> script.append("INSERT INTO `t` VALUES (1,\"dq ;\nINSERT \\\" ok\");\n");
                case 6 -> script.append("INSERT INTO `t` VALUES (2,'raw ;\nINSERT INTO `t` VALUES (3); ''quoted''');\n");
                case 7 -> script.append("REPLACE INTO `t` VALUES (4,'r');\r\n");
                default -> {
                    script.append("INSERT INTO `t` VALUES ");
                    int tuples = 1 + random.nextInt(20);
                    for (int k = 0; k < tuples; k++) {
                        script.append(k == 0 ? "(" : ",(").append(k).append(",'").append(randomString(random)).append("')");
                    }
                    script.append(";\n");
                }
            }
        }
        return script.toString();
    }

    private static String randomString(Random random) {
        String[] pieces = {"a", "é", "🎥", "\\'", "''", "\\\\", "\\n", ";", "\n", "INSERT ", "--", "/*", "*/", "#", "`"};
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(30);
        for (int i = 0; i < length; i++) {
            text.append(pieces[random.nextInt(pieces.length)]);
        }
        return text.toString();
    }

    private Path write(String script) throws IOException {
        return write(script, null);
    }

    /** Writes the script in UTF-8, or in latin1 from the first {@code latin1From} on. */
    private Path write(String script, String latin1From) throws IOException {
        Path file = Files.createTempFile(directory, "script", ".sql");
        if (latin1From == null) {
            return Files.write(file, script.getBytes(StandardCharsets.UTF_8));
        }
        int at = script.indexOf(latin1From);
        byte[] head = script.substring(0, at).getBytes(StandardCharsets.UTF_8);
        byte[] tail = script.substring(at).getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return Files.write(file, all);
    }

    /** The split reading, checked line by line against one reader's: the first difference fails, by its index. */
    private static List<String> assertSameReading(Path file, int secondMaxStatementBytes) throws IOException {
        List<String> expected = oneReader(file);
        List<String> read = split(file, secondMaxStatementBytes);
        for (int i = 0; i < Math.min(expected.size(), read.size()); i++) {
            assertThat(read.get(i)).as("%s, item %d", file.getFileName(), i).isEqualTo(expected.get(i));
        }
        assertThat(read).as(file.getFileName().toString()).hasSameSizeAs(expected);
        return read;
    }

    private static List<String> oneReader(Path file) throws IOException {
        List<String> read = new ArrayList<>();
        try (StatementReader reader = StatementReader.open(file).abridgingInserts()) {
            read.add("start " + describe(reader.position()));
            try {
                for (SqlStatement statement = reader.next(); statement != null; statement = reader.next()) {
                    read.add(statement + " " + describe(reader.position()) + " " + reader.clientCharset().singleByte());
                }
                read.add(end(reader.bytesRead(), reader.offset(), reader.sandboxCommands(),
                        reader.undecodableCharsets(), reader.endedInsideStatement()));
            } catch (ScriptFormatException e) {
                read.add("error " + e.getClass().getSimpleName() + " " + e.getMessage());
            }
        }
        return read;
    }

    private static List<String> split(Path file, int secondMaxStatementBytes) throws IOException {
        List<String> read = new ArrayList<>();
        try (SplitReading reading = SplitReading.open(file, 0, secondMaxStatementBytes)) {
            read.add("start " + describe(reading.start()));
            try {
                for (SplitReading.Read one = reading.next(); one != null; one = reading.next()) {
                    read.add(one.statement() + " " + describe(one.after()) + " " + one.charset().singleByte());
                }
                read.add(end(reading.bytesRead(), reading.offset(), reading.sandboxCommands(),
                        reading.undecodableCharsets(), reading.endedInsideStatement()));
            } catch (ScriptFormatException e) {
                read.add("error " + e.getClass().getSimpleName() + " " + e.getMessage());
            }
        }
        return read;
    }

    private static String end(long bytesRead, long offset, int sandboxCommands,
                              List<ScriptAnalysis.ScriptLine> undecodable, boolean endedInsideStatement) {
        return "end bytes " + bytesRead + " offset " + offset + " sandbox " + sandboxCommands + " undecodable "
                + undecodable.size() + " " + undecodable + (endedInsideStatement ? " inside a statement" : "");
    }

    private static boolean splitUsed(Path file) throws IOException {
        try (SplitReading reading = SplitReading.open(file, 0, 1 << 20)) {
            try {
                while (reading.next() != null) {
                    // read to the end
                }
            } catch (ScriptFormatException e) {
                // read as far as it goes
            }
            return reading.splitUsed();
        }
    }

    /** A reader that quits has read its buffer's worth, which depends on where it started. */
    private static List<String> withoutBytesRead(List<String> read) {
        return read.stream().map(line -> line.replaceFirst("^end bytes \\d+ ", "end ")).toList();
    }

    private static String describe(StatementReader.Position position) {
        return position == null ? "no position" : position.offset() + ":" + position.line() + ":"
                + new String(position.delimiter(), StandardCharsets.US_ASCII) + ":" + position.atLineStart() + ":"
                + position.charsets();
    }
}
