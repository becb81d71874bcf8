package fr.esup.podmigrate.checklist;

import fr.esup.podmigrate.testsupport.TestWorkspaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ChecklistStoreTest {

    @TempDir
    Path dir;

    @Test
    void theLastTickOrUntickOfAnItemSaysItsStateAndSurvivesARestart() {
        ChecklistStore store = new ChecklistStore(TestWorkspaces.in(dir));
        store.tick("live_event", "alice");
        store.tick("django_flatpage", "bob");
        store.untick("live_event", "bob");
        store.tick("live_event", "carol\tx");

        ChecklistStore restarted = new ChecklistStore(TestWorkspaces.in(dir));
        assertThat(restarted.ticks()).containsOnlyKeys("django_flatpage", "live_event");
        assertThat(restarted.ticks().get("django_flatpage").operator()).isEqualTo("bob");
        assertThat(restarted.ticks().get("live_event").operator()).isEqualTo("carol x");

        restarted.untick("django_flatpage", "alice");
        assertThat(store.ticks()).containsOnlyKeys("live_event");
    }

    @Test
    void anEmptyWorkspaceHasNoTicks() {
        assertThat(new ChecklistStore(TestWorkspaces.in(dir)).ticks()).isEmpty();
    }
}
