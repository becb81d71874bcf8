package fr.esup.podmigrate.wipe;

import fr.esup.podmigrate.backup.Backup;
import fr.esup.podmigrate.backup.BackupCheck;
import fr.esup.podmigrate.backup.DatabaseFingerprint;
import fr.esup.podmigrate.job.Job;
import fr.esup.podmigrate.job.JobKind;
import fr.esup.podmigrate.job.JobProgress;
import fr.esup.podmigrate.job.JobStatus;
import fr.esup.podmigrate.run.Message;
import fr.esup.podmigrate.run.RefusedException;
import fr.esup.podmigrate.run.RunStore;
import fr.esup.podmigrate.run.WizardStep;
import fr.esup.podmigrate.testsupport.WebSliceConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import java.nio.file.Path;
import java.sql.SQLException;
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
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(controllers = WipeController.class, properties = "podmigrate.operator.password={noop}x")
@Import(WebSliceConfiguration.class)
@WithMockUser("alice")
class WipeControllerTest {

    private static final Backup BACKUP = new Backup("pod-20261126-100000.sql.gz", Path.of("pod-20261126-100000.sql.gz"),
            "v3.univ.fr", 3306, "pod", "bob", Backup.Kind.REQUESTED, Instant.parse("2026-11-26T10:00:00Z"), 5,
            "ab".repeat(32), new DatabaseFingerprint(new TreeMap<>()), true, Message.text("read back"));

    @Autowired
    MockMvc mvc;

    @MockitoBean
    WipeService service;

    @MockitoBean
    RunStore runStore;

    private static WipePlan plan(BackupCheck check) {
        return new WipePlan("pod", List.of(new WipePlan.TableRows("auth_permission", 320),
                new WipePlan.TableRows("django_site", 1)), new WipePlan.TableRows("django_migrations", 250), check);
    }

    private static final BackupCheck MATCHES = new BackupCheck(BackupCheck.Verdict.MATCHES, BACKUP, List.of());

    private static Job job(JobStatus status) {
        return new Job("wipe-1234abcd", WizardStep.WIPE, JobKind.WORK, "alice", "v3.univ.fr:3306/pod", status,
                Instant.parse("2026-11-26T10:00:00Z"), null, new JobProgress(0, 0, 321, 2), null, null);
    }

    @Test
    void withoutABackupThePageRefusesAndOffersToTakeOne() throws Exception {
        when(service.plan()).thenReturn(plan(new BackupCheck(BackupCheck.Verdict.NO_BACKUP, null, List.of())));
        mvc.perform(get("/wipe"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("<nav class=\"steps\""),
                        containsString("data-verdict=\"no-backup\""),
                        containsString("There is no backup of this database"),
                        containsString("href=\"/backup\""),
                        containsString("2 tables to empty, 321 rows in all"),
                        not(containsString("id=\"start-wipe\"")))))
                .andExpect(content().string(fullPage()));
    }

    @Test
    void aChangeSinceTheBackupIsNamed() throws Exception {
        when(service.plan()).thenReturn(plan(new BackupCheck(BackupCheck.Verdict.CHANGED, BACKUP, List.of("django_site"))));
        mvc.perform(get("/wipe").header("HX-Request", "true"))
                .andExpect(content().string(allOf(
                        containsString("The database has changed since the backup pod-20261126-100000.sql.gz"),
                        containsString("(tables: django_site)"),
                        not(containsString("id=\"start-wipe\"")),
                        not(containsString("<nav class=\"steps\"")))))
                .andExpect(content().string(fragment("wipe-panel")));
    }

    @Test
    void withAVerifiedBackupTheFragmentListsTablesAndAsksForTheName() throws Exception {
        when(service.plan()).thenReturn(plan(MATCHES));
        mvc.perform(get("/wipe").header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("id=\"wipe-panel\""),
                        containsString("The verified backup pod-20261126-100000.sql.gz"),
                        containsString("data-table=\"django_migrations\""),
                        containsString("data-table=\"auth_permission\""),
                        containsString("Type the database name, pod, to confirm"),
                        containsString("id=\"start-wipe\""),
                        not(containsString("<nav class=\"steps\"")),
                        not(containsString("<html")))))
                .andExpect(content().string(fragment("wipe-panel")))
                .andExpect(content().string(pendingShownOnEveryHtmxForm()));
    }

    @Test
    void aWrongNameIsRefused() throws Exception {
        WipePlan plan = plan(MATCHES);
        when(service.plan()).thenReturn(plan);
        when(service.start(plan, "alice", "Pod")).thenThrow(new RefusedException("confirm.refused", "Pod", "pod"));
        mvc.perform(post("/wipe").with(csrf()).param("confirmation", "Pod").header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(
                        containsString("You typed &quot;Pod&quot;, not the database name pod: nothing was changed.")))
                .andExpect(content().string(fragment("wipe-panel")));
        mvc.perform(post("/wipe").with(csrf()).param("confirmation", "Pod").header("Accept-Language", "fr"))
                .andExpect(content().string(allOf(
                        containsString("<nav class=\"steps\""),
                        containsString("Vous avez tapé « Pod », et non le nom de la base pod : rien n&#39;a été modifié."))));
    }

    @Test
    void theWipeStartsAsAJobAndThePanelPollsUntilItEnds() throws Exception {
        WipePlan plan = plan(MATCHES);
        when(service.plan()).thenReturn(plan);
        when(service.start(plan, "alice", "pod")).thenReturn(job(JobStatus.RUNNING));
        mvc.perform(post("/wipe").with(csrf()).param("confirmation", "pod").header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("hx-get=\"/wipe\""),
                        containsString("hx-trigger=\"jobEnded from:body\""),
                        containsString("hx-trigger=\"load delay:500ms\""),
                        containsString("hx-get=\"/jobs/wipe-1234abcd\""),
                        not(containsString("id=\"start-wipe\"")))))
                .andExpect(content().string(fragment("wipe-panel")));
    }

    @Test
    void whileTheWipeRunsTheDatabaseIsNotRead() throws Exception {
        when(service.latestJob()).thenReturn(Optional.of(job(JobStatus.RUNNING)));
        mvc.perform(get("/wipe").header("HX-Request", "true"))
                .andExpect(content().string(containsString("data-status=\"running\"")))
                .andExpect(content().string(fragment("wipe-panel")));
        verify(service, never()).plan();
    }

    @Test
    void anUnreachableDatabaseIsSaid() throws Exception {
        when(service.plan()).thenThrow(new SQLException("Connection refused"));
        mvc.perform(get("/wipe"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().string(allOf(containsString("A database could not be read"),
                        containsString("Connection refused"))));
        mvc.perform(post("/wipe").with(csrf()).param("confirmation", "pod").header("HX-Request", "true"))
                .andExpect(content().string(allOf(containsString("id=\"database-failure\""),
                        containsString("Connection refused"), not(containsString("<html")))));
        verify(service, never()).start(any(), anyString(), anyString());
    }
}
