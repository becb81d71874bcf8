package fr.esup.podmigrate.backup;

import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.job.Job;
import fr.esup.podmigrate.job.JobAlreadyRunningException;
import fr.esup.podmigrate.job.JobKind;
import fr.esup.podmigrate.job.JobProgress;
import fr.esup.podmigrate.job.JobStatus;
import fr.esup.podmigrate.run.Message;
import fr.esup.podmigrate.run.RefusedException;
import fr.esup.podmigrate.run.RunStore;
import fr.esup.podmigrate.run.WizardStep;
import fr.esup.podmigrate.testsupport.WebSliceConfiguration;
import org.junit.jupiter.api.BeforeEach;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static fr.esup.podmigrate.testsupport.PageShape.fragment;
import static fr.esup.podmigrate.testsupport.PageShape.fullPage;
import static fr.esup.podmigrate.testsupport.PageShape.pendingShownOnEveryHtmxForm;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(controllers = BackupController.class, properties = "podmigrate.operator.password={noop}x")
@Import(WebSliceConfiguration.class)
@WithMockUser("alice")
class BackupControllerTest {

    private static final String NAME = "pod-20261126-100000.sql.gz";
    private static final DatabaseEndpoint TARGET = new DatabaseEndpoint("jdbc:mariadb://v3.univ.fr:3306/pod", "pod",
            "hunter2", "t");

    @TempDir
    Path dir;

    @Autowired
    MockMvc mvc;

    @MockitoBean
    BackupService service;

    @MockitoBean
    RunStore runStore;

    private Backup backup;

    @BeforeEach
    void setUp() throws Exception {
        Path file = Files.write(dir.resolve(NAME), new byte[] {0x1f, (byte) 0x8b, 1, 2, 3});
        TreeMap<String, DatabaseFingerprint.TableState> tables = new TreeMap<>();
        tables.put("django_migrations", new DatabaseFingerprint.TableState(250, 123));
        tables.put("django_site", new DatabaseFingerprint.TableState(1, 456));
        backup = new Backup(NAME, file, "v3.univ.fr", 3306, "pod", "bob", Backup.Kind.REQUESTED,
                Instant.parse("2026-11-26T10:00:00Z"), 5, "ab".repeat(32), new DatabaseFingerprint(tables), true,
                Message.of("backup.verification.readBack", 2, 1));
        when(service.target()).thenReturn(TARGET);
        when(service.backups()).thenReturn(List.of(backup));
        when(service.find(NAME)).thenReturn(Optional.of(backup));
    }

    private static Job job(JobStatus status) {
        return new Job("backup-1234abcd", WizardStep.BACKUP, JobKind.WORK, "alice", "v3.univ.fr:3306/pod", status,
                Instant.parse("2026-11-26T10:00:00Z"), null, new JobProgress(1048576, 0, 1200, 0), null, null);
    }

    @Test
    void pageListsTheBackupsWithinTheLayoutAndNoPassword() throws Exception {
        mvc.perform(get("/backup"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("<nav class=\"steps\""),
                        containsString("id=\"start-backup\""),
                        containsString("Backups of pod"),
                        containsString(NAME),
                        containsString("2 tables, 251 rows"),
                        containsString("read back through the statement reader: 2 tables and 1 row,"),
                        containsString("href=\"/backup/" + NAME + "/download\""),
                        containsString("href=\"/backup/" + NAME + "/restore\""),
                        not(containsString("load delay")),
                        not(containsString("hunter2")))))
                .andExpect(content().string(fullPage()))
                .andExpect(content().string(pendingShownOnEveryHtmxForm()));
    }

    @Test
    void pageSpeaksFrench() throws Exception {
        mvc.perform(get("/backup").header("Accept-Language", "fr-FR"))
                .andExpect(content().string(allOf(containsString("Sauvegarder maintenant"), containsString("Sauvegardes de pod"),
                        containsString("relue par le lecteur d&#39;instructions : 2 tables et 1 ligne,"),
                        not(containsString("read back")))));
    }

    @Test
    void htmxGetReturnsThePanelThatPollsWhileAJobRuns() throws Exception {
        when(service.latestJob()).thenReturn(Optional.of(job(JobStatus.RUNNING)));
        mvc.perform(get("/backup").header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("id=\"backup-panel\""),
                        containsString("hx-trigger=\"jobEnded from:body\""),
                        containsString("hx-trigger=\"load delay:500ms\""),
                        containsString("hx-get=\"/jobs/backup-1234abcd\""),
                        not(containsString("id=\"start-backup\"")),
                        not(containsString("<nav class=\"steps\"")),
                        not(containsString("<html")))))
                .andExpect(content().string(fragment("backup-panel")));
    }

    @Test
    void startingABackupShowsItsJob() throws Exception {
        when(service.startBackup("alice")).thenReturn(job(JobStatus.RUNNING));
        mvc.perform(post("/backup").with(csrf()).header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("data-status=\"running\""),
                        containsString("1200"),
                        not(containsString("<nav class=\"steps\"")))))
                .andExpect(content().string(fragment("backup-panel")));
        verify(service).startBackup("alice");
    }

    @Test
    void aBackupWhileAnotherJobHoldsTheTargetSaysWhichJob() throws Exception {
        Job importing = new Job("import-5678abcd", WizardStep.IMPORT, JobKind.WORK, "bob", "v3.univ.fr:3306/pod", JobStatus.RUNNING,
                Instant.parse("2026-11-26T09:00:00Z"), null, JobProgress.NONE, null, null);
        when(service.startBackup("alice")).thenThrow(new JobAlreadyRunningException(importing));
        mvc.perform(post("/backup").with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("<nav class=\"steps\""),
                        containsString("Job import-5678abcd, started by bob"))));
    }

    @Test
    void postsNeedTheCsrfToken() throws Exception {
        mvc.perform(post("/backup")).andExpect(status().isForbidden());
        mvc.perform(post("/backup/" + NAME + "/restore").param("confirmation", "pod")).andExpect(status().isForbidden());
        verify(service, never()).startBackup(any());
    }

    @Test
    void downloadStreamsTheFileAsAnAttachment() throws Exception {
        mvc.perform(get("/backup/" + NAME + "/download"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", "attachment; filename=\"" + NAME + "\""))
                .andExpect(header().string("Content-Type", "application/gzip"))
                .andExpect(content().bytes(new byte[] {0x1f, (byte) 0x8b, 1, 2, 3}));
    }

    @Test
    void namesNotInTheListingAreNotFound() throws Exception {
        mvc.perform(get("/backup/other-20261126-100000.sql.gz/download")).andExpect(status().isNotFound());
        mvc.perform(get("/backup/..%2F..%2Fapplication.properties/download")).andExpect(status().is4xxClientError());
        mvc.perform(get("/backup/other-20261126-100000.sql.gz/restore")).andExpect(status().isNotFound());
    }

    @Test
    void restorePageSaysWhatTheRestoreWillDo() throws Exception {
        when(service.restorePlan(backup)).thenReturn(new RestorePlan(backup, List.of("pm_extra"),
                new BackupCheck(BackupCheck.Verdict.CHANGED, backup, List.of("django_site"))));
        mvc.perform(get("/backup/" + NAME + "/restore"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("<nav class=\"steps\""),
                        containsString("Drop and recreate each of the backup&#39;s 2 tables with its rows (251 rows in all)"),
                        containsString("Drop 1 tables that the database has and the backup lacks"),
                        containsString("<code>pm_extra</code>"),
                        containsString("First take a safety backup"),
                        containsString("Type the database name, pod, to confirm"))))
                .andExpect(content().string(fullPage()))
                .andExpect(content().string(pendingShownOnEveryHtmxForm()));
        mvc.perform(get("/backup/" + NAME + "/restore").header("HX-Request", "true"))
                .andExpect(content().string(allOf(containsString("id=\"restore\""), not(containsString("<nav class=\"steps\"")))))
                .andExpect(content().string(fragment("restore")));
    }

    @Test
    void aRestoreWithTheWrongNameIsRefused() throws Exception {
        when(service.restorePlan(backup)).thenReturn(new RestorePlan(backup, List.of(),
                new BackupCheck(BackupCheck.Verdict.MATCHES, backup, List.of())));
        when(service.startRestore(backup, "alice", "prod"))
                .thenThrow(new RefusedException("confirm.refused", "prod", "pod"));
        mvc.perform(post("/backup/" + NAME + "/restore").with(csrf()).param("confirmation", "prod").header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("You typed &quot;prod&quot;, not the database name pod: nothing was changed."),
                        containsString("No safety backup is needed: the verified backup " + NAME),
                        containsString("id=\"start-restore\""))))
                .andExpect(content().string(fragment("restore")));
    }

    @Test
    void aRestoreStartsAsAJob() throws Exception {
        when(service.restorePlan(backup)).thenReturn(new RestorePlan(backup, List.of(),
                new BackupCheck(BackupCheck.Verdict.MATCHES, backup, List.of())));
        when(service.startRestore(backup, "alice", "pod")).thenReturn(job(JobStatus.RUNNING));
        mvc.perform(post("/backup/" + NAME + "/restore").with(csrf()).param("confirmation", "pod").header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("hx-get=\"/jobs/backup-1234abcd\""),
                        not(containsString("id=\"start-restore\"")))))
                .andExpect(content().string(fragment("restore")));
    }
}
