package fr.esup.podmigrate.run;

import fr.esup.podmigrate.testsupport.TestWorkspaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** A wipe, a restore or a new import sends the steps after it that were done or tried back to "to redo". */
class RunStoreTest {

    @TempDir
    Path dir;

    @Test
    void aNewImportSendsTheStepsItInvalidatesBackToRedoWithTheReason() {
        RunStore store = new RunStore(TestWorkspaces.in(dir));
        store.record(WizardStep.SITE_FIXES, StepStatus.DONE, "alice", "applied");
        store.record(WizardStep.VERIFY, StepStatus.FAILED, "alice", "verdict");
        store.record(WizardStep.FINISH, StepStatus.DONE, "alice", "finished", "extra rows are ours");

        store.record(WizardStep.IMPORT, StepStatus.RUNNING, "bob", "started job import-2");

        assertThat(store.states()).filteredOn(s -> s.step().ordinal() > WizardStep.IMPORT.ordinal())
                .extracting(StepState::step, StepState::status, StepState::reason)
                .containsExactly(
                        tuple(WizardStep.SITE_FIXES, StepStatus.TO_REDO, "import: started job import-2"),
                        tuple(WizardStep.CHECKLIST, StepStatus.NOT_STARTED, null),
                        tuple(WizardStep.VERIFY, StepStatus.TO_REDO, "import: started job import-2"),
                        tuple(WizardStep.FINISH, StepStatus.TO_REDO, "import: started job import-2"));
        assertThat(TestWorkspaces.auditLines(dir)).anySatisfy(line -> assertThat(line).endsWith(
                "finish: finished -> done (reason: extra rows are ours)"))
                .last().satisfies(line -> assertThat(line).endsWith("sitefix, verify, finish -> to-redo (import)"));
    }

    @Test
    void aRestoreUndoingTheWipeDoesTooAndAStepDoneAgainLeavesRedo() {
        RunStore store = new RunStore(TestWorkspaces.in(dir));
        store.record(WizardStep.VERIFY, StepStatus.DONE, "alice", "complete");

        store.record(WizardStep.WIPE, StepStatus.NOT_STARTED, "bob", "undone by the restore of pod.sql.gz");
        assertThat(store.state(WizardStep.VERIFY).status()).isEqualTo(StepStatus.TO_REDO);

        store.record(WizardStep.VERIFY, StepStatus.DONE, "alice", "complete");
        assertThat(store.state(WizardStep.VERIFY)).extracting(StepState::status, StepState::reason)
                .containsExactly(StepStatus.DONE, null);
    }
}
