package fr.esup.podmigrate.dump;

import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.config.Databases;
import fr.esup.podmigrate.job.Job;
import fr.esup.podmigrate.job.JobAlreadyRunningException;
import fr.esup.podmigrate.job.JobKind;
import fr.esup.podmigrate.job.JobProgress;
import fr.esup.podmigrate.job.JobRunner;
import fr.esup.podmigrate.job.JobStatus;
import fr.esup.podmigrate.run.RunStore;
import fr.esup.podmigrate.run.StepStatus;
import fr.esup.podmigrate.run.WizardStep;
import fr.esup.podmigrate.sql.dump.DumpOptions;
import fr.esup.podmigrate.sql.script.ScriptCompression;
import fr.esup.podmigrate.testsupport.WebSliceConfiguration;
import fr.esup.podmigrate.v2.ScriptReading;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static fr.esup.podmigrate.testsupport.PageShape.fragment;
import static fr.esup.podmigrate.testsupport.PageShape.fullPage;
import static fr.esup.podmigrate.testsupport.PageShape.pendingShownOnEveryHtmxForm;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(controllers = DumpController.class, properties = "podmigrate.operator.password={noop}x")
@Import({WebSliceConfiguration.class, DumpService.class})
@WithMockUser("alice")
class DumpControllerTest {

    private static final DatabaseEndpoint TARGET = new DatabaseEndpoint("jdbc:mariadb://v3.univ.fr:3306/pod", "pod", "hunter2", "t");
    private static final DatabaseEndpoint SOURCE = new DatabaseEndpoint("jdbc:mariadb://v2.univ.fr:3306/pod2", "pod", "s3cret", "s");
    private static final String LAYOUT = "<nav class=\"steps\"";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    Databases databases;

    @MockitoBean
    ScriptFiles scriptFiles;

    @MockitoBean
    ScriptGeneration generation;

    @MockitoBean
    RunStore runStore;

    @MockitoBean
    JobRunner jobs;

    @TempDir
    Path dir;

    private ScriptFile uploaded;

    @BeforeEach
    void setUp() throws Exception {
        when(databases.target()).thenReturn(TARGET);
        when(databases.source()).thenReturn(Optional.of(SOURCE));
        when(scriptFiles.importFolderLocation()).thenReturn(dir.resolve("import"));
        Path file = Files.writeString(dir.resolve("podv2-20261126-100000-1234abcd.sql"), "INSERT IGNORE INTO t VALUES (1);\n");
        uploaded = new ScriptFile("uploads/podv2-20261126-100000-1234abcd.sql", "pod de l'université.sql", file,
                Files.size(file), Instant.parse("2026-11-26T10:00:00Z"), ScriptFile.Origin.UPLOADED, ScriptCompression.NONE);
    }

    private static Job dumpJob(JobStatus status, int tablesDone, int tablesTotal, Generated result) {
        return new Job("dump-1234abcd", WizardStep.DUMP, JobKind.WORK, "alice", TARGET.toString(), status,
                Instant.parse("2026-11-26T10:00:00Z"), status.finished() ? Instant.parse("2026-11-26T10:01:00Z") : null,
                new JobProgress(3 * 1048576L, 0, 1200, 12).withTables(tablesDone, tablesTotal), null, result);
    }

    /** A job's result that names the podv2.sql it reads, as an import's and an analysis's do. */
    private record Reading(String script, String sourceDatabase) implements ScriptReading {
    }

    /** The form as the page sends it with its options untouched: a hidden marker per checkbox, checked or not. */
    private static MockHttpServletRequestBuilder generateAsTheProcedure() {
        return post("/dump/generate").with(csrf()).header("HX-Request", "true")
                .param("excludeTables", "on").param("_excludeTables", "on")
                .param("structure", "CREATE_TABLE_IF_NOT_EXISTS")
                .param("truncate", "on").param("_truncate", "on")
                .param("insertMode", "INSERT_IGNORE").param("_gzip", "on");
    }

    @Test
    void thePageOffersTheThreeSourcesWithTheProceduresOptionsAndTheLimit() throws Exception {
        mvc.perform(get("/dump"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString(LAYOUT),
                        containsString("id=\"card-generate\""),
                        containsString("id=\"card-upload\""),
                        containsString("id=\"card-import\""),
                        containsString("id=\"card-selected\""),
                        containsString("pod@v2.univ.fr:3306/pod2"),
                        containsString("Leave out django_migrations, live_broadcaster"),
                        containsString("name=\"excludeTables\" checked=\"checked\""),
                        containsString("value=\"CREATE_TABLE_IF_NOT_EXISTS\" selected=\"selected\""),
                        containsString("name=\"truncate\" checked=\"checked\""),
                        containsString("value=\"INSERT_IGNORE\" selected=\"selected\""),
                        containsString("at most 20 GB"),
                        containsString("data-max-bytes=\"21474836480\""),
                        containsString("No podv2.sql chosen yet"),
                        not(containsString("name=\"gzip\" checked")),
                        not(containsString("hunter2")),
                        not(containsString("s3cret")))))
                .andExpect(content().string(fullPage()))
                .andExpect(content().string(pendingShownOnEveryHtmxForm()));
    }

    @Test
    void anHtmxRequestGetsTheStepWithoutTheLayout() throws Exception {
        mvc.perform(get("/dump").header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("id=\"dump-step\""),
                        containsString("hx-trigger=\"jobEnded from:body\""),
                        not(containsString(LAYOUT)),
                        not(containsString("<html")))))
                .andExpect(content().string(fragment("dump-step")));
    }

    @Test
    void thePageSpeaksFrench() throws Exception {
        mvc.perform(get("/dump").header("Accept-Language", "fr-FR"))
                .andExpect(content().string(allOf(containsString("Générer podv2.sql"), containsString("de 20 Go au plus"))));
    }

    @Test
    void withoutASourceTheGenerateCardSaysHowToConfigureOne() throws Exception {
        when(databases.source()).thenReturn(Optional.empty());
        mvc.perform(get("/dump"))
                .andExpect(content().string(allOf(
                        containsString("No v2 source database is configured"),
                        not(containsString("id=\"generate-form\"")))));
        mvc.perform(generateAsTheProcedure()).andExpect(status().isNotFound());
    }

    @Test
    void generateStartsTheJobWithTheChosenOptionsAndSwapsInItsFragment() throws Exception {
        when(generation.latest()).thenReturn(Optional.of(dumpJob(JobStatus.RUNNING, 3, 90, null)));
        mvc.perform(post("/dump/generate").with(csrf()).header("HX-Request", "true")
                        .param("excludeTables", "on").param("_excludeTables", "on")
                        .param("structure", "CREATE_TABLE_IF_NOT_EXISTS").param("_truncate", "on")
                        .param("insertMode", "INSERT_IGNORE").param("gzip", "on").param("_gzip", "on"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("id=\"generation\""),
                        containsString("hx-get=\"/jobs/dump-1234abcd\""),
                        containsString("hx-trigger=\"load delay:500ms\""),
                        containsString("3 of 90"),
                        not(containsString(LAYOUT)))))
                .andExpect(content().string(fragment("generation")));
        verify(generation).start(new Podv2ScriptOptions(true, DumpOptions.Structure.CREATE_TABLE_IF_NOT_EXISTS, false,
                DumpOptions.InsertMode.INSERT_IGNORE, true), "alice");
    }

    @Test
    void aFinishedGenerationShowsItsFileWithItsDownloadLink() throws Exception {
        ScriptFile written = new ScriptFile("exports/podv2-20261126-100000.sql", "podv2-20261126-100000.sql", uploaded.path(),
                uploaded.size(), uploaded.modified(), ScriptFile.Origin.GENERATED, ScriptCompression.NONE);
        Job job = dumpJob(JobStatus.SUCCEEDED, 2, 2, new Generated(written.id(), Map.of("video_video", 300L,
                "authentication_owner", 40L), Podv2ScriptOptions.PROCEDURE));
        when(generation.latest()).thenReturn(Optional.of(job));
        when(generation.written(job)).thenReturn(Optional.of(written));
        mvc.perform(get("/dump").header("HX-Request", "true"))
                .andExpect(content().string(allOf(
                        containsString("data-status=\"succeeded\""),
                        containsString("Written: podv2-20261126-100000.sql (33 bytes)."),
                        containsString("href=\"/dump/files/download?id=exports/podv2-20261126-100000.sql\""),
                        containsString("video_video"),
                        not(containsString("hx-trigger=\"load")))))
                .andExpect(content().string(fragment("dump-step")));
    }

    @Test
    void generateWhileAnotherJobHoldsTheTargetSaysWhichOne() throws Exception {
        Job backup = new Job("backup-99998888", WizardStep.BACKUP, JobKind.WORK, "bob", TARGET.toString(), JobStatus.RUNNING,
                Instant.parse("2026-11-26T09:00:00Z"), null, JobProgress.NONE, null, null);
        when(generation.start(any(), anyString())).thenThrow(new JobAlreadyRunningException(backup));
        mvc.perform(generateAsTheProcedure())
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("Job backup-99998888, started by bob at"),
                        containsString("href=\"/jobs/backup-99998888\""))));
    }

    @Test
    void anUploadIsStoredAuditedAndListedButNotChosen() throws Exception {
        when(scriptFiles.storeUpload(eq("pod de l'université.sql"), any())).thenReturn(uploaded);
        when(scriptFiles.all()).thenReturn(List.of(uploaded));
        mvc.perform(multipart("/dump/upload").file(new MockMultipartFile("file", "pod de l'université.sql", "application/sql",
                        "INSERT IGNORE INTO t VALUES (1);\n".getBytes())).with(csrf()).header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("id=\"dump-step\""),
                        containsString("id=\"upload-done\""),
                        containsString("pod de l&#39;université.sql"),
                        containsString("Uploaded"),
                        containsString("href=\"/dump/files/download?id=uploads/podv2-20261126-100000-1234abcd.sql\""),
                        containsString("Use this one"),
                        containsString("<span class=\"size\" title=\"33 bytes\">33 bytes</span>"),
                        containsString("No podv2.sql chosen yet"),
                        not(containsString(LAYOUT)))));
        verify(scriptFiles, never()).select(any());
        verify(runStore).audit(eq("alice"), contains("uploaded pod de l'université.sql"));
        verify(runStore, never()).record(any(), any(), any(), any());
    }

    @Test
    void aFileThatIsNoScriptIsRefusedWithTheReason() throws Exception {
        when(scriptFiles.storeUpload(any(), any())).thenThrow(new UploadRefusedException());
        MockMultipartFile png = new MockMultipartFile("file", "photo.png", "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        mvc.perform(multipart("/dump/upload").file(png).with(csrf()).header("HX-Request", "true"))
                .andExpect(content().string(allOf(
                        containsString("id=\"upload-not-a-script\""),
                        containsString("This file is not a podv2.sql: it holds no SQL statement (line 1). Nothing was kept."),
                        not(containsString(LAYOUT)))))
                .andExpect(content().string(fragment("dump-step")));
        mvc.perform(multipart("/dump/upload").file(png).with(csrf()).header("Accept-Language", "fr"))
                .andExpect(content().string(allOf(containsString(LAYOUT),
                        containsString("Ce fichier n&#39;est pas un podv2.sql : il ne contient aucune instruction SQL"))));
        verify(scriptFiles, never()).select(any());
        verify(runStore, never()).record(any(), any(), any(), any());
    }

    @Test
    void deletingAnUploadAsksFirstThenDeletesIt() throws Exception {
        when(scriptFiles.find(uploaded.id())).thenReturn(Optional.of(uploaded));
        when(scriptFiles.all()).thenReturn(List.of(uploaded));
        mvc.perform(get("/dump").header("HX-Request", "true"))
                .andExpect(content().string(containsString("hx-get=\"/dump/files/delete?id=" + uploaded.id() + "\"")))
                .andExpect(content().string(fragment("dump-step")));
        mvc.perform(get("/dump/files/delete").param("id", uploaded.id()).header("HX-Request", "true"))
                .andExpect(content().string(allOf(containsString("id=\"delete-confirmation\""),
                        containsString("Delete pod de l&#39;université.sql?"), not(containsString(LAYOUT)))))
                .andExpect(content().string(fragment("dump-step")));
        mvc.perform(get("/dump/files/delete").param("id", uploaded.id()))
                .andExpect(content().string(allOf(containsString("id=\"delete-confirmation\""), containsString(LAYOUT))));
        verify(scriptFiles, never()).delete(any());
        mvc.perform(post("/dump/files/delete").param("id", uploaded.id()).with(csrf()).header("HX-Request", "true"))
                .andExpect(content().string(containsString("pod de l&#39;université.sql was deleted.")))
                .andExpect(content().string(fragment("dump-step")));
        verify(scriptFiles).delete(uploaded);
        verify(runStore).audit(eq("alice"), contains("deleted pod de l'université.sql"));
    }

    @Test
    void theFileARunningImportReadsIsNotDeleted() throws Exception {
        when(scriptFiles.find(uploaded.id())).thenReturn(Optional.of(uploaded));
        when(jobs.latest(WizardStep.IMPORT)).thenReturn(Optional.of(new Job("import-1", WizardStep.IMPORT, JobKind.WORK, "bob",
                TARGET.toString(), JobStatus.RUNNING, Instant.now(), null, JobProgress.NONE, null,
                new Reading(uploaded.id(), null))));
        mvc.perform(post("/dump/files/delete").param("id", uploaded.id()).with(csrf()))
                .andExpect(content().string(allOf(containsString("id=\"delete-refused\""), containsString(LAYOUT))));
        verify(scriptFiles, never()).delete(any());
    }

    @Test
    void theFileARunningAnalysisReadsIsNotDeleted() throws Exception {
        when(scriptFiles.find(uploaded.id())).thenReturn(Optional.of(uploaded));
        when(jobs.latest(WizardStep.IMPORT, JobKind.ANALYSIS)).thenReturn(Optional.of(new Job("analysis-1",
                WizardStep.IMPORT, JobKind.ANALYSIS, "bob", TARGET.toString(), JobStatus.RUNNING, Instant.now(), null,
                JobProgress.NONE, null, new Reading(uploaded.id(), null))));
        mvc.perform(post("/dump/files/delete").param("id", uploaded.id()).with(csrf()))
                .andExpect(content().string(allOf(containsString("id=\"delete-refused\""), containsString(LAYOUT))));
        verify(scriptFiles, never()).delete(any());
    }

    @Test
    void onlyUploadsAreDeleted() throws Exception {
        ScriptFile copied = new ScriptFile("import/podv2.sql", "podv2.sql", uploaded.path(), uploaded.size(),
                uploaded.modified(), ScriptFile.Origin.IMPORT_FOLDER, ScriptCompression.NONE);
        when(scriptFiles.find(copied.id())).thenReturn(Optional.of(copied));
        mvc.perform(post("/dump/files/delete").param("id", copied.id()).with(csrf())).andExpect(status().isNotFound());
        verify(scriptFiles, never()).delete(any());
    }

    @Test
    void aTooLargeUploadIsRefusedWithTheLimit() throws Exception {
        when(scriptFiles.storeUpload(any(), any())).thenThrow(new MaxUploadSizeExceededException(21474836480L));
        MockMultipartFile file = new MockMultipartFile("file", "podv2.sql", "application/sql", new byte[] {1});
        mvc.perform(multipart("/dump/upload").file(file).with(csrf()).header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("id=\"upload-refused\""),
                        containsString("larger than the upload limit of 20 GB: nothing was kept"),
                        not(containsString(LAYOUT)))))
                .andExpect(content().string(fragment("dump-step")));
        mvc.perform(multipart("/dump/upload").file(file).with(csrf()))
                .andExpect(content().string(allOf(containsString(LAYOUT), containsString("larger than the upload limit"))));
        verify(scriptFiles, never()).select(any());
    }

    @Test
    void anEmptyUploadIsRefused() throws Exception {
        mvc.perform(multipart("/dump/upload").file(new MockMultipartFile("file", "", "application/octet-stream", new byte[0]))
                        .with(csrf()).header("HX-Request", "true"))
                .andExpect(content().string(containsString("Choose a podv2.sql file first")))
                .andExpect(content().string(fragment("dump-step")));
        verify(scriptFiles, never()).storeUpload(any(), any());
    }

    @Test
    void pickingAFileOfTheWorkspaceChoosesIt() throws Exception {
        when(scriptFiles.find(uploaded.id())).thenReturn(Optional.of(uploaded));
        mvc.perform(post("/dump/files/select").param("id", uploaded.id()).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(LAYOUT)));
        verify(scriptFiles).select(uploaded);
        verify(runStore).record(WizardStep.DUMP, StepStatus.DONE, "alice", "chose podv2.sql " + uploaded.id());
        mvc.perform(post("/dump/files/select").param("id", uploaded.id()).with(csrf()).header("HX-Request", "true"))
                .andExpect(content().string(fragment("dump-step")));
    }

    @Test
    void pickingAnUnknownFileIsNotFound() throws Exception {
        when(scriptFiles.find(any())).thenReturn(Optional.empty());
        mvc.perform(post("/dump/files/select").param("id", "../runs/current.properties").with(csrf()).header("HX-Request", "true"))
                .andExpect(status().isNotFound());
        verify(scriptFiles, never()).select(any());
    }

    @Test
    void aDownloadStreamsTheFileUnderItsSafeName() throws Exception {
        when(scriptFiles.find(uploaded.id())).thenReturn(Optional.of(uploaded));
        mvc.perform(get("/dump/files/download").param("id", uploaded.id()))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", allOf(
                        containsString("attachment"), containsString("filename=\"pod_de_l_universit_.sql\""))))
                .andExpect(header().string("Content-Type", "application/sql"))
                .andExpect(content().string("INSERT IGNORE INTO t VALUES (1);\n"));
        when(scriptFiles.find("/etc/passwd")).thenReturn(Optional.empty());
        mvc.perform(get("/dump/files/download").param("id", "/etc/passwd")).andExpect(status().isNotFound());
    }
}
