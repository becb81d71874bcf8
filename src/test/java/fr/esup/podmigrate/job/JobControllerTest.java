package fr.esup.podmigrate.job;

import fr.esup.podmigrate.run.Message;
import fr.esup.podmigrate.run.RunStore;
import fr.esup.podmigrate.run.StepState;
import fr.esup.podmigrate.run.StepStatus;
import fr.esup.podmigrate.run.WizardStep;
import fr.esup.podmigrate.sql.ImportProgress;
import fr.esup.podmigrate.testsupport.WebSliceConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static fr.esup.podmigrate.testsupport.PageShape.fragment;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(controllers = JobController.class, properties = "podmigrate.operator.password={noop}x")
@Import(WebSliceConfiguration.class)
@WithMockUser("alice")
class JobControllerTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    JobRunner runner;

    @MockitoBean
    RunStore runStore;

    private static Job job(JobStatus status) {
        return job(status, status.finished() ? Message.text("3 tables") : null);
    }

    private static Job job(JobStatus status, Message message) {
        return new Job("import-1234abcd", WizardStep.IMPORT, JobKind.WORK, "alice", "h/pod", status, Instant.parse("2026-11-26T10:00:00Z"),
                status.finished() ? Instant.parse("2026-11-26T10:01:00Z") : null,
                new JobProgress(25 * 1048576L, 100 * 1048576L, 1200, 40), message, null);
    }

    @Test
    void aRunningJobsFragmentPollsItself() throws Exception {
        when(runner.find("import-1234abcd")).thenReturn(Optional.of(job(JobStatus.RUNNING)));
        mvc.perform(get("/jobs/import-1234abcd").header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("hx-trigger=\"load delay:500ms\""),
                        containsString("hx-get=\"/jobs/import-1234abcd\""),
                        containsString("value=\"25\""),
                        containsString("25 MB of 100 MB"), containsString("title=\"26,214,400 bytes\""),
                        containsString("Cancel"),
                        not(containsString("<nav class=\"steps\"")))))
                .andExpect(content().string(fragment("job-import-1234abcd")));
    }

    @Test
    void aJobThatReadsAScriptNamesItsStageAndTheTimeLeftInIt() throws Exception {
        Job decompressing = new Job("import-1234abcd", WizardStep.IMPORT, JobKind.WORK, "alice", "h/pod",
                JobStatus.RUNNING, Instant.now().minusSeconds(30), null, new JobProgress(25, 100, 0, 0, 0, 0,
                ImportProgress.Stage.DECOMPRESSING, Instant.now().minusSeconds(3)), null, null);
        when(runner.find("import-1234abcd")).thenReturn(Optional.of(decompressing));

        mvc.perform(get("/jobs/import-1234abcd").header("HX-Request", "true"))
                .andExpect(content().string(allOf(
                        containsString("Decompressing the script into the workspace, so that the import reads a file"),
                        containsString("Estimated time left in this stage"))));
        mvc.perform(get("/jobs/import-1234abcd").header("HX-Request", "true").header("Accept-Language", "fr"))
                .andExpect(content().string(allOf(
                        containsString("Décompression du script dans l’espace de travail"),
                        containsString("Temps restant estimé pour cette étape"))));
    }

    @Test
    void aJobWithoutStagesNamesNone() throws Exception {
        when(runner.find("import-1234abcd")).thenReturn(Optional.of(job(JobStatus.RUNNING)));
        mvc.perform(get("/jobs/import-1234abcd").header("HX-Request", "true"))
                .andExpect(content().string(allOf(not(containsString("job-stage")),
                        containsString("Estimated time left<"))));
    }

    @Test
    void aRunningJobFiresNoEvent() throws Exception {
        when(runner.find("import-1234abcd")).thenReturn(Optional.of(job(JobStatus.RUNNING)));
        mvc.perform(get("/jobs/import-1234abcd").header("HX-Request", "true"))
                .andExpect(header().doesNotExist("HX-Trigger"));
    }

    @Test
    void anEndedJobFiresJobEndedAndBringsTheSideBarAndTheNextStep() throws Exception {
        when(runner.find("import-1234abcd")).thenReturn(Optional.of(job(JobStatus.SUCCEEDED)));
        when(runStore.states()).thenReturn(List.of(new StepState(WizardStep.IMPORT, StepStatus.DONE, "alice",
                Instant.parse("2026-11-26T10:01:00Z"))));
        mvc.perform(get("/jobs/import-1234abcd").header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(header().string("HX-Trigger", "jobEnded"))
                .andExpect(content().string(allOf(
                        not(containsString("hx-trigger=")),
                        containsString("hx-swap-oob=\"true\""),
                        containsString("<span class=\"status done\">Done</span>"),
                        containsString("<a href=\"/sitefix\">Next: Site fixes</a>"))));
    }

    @Test
    void aFailedJobOffersNoNextStep() throws Exception {
        when(runner.find("import-1234abcd")).thenReturn(Optional.of(job(JobStatus.FAILED)));
        mvc.perform(get("/jobs/import-1234abcd").header("HX-Request", "true"))
                .andExpect(header().string("HX-Trigger", "jobEnded"))
                .andExpect(content().string(not(containsString("Next:"))));
    }

    @Test
    void aFinishedJobStopsPollingAndTheFullPageHasTheLayout() throws Exception {
        when(runner.find("import-1234abcd")).thenReturn(Optional.of(job(JobStatus.SUCCEEDED)));
        mvc.perform(get("/jobs/import-1234abcd"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("<nav class=\"steps\""),
                        containsString("data-status=\"succeeded\""),
                        containsString("3 tables"),
                        not(containsString("hx-trigger")))));
    }

    @Test
    void aFinishedImportSaysItsOutcomeInFrenchWithItsPlurals() throws Exception {
        when(runner.find("import-1234abcd")).thenReturn(Optional.of(job(JobStatus.SUCCEEDED,
                Message.of("import.message.imported", 1, 1, 1))));
        mvc.perform(get("/jobs/import-1234abcd").header("HX-Request", "true").header("Accept-Language", "fr"))
                .andExpect(content().string(containsString("1 ligne importée dans 1 table, 1 instruction en échec.")));

        when(runner.find("import-1234abcd")).thenReturn(Optional.of(job(JobStatus.SUCCEEDED,
                Message.of("import.message.imported", 605, 137, 0))));
        mvc.perform(get("/jobs/import-1234abcd").header("HX-Request", "true").header("Accept-Language", "fr"))
                .andExpect(content().string(allOf(containsString("605 lignes importées dans 137 tables."),
                        not(containsString("Imported")))));
    }

    @Test
    void aFinishedImportSaysItsOutcomeInEnglishWithItsPlurals() throws Exception {
        when(runner.find("import-1234abcd")).thenReturn(Optional.of(job(JobStatus.SUCCEEDED,
                Message.of("import.message.imported", 1, 1, 1))));
        mvc.perform(get("/jobs/import-1234abcd").header("HX-Request", "true"))
                .andExpect(content().string(containsString("Imported 1 row in 1 table, 1 statement failed.")));

        when(runner.find("import-1234abcd")).thenReturn(Optional.of(job(JobStatus.SUCCEEDED,
                Message.of("import.message.imported", 605, 137, 2))));
        mvc.perform(get("/jobs/import-1234abcd").header("HX-Request", "true"))
                .andExpect(content().string(containsString("Imported 605 rows in 137 tables, 2 statements failed.")));
    }

    @Test
    void aMessageWithoutKeyIsShownAsItIs() throws Exception {
        when(runner.find("import-1234abcd")).thenReturn(Optional.of(job(JobStatus.FAILED,
                Message.text("Duplicate entry '1' for key 'PRIMARY'"))));
        mvc.perform(get("/jobs/import-1234abcd").header("HX-Request", "true").header("Accept-Language", "fr"))
                .andExpect(content().string(containsString("Duplicate entry &#39;1&#39; for key &#39;PRIMARY&#39;")));
    }

    @Test
    void cancelAsksTheRunnerAndIsAudited() throws Exception {
        when(runner.find("import-1234abcd")).thenReturn(Optional.of(job(JobStatus.RUNNING)));
        mvc.perform(post("/jobs/import-1234abcd/cancel").with(csrf()).header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(fragment("job-import-1234abcd")));
        verify(runner).cancel("import-1234abcd");
        verify(runStore).audit("alice", "import: asked to cancel job import-1234abcd");
    }

    @Test
    void unknownJobIsNotFound() throws Exception {
        when(runner.find("nope")).thenReturn(Optional.empty());
        mvc.perform(get("/jobs/nope")).andExpect(status().isNotFound());
    }
}
