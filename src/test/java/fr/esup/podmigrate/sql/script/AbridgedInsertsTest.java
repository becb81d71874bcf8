package fr.esup.podmigrate.sql.script;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An analysis reads an INSERT of literal tuples by its head alone (see {@link SqlStatement#abridged}): what it
 * learns is what the whole statement tells, and any INSERT with more than literals, or bytes that are not UTF-8, is
 * still read whole, so that nothing it would refuse goes unseen.
 */
class AbridgedInsertsTest {

    /** Tuples of about 100 kB, as a dump's long INSERTs hold. */
    private static final String TUPLES = "(1,'l''été \\\\ \\n 😀',NULL,-2.5)" + ",(2,'%s',NULL,3)".formatted("x".repeat(100_000));

    @TempDir
    Path directory;

    @Test
    void givesAnInsertOfLiteralTuplesByItsHeadLongOrShortAndAnyOtherWhole() throws IOException {
        byte[] script = script(
                "INSERT INTO `video` (`id`, `title`, `a`, `b`) VALUES " + TUPLES + ";\n",
                "INSERT INTO `video` VALUES " + TUPLES.replace("NULL,3", "NOW(),3") + ";\n",
                "INSERT INTO `video` VALUES " + TUPLES + " ON DUPLICATE KEY UPDATE title = 'x';\n",
                "INSERT INTO `video` VALUES (1,'short');\n",
                "INSERT INTO `video` VALUES " + TUPLES.replace("xxx", "x\u0001x") + ";\n");
        byte[] notUtf8 = script("INSERT INTO `video` VALUES " + TUPLES + ";\n");
        notUtf8[notUtf8.length - 40] = (byte) 0xE9;

        List<SqlStatement> whole = read(script, false);
        List<SqlStatement> abridged = read(script, true);

        assertThat(abridged).extracting(SqlStatement::abridged).containsExactly(true, false, false, true, true);
        for (int i = 0; i < whole.size(); i++) {
            SqlStatement full = whole.get(i);
            SqlStatement read = abridged.get(i);
            assertThat(List.of(read.kind(), read.table(), read.columns(), read.rowCount(), read.line(), read.startOffset(),
                    read.endOffset(), read.textBytes(), read.valuesOffset(), read.valuesNested()))
                    .isEqualTo(List.of(full.kind(), full.table(), full.columns(), full.rowCount(), full.line(),
                            full.startOffset(), full.endOffset(), full.textBytes(), full.valuesOffset(),
                            full.valuesNested()));
            assertThat(full.text()).startsWith(read.text());
        }
        assertThat(abridged.get(0).text()).isEqualTo("INSERT INTO `video` (`id`, `title`, `a`, `b`) VALUES ");
        assertThat(abridged.get(0).rowCount()).isEqualTo(2);
        assertThat(read(notUtf8, true)).singleElement().satisfies(s -> assertThat(s.abridged()).isFalse());
    }

    @Test
    void stillRefusesWhatAnInsertHidesInItsTuplesOrAfterThem() throws IOException {
        Path script = Files.write(directory.resolve("hostile.sql"), script(
                "INSERT INTO `video` VALUES " + TUPLES + ";\n",
                "INSERT INTO `video` VALUES " + TUPLES.replace("NULL,3", "LOAD_FILE('/etc/passwd'),3") + ";\n",
                "INSERT INTO `video` VALUES " + TUPLES.replace("NULL,3", "SLEEP(100),3") + ";\n",
                "INSERT INTO `video` VALUES " + TUPLES + " ON DUPLICATE KEY UPDATE title = 'x';\n",
                "INSERT INTO `video` VALUES (1,'a',NULL,1);\n",
                "INSERT INTO `video` VALUES (2,LOAD_FILE('/etc/shadow'),NULL,1);\n",
                "INSERT INTO `pod`.`video` VALUES (3,'b',NULL,1);\n"));

        ScriptAnalysis analysis = ScriptAnalyzer.analyze(script, "pod3", Set.of(), null, progress -> { });

        assertThat(analysis.refused()).extracting(RefusedStatement::line).containsExactly(2L, 3L, 4L, 6L, 7L);
        assertThat(analysis.refused()).extracting(RefusedStatement::reason).containsExactly(RefusalReason.LOAD_FILE,
                RefusalReason.SLEEP, RefusalReason.ON_DUPLICATE_KEY_UPDATE, RefusalReason.LOAD_FILE,
                RefusalReason.OTHER_DATABASE_TABLE);
        assertThat(analysis.tables().get("video").tuples()).isEqualTo(11);
    }

    private static byte[] script(String... statements) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String statement : statements) {
            out.write(statement.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static List<SqlStatement> read(byte[] script, boolean abridging) throws IOException {
        StatementReader reader = StatementReader.open(new ByteArrayInputStream(script));
        return StatementReaderIT.readAll(abridging ? reader.abridgingInserts() : reader);
    }
}
