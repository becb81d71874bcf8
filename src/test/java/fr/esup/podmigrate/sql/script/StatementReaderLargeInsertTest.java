package fr.esup.podmigrate.sql.script;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Memory grows with the longest statement, not with the script: a script larger than the heap reads through. */
class StatementReaderLargeInsertTest {

    private static final int STATEMENTS = 6;
    private static final int ROWS_PER_STATEMENT = 800_000;
    private static final String HEAP = "-Xmx256m";

    @Test
    void readsFiftyMegabyteSingleLineInsertsOfAScriptLargerThanTheHeap(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("large.sql");
        writeScript(script);
        assertThat(Files.size(script)).isGreaterThan(256L << 20);

        Process reader = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP,
                "-cp", System.getProperty("java.class.path"), StatementReaderLargeInsertTest.class.getName(),
                script.toString()).redirectErrorStream(true).start();
        String output = new String(reader.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(reader.waitFor(5, TimeUnit.MINUTES)).isTrue();

        assertThat(reader.exitValue()).as(output).isZero();
        assertThat(output.strip()).isEqualTo(STATEMENTS + " statements, " + STATEMENTS * ROWS_PER_STATEMENT
                + " rows, longest " + (Files.size(script) / STATEMENTS - 2) + " characters");
    }

    /** Reads the script given as argument, in a JVM of its own with a small heap. */
    public static void main(String[] args) throws IOException {
        long statements = 0;
        long rows = 0;
        int longest = 0;
        try (StatementReader reader = StatementReader.open(Path.of(args[0]))) {
            for (SqlStatement s = reader.next(); s != null; s = reader.next()) {
                statements++;
                rows += s.rowCount();
                longest = Math.max(longest, s.text().length());
            }
        }
        System.out.println(statements + " statements, " + rows + " rows, longest " + longest + " characters");
    }

    /** Statements of the same length: rows of fixed width, one INSERT per line. */
    private static void writeScript(Path script) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(script), 1 << 20)) {
            for (int s = 0; s < STATEMENTS; s++) {
                out.write("INSERT INTO `video` VALUES ".getBytes(StandardCharsets.US_ASCII));
                for (int r = 0; r < ROWS_PER_STATEMENT; r++) {
                    String row = (r == 0 ? "(" : ",(") + (10_000_000 + r) + ",'a title; with (parens)','it\\'s -- #',NULL,"
                            + (10_000_000 + s) + ")";
                    out.write(row.getBytes(StandardCharsets.US_ASCII));
                }
                out.write(";\n".getBytes(StandardCharsets.US_ASCII));
            }
        }
    }
}
