package fr.esup.podmigrate.sql.load;

import fr.esup.podmigrate.sql.script.ScriptAnalyzer.DataRun;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a script's tables weigh, for choosing the worker of each: a table goes to a worker with nothing left to do,
 * waited for if need be, so that it starts at once and never waits behind a statement that waits. But while a large
 * table's rows are still to come, a small one goes at once to the worker with the least ahead of it: the importing
 * thread then reaches the large table sooner, which no longer starts after all the small ones before it to load alone
 * at the end (mariadb-dump writes the tables by name: Pod's largest, video_viewcount, comes last).
 * <p>
 * The weight is in bytes of script: each row weighs its bytes and {@link #ROW_BYTES} more, what the server spends on a
 * row whatever its length (on the benchmark's Pod dump, video_viewcount's 288,000 rows of 32 bytes load in about the
 * time of video_encodinglog's 24,000 of 6,400). A table is small when its runs of rows weigh less than a quarter of
 * what each connection has to load.
 */
final class Workload {

    static final long ROW_BYTES = 300;
    private static final int SMALL_TABLE_SHARES = 4;

    /** A worker, as far as the choice goes. */
    interface Busy {

        /** Whether everything handed to it is done. */
        boolean free();

        /** What the tasks handed to it and not over weigh. */
        long backlog();
    }

    /** What each table's runs of rows weigh, by its name in the script. */
    private final Map<String, Long> tables = new HashMap<>();
    private final long smallTable;
    /** The index of the statement that begins the last run of a large table, or -1. */
    private final long lastLargeTableRows;

    Workload(List<DataRun> runs, int connections) {
        runs.forEach(run -> tables.merge(run.table(), of(run), Long::sum));
        long all = tables.values().stream().mapToLong(Long::longValue).sum();
        smallTable = all / ((long) SMALL_TABLE_SHARES * connections);
        lastLargeTableRows = runs.stream().filter(run -> tables.get(run.table()) >= smallTable)
                .mapToLong(DataRun::first).max().orElse(-1);
    }

    /**
     * Whether a table first seen at this statement may go to a busy worker: a small one, while a run of a large one
     * is still to come.
     *
     * @param scriptTable its name in the script, which its runs go by
     * @param index       the statement's index
     */
    boolean goesToABusyWorker(String scriptTable, long index) {
        return index < lastLargeTableRows && tables.getOrDefault(scriptTable, 0L) < smallTable;
    }

    /** A free worker, else the one with the least ahead of it. */
    static <W extends Busy> W leastBusy(List<W> workers) {
        W least = workers.get(0);
        for (W worker : workers) {
            if (worker.free()) {
                return worker;
            }
            if (worker.backlog() < least.backlog()) {
                least = worker;
            }
        }
        return least;
    }

    static long of(DataRun run) {
        return weight(run.bytes(), run.rows());
    }

    static long of(ImportWorker.Task task) {
        if (task instanceof ImportWorker.Rows rows) {
            return of(rows.run());
        }
        if (task instanceof ImportWorker.Execute execute) {
            return weight(execute.bytes(), execute.plan().rows());
        }
        return 0;
    }

    /** @param rows the rows, or -1 when a statement's are not known */
    private static long weight(long bytes, long rows) {
        return bytes + Math.max(0, rows) * ROW_BYTES;
    }
}
