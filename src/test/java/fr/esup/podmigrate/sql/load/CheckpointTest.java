package fr.esup.podmigrate.sql.load;

import fr.esup.podmigrate.sql.load.ImportPlanner.Action;
import fr.esup.podmigrate.sql.load.ImportPlanner.Plan;
import fr.esup.podmigrate.sql.script.ScriptHead;
import fr.esup.podmigrate.sql.script.StatementKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckpointTest {

    @TempDir
    Path directory;

    @Test
    void keepsTheStatementsDoneOutOfOrderAndTheRowsOfEachTable() throws IOException {
        Path script = Files.writeString(directory.resolve("s.sql"), "INSERT INTO t VALUES (1);\n".repeat(10));
        ImportLedger ledger = new ImportLedger(Files.size(script), ScriptHead.hash(script), null);
        for (long index : new long[] {0, 1, 3, 5, 4, 8}) {
            ledger.executed(index, 26 * (index + 1), 26, insert("odd;name`\n"), 1, 0, List.of());
        }
        Path file = directory.resolve("import.checkpoint");
        ledger.checkpoint().write(file);

        Checkpoint checkpoint = Checkpoint.read(file).orElseThrow();

        assertThat(checkpoint.matches(script)).isTrue();
        assertThat(checkpoint.doneThrough()).isEqualTo(1);
        assertThat(checkpoint.doneThroughOffset()).isEqualTo(52);
        assertThat(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L)).map(checkpoint::isDone)
                .containsExactly(true, true, false, true, true, true, false, false, true, false);
        assertThat(checkpoint.executedStatements()).isEqualTo(6);
        assertThat(checkpoint.tables()).containsOnlyKeys("odd;name`\n");
        assertThat(checkpoint.tables().get("odd;name`\n").insertedRows()).isEqualTo(6);
        assertThat(Files.list(directory)).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder("s.sql", "import.checkpoint");

        ImportLedger resumed = new ImportLedger(Files.size(script), ScriptHead.hash(script), checkpoint);
        resumed.executed(2, 78, 26, insert("odd;name`\n"), 1, 0, List.of());
        assertThat(resumed.checkpoint().doneThrough()).isEqualTo(5);
        assertThat(resumed.checkpoint().doneThroughOffset()).isEqualTo(156);
        assertThat(resumed.checkpoint().tables().get("odd;name`\n").insertedRows()).isEqualTo(7);
    }

    @Test
    void tellsAnotherScriptAndAMissingOrDamagedFile() throws IOException {
        Path script = Files.writeString(directory.resolve("s.sql"), "INSERT INTO t VALUES (1);\n");
        Path file = directory.resolve("import.checkpoint");
        assertThat(Checkpoint.read(file)).isEmpty();

        new ImportLedger(Files.size(script), ScriptHead.hash(script), null).checkpoint().write(file);
        Files.writeString(script, "INSERT INTO t VALUES (2);\n");
        assertThat(Checkpoint.read(file).orElseThrow().matches(script)).isFalse();

        Files.writeString(file, "something else\n");
        assertThatThrownBy(() -> Checkpoint.read(file)).isInstanceOf(IOException.class);
    }

    private static Plan insert(String table) {
        return new Plan(Action.TABLE, "INSERT INTO t VALUES (1)", table, StatementKind.INSERT, false, 1, 1, null,
                false, null, Map.of(), false, null, null, false);
    }
}
