package fr.esup.podmigrate.verify;

import fr.esup.podmigrate.backup.BackupTaken;
import fr.esup.podmigrate.checklist.ChecklistStore;
import fr.esup.podmigrate.importing.Imported;
import fr.esup.podmigrate.importing.RowIssue;
import fr.esup.podmigrate.job.Job;
import fr.esup.podmigrate.job.JobAlreadyRunningException;
import fr.esup.podmigrate.job.JobKind;
import fr.esup.podmigrate.job.JobProgress;
import fr.esup.podmigrate.job.JobStatus;
import fr.esup.podmigrate.pod.DjangoModels;
import fr.esup.podmigrate.run.Message;
import fr.esup.podmigrate.run.RunStore;
import fr.esup.podmigrate.run.StepState;
import fr.esup.podmigrate.run.StepStatus;
import fr.esup.podmigrate.run.WizardStep;
import fr.esup.podmigrate.sql.load.ValueChange;
import fr.esup.podmigrate.testsupport.WebSliceConfiguration;
import fr.esup.podmigrate.v2.V2Origin;
import fr.esup.podmigrate.v3.ForeignKeyOrphans;
import fr.esup.podmigrate.v3.OrphanedKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.util.HtmlUtils;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
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

@WebMvcTest(controllers = VerifyController.class, properties = "podmigrate.operator.password={noop}x")
@Import({WebSliceConfiguration.class, MigrationReport.class})
@WithMockUser("alice")
class VerifyControllerTest {

    private static final Instant AT = Instant.parse("2026-11-26T10:00:00Z");
    private static final Job BACKUP = new Job("backup-1", WizardStep.BACKUP, JobKind.WORK, "bob", "t", JobStatus.SUCCEEDED, AT, AT,
            JobProgress.NONE, Message.text("12 MiB"), new BackupTaken("pod-20261126.sql.gz"));
    private static final Job IMPORT = new Job("import-1", WizardStep.IMPORT, JobKind.WORK, "bob", "t", JobStatus.SUCCEEDED, AT, AT,
            JobProgress.NONE, Message.text("Imported"), new Imported("import/podv2.sql", null, false, false, Map.of(),
            Map.of(), Map.of(), List.of(new RowIssue("lti_provider_lticoursecontext", true, "lms_course_context",
            ValueChange.OTHER, 5, List.of("10", "15"), "Duplicate entry '' for key 'lms_course_context'")), List.of()));
    private static final Verification VERIFICATION = new Verification(AT, "pod@v3:3306/pod",
            new V2Origin(V2Origin.Kind.SCRIPT, "import/podv2.sql"), IMPORT, BACKUP, List.of(
            new TableComparison("django_site", 1L, "django_site", 1L, 1L, 0L, 0L, Difference.SAME, null, ""),
            new TableComparison("foo|bar \"x\", y", 2L, null, null, 0L, 0L, 0L, Difference.MISSING_TABLE, null, ""),
            new TableComparison(null, null, "meeting", 0L, null, null, null, Difference.V3_ONLY, null, ""),
            new TableComparison("video_channel", 4L, "video_channel", 3L, 3L, 1L, 0L, Difference.IGNORED, null, ""),
            new TableComparison("video_channel_sites", 4L, null, null, 0L, 0L, 0L, Difference.MISSING_TABLE,
                    "becomes-column", "video_channel.site_id"),
            new TableComparison("video_discipline", 3L, "video_discipline", 2L, 3L, 0L, 0L, Difference.UNEXPLAINED,
                    "gone-since-import", "1")),
            new ForeignKeyOrphans.Check(219, List.of(new OrphanedKey("video_channel", "headband_id",
                    "main_customimagemodel", "id", 2, List.of("1", "3"), 2L))),
            new ContentReport("pod_pmv2", List.of(
                    new TableContent("video_video", "video_video", TableContent.Status.COMPARED, 3, 3, 1, 1, 30, 0, 0, 1, 1,
                            List.of(new LeftOutColumn("title_nl", 2, "3.0.0"), new LeftOutColumn("note<i>", 1, null)))),
                    List.of(new RowDifference("video_video", "video_video", "3", RowDifference.Kind.TRUNCATED,
                            RowDifference.Explanation.NONE, "title", "Cours <b>long</b>", "Cou", ""))), null);
    private static final Pattern ROW = Pattern.compile("<tr class=\"comparison[^\"]*\" data-difference=\"([^\"]+)\">(.*?)</tr>",
            Pattern.DOTALL);
    private static final Pattern CELL = Pattern.compile("<td[^>]*>(.*?)</td>", Pattern.DOTALL);

    @Autowired
    MockMvc mvc;

    @MockitoBean
    VerificationService service;

    @MockitoBean
    RunStore runStore;

    @MockitoBean
    ChecklistStore checklist;

    @BeforeEach
    void verification() throws Exception {
        when(service.latest()).thenReturn(Optional.of(VERIFICATION));
        when(service.latestJob()).thenReturn(Optional.of(verifyJob(JobStatus.SUCCEEDED)));
        when(service.modelsWithoutContentType()).thenReturn(List.of(new DjangoModels.Model("cut", "cutvideo")));
    }

    @Test
    void pageListsTheModelsWithoutAContentTypeUntilMigrateRuns() throws Exception {
        mvc.perform(get("/verify"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("id=\"content-types\""),
                        containsString("1 model of the target has no content type yet"),
                        containsString("<code>cut.cutvideo</code>"))));
    }

    @Test
    void pageStartsWithTheVerdictAndShowsEveryTableAndOrphan() throws Exception {
        mvc.perform(get("/verify"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("<nav class=\"steps\""),
                        containsString("data-verdict=\"problems\""),
                        containsString("2 problems, 2 warnings, 2 rows whose foreign keys point nowhere."),
                        containsString("v2 counts from the import of import/podv2.sql."),
                        containsString("14 v2 rows, 6 v3 rows, 6 tables."),
                        containsString("its rows become video_channel.site_id"),
                        containsString("data-key=\"video_channel.headband_id\""),
                        containsString("<td>1, 3</td>"),
                        containsString("219 foreign keys checked; 1 with rows pointing nowhere, 2 rows in all."))));
    }

    @Test
    void theRowsComparedShowTheFirstDifferencesOfEachTableAndTheVerdict() throws Exception {
        mvc.perform(get("/verify"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("id=\"verdict\" data-complete=\"false\""),
                        containsString("v2 read from pod_pmv2: 1 table compared row by row, 1 row difference, 1 unexplained."),
                        containsString("data-table=\"video_video\" data-status=\"compared\" data-unexplained=\"1\""),
                        containsString("data-key=\"3\" data-kind=\"truncated\" data-column=\"title\" data-explanation=\"none\""),
                        containsString("<code>Cours &lt;b&gt;long&lt;/b&gt;</code>"),
                        containsString("The first 1 of 1 difference"),
                        containsString("href=\"/verify/differences.csv\""),
                        containsString("data-pre-existing=\"true\">Already in v2"))));
    }

    @Test
    void theColumnsV3DoesNotKeepAreNamedTheSitesOwnAsLostWithTheWayToKeepThem() throws Exception {
        String page = mvc.perform(get("/verify"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("<p id=\"lost-values\">1 value of columns Pod never had, which the target&#39;s"
                                + " tables lack, is missing from v3: see &quot;Columns v3 does not keep&quot; below.</p>"),
                        containsString("Columns v3 does not keep"),
                        containsString("data-column=\"video_video.title_nl\" data-values=\"2\" data-lost=\"0\""),
                        containsString("Pod 3.0.0 dropped it: v3 has no place for its values."),
                        containsString("data-column=\"video_video.note&lt;i&gt;\" data-values=\"1\" data-lost=\"1\""),
                        containsString("its values are lost. Add it to the target&#39;s table as v2&#39;s CREATE TABLE has it,"
                                + " then import again"))))
                .andReturn().getResponse().getContentAsString();
        assertThat(page.indexOf("data-column=\"video_video.note&lt;i&gt;\"")).as("the lost first")
                .isLessThan(page.indexOf("data-column=\"video_video.title_nl\""));
        mvc.perform(get("/verify").header("Accept-Language", "fr"))
                .andExpect(content().string(allOf(
                        containsString("1 valeur de colonnes que Pod n&#39;a jamais eues, absentes des tables de la cible,"
                                + " manque dans v3"),
                        containsString("Colonnes que v3 ne garde pas"),
                        containsString("Pod 3.0.0 l&#39;a supprimée : v3 n&#39;a pas de place pour ses valeurs."),
                        containsString("Ajoutez-la à la table de la cible"))));
        mvc.perform(get("/verify/report.md"))
                .andExpect(content().string(allOf(
                        containsString("## Columns v3 does not keep"),
                        containsString("| video_video.title_nl | video_video | 2 | Pod 3.0.0 dropped it"),
                        containsString("| video_video.note<i> | video_video | 1 | Pod never had it"))));
    }

    @Test
    void everyRowDifferenceDownloadsAsTheCsvTheJobWrote(@TempDir Path dir) throws Exception {
        Path csv = Files.writeString(dir.resolve("verify-1-differences.csv"), "v2_table,v3_table\r\nvideo_video,video_video\r\n");
        when(service.differences()).thenReturn(Optional.of(csv));

        mvc.perform(get("/verify/differences.csv"))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"pod-migrate-differences-20261126-100000.csv\""))
                .andExpect(content().string("v2_table,v3_table\r\nvideo_video,video_video\r\n"));
    }

    @Test
    void htmxFilterGetsOnlyTheProblemsWithoutTheLayout() throws Exception {
        String html = mvc.perform(get("/verify").param("show", "problems").header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("<nav class=\"steps\""))))
                .andReturn().getResponse().getContentAsString();
        assertThat(rows(html)).extracting(row -> row.get(0)).containsExactly("foo|bar \"x\", y", "video_discipline");
    }

    @Test
    void theCsvReportReadsBackAsThePagesTable() throws Exception {
        String html = mvc.perform(get("/verify")).andReturn().getResponse().getContentAsString();
        String csv = mvc.perform(get("/verify/report.csv"))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"pod-migrate-report-20261126-100000.csv\""))
                .andExpect(header().string(HttpHeaders.CONTENT_TYPE, "text/csv;charset=UTF-8"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        List<List<String>> lines = CsvReader.parse(csv);
        assertThat(lines.get(0)).isEqualTo(MigrationReport.CSV_HEADER);
        assertThat(lines.subList(1, lines.size())).extracting(line -> line.subList(0, 9)).isEqualTo(rows(html));
        assertThat(lines.get(5).get(9)).isEqualTo("becomes-column video_channel.site_id");
    }

    @Test
    void theMarkdownReportHasTheRunTheBackupTheCountsTheOrphansAndTheChecklist() throws Exception {
        when(runStore.states()).thenReturn(List.of(new StepState(WizardStep.IMPORT, StepStatus.DONE, "carol", AT)));
        when(checklist.ticks()).thenReturn(Map.of("live_event", new ChecklistStore.Tick("bob", AT)));
        mvc.perform(get("/verify/report.md"))
                .andExpect(header().string(HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"pod-migrate-report-20261126-100000.md\""))
                .andExpect(content().string(allOf(
                        containsString("# Pod Migrate: migration report"),
                        containsString("by alice."),
                        containsString("| Import | Done | carol |"),
                        containsString("Job backup-1: pod-20261126.sql.gz, by bob"),
                        containsString("| lti_provider_lticoursecontext | Refused by the key lms_course_context: 5 rows. | 10, 15 |"),
                        containsString("| foo\\|bar \"x\", y | 2 |  |  |  | 0 | 0 | 0 | Table missing |  |"),
                        containsString("| video_channel | 4 | video_channel | 3 | -1 | 3 | 1 | 0 | Rows ignored by INSERT IGNORE |  |"),
                        containsString("| Unexplained | rows the import inserted that are gone: 1 |"),
                        containsString("| video_channel.headband_id | main_customimagemodel.id | 2 | 1, 3 |"),
                        containsString("| live_event | bob |"),
                        containsString("| django_flatpage | not checked |  |"))));
    }

    @Test
    void theReportSpeaksTheOperatorsLanguage() throws Exception {
        mvc.perform(get("/verify/report.md").header("Accept-Language", "fr"))
                .andExpect(content().string(allOf(containsString("# Pod Migrate : rapport de migration"),
                        containsString("Lignes ignorées par INSERT IGNORE"))));
    }

    @Test
    void beforeAnyCountThePageSaysWhatCountingDoesAndOffersIt() throws Exception {
        when(service.latest()).thenReturn(Optional.empty());
        when(service.latestJob()).thenReturn(Optional.empty());
        mvc.perform(get("/verify"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Nothing counted yet."),
                        containsString("id=\"start-verify\""), containsString(">Count and check</button>"),
                        not(containsString("data-verdict")))));
        mvc.perform(get("/verify/report.csv")).andExpect(status().isNotFound());
    }

    @Test
    void countingStartsAJobWhoseProgressPollsItself() throws Exception {
        Job running = verifyJob(JobStatus.RUNNING);
        when(service.start("alice")).thenReturn(running);
        when(service.latestJob()).thenReturn(Optional.of(running));
        mvc.perform(post("/verify").with(csrf()).header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(not(containsString("<nav class=\"steps\"")),
                        containsString("hx-trigger=\"jobEnded from:body\""),
                        containsString("hx-trigger=\"load delay:500ms\""), containsString("id=\"job-verify-2\""),
                        containsString("Tables"), not(containsString("id=\"start-verify\"")),
                        containsString("data-verdict=\"problems\""))));
        verify(service).start("alice");
    }

    @Test
    void aJobAlreadyRunningOnTheTargetIsNamed() throws Exception {
        Job other = new Job("import-9", WizardStep.IMPORT, JobKind.WORK, "bob", "t", JobStatus.RUNNING, AT, null, JobProgress.NONE,
                null, null);
        when(service.start("alice")).thenThrow(new JobAlreadyRunningException(other));
        mvc.perform(post("/verify").with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("<nav class=\"steps\""),
                        containsString("Job import-9, started by bob"))));
    }

    private static Job verifyJob(JobStatus status) {
        return new Job("verify-2", WizardStep.VERIFY, JobKind.WORK, "alice", "t", status, AT, status.finished() ? AT : null,
                new JobProgress(0, 0, 1200, 3).withTables(3, 9), status.finished() ? VERIFICATION.summary() : null, null);
    }

    /** The page's row-count table: each line's cells up to the classification, given as its key. */
    private static List<List<String>> rows(String html) {
        List<List<String>> rows = new ArrayList<>();
        Matcher row = ROW.matcher(html);
        while (row.find()) {
            List<String> cells = new ArrayList<>();
            Matcher cell = CELL.matcher(row.group(2));
            while (cell.find() && cells.size() < 8) {
                cells.add(HtmlUtils.htmlUnescape(cell.group(1)));
            }
            cells.add(row.group(1));
            rows.add(cells);
        }
        return rows;
    }
}
