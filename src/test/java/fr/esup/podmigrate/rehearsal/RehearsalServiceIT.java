package fr.esup.podmigrate.rehearsal;

import fr.esup.podmigrate.backup.Backups;
import fr.esup.podmigrate.backup.TestBackups;
import fr.esup.podmigrate.dump.Podv2ScriptOptions;
import fr.esup.podmigrate.dump.ScriptFile;
import fr.esup.podmigrate.dump.ScriptFiles;
import fr.esup.podmigrate.dump.ScriptGeneration;
import fr.esup.podmigrate.importing.Imported;
import fr.esup.podmigrate.pod.PodTestDatabase;
import fr.esup.podmigrate.pod.PodVersion;
import fr.esup.podmigrate.checklist.ChecklistStore;
import fr.esup.podmigrate.job.Job;
import fr.esup.podmigrate.job.JobRunner;
import fr.esup.podmigrate.job.JobStatus;
import fr.esup.podmigrate.run.RefusedException;
import fr.esup.podmigrate.run.RunFixture;
import fr.esup.podmigrate.run.RunStore;
import fr.esup.podmigrate.run.WizardStep;
import fr.esup.podmigrate.sql.dump.DumpOptions;
import fr.esup.podmigrate.sql.dump.DumpWriter;
import fr.esup.podmigrate.testsupport.TestServer;
import fr.esup.podmigrate.testsupport.TestWorkspaces;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The console's rehearsal on the real server: it makes the choices the wizard holds and its recipe records them
 * (podv2.sql's generation options, the error policy, the checklist), its state outlives a restart, its scratch
 * database is dropped only on request, and the replay of its recipe, started from the console on a fresher podv2.sql, brings
 * every row v2 gained since.
 */
class RehearsalServiceIT {

    @Test
    void aRehearsalFromTheConsoleThenItsReplayOnAFresherPodv2Sql() throws Exception {
        try (PodTestDatabase v2 = PodTestDatabase.generatedV2(PodVersion.V2_9_3, 10, 11);
             PodTestDatabase v3 = PodTestDatabase.wipedBlank(PodVersion.V3_0_5);
             RunFixture run = RunFixture.on(v3, null)) {
            ScriptFiles scripts = new ScriptFiles(run.workspace);
            dump(v2, run.workspace.importFolder().resolve("podv2.sql"));
            scripts.select(scripts.find("import/podv2.sql").orElseThrow());
            ChecklistStore checklist = new ChecklistStore(run.workspace);
            checklist.tick("video_type", "alice");
            RunStore runStore = new RunStore(run.workspace);
            JobRunner runner = new JobRunner(run.jobs, runStore);
            RehearsalService service = service(run, scripts, runner, runStore);
            Map<String, Long> before = checksums(v3);
            try {
                RehearsalRun rehearsal = service.start("alice");
                Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
                while (rehearsal.running() && Instant.now().isBefore(deadline)) {
                    Thread.sleep(200);
                }

                assertThat(rehearsal.status()).as(String.valueOf(rehearsal.problem())).isEqualTo(RehearsalRun.Status.COMPLETE);
                assertThat(rehearsal.steps()).extracting(RehearsalRun.StepLine::step)
                        .containsExactly("copy", "wipe", "import", "site-fixes", "broadcasters", "verify");
                assertThat(checksums(v3)).isEqualTo(before);
                Recipe recipe = service.recipe().orElseThrow();
                assertThat(recipe.checked()).containsExactly("video_type");
                assertThat(recipe.rehearsal().verdict()).isEqualTo("complete");
                assertThat(databases()).contains(service.scratch().name());
                assertThatThrownBy(() -> service.drop("alice", v3.name())).isInstanceOf(RefusedException.class);
                service.drop("alice", service.scratch().name());
                assertThat(databases()).doesNotContain(service.scratch().name()).contains(v3.name(), v2.name());

                TestBackups.execute(v2, "INSERT INTO video_type (id, title, slug, description) VALUES"
                        + " (9001, 'After the rehearsal', 'after-the-rehearsal', '')");
                dump(v2, run.workspace.importFolder().resolve("podv2-fresher.sql"));
                scripts.select(scripts.find("import/podv2-fresher.sql").orElseThrow());
                Job replay = service.startReplay("alice", v3.name());
                while (!runner.find(replay.id()).orElseThrow().status().finished() && Instant.now().isBefore(deadline)) {
                    Thread.sleep(200);
                }

                Job ended = runner.find(replay.id()).orElseThrow();
                assertThat(ended.status()).as(String.valueOf(ended.message())).isEqualTo(JobStatus.SUCCEEDED);
                assertThat(ended.message().key()).isEqualTo("rehearsal.replay.complete");
                Replayed replayed = ended.result(Replayed.class).orElseThrow();
                assertThat(replayed.seconds()).containsKeys("backup", "import", "verify");
                assertThat(replayed.report()).startsWith("exports/replay-");
                assertThat(replayed.warningsOf("import")).as("the analysis' warnings, as the page shows them")
                        .isNotEmpty().allSatisfy(warning -> assertThat(warning.keyed()).isTrue());
                assertThat(service.replayReport()).hasValueSatisfying(report -> assertThat(report)
                        .isEqualTo(run.workspace.root().resolve(replayed.report())).content().startsWith("# Replay of"));
                try (Connection c = v3.connect()) {
                    assertThat(TestBackups.rows(c, "video_type")).anySatisfy(row -> assertThat(row).contains("After the rehearsal"));
                }
            } finally {
                service.destroy();
                TestServer.get().dropDatabase(v3.name() + ScratchCopy.SUFFIX);
            }
        }
    }

    @Test
    void aConsoleRehearsalMakesTheWizardsChoicesRecordsThemAndIsShownAfterARestart() throws Exception {
        try (PodTestDatabase v2 = PodTestDatabase.generatedV2(PodVersion.V2_9_3, 5, 12);
             PodTestDatabase v3 = PodTestDatabase.wipedBlank(PodVersion.V3_0_5);
             RunFixture run = RunFixture.on(v3, v2)) {
            ScriptFiles scripts = new ScriptFiles(run.workspace);
            RunStore runStore = new RunStore(run.workspace);
            JobRunner runner = new JobRunner(run.jobs, runStore);
            Podv2ScriptOptions generatedWith = new Podv2ScriptOptions(true,
                    DumpOptions.Structure.CREATE_TABLE_IF_NOT_EXISTS, true, DumpOptions.InsertMode.INSERT_IGNORE, true);
            Job generation = new ScriptGeneration(run.databases, runner, scripts, runStore).start(generatedWith, "alice");
            Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
            while (!runner.find(generation.id()).orElseThrow().status().finished() && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
            }
            ScriptFile script = scripts.selected().orElseThrow();
            run.job(WizardStep.IMPORT, JobStatus.FAILED, Instant.now(), new Imported(script.id(), null, true, false,
                    Map.of(), Map.of(), Map.of(), List.of(), List.of()));
            RehearsalService service = service(run, scripts, runner, runStore);
            try {
                RehearsalChoices choices = service.choices(script);
                assertThat(choices.recipe().podv2().generation()).isEqualTo(Recipe.Generation.of(generatedWith));
                assertThat(choices.recipe().errorPolicy()).isEqualTo("continue");
                // The import of this very script chose the section; the wiped target has no site 1 yet.
                assertThat(choices.defaults()).containsExactlyInAnyOrder(RehearsalChoices.SITE,
                        RehearsalChoices.SITE_FIXES, RehearsalChoices.BROADCASTERS);

                RehearsalRun rehearsal = service.start("alice");
                while (rehearsal.running() && Instant.now().isBefore(deadline)) {
                    Thread.sleep(200);
                }

                assertThat(rehearsal.status()).as(String.valueOf(rehearsal.problem())).isEqualTo(RehearsalRun.Status.COMPLETE);
                Recipe recipe = service.recipe().orElseThrow();
                assertThat(recipe.podv2().generation()).isEqualTo(Recipe.Generation.of(generatedWith));
                assertThat(recipe.errorPolicy()).isEqualTo("continue");
                assertThat(recipe.sourceDatabase()).isNull();
            } finally {
                service.destroy();
                TestServer.get().dropDatabase(v3.name() + ScratchCopy.SUFFIX);
            }

            RehearsalRun shown = service(run, scripts, runner, runStore).latest().orElseThrow();
            assertThat(shown.state()).usingRecursiveComparison().isEqualTo(service.latest().orElseThrow().state());
            assertThat(shown.verdict()).isEqualTo("complete");
            assertThat(shown.steps()).extracting(RehearsalRun.StepLine::step)
                    .containsExactly("copy", "wipe", "import", "site-fixes", "broadcasters", "verify");

            new RehearsalStore(run.workspace).save(new RehearsalRun.State("rehearsal-stopped", "alice", Instant.now(),
                    RehearsalRun.Status.RUNNING, "import", List.of(new RehearsalRun.StepLine("copy", 10, "copy", List.of())), null,
                    null));
            RehearsalRun interrupted = service(run, scripts, runner, runStore).latest().orElseThrow();
            assertThat(interrupted.status()).isEqualTo(RehearsalRun.Status.INTERRUPTED);
            assertThat(interrupted.currentStep()).isNull();
            assertThat(interrupted.steps()).extracting(RehearsalRun.StepLine::step).containsExactly("copy");
            assertThat(new RehearsalStore(run.workspace).load().orElseThrow().status())
                    .isEqualTo(RehearsalRun.Status.INTERRUPTED);
        }
    }

    private static RehearsalService service(RunFixture run, ScriptFiles scripts, JobRunner runner, RunStore runStore) {
        return new RehearsalService(run.databases, TestWorkspaces.properties(run.workspace.root()),
                new Backups(run.workspace), run.workspace, scripts, new ChecklistStore(run.workspace), runner, run.jobs,
                runStore);
    }

    private static void dump(PodTestDatabase db, Path script) throws Exception {
        try (Connection c = db.connect()) {
            new DumpWriter(Podv2ScriptOptions.PROCEDURE.toDumpOptions().build()).write(c, script);
        }
    }

    private static Map<String, Long> checksums(PodTestDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            return TestBackups.checksums(c);
        }
    }

    private static List<String> databases() throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = TestServer.get().connect(""); ResultSet rs = c.createStatement().executeQuery("SHOW DATABASES")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
