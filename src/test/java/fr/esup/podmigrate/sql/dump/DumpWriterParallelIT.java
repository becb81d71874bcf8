package fr.esup.podmigrate.sql.dump;

import fr.esup.podmigrate.sql.ConnectionFactory;
import fr.esup.podmigrate.sql.DumpWriterFixture;
import fr.esup.podmigrate.sql.Identifiers;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static fr.esup.podmigrate.sql.DumpWriterFixture.withoutCompletionLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A dump on several connections: the same bytes as on one, from one snapshot, and nothing left behind when it stops. */
class DumpWriterParallelIT {

    /** Small enough that every table rendered ahead of its turn goes to a file. */
    private static final int TINY_TABLE_MEMORY = 1024;
    private static final Pattern PART_START = Pattern.compile("\\);\nINSERT INTO `[^`]+` \\([^)]*\\) VALUES \\(");
    private static final String DUMPER = "pm_test_dumper";
    /** Both: an anonymous user at localhost, as some installations have, would take precedence over the one at %. */
    private static final List<String> DUMPER_HOSTS = List.of("%", "localhost");

    @TempDir
    Path directory;
    @RegisterExtension
    final DumpWriterFixture fixture = new DumpWriterFixture();
    private String source;

    @BeforeEach
    void createTables() throws Exception {
        source = fixture.createDatabase("parallel");
        fixture.createTrickyTable(source);
        List<String> sql = new ArrayList<>(List.of("SET SESSION max_recursive_iterations = 10000"));
        for (char letter = 'a'; letter <= 'h'; letter++) {
            int rows = letter == 'c' || letter == 'f' ? 5000 : 20;
            sql.add("CREATE TABLE " + letter + "_table (id int NOT NULL AUTO_INCREMENT PRIMARY KEY, note varchar(100))");
            sql.add("INSERT INTO " + letter + "_table (note)"
                    + " WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + rows + ")"
                    + " SELECT CONCAT('" + letter + " row ', i, REPEAT(' it''s', i % 7)) FROM n");
        }
        sql.add("CREATE TABLE z_last (id int NOT NULL PRIMARY KEY, note varchar(100))");
        sql.add("INSERT INTO z_last VALUES (1, 'before the dump')");
        fixture.execute(source, sql.toArray(String[]::new));
    }

    @AfterEach
    void dropDatabasesAndUser() throws Exception {
        for (String host : DUMPER_HOSTS) {
            fixture.execute(source, "DROP USER IF EXISTS '" + DUMPER + "'@'" + host + "'");
        }
    }

    @Test
    void writesTheSameBytesAndProgressAsOneConnectionWhateverTheirNumber() throws Exception {
        DumpOptions.Builder options = DumpOptions.builder().maxStatementBytes(8192);
        List<DumpProgress> singleProgress = new ArrayList<>();
        String single;
        try (Connection connection = fixture.connect(source)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new DumpWriter(options.progress(singleProgress::add).build()).write(connection, out);
            single = out.toString(StandardCharsets.UTF_8);
        }

        for (int parallelism = 2; parallelism <= 4; parallelism++) {
            List<DumpProgress> progress = new ArrayList<>();
            DumpResult result = dumpToFile(options.parallelism(parallelism).progress(progress::add), TINY_TABLE_MEMORY,
                    "parallel.sql");

            assertThat(result.parallelism()).isEqualTo(parallelism);
            assertThat(withoutCompletionLine(Files.readString(directory.resolve("parallel.sql"))))
                    .isEqualTo(withoutCompletionLine(single));
            assertThat(progress).as("progress on %d connections", parallelism).isEqualTo(singleProgress);
        }
    }

    @Test
    void aTableLargerThanAConnectionsShareIsReadInKeyRangesOnSeveralConnectionsAndWrittenInKeyOrder() throws Exception {
        fixture.execute(source, "SET SESSION max_recursive_iterations = 10000",
                "CREATE TABLE e_large (id int NOT NULL AUTO_INCREMENT PRIMARY KEY, note varchar(700))",
                "INSERT INTO e_large (note) WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4000)"
                        + " SELECT CONCAT('large row ', i, REPEAT(' it''s', 100)) FROM n",
                "ANALYZE TABLE e_large");
        String insert = "INSERT INTO `e_large` (`id`,`note`) VALUES ";
        DumpOptions.Builder options = DumpOptions.builder().maxStatementBytes(16 * 1024 * 1024);
        List<DumpProgress> singleProgress = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DumpResult singleResult;
        try (Connection connection = fixture.connect(source)) {
            singleResult = new DumpWriter(options.progress(singleProgress::add).build()).write(connection, out);
        }
        String single = out.toString(StandardCharsets.UTF_8);
        assertThat(single).containsOnlyOnce(insert);

        for (int parallelism = 2; parallelism <= 3; parallelism++) {
            List<DumpProgress> progress = new ArrayList<>();
            int tableMemory = parallelism == 2 ? TINY_TABLE_MEMORY : 64 * 1024 * 1024;
            DumpResult result = new DumpWriter(options.parallelism(parallelism).progress(progress::add).build(),
                    tableMemory, 512 * 1024).write(fixture.factory(source), directory.resolve("parts.sql"));

            String dump = Files.readString(directory.resolve("parts.sql"));
            int statements = dump.split(Pattern.quote(insert), -1).length - 1;
            assertThat(statements).as("INSERTs of e_large on %d connections", parallelism).isBetween(2, parallelism);
            // Between two tables come their headings: an INSERT right after another statement starts a part.
            assertThat(withoutCompletionLine(PART_START.matcher(dump).replaceAll("),(")))
                    .isEqualTo(withoutCompletionLine(single));
            assertThat(large(result).rows()).isEqualTo(4000);
            assertThat(large(result).bytes())
                    .isEqualTo(large(singleResult).bytes() + (statements - 1) * (insert.length() + 1L));
            assertThat(result.bytesWritten()).isEqualTo(dump.getBytes(StandardCharsets.UTF_8).length);
            List<DumpProgress> ofLarge = progress.stream().filter(p -> "e_large".equals(p.currentTable())).toList();
            assertThat(ofLarge).extracting(DumpProgress::rowsWritten).isSorted();
            assertThat(ofLarge).extracting(DumpProgress::bytesWritten).isSorted();
            assertThat(progress.get(progress.size() - 1).rowsWritten())
                    .isEqualTo(singleProgress.get(singleProgress.size() - 1).rowsWritten());
        }
        assertThat(spillFiles()).isZero();
    }

    private static DumpResult.TableResult large(DumpResult result) {
        return result.tables().stream().filter(t -> t.sourceName().equals("e_large")).findFirst().orElseThrow();
    }

    @Test
    void tablesAheadOfTheWriterWaitInMemoryOrInATemporaryFileBesideTheOutput() throws Exception {
        AtomicInteger mostFilesSeen = new AtomicInteger();
        Consumer<DumpProgress> waitForASpill = p -> {
            if ("a_table".equals(p.currentTable()) && p.rowsWritten() == 0) {
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (spillFiles() == 0 && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
            }
            mostFilesSeen.accumulateAndGet((int) spillFiles(), Math::max);
        };
        String single = fixture.dump(source, DumpOptions.builder().build());

        dumpToFile(DumpOptions.builder().parallelism(3).progress(waitForASpill), TINY_TABLE_MEMORY, "spilled.sql");
        dumpToFile(DumpOptions.builder().parallelism(3), 64 * 1024 * 1024, "in-memory.sql");

        assertThat(mostFilesSeen.get()).isPositive();
        assertThat(withoutCompletionLine(Files.readString(directory.resolve("spilled.sql"))))
                .isEqualTo(withoutCompletionLine(single));
        assertThat(withoutCompletionLine(Files.readString(directory.resolve("in-memory.sql"))))
                .isEqualTo(withoutCompletionLine(single));
        assertThat(spillFiles()).isZero();
    }

    @Test
    void readsOneSnapshotAndReleasesTheReadLockAtOnce() throws Exception {
        AtomicBoolean written = new AtomicBoolean();
        Consumer<DumpProgress> writeWhileDumping = p -> {
            if ("a_table".equals(p.currentTable()) && written.compareAndSet(false, true)) {
                writeFromAnotherConnection("INSERT INTO z_last VALUES (2, 'during the dump')",
                        "UPDATE a_table SET note = 'changed during the dump' WHERE id = 1");
            }
        };

        dumpToFile(DumpOptions.builder().parallelism(3).progress(writeWhileDumping), TINY_TABLE_MEMORY, "snapshot.sql");

        assertThat(written).isTrue();
        assertThat(Files.readString(directory.resolve("snapshot.sql")))
                .contains("(1,'before the dump')", "(1,'a row 1 it\\'s')")
                .doesNotContain("during the dump");
        assertNothingLeftBehind("snapshot.sql");
    }

    @Test
    void aWorkerFailingStopsTheOthersAndLeavesNothingBehind() throws Exception {
        DumpWriter writer = new DumpWriter(DumpOptions.builder().parallelism(3).build(), TINY_TABLE_MEMORY, TablePart.MIN_SPLIT_BYTES);

        assertThatThrownBy(() -> writer.write(failingOn("z_last"), directory.resolve("failed.sql")))
                .isInstanceOf(SQLException.class).hasMessageContaining("z_last");

        assertNothingLeftBehind();
    }

    @Test
    void cancellingStopsEveryWorkerAndLeavesNothingBehind() throws Exception {
        AtomicBoolean cancelled = new AtomicBoolean();
        DumpOptions.Builder options = DumpOptions.builder().parallelism(3)
                .progress(p -> cancelled.compareAndSet(false, "c_table".equals(p.currentTable())))
                .cancelled(cancelled::get);

        assertThatThrownBy(() -> dumpToFile(options, TINY_TABLE_MEMORY, "cancelled.sql"))
                .isInstanceOf(CancellationException.class).hasMessageContaining("c_table");

        assertNothingLeftBehind();
    }

    @Test
    void interruptingTheThreadCancelsTheDump() throws Exception {
        Consumer<DumpProgress> interrupt = p -> {
            if ("b_table".equals(p.currentTable())) {
                Thread.currentThread().interrupt();
            }
        };
        try {
            assertThatThrownBy(() -> dumpToFile(DumpOptions.builder().parallelism(2).progress(interrupt),
                    TINY_TABLE_MEMORY, "interrupted.sql"))
                    .isInstanceOf(CancellationException.class).hasMessageContaining("b_table");
        } finally {
            Thread.interrupted();
        }

        assertNothingLeftBehind();
    }

    @Test
    void readsThroughOneConnectionWhenTheUserMayNotTakeTheReadLock() throws Exception {
        for (String host : DUMPER_HOSTS) {
            fixture.execute(source, "CREATE USER '" + DUMPER + "'@'" + host + "' IDENTIFIED BY 'dumper'",
                    "GRANT SELECT ON " + Identifiers.quote(source) + ".* TO '" + DUMPER + "'@'" + host + "'");
        }
        String single = fixture.dump(source, DumpOptions.builder().build());
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        DumpResult result = new DumpWriter(DumpOptions.builder().parallelism(3).build())
                .write(fixture.factory(source, DUMPER, "dumper"), out);

        assertThat(result.parallelism()).isEqualTo(1);
        assertThat(withoutCompletionLine(out.toString(StandardCharsets.UTF_8))).isEqualTo(withoutCompletionLine(single));
        assertThat(openConnections()).isZero();
    }

    private DumpResult dumpToFile(DumpOptions.Builder options, int tableMemoryBytes, String fileName)
            throws SQLException, IOException {
        return new DumpWriter(options.build(), tableMemoryBytes, TablePart.MIN_SPLIT_BYTES).write(fixture.factory(source), directory.resolve(fileName));
    }

    /** Connections to the source that fail to read {@code table}, as when the server goes away in the middle of a dump. */
    private ConnectionFactory failingOn(String table) {
        ConnectionFactory source = fixture.factory(this.source);
        return () -> {
            Connection connection = source.open();
            return proxy(Connection.class, connection, (method, args) -> {
                Object result = method.invoke(connection, args);
                return result instanceof Statement statement ? proxy(Statement.class, statement, (statementMethod, sql) -> {
                    if (sql != null && sql.length > 0 && sql[0] instanceof String text && text.contains("`" + table + "`")) {
                        throw new SQLException("Lost connection to the server while reading " + table);
                    }
                    return statementMethod.invoke(statement, sql);
                }) : result;
            });
        };
    }

    private interface Call {
        Object invoke(Method method, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, T target, Call call) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (proxy, method, args) -> {
            try {
                return call.invoke(method, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }

    /** No file but those expected, no connection, and no read lock: another connection writes at once. */
    private void assertNothingLeftBehind(String... expectedFiles) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder(expectedFiles);
        }
        assertThat(openConnections()).isZero();
        writeFromAnotherConnection("INSERT INTO a_table (note) VALUES ('after the dump')");
    }

    private long spillFiles() {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().startsWith("pod-migrate-dump-")).count();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The connections to the source database other than the one asking. */
    private long openConnections() throws SQLException {
        return Long.parseLong(fixture.queryString(source, "SELECT COUNT(*) FROM information_schema.PROCESSLIST"
                + " WHERE DB = DATABASE() AND ID <> CONNECTION_ID()"));
    }

    /** Gives up after a few seconds rather than wait on a read lock the dump would have kept. */
    private void writeFromAnotherConnection(String... sql) {
        try (Connection connection = fixture.connect(source); Statement statement = connection.createStatement()) {
            statement.execute("SET SESSION lock_wait_timeout = 5");
            for (String s : sql) {
                statement.execute(s);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
