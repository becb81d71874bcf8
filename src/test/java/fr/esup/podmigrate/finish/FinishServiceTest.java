package fr.esup.podmigrate.finish;

import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.config.Databases;
import fr.esup.podmigrate.run.RunStore;
import fr.esup.podmigrate.run.StepState;
import fr.esup.podmigrate.run.StepStatus;
import fr.esup.podmigrate.run.WizardStep;
import fr.esup.podmigrate.testsupport.TestWorkspaces;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Marking the migration finished: the step's status and the audit log, without a database. */
class FinishServiceTest {

    @TempDir
    Path dir;

    private RunStore runStore;
    private FinishService service;

    @BeforeEach
    void setUp() {
        runStore = new RunStore(TestWorkspaces.in(dir));
        service = new FinishService(new Databases(new DatabaseEndpoint("jdbc:mariadb://h:3306/pod", "u", "", "t"),
                Optional.empty(), false), runStore);
    }

    @Test
    void overACompleteVerificationItIsRecordedWithoutAReason() {
        runStore.record(WizardStep.VERIFY, StepStatus.DONE, "bob", "job verify-1 succeeded");

        assertThat(service.finish("alice", null)).isTrue();
        assertThat(runStore.state(WizardStep.FINISH)).extracting(StepState::status, StepState::operator, StepState::reason)
                .containsExactly(StepStatus.DONE, "alice", null);
    }

    @Test
    void overAnIncompleteVerificationItNeedsTheOperatorsReason() {
        runStore.record(WizardStep.VERIFY, StepStatus.FAILED, "bob", "job verify-1 succeeded");

        assertThat(service.finish("alice", null)).isFalse();
        assertThat(runStore.state(WizardStep.FINISH).status()).isEqualTo(StepStatus.NOT_STARTED);

        assertThat(service.finish("alice", "extra rows are ours")).isTrue();
        assertThat(runStore.state(WizardStep.FINISH)).extracting(StepState::status, StepState::reason)
                .containsExactly(StepStatus.DONE, "extra rows are ours");
        assertThat(TestWorkspaces.auditLines(dir)).last().asString()
                .contains("finish: services restarted, videos reindexed and media files carried over, over a"
                        + " verification that is not complete -> done (reason: extra rows are ours)");
    }
}
