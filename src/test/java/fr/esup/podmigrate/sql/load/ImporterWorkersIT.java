package fr.esup.podmigrate.sql.load;

import fr.esup.podmigrate.sql.DumpWriterFixture;
import fr.esup.podmigrate.sql.ImportProgress;
import fr.esup.podmigrate.testsupport.HeldLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Which connection loads a table: one with nothing left to do, whatever the bytes handed to the others; but a small
 * table before a large one's rows goes behind the connection with the least to do, so that the large one starts on
 * the first connection to free.
 */
class ImporterWorkersIT {

    private static final int BIG_STATEMENTS = 40;
    private static final int BIG_ROWS_PER_STATEMENT = 100;

    @RegisterExtension
    final DumpWriterFixture fixture = new DumpWriterFixture();
    @RegisterExtension
    final HeldLock lock = new HeldLock();
    @RegisterExtension
    final HeldLock secondLock = new HeldLock();

    @Test
    void aTableLoadsOnAFreeConnectionNotBehindAStatementThatWaits() throws Exception {
        Path script = fixture.write(script(), "workers.sql");
        String target = fixture.createDatabase("workers");

        // `waiting` holds one connection; `big` (most of the bytes) the other, then `last` goes where `big` was
        ImportResult result = importReleasingTheLockOnce(script, target, () -> tableCount(target, "last") == 1,
                () -> assertThat(fixture.count(target, "waiting")).isZero());

        assertThat(result.completed()).isTrue();
        assertThat(result.errors()).isEmpty();
        assertThat(result.countMismatches()).isEmpty();
        assertThat(fixture.count(target, "waiting")).isEqualTo(1);
        assertThat(fixture.count(target, "big")).isEqualTo((long) BIG_STATEMENTS * BIG_ROWS_PER_STATEMENT);
    }

    @Test
    void aLargeTableStartsOnTheFirstConnectionToFreeWhileASmallOneBeforeItWaitsBehindAnother() throws Exception {
        String label = "'" + "x".repeat(180) + "'";
        Path script = fixture.write("CREATE TABLE `held` (`id` int PRIMARY KEY, `got` int);\n"
                + "INSERT INTO `held` VALUES (1, " + lock.waitFor(50) + ");\n"
                + "CREATE TABLE `early` (`id` int PRIMARY KEY, `label` varchar(200));\n"
                + "INSERT INTO `early` VALUES (-1, " + secondLock.waitFor(50) + ");\n"
                + inserts("early", label)
                + "CREATE TABLE `small` (`id` int PRIMARY KEY);\n"
                + "INSERT INTO `small` VALUES (1), (2), (3);\n"
                + "SET @pm_test_past_small = 1;\n"
                + "CREATE TABLE `late` (`id` int PRIMARY KEY, `label` varchar(200));\n"
                + inserts("late", label), "large-after-small.sql");
        String target = fixture.createDatabase("largeaftersmall");
        AtomicLong statementsDone = new AtomicLong();
        CompletableFuture<ImportResult> running = CompletableFuture.supplyAsync(() -> {
            try {
                return new Importer(ImportOptions.builder().parallelism(2).progress(progress -> {
                    if (progress.stage() == ImportProgress.Stage.IMPORTING) {
                        statementsDone.set(progress.statements());
                    }
                }).build()).run(script, fixture.factory(target));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            // both connections wait, `held` on one and `early` on the other: the two CREATE TABLEs are done, and the
            // SET after `small` is handed out once `small` went behind `held`, the connection with the least to do
            await().atMost(Duration.ofSeconds(40)).until(() -> statementsDone.get() == 3);
            secondLock.release();
            await().atMost(Duration.ofSeconds(40))
                    .until(() -> tableCount(target, "late") == BIG_STATEMENTS * BIG_ROWS_PER_STATEMENT);
            assertThat(tableCount(target, "small")).isEqualTo(-1);
        } finally {
            secondLock.release();
            lock.release();
        }
        ImportResult result = running.get(60, TimeUnit.SECONDS);

        assertThat(result.completed()).isTrue();
        assertThat(result.errors()).isEmpty();
        assertThat(result.countMismatches()).isEmpty();
        assertThat(fixture.count(target, "held")).isEqualTo(1);
        assertThat(fixture.count(target, "early")).isEqualTo(BIG_STATEMENTS * BIG_ROWS_PER_STATEMENT + 1L);
        assertThat(fixture.count(target, "small")).isEqualTo(3);
    }

    @Test
    void eachTableIsCountedOnceItsLastRowsAreInWhileAnotherStillLoads() throws Exception {
        Path script = fixture.write("CREATE TABLE `slow` (`id` int PRIMARY KEY, `got` int);\n"
                + "INSERT INTO `slow` VALUES (1, 0), (2, 0);\n"
                + "INSERT INTO `slow` VALUES (3, " + lock.waitFor(50) + ");\n"
                + "INSERT INTO `slow` VALUES (4, 0), (5, 0);\n"
                + "CREATE TABLE `quick` (`id` int PRIMARY KEY);\n"
                + "INSERT INTO `quick` VALUES (1), (2), (3);\n", "counts.sql");
        String target = fixture.createDatabase("counts");

        // the script is read to its end: `quick`, on the free connection, is done while `slow` waits
        ImportResult result = importReleasingTheLockOnce(script, target, () -> tableCount(target, "quick") == 3,
                () -> assertThat(fixture.count(target, "slow")).isEqualTo(2));

        assertThat(result.completed()).isTrue();
        assertThat(result.errors()).isEmpty();
        assertThat(result.countMismatches()).isEmpty();
        assertThat(result.tables().get("slow").rowsAfter()).isEqualTo(5);
        assertThat(result.tables().get("quick").rowsAfter()).isEqualTo(3);
    }

    @Test
    void aTableATriggerWritesIsCountedOnlyOnceEveryTableIsWritten() throws Exception {
        String target = fixture.createDatabase("trigger");
        fixture.execute(target, "CREATE TABLE `slow` (`id` int PRIMARY KEY, `got` int)",
                "CREATE TABLE `quick` (`id` int PRIMARY KEY)",
                "CREATE TRIGGER slow_quick AFTER INSERT ON `slow` FOR EACH ROW INSERT INTO `quick` VALUES (NEW.id + 1000)");
        Path script = fixture.write("INSERT INTO `slow` VALUES (1, 0), (2, 0);\n"
                + "INSERT INTO `slow` VALUES (3, " + lock.waitFor(50) + ");\n"
                + "INSERT INTO `slow` VALUES (4, 0), (5, 0);\n"
                + "INSERT INTO `quick` VALUES (1), (2), (3);\n", "trigger.sql");

        ImportResult result = importReleasingTheLockOnce(script, target, () -> fixture.count(target, "quick") == 5,
                () -> assertThat(fixture.count(target, "slow")).isEqualTo(2));

        assertThat(result.completed()).isTrue();
        assertThat(result.countMismatches()).containsExactly("quick");
        assertThat(result.tables().get("quick").rowsExpected()).isEqualTo(3);
        assertThat(result.tables().get("quick").rowsAfter()).isEqualTo(8);
    }

    /**
     * Imports the script on two connections while the lock is held; once {@code reached}, checks what is to be seen
     * while the statement that waits for the lock still waits, then lets it go on.
     */
    private ImportResult importReleasingTheLockOnce(Path script, String target, Callable<Boolean> reached,
                                                    Callable<?> whileWaiting) throws Exception {
        CompletableFuture<ImportResult> running = CompletableFuture.supplyAsync(() -> {
            try {
                return new Importer(ImportOptions.builder().parallelism(2).build()).run(script, fixture.factory(target));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            await().atMost(Duration.ofSeconds(60)).until(reached);
            whileWaiting.call();
        } finally {
            lock.release();
        }
        return running.get(60, TimeUnit.SECONDS);
    }

    private static String inserts(String table, String label) {
        StringBuilder sql = new StringBuilder();
        for (int statement = 0; statement < BIG_STATEMENTS; statement++) {
            sql.append("INSERT INTO `").append(table).append("` VALUES ");
            for (int row = 0; row < BIG_ROWS_PER_STATEMENT; row++) {
                int id = statement * BIG_ROWS_PER_STATEMENT + row;
                sql.append(row == 0 ? "" : ",").append('(').append(id).append(',').append(label).append(')');
            }
            sql.append(";\n");
        }
        return sql.toString();
    }

    private String script() {
        return "CREATE TABLE `waiting` (`id` int PRIMARY KEY, `got` int);\n"
                + "INSERT INTO `waiting` VALUES (1, " + lock.waitFor(50) + ");\n"
                + "CREATE TABLE `big` (`id` int PRIMARY KEY, `label` varchar(200));\n"
                + inserts("big", "'" + "x".repeat(180) + "'")
                + "CREATE TABLE `last` (`id` int PRIMARY KEY);\nINSERT INTO `last` VALUES (1);\n";
    }

    /** The table's rows, or -1 before the import creates it. */
    private long tableCount(String database, String table) throws SQLException {
        String tables = fixture.queryString(database, "SELECT COUNT(*) FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '" + table + "'");
        return tables.equals("0") ? -1 : fixture.count(database, table);
    }
}
