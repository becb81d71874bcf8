package fr.esup.podmigrate.sql.load;

import fr.esup.podmigrate.sql.ConnectionFactory;
import fr.esup.podmigrate.sql.ImportProgress;
import fr.esup.podmigrate.sql.load.ImportPlanner.Plan;
import fr.esup.podmigrate.sql.script.KeysAfterRows;
import fr.esup.podmigrate.sql.script.ScriptAnalyzer.DataRun;
import fr.esup.podmigrate.sql.script.ScriptAnalyzer;
import fr.esup.podmigrate.sql.script.SqlStatement;
import fr.esup.podmigrate.sql.script.StatementKind;
import fr.esup.podmigrate.sql.script.StatementReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One execution of a script, after its pre-scan: the importing thread reads the statements in order, plans each
 * and hands it to a worker; a table's statements always go to the same worker, so they run in script order; a
 * session statement goes to every worker; anything else runs alone once all workers are idle. A long run of one
 * table's INSERTs in a plain script is handed over as its place in the file, and the worker reads it itself while
 * the importing thread goes on past it: tables then load side by side, whatever their order in the script; each
 * statement is still accounted and checkpointed on its own.
 */
final class ImportRun implements ImportWorker.Owner {

    /** Characters of statement text handed to workers and not yet executed. */
    private static final int BUDGET_CHARS = 32 << 20;
    private static final long PROGRESS_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long CHECKPOINT_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final int ER_CONNECTION_KILLED = 1927;

    private enum Stop { CANCELLED, FAILED, BROKEN }

    private final ImportOptions options;
    private final Path script;
    private final ScriptAnalyzer.Scan scan;
    private final ImportLedger ledger;
    private final ImportPlanner planner;
    private final List<ImportWorker> workers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final Map<String, ImportWorker> tableWorkers = new HashMap<>();
    private final KeysDue keysDue;
    /** Tables created without their held keys and not given them yet, for an import that stops before. */
    private final Map<String, KeysAfterRows> tablesWithoutKeys = new ConcurrentHashMap<>();
    private final Map<String, TableKeys> tableKeys = new ConcurrentHashMap<>();
    /** CREATE and ALTER TABLE statements handed out and not yet over. */
    private final AtomicInteger tableDefinitionsPending = new AtomicInteger();
    /** Rows of the tables the workers counted once they had written them for the last time. */
    private final Map<String, Long> countedWhenWritten = new ConcurrentHashMap<>();
    /** Set once the server or the driver refused a LOAD DATA LOCAL (see {@link LiteralLoad}). */
    private final AtomicBoolean literalLoadsRefused = new AtomicBoolean();
    private final Map<String, Boolean> utf8mb4Tables = new ConcurrentHashMap<>();
    /**
     * The tables empty at this point of the script, in script order: counted empty as the import began, or emptied by
     * a TRUNCATE handed out, with nothing handed out for them since. A TRUNCATE of one of them would leave it as it
     * will be (a dump's DROP and CREATE TABLE of a kept table are two), but for its AUTO_INCREMENT counter, which the
     * rows' ids raise as they load.
     */
    private final Set<String> knownEmpty = new HashSet<>();
    /** Kept tables whose keys wait for their rows, their hold handed out and their giving back not yet. */
    private final Set<String> keysHeldBack = new HashSet<>();
    /** Each table's last run of rows, by its name in the script. */
    private final Map<String, DataRun> lastRuns = new HashMap<>();
    /** Where a table first seen goes. */
    private final Workload workload;
    private final Lock structureChanges = new ReentrantLock();
    private final Semaphore budget = new Semaphore(BUDGET_CHARS);
    private final AtomicInteger pending = new AtomicInteger();
    private final Object idle = new Object();
    /** Notified as a worker's task ends: the worker may be free for another table. */
    private final Object free = new Object();
    private volatile Stop stop;
    private volatile Exception broken;
    private long lastProgress;
    private long lastCheckpoint;
    private long checkpointedChanges = -1;

    /** @param emptyAtStart tables that held no row as the import began, and that no write of another can reach */
    ImportRun(ImportOptions options, Path script, ScriptAnalyzer.Scan scan, ImportLedger ledger,
              Set<String> emptyAtStart) {
        this.options = options;
        this.script = script;
        this.scan = scan;
        this.ledger = ledger;
        this.knownEmpty.addAll(emptyAtStart);
        this.planner = new ImportPlanner(options);
        scan.runs().forEach(run -> lastRuns.put(run.table(), run));
        this.workload = new Workload(scan.runs(), options.parallelism());
        this.keysDue = new KeysDue(scan.runs(),
                (table, keys) -> submit(worker(table), new ImportWorker.AddKeys(table, keys)));
    }

    /** Runs the import on {@code first} and as many more connections as the parallelism asks; closes them all. */
    ImportResult execute(Connection first, ConnectionFactory factory, long startedNanos)
            throws IOException, SQLException {
        boolean reachedEnd = false;
        try {
            startWorkers(first, factory);
            try {
                reachedEnd = readAndDispatch();
            } catch (IOException e) {
                broke(e);
            }
            if (reachedEnd && stop == null) {
                countWhenWritten(factory);
            }
            awaitIdle();
        } finally {
            stopWorkers();
        }
        if (stop != null) {
            addHeldKeysAfterStop(factory);
        }
        if (broken != null) {
            writeCheckpoint();
            if (broken instanceof IOException io) {
                throw io;
            }
            if (broken instanceof SQLException sql) {
                throw sql;
            }
            throw new IllegalStateException("The import failed", broken);
        }
        boolean completed = reachedEnd && stop == null;
        if (options.checkpointFile() != null) {
            if (completed) {
                Files.deleteIfExists(options.checkpointFile());
            } else {
                writeCheckpoint();
            }
        }
        ImportResult result = ledger.result(completed, stop == Stop.CANCELLED, scan.analysis().statements(),
                planner.missingTables(), Duration.ofNanos(System.nanoTime() - startedNanos), rowsAfter(factory, completed));
        options.progress().accept(new ImportProgress(ledger.bytesDone(), scan.analysis().textBytes(),
                ledger.statementsDone(), ledger.rowsWritten()));
        return result;
    }

    /**
     * An import that stops leaves no table without the keys it held back: neither one it created, as the next import
     * may keep the table as it finds it, nor one it kept. When the import broke (a lost server, say), that may fail too:
     * a resumed import adds those of the tables it created, and any import those of the tables it kept (see
     * {@link KeptTableKeys}).
     */
    private void addHeldKeysAfterStop(ConnectionFactory factory) throws SQLException {
        if (tablesWithoutKeys.isEmpty() && !options.keepTargetStructure()) {
            return;
        }
        try (Connection connection = ImportWorker.openSession(factory)) {
            for (Map.Entry<String, KeysAfterRows> table : tablesWithoutKeys.entrySet()) {
                HeldKeys.add(connection, table.getKey(), table.getValue());
            }
            KeptTableKeys.giveAllBack(connection);
        } catch (SQLException e) {
            if (broken == null) {
                throw e;
            }
            broken.addSuppressed(e);
        }
    }

    /**
     * With the whole script handed out, each worker counts the tables it wrote once it is done with them: the counts
     * come while the other workers still load, rather than one after the other at the end. Only where a statement
     * writes no table but its own (see {@link ServerCounts#writesStayInTheirTables}), checked once every table
     * definition handed out has run: from then on, no statement left can change that.
     */
    private void countWhenWritten(ConnectionFactory factory) {
        while (stop == null) {
            synchronized (free) {
                if (tableDefinitionsPending.get() == 0) {
                    break;
                }
                awaitATaskEnd();
            }
            housekeeping();
        }
        if (stop != null) {
            return;
        }
        try (Connection connection = factory.open()) {
            if (!ServerCounts.writesStayInTheirTables(connection)) {
                return;
            }
        } catch (SQLException e) {
            return; // the tables are counted at the end, where a failure is told
        }
        Map<ImportWorker, List<String>> tablesOfWorkers = new HashMap<>();
        tableWorkers.forEach((table, worker) -> tablesOfWorkers.computeIfAbsent(worker, w -> new ArrayList<>()).add(table));
        tablesOfWorkers.forEach((worker, tables) -> submit(worker, new ImportWorker.Count(tables)));
    }

    /**
     * The rows each table the import touched holds now, counted by the server: those the workers did not count
     * once written are counted here. An import that stopped early reports what it can: a server that cannot count
     * then must not hide why it stopped.
     */
    private Map<String, Long> rowsAfter(ConnectionFactory factory, boolean completed) throws SQLException {
        Set<String> tables = ledger.tables();
        List<String> uncounted = tables.stream().filter(table -> !countedWhenWritten.containsKey(table)).toList();
        Map<String, Long> countedNow = Map.of();
        if (!uncounted.isEmpty()) {
            try (Connection connection = factory.open()) {
                countedNow = ServerCounts.of(connection, uncounted);
            } catch (SQLException e) {
                if (completed) {
                    throw e;
                }
            }
        }
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String table : tables) {
            Long count = countedWhenWritten.getOrDefault(table, countedNow.get(table));
            if (count != null) {
                rows.put(table, count);
            }
        }
        return rows;
    }

    private void startWorkers(Connection first, ConnectionFactory factory) throws SQLException {
        for (int i = 0; i < options.parallelism(); i++) {
            Connection connection = i == 0 ? first : null;
            try {
                if (connection == null) {
                    connection = ImportWorker.openSession(factory);
                }
                workers.add(new ImportWorker(connection, script, this));
            } catch (SQLException | RuntimeException e) {
                if (connection != null) {
                    connection.close();
                }
                throw e;
            }
            Thread thread = new Thread(workers.get(i), "pod-migrate-import-" + (i + 1));
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
    }

    /** Reads the script and hands its statements out; true when it read to the end. */
    private boolean readAndDispatch() throws IOException {
        boolean offload = options.parallelism() > 1;
        Iterator<DataRun> runs = scan.runs().iterator();
        DataRun nextRun = runs.hasNext() ? runs.next() : null;
        StatementReader reader = StatementReader.open(script);
        try {
            long index = 0;
            long previousEnd = 0;
            while (stop == null) {
                housekeeping();
                if (nextRun != null && nextRun.first() == index) {
                    DataRun run = nextRun;
                    nextRun = runs.hasNext() ? runs.next() : null;
                    // a table the import leaves out has no rewriter: its statements are read here, each skipped
                    InsertRewriter rewriter = offload ? planner.rewriterForRows(run.table()) : null;
                    if (rewriter != null) {
                        rows(run, rewriter);
                        reader.close();
                        reader = StatementReader.openAt(script, run.end());
                        index = run.last() + 1;
                        previousEnd = run.end().offset();
                    }
                    continue;
                }
                SqlStatement statement = reader.next();
                if (statement == null) {
                    ledger.readPast(reader.offset() - previousEnd);
                    keysDue.scriptEnded();
                    giveAllKeysBack();
                    return true;
                }
                long bytes = statement.endOffset() - previousEnd;
                previousEnd = statement.endOffset();
                dispatch(index++, statement, bytes);
            }
            return false;
        } finally {
            reader.close();
        }
    }

    /**
     * Hands a run of a table's rows to the table's worker. The keys of a table whose structure the import keeps wait
     * for its rows (see {@link KeptTableKeys}): held back before its first run, given back after its last.
     */
    private void rows(DataRun run, InsertRewriter rewriter) {
        String table = rewriter.targetTable();
        touched(table);
        boolean hold = options.keepTargetStructure() && keysHeldBack.add(table);
        submit(worker(table, run.table(), run.first()), new ImportWorker.Rows(run, rewriter, hold));
        if (lastRuns.get(run.table()) == run && keysHeldBack.remove(table)) {
            submit(worker(table), new ImportWorker.GiveKeysBack(table));
        }
    }

    /** Gives back the keys of every kept table held back, each by its worker, after what it was handed. */
    private void giveAllKeysBack() {
        for (String table : keysHeldBack) {
            submit(worker(table), new ImportWorker.GiveKeysBack(table));
        }
        keysHeldBack.clear();
    }

    private void dispatch(long index, SqlStatement statement, long bytes) {
        Plan plan = planner.plan(statement);
        KeysAfterRows heldKeys = keysDue.next(statement, plan, ledger.isDone(index));
        if (ledger.isDone(index)) {
            if (plan.action() == ImportPlanner.Action.SESSION) {
                broadcast(plan);
            }
            touched(plan.table());
            ledger.alreadyDone(plan, bytes);
            return;
        }
        if (plan.action() == ImportPlanner.Action.TABLE && plan.truncates() && knownEmpty.contains(plan.table())) {
            // the same as executing it: the table is emptied, and the ledger counts its rows from none
            ledger.executed(index, statement.endOffset(), bytes, plan, 0, 0, List.of());
            return;
        }
        if (plan.action() != ImportPlanner.Action.SKIP && plan.action() != ImportPlanner.Action.SESSION) {
            touched(plan.action() == ImportPlanner.Action.ALONE ? null : plan.table());
            if (plan.action() == ImportPlanner.Action.TABLE && plan.truncates()) {
                knownEmpty.add(plan.table());
            }
        }
        switch (plan.action()) {
            case SKIP -> ledger.skipped(index, statement.endOffset(), bytes, plan);
            case FAIL -> failed(plan, new SQLException(plan.error()), bytes);
            case SESSION -> {
                if (plan.afterIdle()) {
                    awaitIdle();
                }
                broadcast(plan);
                ledger.sessionDispatched(index, statement.endOffset(), bytes);
            }
            case TABLE -> execute(worker(plan.table(), statement.table(), index), index, statement.endOffset(), bytes,
                    plan, heldKeys);
            case ALONE -> {
                giveAllKeysBack();
                awaitIdle();
                execute(workers.get(0), index, statement.endOffset(), bytes, plan, null);
                awaitIdle();
            }
        }
    }

    /** Something may write the table from now on (all tables, for null): a TRUNCATE of it is no longer idle. */
    private void touched(String table) {
        if (table == null) {
            knownEmpty.clear();
        } else {
            knownEmpty.remove(table);
        }
    }

    private void broadcast(Plan plan) {
        AtomicBoolean reported = new AtomicBoolean();
        for (ImportWorker worker : workers) {
            submit(worker, new ImportWorker.Session(plan, reported));
        }
    }

    private void execute(ImportWorker worker, long index, long endOffset, long bytes, Plan plan,
                         KeysAfterRows heldKeys) {
        int permits = Math.min(plan.text().length(), BUDGET_CHARS);
        try {
            while (!budget.tryAcquire(permits, 100, TimeUnit.MILLISECONDS)) {
                housekeeping();
                if (stop != null) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(Stop.CANCELLED);
            return;
        }
        if (definesTable(plan)) {
            tableDefinitionsPending.incrementAndGet();
        }
        submit(worker, new ImportWorker.Execute(index, endOffset, bytes, plan, permits, heldKeys));
    }

    private static boolean definesTable(Plan plan) {
        return plan.kind() == StatementKind.CREATE_TABLE || plan.kind() == StatementKind.ALTER_TABLE;
    }

    private void submit(ImportWorker worker, ImportWorker.Task task) {
        pending.incrementAndGet();
        worker.submit(task);
    }

    /** The worker of a table bound already (else bound as a large one is). */
    private ImportWorker worker(String table) {
        return worker(table, null, Long.MAX_VALUE);
    }

    /**
     * The worker of a table, bound as the table is first seen (see {@link Workload}).
     *
     * @param scriptTable the table's name in the script; null when it is bound already
     * @param index       the statement handed out
     */
    private ImportWorker worker(String table, String scriptTable, long index) {
        ImportWorker bound = tableWorkers.get(table);
        if (bound == null) {
            bound = scriptTable != null && workload.goesToABusyWorker(scriptTable, index)
                    ? Workload.leastBusy(workers) : freeWorker();
            tableWorkers.put(table, bound);
        }
        return bound;
    }

    private ImportWorker freeWorker() {
        while (workers.size() > 1 && stop == null) {
            synchronized (free) {
                for (ImportWorker worker : workers) {
                    if (worker.free()) {
                        return worker;
                    }
                }
                awaitATaskEnd();
            }
            housekeeping();
        }
        return workers.get(0);
    }

    /** Waits, holding {@link #free}, until a worker's task ends or a tenth of a second has passed. */
    private void awaitATaskEnd() {
        try {
            free.wait(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(Stop.CANCELLED);
        }
    }

    /** Waits until every task handed out is over (or the import stops and they are dropped). */
    private void awaitIdle() {
        while (true) {
            synchronized (idle) {
                if (pending.get() == 0) {
                    return;
                }
                try {
                    idle.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stop(Stop.CANCELLED);
                    return;
                }
            }
            housekeeping();
        }
    }

    private void stopWorkers() throws SQLException {
        for (ImportWorker worker : workers) {
            worker.submit(ImportWorker.END);
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        SQLException closing = null;
        for (ImportWorker worker : workers) {
            try {
                worker.connection().close();
            } catch (SQLException e) {
                closing = e;
            }
        }
        if (closing != null && broken == null && stop == null) {
            throw closing;
        }
    }

    /** Checks for a cancel, tells the progress and writes the checkpoint, each at its pace. */
    private void housekeeping() {
        if (stop == null && options.cancelled().getAsBoolean()) {
            stop(Stop.CANCELLED);
        }
        long now = System.nanoTime();
        if (now - lastProgress >= PROGRESS_NANOS) {
            lastProgress = now;
            options.progress().accept(new ImportProgress(ledger.bytesDone(), scan.analysis().textBytes(),
                    ledger.statementsDone(), ledger.rowsWritten()));
        }
        if (options.checkpointFile() != null && now - lastCheckpoint >= CHECKPOINT_NANOS) {
            lastCheckpoint = now;
            try {
                writeCheckpoint();
            } catch (IOException e) {
                broke(e);
            }
        }
    }

    private void writeCheckpoint() throws IOException {
        if (options.checkpointFile() == null) {
            return;
        }
        long changes = ledger.changes();
        if (changes != checkpointedChanges) {
            ledger.checkpoint().write(options.checkpointFile());
            checkpointedChanges = changes;
        }
    }

    private void stop(Stop reason) {
        synchronized (idle) {
            if (stop == null) {
                stop = reason;
            }
        }
    }

    @Override
    public boolean stopped() {
        return stop != null;
    }

    @Override
    public ImportLedger ledger() {
        return ledger;
    }

    @Override
    public void failed(Plan plan, SQLException error, long bytes) {
        String message = error.getMessage() == null ? error.toString()
                : error.getMessage().replaceFirst("^\\(conn=\\d+\\) ", "");
        ImportError importError = new ImportError(plan.line(), plan.table(), plan.statementHead(),
                error.getErrorCode(), message);
        int errors = ledger.failed(plan, importError, bytes);
        if (errors >= options.errorLimit() || connectionLost(error)) {
            stop(Stop.FAILED);
        }
    }

    @Override
    public void broke(Exception error) {
        synchronized (idle) {
            if (broken == null) {
                broken = error;
            }
        }
        stop(Stop.BROKEN);
    }

    @Override
    public void finished(ImportWorker.Task task) {
        if (task instanceof ImportWorker.Execute execute) {
            budget.release(execute.budget());
            if (definesTable(execute.plan())) {
                tableDefinitionsPending.decrementAndGet();
            }
        }
        if (ImportWorker.occupies(task)) {
            synchronized (free) {
                free.notifyAll();
            }
        }
        if (pending.decrementAndGet() == 0) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    @Override
    public void counted(Map<String, Long> rows) {
        countedWhenWritten.putAll(rows);
    }

    @Override
    public TableKeys tableKeys(String table, Connection connection) {
        return tableKeys.computeIfAbsent(table, t -> {
            try {
                return TableKeys.read(connection, t);
            } catch (SQLException e) {
                // without them, the rows behind warnings go unnamed; the counts stand
                return TableKeys.UNKNOWN;
            }
        });
    }

    @Override
    public boolean literalStatements(DataRun run) {
        return run.bytes() >= options.literalStatementBytes() * (run.last() - run.first() + 1);
    }

    @Override
    public void createdWithoutKeys(String table, KeysAfterRows keys) {
        tablesWithoutKeys.put(table, keys);
    }

    @Override
    public Lock structureChanges() {
        return structureChanges;
    }

    @Override
    public void keysAdded(String table) {
        tablesWithoutKeys.remove(table);
    }

    @Override
    public boolean literalLoads() {
        return !literalLoadsRefused.get();
    }

    @Override
    public void literalLoadsRefused() {
        literalLoadsRefused.set(true);
    }

    @Override
    public boolean utf8mb4Text(String table, Connection connection) {
        return utf8mb4Tables.computeIfAbsent(table, t -> {
            try {
                return BinaryRows.utf8mb4Text(connection, t);
            } catch (SQLException e) {
                return false;
            }
        });
    }

    /** The connection is gone: the server rolled its transaction back, and the import stops. */
    static boolean connectionLost(SQLException error) {
        String state = error.getSQLState();
        return error instanceof SQLNonTransientConnectionException || error.getErrorCode() == ER_CONNECTION_KILLED
                || (state != null && state.startsWith("08"));
    }
}
