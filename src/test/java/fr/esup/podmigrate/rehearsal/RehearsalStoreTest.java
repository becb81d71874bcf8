package fr.esup.podmigrate.rehearsal;

import fr.esup.podmigrate.run.Message;
import fr.esup.podmigrate.testsupport.TestWorkspaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RehearsalStoreTest {

    @TempDir
    Path dir;

    @Test
    void aStepsWarningsAreReadBackWithTheirKeysAndArguments() {
        RehearsalStore store = new RehearsalStore(TestWorkspaces.in(dir));
        List<Message> warnings = List.of(Message.of("problem.supplementary-lost", 29_185, 6, "video_comment", "utf8mb3"),
                Message.of("problem.no-target"));
        RehearsalRun.State state = new RehearsalRun.State("rehearsal-1234abcd", "alice",
                Instant.parse("2026-12-01T09:12:44Z"), RehearsalRun.Status.NOT_COMPLETE, null,
                List.of(new RehearsalRun.StepLine("import", 41_000, "done", warnings)), "not-complete", null);

        store.save(state);

        List<RehearsalRun.StepLine> steps = store.load().orElseThrow().steps();
        assertThat(steps).hasSize(1);
        assertThat(steps.get(0).warnings()).isEqualTo(warnings);
        assertThat(steps.get(0).warnings().get(0).english()).startsWith("The rows of 6 tables (video_comment) hold"
                + " 29,185 characters beyond U+FFFF");
    }

    @Test
    void aStateSavedBeforeStepsHadWarningsReadsWithNone() throws Exception {
        Path file = Files.createDirectories(TestWorkspaces.in(dir).runs()).resolve("rehearsal.json");
        Files.writeString(file, """
                {"id":"rehearsal-1234abcd","operator":"alice","startedAt":"2026-12-01T09:12:44Z","status":"COMPLETE",
                 "currentStep":null,"steps":[{"step":"import","millis":41000,"outcome":"done"}],
                 "verdict":"complete","problem":null}""");

        List<RehearsalRun.StepLine> steps = new RehearsalStore(TestWorkspaces.in(dir)).load().orElseThrow().steps();

        assertThat(steps).extracting(RehearsalRun.StepLine::step).containsExactly("import");
        assertThat(steps.get(0).warnings()).isEmpty();
    }
}
