package fr.esup.podmigrate.sql.script;

import fr.esup.podmigrate.sql.script.LiteralInserts.LiteralInsert;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class LiteralInsertsTest {

    private static final StatementReader.Position START =
            new StatementReader.Position(0, 1, new byte[] {';'}, true, ClientCharsetSession.INITIAL);

    @TempDir
    Path directory;

    /** What a LiteralInsert says, copied out of the buffer it shares with the next one. */
    private record Read(String table, boolean ignore, List<String> columns, String rows, int rowCount, int arity,
                        String separator, long line, long startOffset, long endOffset) {
    }

    @Test
    void readsMariadbDumpInsertsWhereTheStatementReaderEndsThem() throws IOException {
        Path script = write("INSERT INTO `t` VALUES (1,'a',NULL),\n(2,'it\\'s',3.5);\n"
                + "INSERT INTO `t` VALUES (3,'x',-1e5);\n");
        List<Read> read = readAll(script);

        assertThat(read).hasSize(2);
        assertThat(read.get(0)).isEqualTo(new Read("t", false, List.of(), "(1,'a',NULL),\n(2,'it\\'s',3.5)", 2, 3, ",", 1, 0,
                read.get(0).endOffset()));
        assertThat(read.get(1).rows()).isEqualTo("(3,'x',-1e5)");
        assertThat(read.get(1).separator()).isEqualTo(",");
        assertThat(read.get(1).line()).isEqualTo(3);
        try (StatementReader reader = StatementReader.open(script)) {
            for (Read insert : read) {
                SqlStatement statement = reader.next();
                assertThat(insert.endOffset()).isEqualTo(statement.endOffset());
                assertThat(insert.line()).isEqualTo(statement.line());
                assertThat(insert.rowCount()).isEqualTo(statement.rowCount());
            }
        }
    }

    @Test
    void readsPastTheLineCommentsBeforeAnInsertAsTheClientDoes() throws IOException {
        Path script = write("--\n-- Dumping data for table `t`\n--\n\nINSERT INTO `t` VALUES (1,'a');\n"
                + "# a comment\n--\tanother\nINSERT INTO `t` VALUES (2,'b');\n-- the end, no line feed");
        List<Read> read = readAll(script);

        assertThat(read).extracting(Read::rows).containsExactly("(1,'a')", "(2,'b')");
        try (StatementReader reader = StatementReader.open(script)) {
            for (Read insert : read) {
                SqlStatement statement = reader.next();
                assertThat(insert.line()).isEqualTo(statement.line());
                assertThat(insert.endOffset()).isEqualTo(statement.endOffset());
            }
        }
        assertThat(readAll(write("--x\nINSERT INTO `t` VALUES (1);\n"))).as("no comment: --x").isEmpty();
        assertThat(readAll(write("/* a */ INSERT INTO `t` VALUES (1);\n"))).as("left to the reader").isEmpty();
    }

    @Test
    void readsTheReplacesOfMariadbDumpReplace() throws IOException {
        Path script = write("REPLACE INTO `t` VALUES (1,'a'),(2,'b');\nINSERT INTO `t` VALUES (3,'c');\n");
        try (LiteralInserts inserts = LiteralInserts.openAt(script, START, 1 << 20)) {
            LiteralInsert replace = inserts.next();
            assertThat(replace.replace()).isTrue();
            assertThat(replace.ignore()).isFalse();
            assertThat(replace.rowCount()).isEqualTo(2);
            assertThat(inserts.next().replace()).isFalse();
        }
    }

    @Test
    void readsPhpMyAdminInsertsWithTheirColumnsAndSpacedValues() throws IOException {
        List<Read> read = readAll(write("INSERT IGNORE INTO `video_type` (`id`, `title`) VALUES\n(1, 'Cours'),\n"
                + "(2, 'l''amphi');\n"));

        assertThat(read).singleElement().satisfies(insert -> {
            assertThat(insert.ignore()).isTrue();
            assertThat(insert.columns()).containsExactly("id", "title");
            assertThat(insert.arity()).isEqualTo(2);
            assertThat(insert.separator()).isEqualTo(", ");
            assertThat(insert.rowCount()).isEqualTo(2);
        });
    }

    @Test
    void takesWellFormedUtf8AndEveryEscapeADumpWrites() throws IOException {
        List<Read> read = readAll(write("INSERT INTO t VALUES ('é 漢字 😀','\\0\\'\\\"\\\\\\n\\r\\t\\Z\\b',''''),('a\nb',NULL,0);"));

        assertThat(read).singleElement().extracting(Read::rowCount).isEqualTo(2);
    }

    @Test
    void givesEachValueAsTheServerReadsIt() throws IOException {
        Path script = write("INSERT INTO t VALUES (1,'it\\'s',NULL) , ( -2.50 ,'two''quotes\\0\\n\\r\\t\\Z\\b\\\\\\\"','é 😀');\n");
        try (LiteralInserts inserts = LiteralInserts.openAt(script, START, 1 << 20)) {
            LiteralInsert insert = inserts.next();
            assertThat(insert.rowCount()).isEqualTo(2);
            assertThat(insert.arity()).isEqualTo(3);
            assertThat(insert.numbersAsWritten()).isTrue();
            assertThat(insert.separator()).as("not laid out as LOAD DATA reads").isNull();
            assertThat(insert.isNull(2)).isTrue();
            assertThat(insert.value(2)).isNull();
            List<String> values = new ArrayList<>();
            for (int value : new int[] {0, 1, 3, 4, 5}) {
                values.add(new String(insert.value(value), StandardCharsets.UTF_8));
            }
            assertThat(values).containsExactly("1", "it's", "-2.50", "two'quotes\0\n\r\t\u001A\b\\\"", "é 😀");
        }
    }

    /**
     * The client drops the carriage return that ends a line, in a string too, and keeps a lone one: a string with a
     * line ending in one goes to the statement reader, which reads it so, in a first tuple as in a later one.
     */
    @Test
    void leavesAStringWithALineEndingInACarriageReturnToTheStatementReaderAndTakesALoneOne() throws IOException {
        for (String crlf : List.of("INSERT INTO t VALUES (1,'one\r\ntwo');\n",
                "INSERT INTO t VALUES (1,'a'),(2,'one\r\ntwo');\n", "INSERT INTO t VALUES (1,'one\r\r\ntwo');\r\n")) {
            try (LiteralInserts inserts = LiteralInserts.openAt(write(crlf), START, 1 << 20)) {
                assertThat(inserts.next()).as(crlf).isNull();
            }
        }
        try (LiteralInserts inserts = LiteralInserts.openAt(write("INSERT INTO t VALUES (1,'a'),(2,'one\rtwo\r');\n"),
                START, 1 << 20)) {
            LiteralInsert insert = inserts.next();
            assertThat(new String(insert.value(3), StandardCharsets.UTF_8)).isEqualTo("one\rtwo\r");
        }
    }

    @Test
    void givesRandomStringsOfEveryLengthAsTheServerReadsThem() throws IOException {
        Random random = new Random(29);
        String[][] pieces = {{"a", "a"}, {"z", "z"}, {" ", " "}, {"\t", "\t"}, {"\n", "\n"}, {"é", "é"},
                {"😀", "😀"}, {"\\'", "'"}, {"''", "'"}, {"\\\\", "\\"}, {"\\n", "\n"}, {"\\0", "\0"},
                {"\\Z", "\u001a"}, {"\\\"", "\""}, {"\\t", "\t"}, {";", ";"}, {"(", "("}, {")", ")"},
                {"\u0001", "\u0001"}, {"\u0007", "\u0007"}, {"\u000b", "\u000b"}, {"\r", "\r"}};
        StringBuilder script = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int statement = 0; statement < 300; statement++) {
            script.append("INSERT INTO t VALUES ");
            for (int row = 0; row < 5; row++) {
                StringBuilder written = new StringBuilder();
                StringBuilder value = new StringBuilder();
                int length = random.nextInt(8) == 0 ? random.nextInt(3000) : random.nextInt(30);
                for (int i = 0; i < length; i++) {
                    String[] piece = pieces[random.nextInt(10) < 7 ? random.nextInt(3) : random.nextInt(pieces.length)];
                    if (piece[0].equals("\n") && !written.isEmpty() && written.charAt(written.length() - 1) == '\r') {
                        piece = pieces[0]; // a line ending in a carriage return is the statement reader's (see above)
                    }
                    written.append(piece[0]);
                    value.append(piece[1]);
                }
                script.append(row == 0 ? "" : ",").append("(").append(row).append(",'").append(written).append("')");
                expected.add(value.toString());
            }
            script.append(";\n");
        }
        List<String> values = new ArrayList<>();
        try (LiteralInserts inserts = LiteralInserts.openAt(write(script.toString()), START, 1 << 20)) {
            for (LiteralInsert insert = inserts.next(); insert != null; insert = inserts.next()) {
                for (int row = 0; row < insert.rowCount(); row++) {
                    values.add(new String(insert.value(2 * row + 1), StandardCharsets.UTF_8));
                }
            }
        }

        assertThat(values).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e3", "-2.5E-3", "007", "-0", "-0.0", "5."})
    void tellsANumberTheServerWouldNotStoreInAStringAsWritten(String number) throws IOException {
        Path script = write("INSERT INTO t VALUES (1,'a'),(" + number + ",'b');\n");
        try (LiteralInserts inserts = LiteralInserts.openAt(script, START, 1 << 20)) {
            assertThat(inserts.next().numbersAsWritten()).isFalse();
        }
        Path plain = write("INSERT INTO t VALUES (0,'a'),(-1,'b'),(10.05,'c'),(0.5,'d');\n");
        try (LiteralInserts inserts = LiteralInserts.openAt(plain, START, 1 << 20)) {
            assertThat(inserts.next().numbersAsWritten()).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "INSERT INTO t VALUES (0x41);", "INSERT INTO t VALUES (X'41');", "INSERT INTO t VALUES (b'1');",
            "INSERT INTO t VALUES (_binary 'a');", "INSERT INTO t VALUES (NOW());", "INSERT INTO t VALUES ('a\\N');",
            "INSERT INTO t VALUES ('50\\%');", "INSERT INTO t VALUES ('a\\_b');", "INSERT INTO t VALUES (null);",
            "INSERT INTO t VALUES (1) ON DUPLICATE KEY UPDATE a = 1;", "REPLACE IGNORE INTO t VALUES (1);",
            "INSERT INTO t VALUES (1,'a'),(2);",
            "INSERT INTO t VALUES (1 2);", "INSERT INTO db.t VALUES (1);", "INSERT INTO t SET a = 1;",
            "INSERT INTO t SELECT 1;", "INSERT INTO t VALUES (1)", "INSERT INTO t VALUES ('open);",
            "INSERT /* hint */ INTO t VALUES (1);", "INSERT INTO t VALUES (+1);", "INSERT INTO t VALUES (.5);"})
    void leavesAnyOtherStatementToTheStatementReader(String statement) throws IOException {
        Path script = write(statement + "\n");
        try (LiteralInserts inserts = LiteralInserts.openAt(script, START, 1 << 20)) {
            assertThat(inserts.next()).isNull();
            assertThat(inserts.position().offset()).isZero();
            assertThat(inserts.position().line()).isEqualTo(1);
        }
    }

    /** A tuple after the first is read another way when laid out as mariadb-dump writes it: the same refusals. */
    @ParameterizedTest
    @ValueSource(strings = {"0x41", "X'41'", "b'1'", "_binary 'a'", "NOW()", "'a\\N'", "'50\\%'", "'a\\_b'", "1e",
            "+1", ".5", "1 2", "NULLS", "'a','b'", "'open"})
    void leavesAnInsertWhoseLaterTupleHasAnotherValueToTheStatementReader(String value) throws IOException {
        Path script = write("INSERT INTO t VALUES (1,'a'),(2,'b'),(3," + value + ");\n");
        try (LiteralInserts inserts = LiteralInserts.openAt(script, START, 1 << 20)) {
            assertThat(inserts.next()).isNull();
            assertThat(inserts.position().offset()).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"INSERT INTO t VALUES ('caf", "INSERT INTO t VALUES ('a'),('b'),('caf"})
    void leavesBytesThatAreNotUtf8ToTheStatementReader(String before) throws IOException {
        Path script = directory.resolve("latin1.sql");
        byte[] head = before.getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "');".getBytes(StandardCharsets.US_ASCII);
        for (byte[] invalid : List.of(new byte[] {(byte) 0xE9}, new byte[] {(byte) 0xC0, (byte) 0x80},
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80})) {
            byte[] bytes = new byte[head.length + invalid.length + tail.length];
            System.arraycopy(head, 0, bytes, 0, head.length);
            System.arraycopy(invalid, 0, bytes, head.length, invalid.length);
            System.arraycopy(tail, 0, bytes, head.length + invalid.length, tail.length);
            Files.write(script, bytes);
            try (LiteralInserts inserts = LiteralInserts.openAt(script, START, 1 << 20)) {
                assertThat(inserts.next()).isNull();
            }
        }
    }

    @Test
    void goesOnAfterTheStatementReaderReadWhatItLeft() throws IOException {
        Path script = write("INSERT INTO t VALUES (1);\nINSERT INTO t VALUES (0x41);\nINSERT INTO t VALUES (3);\n");
        try (LiteralInserts inserts = LiteralInserts.openAt(script, START, 1 << 20)) {
            assertThat(inserts.next().rowCount()).isEqualTo(1);
            assertThat(inserts.next()).isNull();
            try (StatementReader reader = StatementReader.openAt(script, inserts.position())) {
                assertThat(reader.next().text()).isEqualTo("INSERT INTO t VALUES (0x41)");
                inserts.seek(reader.position());
            }
            LiteralInsert third = inserts.next();
            assertThat(third.line()).isEqualTo(3);
            assertThat(new String(third.bytes(), third.rowsFrom(), third.rowsTo() - third.rowsFrom(),
                    StandardCharsets.UTF_8)).isEqualTo("(3)");
            assertThat(inserts.next()).isNull();
        }
    }

    @Test
    void readsNothingAfterASeekToWhereTheStatementReaderChangedTheDelimiter() throws IOException {
        Path script = write("INSERT INTO t VALUES (1);\nDELIMITER $$\nINSERT INTO t VALUES (2);$$\n");
        try (LiteralInserts inserts = LiteralInserts.openAt(script, START, 1 << 20)) {
            assertThat(inserts.next().rowCount()).isEqualTo(1);
            assertThat(inserts.next()).isNull();
            try (StatementReader reader = StatementReader.openAt(script, inserts.position())) {
                assertThat(reader.next().text()).isEqualTo("INSERT INTO t VALUES (2);");
                inserts.seek(reader.position());
            }
            assertThat(inserts.position().delimiter()).isEqualTo("$$".getBytes(StandardCharsets.US_ASCII));
        }
        Path other = write("INSERT INTO t VALUES (3);\n");
        try (LiteralInserts inserts = LiteralInserts.openAt(other, START, 1 << 20)) {
            inserts.seek(new StatementReader.Position(0, 1, "$$".getBytes(StandardCharsets.US_ASCII), true,
                    ClientCharsetSession.INITIAL));
            assertThat(inserts.next()).isNull();
        }
    }

    @Test
    void leavesAStatementLongerThanItsLimitToTheStatementReader() throws IOException {
        Path script = write("INSERT INTO t VALUES ('" + "x".repeat(3000) + "');\n");
        try (LiteralInserts inserts = LiteralInserts.openAt(script, START, 2048)) {
            assertThat(inserts.next()).isNull();
        }
        try (LiteralInserts inserts = LiteralInserts.openAt(script, START, 4096)) {
            assertThat(inserts.next().rowCount()).isEqualTo(1);
        }
    }

    @Test
    void opensOnlyWhereTheDelimiterIsASemicolonAndTheScriptUtf8() throws IOException {
        Path script = write("INSERT INTO t VALUES (1);\n");
        StatementReader.Position otherDelimiter = new StatementReader.Position(0, 1, "$$".getBytes(StandardCharsets.US_ASCII),
                true, ClientCharsetSession.INITIAL);
        StatementReader.Position latin1 = new StatementReader.Position(0, 1, new byte[] {';'}, true,
                new ClientCharsetSession(ClientCharset.named("latin1"), Map.of()));

        assertThat(LiteralInserts.openAt(script, otherDelimiter, 1 << 20)).isNull();
        assertThat(LiteralInserts.openAt(script, latin1, 1 << 20)).isNull();
    }

    private Path write(String text) throws IOException {
        Path script = directory.resolve("script.sql");
        Files.writeString(script, text, StandardCharsets.UTF_8);
        return script;
    }

    private static List<Read> readAll(Path script) throws IOException {
        List<Read> read = new ArrayList<>();
        try (LiteralInserts inserts = LiteralInserts.openAt(script, START, 1 << 20)) {
            for (LiteralInsert insert = inserts.next(); insert != null; insert = inserts.next()) {
                read.add(new Read(insert.table(), insert.ignore(), insert.columns(), new String(insert.bytes(),
                        insert.rowsFrom(), insert.rowsTo() - insert.rowsFrom(), StandardCharsets.UTF_8), insert.rowCount(),
                        insert.arity(), insert.separator(), insert.line(), insert.startOffset(), insert.endOffset()));
            }
        }
        return read;
    }
}
