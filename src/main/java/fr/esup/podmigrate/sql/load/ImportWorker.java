package fr.esup.podmigrate.sql.load;

import fr.esup.podmigrate.sql.ConnectionFactory;
import fr.esup.podmigrate.sql.load.ImportPlanner.Plan;
import fr.esup.podmigrate.sql.script.ClientCharset;
import fr.esup.podmigrate.sql.script.ClientCharsetSession;
import fr.esup.podmigrate.sql.script.KeysAfterRows;
import fr.esup.podmigrate.sql.script.LiteralInserts;
import fr.esup.podmigrate.sql.script.LiteralInserts.LiteralInsert;
import fr.esup.podmigrate.sql.script.ScriptAnalyzer.DataRun;
import fr.esup.podmigrate.sql.script.SqlStatement;
import fr.esup.podmigrate.sql.script.StatementKind;
import fr.esup.podmigrate.sql.script.StatementReader;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;

/**
 * One connection of an import and the thread that executes, in order, what the importing thread hands it: the
 * statements of the tables it loads, the script's session statements, and long runs of one table's INSERTs that
 * it reads from the script itself.
 */
final class ImportWorker implements Runnable, Workload.Busy {

    /** The session keeps this many warnings of a statement (max_error_count): past them, only their count. */
    private static final int KEPT_WARNINGS = 65535;
    private static final int ER_LOCK_WAIT_TIMEOUT = 1205;
    private static final int ER_LOCK_DEADLOCK = 1213;
    private static final int ATTEMPTS = 5;
    /** Statements that write rows and leave structures as they are: those alone need no {@link Owner#structureChanges}. */
    private static final Set<StatementKind> ROW_KINDS = EnumSet.of(StatementKind.INSERT, StatementKind.REPLACE,
            StatementKind.UPDATE, StatementKind.DELETE, StatementKind.LOAD_DATA);
    /**
     * The INSERTs of a data run commit together up to these bounds: each commit waits for the redo log to reach the
     * disk, about a sixth of an import's time when every statement commits alone.
     */
    private static final int GROUP_STATEMENTS = 256;
    private static final long GROUP_BYTES = 8L << 20;
    private static final long RETRY_PAUSE_MILLIS = 200;
    /**
     * An INSERT of literal rows whose values average this many bytes goes bound, a shorter one as LOAD DATA (see
     * {@link #loadsAsData}): measured on a Pod dump, encoding logs (250 bytes a value) load 40 % faster bound, the
     * videos (45 bytes) and view counts (18 bytes) slower.
     */
    private static final int BOUND_VALUE_BYTES = 128;
    /** A longer INSERT of literal rows is read as text: a worker holds one statement's bytes at a time. */
    private static final int MAX_LITERAL_STATEMENT_BYTES = 16 << 20;
    /**
     * Sets the session's charsets back to utf8mb4 after a script's SET NAMES: the statements come decoded (see
     * {@link ClientCharset}) and JDBC sends them in UTF-8. A utf8mb4 collation the script chose is kept, so that
     * literals compare as they did; another charset's gives way to utf8mb4's default, as the session opened with.
     */
    private static final List<String> UTF8MB4_AGAIN = List.of(
            "SET @pm_import_collation = IF(@@character_set_connection = 'utf8mb4', @@collation_connection, NULL),"
                    + " NAMES utf8mb4",
            "SET collation_connection = COALESCE(@pm_import_collation, @@collation_connection)");

    /** Something to do, in order. */
    sealed interface Task permits Execute, Session, Rows, AddKeys, GiveKeysBack, Count, End {
    }

    /**
     * A statement of the script.
     *
     * @param bytes    script bytes it accounts for, for progress
     * @param budget   memory it holds, given back once it is executed
     * @param heldKeys for a CREATE TABLE whose keys may come after its rows (see {@link HeldKeys}), its split; else null
     */
    record Execute(long index, long endOffset, long bytes, Plan plan, int budget, KeysAfterRows heldKeys)
            implements Task {
    }

    /** The keys a CREATE TABLE left for after the table's rows (see {@link HeldKeys}). */
    record AddKeys(String table, KeysAfterRows keys) implements Task {
    }

    /** The keys a kept table's comment records as held back (see {@link KeptTableKeys}), if it does. */
    record GiveKeysBack(String table) implements Task {
    }

    /** A session statement, executed by every connection; its failure is reported once. */
    record Session(Plan plan, AtomicBoolean reported) implements Task {
    }

    /**
     * A run of INSERTs of one table that the worker reads from the script itself.
     *
     * @param holdKeys whether the table is one the import keeps whose keys wait for its rows (see
     *                 {@link KeptTableKeys})
     */
    record Rows(DataRun run, InsertRewriter rewriter, boolean holdKeys) implements Task {
    }

    /**
     * Counts tables whose last statement the worker was handed: queued after it, the count comes once it is
     * committed, while the other workers may still load theirs.
     */
    record Count(Collection<String> tables) implements Task {
    }

    /** Tells the worker to end its thread. */
    record End() implements Task {
    }

    static final Task END = new End();

    /** What the worker reports to the import it works for. */
    interface Owner {
        boolean stopped();

        ImportLedger ledger();

        /** A statement failed; the owner decides whether the import goes on. */
        void failed(Plan plan, SQLException error, long bytes);

        /** Something other than a statement failed: the import stops and rethrows it. */
        void broke(Exception error);

        /** A task is over, done or dropped. */
        void finished(Task task);

        /** The columns and keys of a target table, read once through the connection that asks first. */
        TableKeys tableKeys(String table, Connection connection);

        /** Whether every text column of a target table is utf8mb4 (see {@link BinaryRows}), asked once per table. */
        boolean utf8mb4Text(String table, Connection connection);

        /**
         * Whether the run's INSERTs of literal rows go as LOAD DATA or with their values bound (see
         * {@link LiteralLoad}, {@link LiteralBind}): long enough ones.
         */
        boolean literalStatements(DataRun run);

        /** Whether neither the server nor the driver refused a LOAD DATA LOCAL. */
        boolean literalLoads();

        /** The server or the driver refused a LOAD DATA LOCAL: the rows go bound from now on. */
        void literalLoadsRefused();

        /** A CREATE TABLE ran without the keys it holds back (see {@link HeldKeys}). */
        void createdWithoutKeys(String table, KeysAfterRows keys);

        /** The keys a table's CREATE TABLE held back are in. */
        void keysAdded(String table);

        /** Rows that tables hold once the import has written them for the last time, counted by the server. */
        void counted(Map<String, Long> rows);

        /**
         * Held by the worker that changes a table's structure or keys, while it does: one such statement at a time.
         * MariaDB 11.4.5 crashed (signal 11, in {@code dict_foreign_find_index}) in an ALTER TABLE adding a foreign
         * key while the import's other connections changed the structure or keys of other tables.
         */
        Lock structureChanges();
    }

    private final Connection connection;
    private final Statement statement;
    private final Path script;
    private final Owner owner;
    private final BlockingQueue<Task> queue = new LinkedBlockingQueue<>();
    /** Tasks handed to this worker and not done, session statements aside. */
    private final AtomicInteger pendingWork = new AtomicInteger();
    /** What those tasks weigh (see {@link Workload}). */
    private final AtomicLong backlog = new AtomicLong();
    /**
     * The session's user variables known to hold utf8mb4 (see {@link ClientCharsetSession#keepsUtf8mb4}): a dump saves
     * the client charset in one before each CREATE TABLE and sets it back from it after; a worker that sees no other
     * statement in between knows its session still utf8mb4, and sends no {@link #UTF8MB4_AGAIN}.
     */
    private final Set<String> utf8mb4Variables = new HashSet<>();
    /** A session statement failed: the session's charsets are set back before anything else runs. */
    private boolean charsetsUnsure;
    /** Whether the session reads statements as bytes ({@link BinaryRows#ON}). */
    private boolean binaryRows;
    /**
     * Whether the driver was seen to send a batch as more than one statement (see {@link #commit}): it then sends no
     * more batches.
     */
    private boolean batchesSplit;
    /**
     * The session's Com_insert before the group's first bound statement ran, and where that statement stands in the
     * group; -1 while the group has none.
     */
    private long insertsBeforeBound = -1;
    private int firstBound;

    ImportWorker(Connection connection, Path script, Owner owner) throws SQLException {
        this.connection = connection;
        this.statement = connection.createStatement();
        this.statement.setEscapeProcessing(false);
        this.script = script;
        this.owner = owner;
    }

    /**
     * Opens a connection and sets the session an import runs in; the script's own SETs come on top. Each statement
     * is committed on its own, explicitly: a connection lost while a statement runs then rolls it back for sure,
     * where with autocommit the server may commit a statement whose answer never arrives.
     *
     * <p>Unique checks stay on: with both foreign key and unique checks off, InnoDB loads an empty table through
     * its bulk-insert path, where an INSERT IGNORE that meets a duplicate key loses every row of its transaction
     * while the server still reports them inserted (MariaDB 10.11 and 11.4). That path is no faster either: on two
     * cores it took two and a half times the server's CPU of the usual one (the benchmark's 288,394 view counts by
     * LOAD DATA 1.6 s instead of 0.65 s, its encoding logs by INSERT in one transaction 5.2 s instead of 2.1 s), and
     * the server's CPU is what an import waits for there. Every warning of a statement is kept, so that each value
     * the server changed can be named.
     */
    static Connection openSession(ConnectionFactory factory) throws SQLException {
        Connection connection = factory.open();
        try (Statement session = connection.createStatement()) {
            connection.setAutoCommit(false);
            session.execute("SET NAMES utf8mb4");
            session.execute("SET SESSION foreign_key_checks = 0, unique_checks = 1, max_error_count = " + KEPT_WARNINGS + ","
                    + " sql_mode = 'NO_AUTO_VALUE_ON_ZERO', net_read_timeout = 600, net_write_timeout = 600,"
                    + " wait_timeout = 28800, time_zone = '+00:00'");
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    Connection connection() {
        return connection;
    }

    /** Whether everything handed to this worker is done, session statements aside: it may take another table. */
    @Override
    public boolean free() {
        return pendingWork.get() == 0;
    }

    @Override
    public long backlog() {
        return backlog.get();
    }

    /** Whether a task keeps its worker from another table: every one but the session statements all replay. */
    static boolean occupies(Task task) {
        return !(task instanceof Session);
    }

    void submit(Task task) {
        if (occupies(task)) {
            backlog.addAndGet(Workload.of(task));
            pendingWork.incrementAndGet();
        }
        queue.add(task);
    }

    @Override
    public void run() {
        while (true) {
            Task task;
            try {
                task = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (task == END) {
                return;
            }
            try {
                if (!owner.stopped()) {
                    perform(task);
                }
            } catch (IOException | SQLException | RuntimeException e) {
                owner.broke(e);
            } finally {
                if (occupies(task)) {
                    backlog.addAndGet(-Workload.of(task));
                    pendingWork.decrementAndGet();
                }
                owner.finished(task);
            }
        }
    }

    private void perform(Task task) throws IOException, SQLException {
        if (!(task instanceof Session)) {
            utf8mb4Variables.clear(); // a statement may assign user variables, as a LOAD DATA does those it skips into
            if (charsetsUnsure) {
                setUtf8mb4Again();
            }
        }
        if (task instanceof Execute execute) {
            if (ROW_KINDS.contains(execute.plan().kind())) {
                execute(execute.index(), execute.endOffset(), execute.bytes(), execute.plan());
            } else {
                changingStructure(() -> {
                    if (execute.heldKeys() == null || !createdWithoutKeys(execute)) {
                        execute(execute.index(), execute.endOffset(), execute.bytes(), execute.plan());
                    }
                });
            }
        } else if (task instanceof AddKeys add) {
            addKeys(add);
        } else if (task instanceof GiveKeysBack back) {
            retryingLockConflicts(() -> changingStructure(() -> KeptTableKeys.giveBack(connection, back.table())));
        } else if (task instanceof Rows rows) {
            if (rows.holdKeys()) {
                holdKeys(rows.rewriter().targetTable());
            }
            load(rows.run(), rows.rewriter());
        } else if (task instanceof Count count) {
            count(count.tables());
        } else if (task instanceof Session session) {
            try {
                String set = session.plan().text();
                executeSql(set);
                boolean keepsUtf8mb4 = ClientCharsetSession.keepsUtf8mb4(set, utf8mb4Variables);
                if (charsetsUnsure) {
                    utf8mb4Variables.clear(); // what the SET assigned came from a session that may not be utf8mb4
                }
                if (charsetsUnsure || (ClientCharsetSession.touchesConnectionCharset(set) && !keepsUtf8mb4)) {
                    setUtf8mb4Again();
                }
                connection.commit();
            } catch (SQLException e) {
                utf8mb4Variables.clear();
                charsetsUnsure = true;
                rollback();
                if (!session.reported().getAndSet(true)) {
                    owner.failed(session.plan(), e, 0);
                }
            }
        }
    }

    private void setUtf8mb4Again() throws SQLException {
        for (String again : UTF8MB4_AGAIN) {
            executeSql(again);
        }
        charsetsUnsure = false;
    }

    /**
     * Reads the run's statements from the script and executes them, but those a resumed import has done. They commit
     * in groups, and the ledger hears of them once committed, so that a checkpoint never counts a statement a lost
     * connection rolled back; a statement that fails rolls its group back, and the group runs again one by one.
     * An INSERT of literal rows goes as LOAD DATA or with its values bound (see {@link #loadsAsData}); in a run of
     * short ones, their rows gathered (see {@link #loadGathered}); any other statement is read and sent as text.
     */
    private void load(DataRun run, InsertRewriter rewriter) throws IOException, SQLException {
        boolean literalRows = rewriter.rowsAsBytes() && owner.utf8mb4Text(rewriter.targetTable(), connection);
        boolean literalStatements = owner.literalStatements(run);
        boolean backslashEscapes = LiteralLoad.backslashEscapes(connection);
        TextFrom from = new TextFrom(run.first(), run.start(), run.start().offset());
        if (!literalStatements && backslashEscapes && owner.literalLoads()) {
            from = loadGathered(run, rewriter, literalRows);
            if (from == null) {
                return;
            }
        }
        load(run, rewriter, literalRows, literalStatements && backslashEscapes, from);
    }

    /** Where the statements of a run go on as text: the statement's index, its place in the script, its start. */
    private record TextFrom(long index, StatementReader.Position position, long previousEnd) {
    }

    /**
     * @param readLiterals whether the INSERTs of literal rows go as LOAD DATA or bound, the others as text
     * @param from         the run's statement to begin with, and where it stands
     */
    private void load(DataRun run, InsertRewriter rewriter, boolean literalRows, boolean readLiterals, TextFrom from)
            throws IOException, SQLException {
        ImportLedger ledger = owner.ledger();
        List<Uncommitted> group = new ArrayList<>();
        LiteralInserts literal = readLiterals
                ? LiteralInserts.openAt(script, from.position(), MAX_LITERAL_STATEMENT_BYTES) : null;
        Map<String, PreparedStatement> prepared = new HashMap<>();
        StatementReader reader = null;
        try {
            long previousEnd = from.previousEnd();
            long groupBytes = 0;
            for (long index = from.index(); index <= run.last() && !owner.stopped(); index++) {
                StatementReader.Position before = literal == null ? null : literal.position();
                LiteralInsert rows = literal == null ? null : literal.next();
                if (rows != null) {
                    if (!run.table().equals(rows.table())) {
                        throw changed(index);
                    }
                    long bytes = rows.endOffset() - previousEnd;
                    Bound bound = Bound.AS_TEXT;
                    if (loadsAsData(rows)) {
                        // A LOAD DATA takes the table's AUTO-INC lock; begun in a transaction that already holds the
                        // table, it deadlocks with a TRUNCATE of a table its foreign keys point to (waiting for that
                        // hold), and the TRUNCATE loses every time. Begun in a fresh one, it waits its turn instead.
                        commit(group);
                        groupBytes = 0;
                        bound = loadLiteral(index, bytes, rows, rewriter, literalRows, before, group);
                    }
                    if (bound == Bound.AS_TEXT && !loadsAsData(rows)) {
                        // long values, or the LOAD DATA was just refused
                        bound = bindLiteral(index, bytes, rows, rewriter, literalRows, before, group, prepared);
                    }
                    if (bound == Bound.DONE) {
                        previousEnd = rows.endOffset();
                        groupBytes += bytes;
                        if (group.size() >= GROUP_STATEMENTS || groupBytes >= GROUP_BYTES) {
                            commit(group);
                            groupBytes = 0;
                        }
                        continue;
                    }
                    if (group.isEmpty()) {
                        groupBytes = 0;
                    }
                    if (bound == Bound.AS_TEXT) {
                        literal.seek(before);
                    } else {
                        // the server prepares no statement: the rest of the run goes as text, read by one reader
                        literal.close();
                        literal = null;
                    }
                }
                if (reader == null) {
                    reader = StatementReader.openAt(script, before != null ? before : from.position());
                }
                SqlStatement insert = reader.next();
                if (insert == null || !run.table().equals(insert.table())) {
                    throw changed(index);
                }
                long bytes = insert.endOffset() - previousEnd;
                previousEnd = insert.endOffset();
                Plan plan = ImportPlanner.rows(insert, rewriter);
                if (ledger.isDone(index)) {
                    ledger.alreadyDone(plan, bytes);
                } else if (plan.action() == ImportPlanner.Action.FAIL) {
                    commit(group);
                    groupBytes = 0;
                    owner.failed(plan, new SQLException(plan.error()), bytes);
                } else {
                    binaryRows(literalRows && !insert.valuesNested());
                    try {
                        group.add(new Uncommitted(index, insert.endOffset(), bytes, plan, run(plan),
                                plan.kind() == StatementKind.INSERT ? 1 : 0, null, null));
                        groupBytes += bytes;
                    } catch (SQLException e) {
                        rollback();
                        groupBytes = 0;
                        if (ImportRun.connectionLost(e)) {
                            // The group went with the connection: not done, a resumed import runs it again.
                            endGroup(group);
                            owner.failed(plan, e, bytes);
                        } else {
                            runAlone(group);
                            execute(index, insert.endOffset(), bytes, plan);
                        }
                    }
                    if (group.size() >= GROUP_STATEMENTS || groupBytes >= GROUP_BYTES) {
                        commit(group);
                        groupBytes = 0;
                    }
                }
                if (literal != null) {
                    // back to the script's bytes after a statement read as text, from where that reading stands
                    StatementReader.Position after = reader.position();
                    if (after != null) {
                        literal.seek(after);
                        reader.close();
                        reader = null;
                    } else {
                        literal.close();
                        literal = null;
                    }
                }
            }
        } finally {
            commit(group);
            binaryRows(false);
            if (literal != null) {
                literal.close();
            }
            if (reader != null) {
                reader.close();
            }
            for (PreparedStatement insert : prepared.values()) {
                insert.close();
            }
        }
    }

    private static IOException changed(long index) {
        return new IOException("The script changed while it was imported: statement " + (index + 1)
                + " is not where it was");
    }

    /**
     * Whether an INSERT's rows go as LOAD DATA rather than bound: when their values are short (numbers, dates, names),
     * where binding them costs our side more than it spares the server (a microsecond a value, against the server's
     * reading of their few bytes), as long as the server takes LOAD DATA LOCAL and the rows are laid out as its format
     * reads them.
     */
    private boolean loadsAsData(LiteralInsert rows) {
        long values = (long) rows.rowCount() * rows.arity();
        return rows.rowsTo() - rows.rowsFrom() < BOUND_VALUE_BYTES * values && rows.separator() != null
                && owner.literalLoads();
    }

    /**
     * Loads an INSERT's literal rows with LOAD DATA (see {@link LiteralLoad}), which opens the group's transaction;
     * rolled back, when the LOAD DATA did not do exactly what the INSERT does: the INSERT is to run instead.
     */
    private Bound loadLiteral(long index, long bytes, LiteralInsert rows, InsertRewriter rewriter, boolean binary,
                              StatementReader.Position before, List<Uncommitted> group) throws SQLException {
        InsertRewriter.LoadColumns columns = rewriter.loadColumns(rows.columns(), rows.rowCount());
        if (columns == null) {
            return Bound.AS_TEXT;
        }
        boolean ignore = rewriter.ignores(rows.ignore());
        Plan plan = ImportPlanner.literalRows(rows, rewriter,
                LiteralLoad.statement(rows, rewriter.targetTable(), ignore, columns.list(), binary),
                columns.droppedValues());
        if (owner.ledger().isDone(index)) {
            owner.ledger().alreadyDone(plan, bytes);
            return Bound.DONE;
        }
        binaryRows(false);
        try {
            if (loadsExactly(plan.text(), rows.bytes(), rows.rowsFrom(), rows.rowsTo() - rows.rowsFrom(),
                    rows.rowCount())) {
                group.add(new Uncommitted(index, rows.endOffset(), bytes, plan,
                        new Outcome(rows.rowCount(), 0, List.of()), 0, before, rewriter));
                return Bound.DONE;
            }
        } catch (SQLException e) {
            return connectionLost(group, plan, e, bytes);
        }
        return asText(group);
    }

    /** The group went with the lost connection: not done, a resumed import runs it again. */
    private Bound connectionLost(List<Uncommitted> group, Plan plan, SQLException error, long bytes) {
        rollback();
        endGroup(group);
        owner.failed(plan, error, bytes);
        return Bound.DONE;
    }

    /** Rolls the group back and runs it again one statement at a time: the INSERT is to run as text after it. */
    private Bound asText(List<Uncommitted> group) {
        rollback();
        runAlone(group);
        return Bound.AS_TEXT;
    }

    /**
     * Executes a LOAD DATA of {@code rows[from, from + length)}: whether it gave no warning and wrote {@code rowCount}
     * rows, what the INSERTs it stands for would have done; false also when the server refused it (a refusal of LOAD DATA
     * LOCAL itself told to the owner: no other is tried). Throws only when the connection is lost.
     */
    private boolean loadsExactly(String sql, byte[] rows, int from, int length, long rowCount) throws SQLException {
        try {
            LiteralLoad.supplyRows(statement, rows, from, length);
            long affected = executeSql(sql);
            SQLWarning warnings = statement.getWarnings();
            statement.clearWarnings();
            return warnings == null && affected == rowCount;
        } catch (SQLException e) {
            if (ImportRun.connectionLost(e)) {
                throw e;
            }
            if (LiteralLoad.refused(e)) {
                owner.literalLoadsRefused();
            }
            return false;
        }
    }

    /**
     * Loads a run of short INSERTs, each of a few rows (mariadb-dump's --skip-extended-insert writes one a row), their
     * rows gathered into LOAD DATAs of a megabyte (see {@link GatheredRows}), each in a transaction of its own, committed
     * with its statements accounted: where each INSERT alone waits for the server's answer, one LOAD DATA loads
     * thousands of them. The rest of the run goes as text from the first statement LiteralInserts does not read, or
     * LOAD DATA cannot load, or from the first of rows a LOAD DATA did not load exactly as their INSERTs do (rolled
     * back), for the INSERTs to fail, warn and be accounted for as they always were.
     *
     * @return where the rest of the run goes as text; null when the whole run is loaded, or the import stopped
     */
    private TextFrom loadGathered(DataRun run, InsertRewriter rewriter, boolean binary) throws IOException, SQLException {
        GatheredRows<Uncommitted> gathered = new GatheredRows<>();
        // the statements of a run mostly have one shape: their LOAD DATA is written once
        LoadShape shape = null;
        InsertRewriter.LoadColumns columns = null;
        String sql = null;
        try (LiteralInserts literal = LiteralInserts.openAt(script, run.start(), MAX_LITERAL_STATEMENT_BYTES)) {
            long previousEnd = run.start().offset();
            if (literal == null) {
                // in a single-byte client charset, or after another delimiter: no statement has the shape
                return new TextFrom(run.first(), run.start(), previousEnd);
            }
            for (long index = run.first(); index <= run.last(); index++) {
                if (owner.stopped()) {
                    return null; // what was gathered is not done: a resumed import runs it again
                }
                StatementReader.Position before = literal.position();
                LiteralInsert rows = literal.next();
                if (rows != null && !run.table().equals(rows.table())) {
                    throw changed(index);
                }
                long bytes = rows == null ? 0 : rows.endOffset() - previousEnd;
                LoadShape rowsShape = rows == null || rows.separator() == null ? null
                        : new LoadShape(rows.columns(), rows.rowCount(), rows.replace(), rows.ignore(), rows.separator());
                if (rowsShape == null) {
                    sql = null;
                } else if (!rowsShape.equals(shape)) {
                    columns = rewriter.loadColumns(rows.columns(), rows.rowCount());
                    sql = columns == null ? null : LiteralLoad.statement(rows, rewriter.targetTable(),
                            rewriter.ignores(rows.ignore()), columns.list(), binary);
                }
                shape = rowsShape;
                boolean done = owner.ledger().isDone(index);
                if (sql == null || done || !gathered.takes(sql, rows.rowsTo() - rows.rowsFrom())) {
                    // the rows gathered load first: a text statement runs after them, a rewinding never passes a
                    // statement a resumed import had done
                    TextFrom failed = loadGathered(gathered);
                    if (failed != null) {
                        return failed;
                    }
                    if (sql == null) {
                        return new TextFrom(index, before, previousEnd);
                    }
                }
                Plan plan = ImportPlanner.literalRows(rows, rewriter, sql, columns.droppedValues());
                if (done) {
                    owner.ledger().alreadyDone(plan, bytes);
                } else {
                    gathered.add(sql, rows.bytes(), rows.rowsFrom(), rows.rowsTo(), rows.rowCount(), new Uncommitted(
                            index, rows.endOffset(), bytes, plan, new Outcome(rows.rowCount(), 0, List.of()), 0, before,
                            rewriter));
                }
                previousEnd = rows.endOffset();
            }
            return loadGathered(gathered);
        }
    }

    /** What the LOAD DATA of an INSERT's rows depends on, but for the table. */
    private record LoadShape(List<String> columns, long rows, boolean replace, boolean ignore, String separator) {
    }

    /**
     * Loads the rows gathered as one LOAD DATA and commits it, its statements accounted; else rolls it back.
     *
     * @return null when loaded, or nothing was gathered; else the first statement gathered, to run as text with those
     *         after it
     */
    private TextFrom loadGathered(GatheredRows<Uncommitted> gathered) throws SQLException {
        if (gathered.isEmpty()) {
            return null;
        }
        List<Uncommitted> statements = new ArrayList<>(gathered.statements());
        Uncommitted first = statements.get(0);
        long rows = gathered.rowCount();
        binaryRows(false);
        try {
            boolean loaded = loadsExactly(gathered.statement(), gathered.rows(), 0, gathered.length(), rows);
            gathered.clear();
            if (loaded) {
                commit(statements);
                return null;
            }
        } catch (SQLException e) {
            gathered.clear();
            rollback(); // the connection is lost
            owner.failed(first.plan(), e, first.bytes());
            return null;
        }
        rollback();
        return new TextFrom(first.index(), first.loadedAt(), first.endOffset() - first.bytes());
    }

    /** What became of an INSERT of literal rows sent as LOAD DATA or with its values bound. */
    private enum Bound {
        /** In the group, or accounted for: done. */
        DONE,
        /** Rolled back, or never sent: the INSERT is to run as text. */
        AS_TEXT,
        /** The server prepared no statement: this INSERT and the rest of the run go as text. */
        NOT_PREPARED
    }

    /**
     * Sends an INSERT's literal rows as a batch of its prepared statement (see {@link LiteralBind}), in the group's
     * transaction; when the batch did not do exactly what the INSERT does, rolls the group back and runs it again.
     */
    private Bound bindLiteral(long index, long bytes, LiteralInsert rows, InsertRewriter rewriter, boolean binary,
                              StatementReader.Position before, List<Uncommitted> group,
                              Map<String, PreparedStatement> prepared) throws SQLException {
        if (rows.replace()) {
            return Bound.AS_TEXT; // a REPLACE that replaces reports two rows, which a batch's counts do not tell apart
        }
        InsertRewriter.BoundColumns columns = rewriter.boundColumns(rows.columns(), rows.arity(), rows.rowCount());
        if (columns == null) {
            return Bound.AS_TEXT;
        }
        String sql = LiteralBind.statement(rewriter.targetTable(), rewriter.ignores(rows.ignore()), columns);
        Plan plan = ImportPlanner.literalRows(rows, rewriter, sql, columns.droppedValues());
        if (owner.ledger().isDone(index)) {
            owner.ledger().alreadyDone(plan, bytes);
            return Bound.DONE;
        }
        if (batchesSplit || !rows.numbersAsWritten()) {
            return Bound.AS_TEXT;
        }
        binaryRows(false);
        PreparedStatement insert = prepared.get(sql);
        try {
            if (insert == null) {
                insert = connection.prepareStatement(sql);
                prepared.put(sql, insert);
            }
        } catch (SQLException e) {
            if (ImportRun.connectionLost(e)) {
                throw e;
            }
            return Bound.NOT_PREPARED;
        }
        try {
            if (insertsBeforeBound < 0) {
                insertsBeforeBound = sessionInserts();
                firstBound = group.size();
            }
            int commands = 0;
            boolean exact = true;
            for (int row = 0; row < rows.rowCount() && exact; commands++) {
                int from = row;
                row = LiteralBind.bind(insert, rows, columns.parameters(), binary, from);
                int[] counts = insert.executeBatch();
                exact = counts.length == row - from && insert.getWarnings() == null
                        && Arrays.stream(counts).allMatch(c -> c == 1);
                insert.clearWarnings();
            }
            if (exact) {
                group.add(new Uncommitted(index, rows.endOffset(), bytes, plan,
                        new Outcome(rows.rowCount(), 0, List.of()), commands, before, rewriter));
                return Bound.DONE;
            }
        } catch (SQLException e) {
            insert.clearBatch();
            if (ImportRun.connectionLost(e)) {
                return connectionLost(group, plan, e, bytes);
            }
        }
        return asText(group);
    }

    /** Sets the session to read statements as bytes, or as utf8mb4 text again, when it does not already. */
    private void binaryRows(boolean on) throws SQLException {
        if (on != binaryRows) {
            for (String set : on ? BinaryRows.ON : List.of(BinaryRows.OFF)) {
                executeSql(set);
            }
            binaryRows = on;
        }
    }

    /**
     * A statement of a data run executed in the group's transaction, and what it did.
     *
     * @param inserts  the INSERT statements the server ran for it: a bound one's batches, one for an INSERT as text,
     *                 none for a LOAD DATA
     * @param loadedAt where the script holds the INSERT a LOAD DATA or bound one stood for, read again to run it as
     *                 text; else null
     * @param rewriter the run's rewriter, for that INSERT; else null
     */
    private record Uncommitted(long index, long endOffset, long bytes, Plan plan, Outcome outcome, int inserts,
                               StatementReader.Position loadedAt, InsertRewriter rewriter) {
    }

    /** What a statement did: the rows it changed, its warnings, and what they say of its rows. */
    private record Outcome(long affected, long warnings, List<ServerWarnings.Issue> issues) {
    }

    /**
     * Whether the server ran each INSERT of the group, each batch of bound values included, as one statement: the
     * warnings the driver reports are those of the batch's last statement only, and a driver told not to use the bulk
     * command ({@code useBulkStmts=false}), or one that splits a batch, would hide the others. Otherwise the batches
     * of this connection go as text from now on.
     */
    private boolean eachInsertOneStatement(List<Uncommitted> group) {
        long inserts = group.subList(firstBound, group.size()).stream().mapToLong(Uncommitted::inserts).sum();
        try {
            if (sessionInserts() - insertsBeforeBound == inserts) {
                return true;
            }
        } catch (SQLException e) {
            // unknown: as if split
        }
        batchesSplit = true;
        return false;
    }

    /** Forgets the group's statements, committed, rolled back or run again alone. */
    private void endGroup(List<Uncommitted> group) {
        group.clear();
        insertsBeforeBound = -1;
    }

    private long sessionInserts() throws SQLException {
        try (ResultSet status = statement.executeQuery("SHOW SESSION STATUS LIKE 'Com_insert'")) {
            return status.next() ? status.getLong(2) : -1;
        }
    }

    /** Commits the group and tells the ledger; if the commit fails, runs the group again statement by statement. */
    private void commit(List<Uncommitted> group) {
        if (group.isEmpty()) {
            return;
        }
        if (insertsBeforeBound >= 0 && !eachInsertOneStatement(group)) {
            rollback();
            runAlone(group);
            return;
        }
        try {
            connection.commit();
        } catch (SQLException e) {
            rollback();
            if (ImportRun.connectionLost(e)) {
                owner.failed(group.get(0).plan(), e, group.get(0).bytes());
                endGroup(group);
            } else {
                runAlone(group);
            }
            return;
        }
        for (Uncommitted done : group) {
            owner.ledger().executed(done.index(), done.endOffset(), done.bytes(), done.plan(), done.outcome().affected(),
                    done.outcome().warnings(), done.outcome().issues());
        }
        endGroup(group);
    }

    /**
     * Executes again, each with its own commit, the statements of a group that was rolled back; as text, which suits
     * every statement.
     */
    private void runAlone(List<Uncommitted> group) {
        try {
            binaryRows(false);
        } catch (SQLException e) {
            owner.broke(e);
            endGroup(group);
            return;
        }
        for (Uncommitted statement : group) {
            Plan plan = statement.plan();
            if (statement.loadedAt() != null) {
                try (StatementReader reader = StatementReader.openAt(script, statement.loadedAt())) {
                    plan = ImportPlanner.rows(reader.next(), statement.rewriter());
                } catch (IOException | RuntimeException e) {
                    owner.broke(e);
                    break;
                }
            }
            execute(statement.index(), statement.endOffset(), statement.bytes(), plan);
        }
        endGroup(group);
    }

    private void execute(long index, long endOffset, long bytes, Plan plan) {
        for (int attempt = 1; ; attempt++) {
            try {
                Outcome outcome = run(plan);
                connection.commit();
                owner.ledger().executed(index, endOffset, bytes, plan, outcome.affected(), outcome.warnings(),
                        outcome.issues());
                return;
            } catch (SQLException e) {
                rollback();
                if (attempt == ATTEMPTS || !lockConflict(e) || owner.stopped() || !pause(attempt)) {
                    owner.failed(plan, e, bytes);
                    return;
                }
            }
        }
    }

    /**
     * Creates a table without the keys its CREATE TABLE holds back (see {@link HeldKeys}); false when the server
     * refuses it so (an AUTO_INCREMENT column whose only key is held back, say): the statement then runs whole.
     */
    private boolean createdWithoutKeys(Execute execute) {
        try {
            long affected = executeSql(execute.heldKeys().createTable());
            connection.commit();
            owner.ledger().executed(execute.index(), execute.endOffset(), execute.bytes(), execute.plan(), affected, 0,
                    List.of());
            owner.createdWithoutKeys(execute.plan().table(), execute.heldKeys());
            return true;
        } catch (SQLException e) {
            rollback();
            return false;
        }
    }

    /** Adds a table's held keys. */
    private void addKeys(AddKeys add) throws SQLException {
        retryingLockConflicts(() -> changingStructure(() -> {
            HeldKeys.add(connection, add.table(), add.keys());
            owner.keysAdded(add.table());
        }));
    }

    /**
     * Drops a kept table's keys until its rows are in (see {@link KeptTableKeys}). Where the server refuses (an
     * AUTO_INCREMENT column whose only key it would drop, say), the ALTER TABLE did nothing and the rows load with the
     * keys in place.
     */
    private void holdKeys(String table) throws SQLException {
        try {
            retryingLockConflicts(() -> changingStructure(() -> KeptTableKeys.hold(connection, table)));
        } catch (SQLException e) {
            if (ImportRun.connectionLost(e) || owner.stopped()) {
                throw e;
            }
        }
    }

    private interface StructureChange {
        void run() throws SQLException;
    }

    /** Runs a change of structure or keys while no other connection of the import runs one (see {@link Owner}). */
    private void changingStructure(StructureChange change) throws SQLException {
        Lock lock = owner.structureChanges();
        lock.lock();
        try {
            change.run();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Changes a table's keys, again after a lock conflict: an ALTER TABLE waits for the tables related to it by a
     * foreign key, which other connections may be loading.
     */
    private void retryingLockConflicts(StructureChange change) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                change.run();
                return;
            } catch (SQLException e) {
                if (attempt == ATTEMPTS || !lockConflict(e) || owner.stopped() || !pause(attempt)) {
                    throw e;
                }
            }
        }
    }

    /**
     * A lock wait timeout or a deadlock: a connection loading a table related by a foreign key holds a lock the
     * statement needs, which a single connection never meets. The statement did nothing and can run again.
     */
    private static boolean lockConflict(SQLException e) {
        return e.getErrorCode() == ER_LOCK_WAIT_TIMEOUT || e.getErrorCode() == ER_LOCK_DEADLOCK;
    }

    private static boolean pause(int attempt) {
        try {
            Thread.sleep(RETRY_PAUSE_MILLIS * attempt);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Executes a statement in the current transaction; for an INSERT or REPLACE, reads its warnings as what the
     * server did to its rows.
     */
    private Outcome run(Plan plan) throws SQLException {
        long affected = executeSql(plan.text());
        if (plan.kind() != StatementKind.INSERT && plan.kind() != StatementKind.REPLACE) {
            return new Outcome(affected, 0, List.of());
        }
        SQLWarning warning = statement.getWarnings();
        if (warning == null) {
            return new Outcome(affected, 0, List.of());
        }
        List<ServerWarnings.Warning> warnings = new ArrayList<>();
        for (SQLWarning w = warning; w != null; w = w.getNextWarning()) {
            warnings.add(new ServerWarnings.Warning(w.getErrorCode(), w.getMessage()));
        }
        statement.clearWarnings();
        long count = warnings.size() >= KEPT_WARNINGS ? Math.max(warnings.size(), warningCount()) : warnings.size();
        TableKeys keys = plan.table() == null ? TableKeys.UNKNOWN : owner.tableKeys(plan.table(), connection);
        return new Outcome(affected, count, ServerWarnings.read(plan.text(), warnings, keys));
    }

    /** Counts tables in a transaction of its own; a count that fails is left to the end of the import. */
    private void count(Collection<String> tables) {
        try {
            owner.counted(ServerCounts.of(connection, tables));
            connection.commit();
        } catch (SQLException e) {
            rollback();
        }
    }

    /** Ends the failed statement's transaction, if the connection still stands; a lost one took it away already. */
    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // the connection is gone: the server rolled the transaction back when it lost it
        }
    }

    /** Executes one statement, reading through all its results; returns the rows it changed. */
    private long executeSql(String sql) throws SQLException {
        boolean resultSet = statement.execute(sql);
        long affected = 0;
        while (true) {
            if (resultSet) {
                try (ResultSet ignored = statement.getResultSet()) {
                    // results of a SELECT or a CALL in the script are not the import's business
                }
            } else {
                long count = statement.getLargeUpdateCount();
                if (count < 0) {
                    return affected;
                }
                affected += count;
            }
            resultSet = statement.getMoreResults();
        }
    }

    /** All the warnings of the last statement, past those the server keeps. */
    private long warningCount() throws SQLException {
        try (Statement count = connection.createStatement();
             ResultSet result = count.executeQuery("SELECT @@warning_count")) {
            return result.next() ? result.getLong(1) : 0;
        }
    }
}
