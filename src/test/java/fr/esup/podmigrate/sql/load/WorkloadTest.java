package fr.esup.podmigrate.sql.load;

import fr.esup.podmigrate.sql.script.ScriptAnalyzer.DataRun;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WorkloadTest {

    /** Two large tables, each 1,000 rows of 1,000 bytes, with a small one between them. */
    private static final List<DataRun> RUNS = List.of(
            run("early", 2, 3, 500_000, 500), run("early", 4, 4, 500_000, 500),
            run("small", 7, 7, 10_000, 100),
            run("late", 10, 11, 1_000_000, 1_000));

    @Test
    void aRowWeighsItsBytesAndWhatTheServerSpendsOnAnyRow() {
        assertThat(Workload.of(run("t", 0, 0, 20_000, 100))).isEqualTo(20_000 + 100 * Workload.ROW_BYTES);
    }

    @Test
    void aSmallTableGoesToABusyWorkerOnlyWhileALargeTablesRowsAreToCome() {
        Workload workload = new Workload(RUNS, 2);

        assertThat(workload.goesToABusyWorker("small", 6)).isTrue();
        assertThat(workload.goesToABusyWorker("without_runs", 9)).isTrue();
        assertThat(workload.goesToABusyWorker("small", 10)).isFalse();
        assertThat(workload.goesToABusyWorker("without_runs", 12)).isFalse();
    }

    @Test
    void aLargeTableWaitsForAFreeWorker() {
        Workload workload = new Workload(RUNS, 2);

        assertThat(workload.goesToABusyWorker("early", 0)).isFalse();
        assertThat(workload.goesToABusyWorker("late", 8)).isFalse();
    }

    @Test
    void aTableIsLargeFromAQuarterOfAConnectionsShare() {
        // 2.63 MB weighed in all: a quarter of a connection's share is 329 KB with two connections, 164 KB with four
        List<DataRun> runs = List.of(run("middle", 0, 0, 10_000, 600), run("rest", 5, 5, 2_440_000, 0));

        assertThat(new Workload(runs, 2).goesToABusyWorker("middle", 1)).isTrue();
        assertThat(new Workload(runs, 4).goesToABusyWorker("middle", 1)).isFalse();
    }

    @Test
    void withoutRunsEveryTableWaitsForAFreeWorker() {
        assertThat(new Workload(List.of(), 4).goesToABusyWorker("t", 0)).isFalse();
    }

    @Test
    void theLeastBusyWorkerIsAFreeOneElseTheOneWithTheLeastAhead() {
        Worker loaded = new Worker(false, 900);
        Worker lighter = new Worker(false, 300);
        Worker free = new Worker(true, 0);

        assertThat(Workload.leastBusy(List.of(loaded, lighter, free))).isSameAs(free);
        assertThat(Workload.leastBusy(List.of(loaded, lighter))).isSameAs(lighter);
    }

    private record Worker(boolean free, long backlog) implements Workload.Busy {
    }

    private static DataRun run(String table, long first, long last, long bytes, long rows) {
        return new DataRun(table, first, last, null, null, bytes, rows);
    }
}
