package fr.esup.podmigrate.sql.load;

import fr.esup.podmigrate.sql.DumpWriterFixture;
import fr.esup.podmigrate.sql.ImportProgress;
import fr.esup.podmigrate.sql.script.ScriptAnalyzer;
import fr.esup.podmigrate.testsupport.HeldLock;
import fr.esup.podmigrate.testsupport.TestServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An import stopped half-way (cancelled, or its connections killed) resumes from its checkpoint to exactly the
 * rows a whole import gives: a table without a primary key would show any statement executed twice.
 */
class ImporterResumeIT {

    private static final List<String> TABLES = List.of("with_key", "no_key", "other");
    private static final int STATEMENTS_PER_TABLE = 60;
    private static final long STOP_AFTER = 40;
    private static final String KILL_MARKER = "kill me while I sleep";

    @TempDir
    Path directory;
    @RegisterExtension
    final DumpWriterFixture fixture = new DumpWriterFixture();
    private Path script;
    private Path checkpoint;
    private List<String> expected;
    @RegisterExtension
    final HeldLock slowLock = new HeldLock();

    @BeforeEach
    void writeScriptAndItsReference() throws Exception {
        StringBuilder sql = new StringBuilder("/*!40101 SET NAMES utf8mb4 */;\nSET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS;\n");
        String pad = "'" + "x".repeat(2500) + "'";
        for (String table : TABLES) {
            sql.append("CREATE TABLE ").append(table).append(" (id int").append(table.equals("no_key") ? "" : " PRIMARY KEY")
                    .append(", slept int, pad text);\n");
            for (int i = 0; i < STATEMENTS_PER_TABLE; i++) {
                if (table.equals("no_key") && i == STATEMENTS_PER_TABLE / 2) {
                    sql.append("INSERT INTO no_key VALUES (-1, " + slowLock.waitFor(1.5) + ", '").append(KILL_MARKER).append("');\n");
                }
                // each row waits, so that the import is still running when the test stops it
                String waits = ", " + slowLock.waitFor(0.004) + ", ";
                sql.append("INSERT INTO ").append(table).append(" VALUES (").append(2 * i).append(waits)
                        .append(pad).append("), (").append(2 * i + 1).append(waits).append(pad).append(");\n");
            }
        }
        sql.append("SET UNIQUE_CHECKS=@OLD_UNIQUE_CHECKS;\n");
        script = fixture.write(sql.toString(), "resume.sql");
        checkpoint = directory.resolve("import.checkpoint");
        String reference = fixture.createDatabase("resume_ref");
        fixture.assertImports(reference, script);
        expected = fixture.snapshot(reference);
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 3})
    void resumesACancelledImportToExactlyTheWholeResult(int parallelism) throws Exception {
        String target = fixture.createDatabase("resume_cancel");
        AtomicLong done = new AtomicLong();

        ImportResult first = new Importer(options(parallelism, false).progress(importing(p -> done.set(p.statements())))
                .cancelled(() -> done.get() >= STOP_AFTER).build()).run(script, fixture.factory(target));

        assertThat(first.completed()).isFalse();
        assertThat(first.cancelled()).isTrue();
        assertStoppedHalfWay(target);
        assertResumesToTheWholeResult(target, parallelism);
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 3})
    void resumesAnImportWhoseConnectionWasKilledMidStatement(int parallelism) throws Exception {
        String target = fixture.createDatabase("resume_kill");
        Thread killer = new Thread(ImporterResumeIT::killTheMarkedStatement);
        killer.start();

        ImportResult first = new Importer(options(parallelism, false).build()).run(script, fixture.factory(target));
        killer.join();

        assertThat(first.completed()).isFalse();
        assertThat(first.cancelled()).isFalse();
        assertThat(first.errors()).singleElement().satisfies(error -> {
            assertThat(error.table()).isEqualTo("no_key");
            assertThat(error.statementHead()).contains(KILL_MARKER);
        });
        assertStoppedHalfWay(target);
        assertResumesToTheWholeResult(target, parallelism);
    }

    @Test
    void resumesAnImportKilledInARunThatAWorkerReadItself() throws Exception {
        String target = fixture.createDatabase("resume_runs");
        // each table's 300 kB of rows are a run, which a worker reads from the script itself
        List<ScriptAnalyzer.DataRun> runs = ScriptAnalyzer.scanForImport(script, target, Set.of(target), null,
                p -> { }, false).runs();
        assertThat(runs).hasSize(TABLES.size());
        Thread killer = new Thread(ImporterResumeIT::killTheMarkedStatement);
        killer.start();

        ImportResult first = new Importer(options(3, false).build()).run(script, fixture.factory(target));
        killer.join();

        assertThat(first.completed()).isFalse();
        assertThat(first.errors()).singleElement().satisfies(error -> assertThat(error.statementHead()).contains(KILL_MARKER));
        assertStoppedHalfWay(target);
        assertResumesToTheWholeResult(target, 3);
    }

    private void assertStoppedHalfWay(String target) throws Exception {
        assertThat(checkpoint).exists();
        assertThat(fixture.snapshot(target)).isNotEqualTo(expected);
        Checkpoint saved = Checkpoint.read(checkpoint).orElseThrow();
        assertThat(saved.matches(script)).isTrue();
        assertThat(saved.executedStatements()).isBetween(3L, (long) TABLES.size() * STATEMENTS_PER_TABLE);
    }

    private void assertResumesToTheWholeResult(String target, int parallelism) throws Exception {
        ImportResult resumed = new Importer(options(parallelism, true).build()).run(script, fixture.factory(target));

        assertThat(resumed.errors()).isEmpty();
        assertThat(resumed.completed()).isTrue();
        assertThat(resumed.skipped(SkipReason.ALREADY_DONE)).isPositive();
        assertThat(fixture.snapshot(target)).isEqualTo(expected);
        for (String table : TABLES) {
            long rows = 2L * STATEMENTS_PER_TABLE + (table.equals("no_key") ? 1 : 0);
            assertThat(resumed.tables().get(table).insertedRows()).as(table).isEqualTo(rows);
            assertThat(resumed.tables().get(table).scriptRows()).as(table).isEqualTo(rows);
            assertThat(resumed.tables().get(table).rowsAfter()).as(table).isEqualTo(fixture.count(target, table))
                    .isEqualTo(resumed.tables().get(table).rowsExpected());
        }
        assertThat(resumed.countMismatches()).isEmpty();
        assertThat(Files.exists(checkpoint)).isFalse();
    }

    private ImportOptions.Builder options(int parallelism, boolean resume) {
        return ImportOptions.builder().parallelism(parallelism).checkpointFile(checkpoint).resume(resume);
    }

    /** Passes on the progress of the import itself, not of its pre-scan. */
    private static Consumer<ImportProgress> importing(Consumer<ImportProgress> consumer) {
        return progress -> {
            if (progress.stage() == ImportProgress.Stage.IMPORTING) {
                consumer.accept(progress);
            }
        };
    }

    /** Kills the connection running the marked statement, while it runs: it waits long enough to be found. */
    private static void killTheMarkedStatement() {
        try (Connection admin = TestServer.get().connect(""); Statement statement = admin.createStatement()) {
            for (int attempt = 0; attempt < 1000; attempt++) {
                try (ResultSet running = statement.executeQuery("SELECT ID FROM information_schema.PROCESSLIST"
                        + " WHERE INFO LIKE '%" + KILL_MARKER + "%' AND INFO NOT LIKE '%PROCESSLIST%'")) {
                    if (running.next()) {
                        statement.execute("KILL CONNECTION " + running.getLong(1));
                        return;
                    }
                }
                Thread.sleep(20);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
