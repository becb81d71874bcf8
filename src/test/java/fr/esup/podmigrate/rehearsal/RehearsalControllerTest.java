package fr.esup.podmigrate.rehearsal;

import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.dump.Podv2ScriptOptions;
import fr.esup.podmigrate.dump.ScriptFile;
import fr.esup.podmigrate.job.Job;
import fr.esup.podmigrate.job.JobKind;
import fr.esup.podmigrate.job.JobProgress;
import fr.esup.podmigrate.job.JobStatus;
import fr.esup.podmigrate.run.WizardStep;
import fr.esup.podmigrate.sql.script.ScriptCompression;
import fr.esup.podmigrate.run.Message;
import fr.esup.podmigrate.run.RefusedException;
import fr.esup.podmigrate.run.RunStore;
import fr.esup.podmigrate.testsupport.WebSliceConfiguration;
import fr.esup.podmigrate.v2.V2Origin;
import fr.esup.podmigrate.v3.ForeignKeyOrphans;
import fr.esup.podmigrate.verify.ContentReport;
import fr.esup.podmigrate.verify.Difference;
import fr.esup.podmigrate.verify.LeftOutColumn;
import fr.esup.podmigrate.verify.TableComparison;
import fr.esup.podmigrate.verify.TableContent;
import fr.esup.podmigrate.verify.Verification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static fr.esup.podmigrate.testsupport.PageShape.fragment;
import static fr.esup.podmigrate.testsupport.PageShape.fullPage;
import static fr.esup.podmigrate.testsupport.PageShape.pendingShownOnEveryHtmxForm;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(controllers = RehearsalController.class, properties = "podmigrate.operator.password={noop}x")
@Import(WebSliceConfiguration.class)
@WithMockUser("alice")
class RehearsalControllerTest {

    private static final DatabaseEndpoint TARGET = new DatabaseEndpoint("jdbc:mariadb://v3.univ.fr:3306/pod", "pod",
            "hunter2", "t");

    @TempDir
    Path dir;

    @Autowired
    MockMvc mvc;

    @MockitoBean
    RehearsalService service;

    @MockitoBean
    RunStore runStore;

    private void onTarget() throws Exception {
        when(service.scratch()).thenReturn(ScratchCopy.of(TARGET, Optional.empty()));
        when(service.target()).thenReturn(TARGET);
        when(service.scratchExists()).thenReturn(true);
    }

    @Test
    void thePageNamesTheScratchDatabaseAndOffersToRehearseFromTheSideBar() throws Exception {
        onTarget();
        mvc.perform(get("/rehearsal"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("href=\"/rehearsal\""),
                        containsString("<code>pod_pmrehearsal</code>"),
                        containsString("id=\"start-rehearsal\""),
                        containsString("Type the database name, pod_pmrehearsal, to confirm"),
                        not(containsString("hunter2")),
                        not(containsString("id=\"start-replay\"")))))
                .andExpect(content().string(fullPage()));
    }

    @Test
    void aRunningRehearsalPollsAndItsEndedStepsShowTheirDurations() throws Exception {
        onTarget();
        RehearsalRun run = new RehearsalRun("rehearsal-1234abcd", "alice", state -> { });
        run.ended("wipe", Duration.ofMillis(1500), "done", List.of());
        run.started("import");
        when(service.start("alice")).thenReturn(run);
        when(service.latest()).thenReturn(Optional.of(run));
        mvc.perform(post("/rehearsal").with(csrf()).header("HX-Request", "true"))
                .andExpect(content().string(allOf(
                        containsString("data-status=\"running\""),
                        containsString("hx-trigger=\"load delay:1s\""),
                        containsString("Now: Import"),
                        containsString("data-step=\"wipe\""),
                        containsString("1.5"),
                        not(containsString("id=\"start-rehearsal\"")))))
                .andExpect(content().string(fragment("rehearsal-panel")));
        verify(service).start("alice");
        verify(service, never()).choices(any());
    }

    @Test
    void aRefusedRehearsalSaysWhyInTheReadersLanguage() throws Exception {
        onTarget();
        when(service.start("alice")).thenThrow(new RefusedException("rehearsal.refused.noScript"));
        mvc.perform(post("/rehearsal").with(csrf()).header("Accept-Language", "fr"))
                .andExpect(content().string(containsString("Choisissez d&#39;abord un podv2.sql")));
    }

    @Test
    void aRecipeIsDownloadableAndTheReplayShowsTheExpectedDuration() throws Exception {
        onTarget();
        Recipe recipe = rehearsed(Map.of("wipe", 1000L, "import", 41_000L));
        Path file = dir.resolve(Recipe.FILE);
        recipe.write(file);
        when(service.recipe()).thenReturn(Optional.of(recipe));
        when(service.recipeFile()).thenReturn(file);
        mvc.perform(get("/rehearsal"))
                .andExpect(content().string(allOf(
                        containsString("href=\"/rehearsal/recipe.json\""),
                        containsString("Expected duration, from the rehearsal: 42.0 s"),
                        containsString("Type the database name, pod, to confirm"),
                        containsString("id=\"start-replay\""))))
                .andExpect(content().string(pendingShownOnEveryHtmxForm()));
        mvc.perform(get("/rehearsal/recipe.json"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", containsString("recipe.json")))
                .andExpect(content().string(Files.readString(file)));
    }

    @Test
    void aReplayShowsItsStepsBesideTheRehearsalsItsWarningsAndItsStepRunningThenOffersItsReport() throws Exception {
        onTarget();
        when(service.recipe()).thenReturn(Optional.of(rehearsed(Map.of("backup", 3_000L, "import", 41_000L,
                "site-fixes", 400L))));
        Replayed replayed = Replayed.starting("upload-1").running("backup").ended("backup", 4, List.of())
                .running("import")
                .ended("import", 47, List.of(Message.of("problem.unknown-column", "video_video", "course_code")))
                .running("site-fixes");
        when(service.latestReplay()).thenReturn(Optional.of(replay(JobStatus.RUNNING, replayed)));

        mvc.perform(get("/rehearsal").header("HX-Request", "true").header("Accept-Language", "fr"))
                .andExpect(content().string(allOf(
                        containsString("hx-trigger=\"load delay:1s\""),
                        containsString("<tr data-step=\"backup\">\n          <td>Sauvegarde</td>\n          <td class=\"number\">4</td>\n"
                                + "          <td class=\"number\">3,0</td>"),
                        containsString("<td class=\"number\">47</td>"),
                        containsString("<td class=\"number\">41,0</td>"),
                        containsString("data-warnings-of=\"import\""),
                        containsString("la colonne course_code n&#39;existe ni dans la v3"),
                        containsString("class=\"running\" data-step=\"site-fixes\""),
                        containsString("<td class=\"number\">en cours</td>"),
                        not(containsString("id=\"download-replay-report\"")))))
                .andExpect(content().string(fragment("rehearsal-panel")));

        Path report = Files.writeString(dir.resolve("replay-20261207-101500.md"), "# Replay of pod\n");
        when(service.latestReplay()).thenReturn(Optional.of(replay(JobStatus.SUCCEEDED,
                replayed.ended("site-fixes", 1, List.of()).reported("exports/replay-20261207-101500.md"))));
        when(service.replayReport()).thenReturn(Optional.of(report));
        mvc.perform(get("/rehearsal"))
                .andExpect(content().string(allOf(containsString("href=\"/rehearsal/replay/report.md\""),
                        not(containsString("class=\"running\"")))));
        mvc.perform(get("/rehearsal/replay/report.md"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", containsString("replay-20261207-101500.md")))
                .andExpect(content().string("# Replay of pod\n"));
    }

    @Test
    void aRehearsalWhoseVerificationLostValuesOfASitesColumnNamesItAndHowToKeepIt() throws Exception {
        onTarget();
        RehearsalRun run = new RehearsalRun("rehearsal-1234abcd", "alice", state -> { });
        TableContent video = new TableContent("video_video", "video_video", TableContent.Status.COMPARED, 5, 5, 1, 0,
                30, 0, 0, 0, 0, List.of(new LeftOutColumn("course_code", 3, null), new LeftOutColumn("title_nl", 2, "3.0.0")));
        Verification verification = new Verification(Instant.parse("2026-12-07T10:00:00Z"), "pod@v3:3306/pod_pmrehearsal",
                new V2Origin(V2Origin.Kind.SCRIPT, "import/podv2.sql"), null, null,
                List.of(new TableComparison("video_video", 5L, "video_video", 5L, 5L, 0L, 0L, Difference.SAME, null, "")),
                new ForeignKeyOrphans.Check(10, List.of()), new ContentReport("pod_pmv2", List.of(video), List.of()), null);
        run.finished(new Outcome(rehearsed(Map.of("verify", 900L)), verification, Map.of("verify", 900L), List.of(),
                null, null));
        when(service.latest()).thenReturn(Optional.of(run));

        mvc.perform(get("/rehearsal").header("Accept-Language", "fr"))
                .andExpect(content().string(allOf(
                        containsString("3 valeurs de colonnes que Pod n&#39;a jamais eues, absentes de v3"),
                        containsString("<li>video_video.course_code : 3 lignes avec une valeur ; ajoutez la colonne à la"
                                + " table video_video de la cible, puis relancez la répétition</li>"),
                        not(containsString("video_video.title_nl :")))));
    }

    @Test
    void aReplayThatEndedDuringAStepShowsItStoppedThereNotRunning() throws Exception {
        onTarget();
        when(service.recipe()).thenReturn(Optional.of(rehearsed(Map.of("import", 41_000L))));
        when(service.latestReplay()).thenReturn(Optional.of(replay(JobStatus.FAILED,
                Replayed.starting("upload-1").running("backup").ended("backup", 4, List.of()).running("import"))));

        mvc.perform(get("/rehearsal").header("Accept-Language", "fr"))
                .andExpect(content().string(allOf(
                        containsString("class=\"stopped\" data-step=\"import\""),
                        containsString("<td class=\"number\">arrêtée ici</td>"),
                        not(containsString("en cours</td>")),
                        not(containsString("hx-trigger=\"load delay:1s\"")))));
    }

    @Test
    void withoutAReplaysReportItsDownloadIsNotFound() throws Exception {
        when(service.replayReport()).thenReturn(Optional.empty());
        mvc.perform(get("/rehearsal/replay/report.md")).andExpect(status().isNotFound());
    }

    /** A recipe whose rehearsal's steps took these milliseconds. */
    private static Recipe rehearsed(Map<String, Long> stepMillis) {
        return new Recipe(1, new Recipe.Podv2("/srv/podv2.sql", null), null, false, "stop",
                new Recipe.Site("video.univ.fr", "Pod"), List.of("default-site:video_channel"), List.of(), List.of(),
                new Recipe.Rehearsed("2026-12-01T09:12:44Z", "complete", new LinkedHashMap<>(stepMillis)));
    }

    private static Job replay(JobStatus status, Replayed replayed) {
        return new Job("import-5eed0001", WizardStep.IMPORT, JobKind.WORK, "alice", TARGET.lockKey(), status,
                Instant.parse("2026-12-07T10:00:00Z"), status.finished() ? Instant.parse("2026-12-07T10:15:00Z") : null,
                new JobProgress(0, 0, 0, 0), null, replayed);
    }

    @Test
    void theChoicesSayWhichAreDefaultsAndWhy() throws Exception {
        onTarget();
        ScriptFile script = new ScriptFile("exports/podv2-1.sql.gz", "podv2-1.sql.gz", dir.resolve("podv2-1.sql.gz"), 10,
                Instant.now(), ScriptFile.Origin.GENERATED, ScriptCompression.GZIP);
        Recipe recipe = new Recipe(1, new Recipe.Podv2("/srv/podv2.sql",
                Recipe.Generation.of(Podv2ScriptOptions.PROCEDURE)), null, false, "continue", null, List.of(), List.of(),
                List.of("video_type"), null);
        when(service.script()).thenReturn(Optional.of(script));
        when(service.choices(script)).thenReturn(new RehearsalChoices(recipe, Set.of(RehearsalChoices.SECTION,
                RehearsalChoices.SITE, RehearsalChoices.SITE_FIXES, RehearsalChoices.BROADCASTERS)));
        mvc.perform(get("/rehearsal").header("Accept-Language", "en"))
                .andExpect(content().string(allOf(
                        containsString("structure create_table_if_not_exists"),
                        containsString("Default: this podv2.sql has not been analysed"),
                        containsString("Default: the target has no site 1"),
                        containsString("Default: the wizard does not keep the fixes you applied"),
                        containsString("Default: the wizard does not keep the tables you inserted into"),
                        containsString("Go on"),
                        containsString("1 item"),
                        not(containsString("Default: no import has run yet")))));
    }

    @Test
    void aRehearsalReadBackAfterARestartShowsItsStepsAndVerdict() throws Exception {
        onTarget();
        RehearsalRun saved = new RehearsalRun(new RehearsalRun.State("rehearsal-1234abcd", "alice",
                Instant.parse("2026-12-01T09:12:44Z"), RehearsalRun.Status.COMPLETE, null,
                List.of(new RehearsalRun.StepLine("import", 41_000, "done", List.of())), "complete", null), state -> { });
        when(service.latest()).thenReturn(Optional.of(saved));
        mvc.perform(get("/rehearsal"))
                .andExpect(content().string(allOf(
                        containsString("data-status=\"complete\""),
                        containsString("data-step=\"import\""),
                        containsString("41.0"),
                        containsString("Complete: every v2 row is accounted for"))));
    }

    @Test
    void theImportsWarningsShowUnderItsStepInTheReadersLanguage() throws Exception {
        onTarget();
        RehearsalRun saved = new RehearsalRun(new RehearsalRun.State("rehearsal-1234abcd", "alice",
                Instant.parse("2026-12-01T09:12:44Z"), RehearsalRun.Status.NOT_COMPLETE, null,
                List.of(new RehearsalRun.StepLine("wipe", 300, "done", List.of()),
                        new RehearsalRun.StepLine("import", 41_000, "done", List.of(
                                Message.of("problem.supplementary-lost", 29_185, 6, "video_comment", "utf8mb3")))),
                "not-complete", null), state -> { });
        when(service.latest()).thenReturn(Optional.of(saved));
        mvc.perform(get("/rehearsal").header("Accept-Language", "en"))
                .andExpect(content().string(allOf(
                        containsString("data-warnings-of=\"import\""),
                        not(containsString("data-warnings-of=\"wipe\"")),
                        containsString("The rows of 6 tables (video_comment) hold 29,185 characters beyond U+FFFF"))));
        mvc.perform(get("/rehearsal").header("Accept-Language", "fr"))
                .andExpect(content().string(containsString("Les lignes de 6 tables (video_comment) contiennent")));
    }

    @Test
    void aWrongNameDropsNothing() throws Exception {
        onTarget();
        doThrow(new RefusedException("confirm.refused", "pod", "pod_pmrehearsal"))
                .when(service).drop("alice", "pod");
        mvc.perform(post("/rehearsal/drop").with(csrf()).param("confirmation", "pod").header("HX-Request", "true"))
                .andExpect(content().string(containsString(
                        "You typed &quot;pod&quot;, not the database name pod_pmrehearsal: nothing was changed.")))
                .andExpect(content().string(fragment("rehearsal-panel")));
    }
}
