package fr.esup.podmigrate.importing;

import fr.esup.podmigrate.backup.Backup;
import fr.esup.podmigrate.backup.BackupCheck;
import fr.esup.podmigrate.backup.DatabaseFingerprint;
import fr.esup.podmigrate.backup.TargetGuard;
import fr.esup.podmigrate.dump.ScriptFile;
import fr.esup.podmigrate.job.Job;
import fr.esup.podmigrate.job.JobKind;
import fr.esup.podmigrate.job.JobProgress;
import fr.esup.podmigrate.job.JobStatus;
import fr.esup.podmigrate.run.Message;
import fr.esup.podmigrate.run.RefusedException;
import fr.esup.podmigrate.run.RunStore;
import fr.esup.podmigrate.run.WizardStep;
import fr.esup.podmigrate.sql.script.ScriptAnalysis;
import fr.esup.podmigrate.sql.script.ScriptCompression;
import fr.esup.podmigrate.testsupport.WebSliceConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static fr.esup.podmigrate.testsupport.PageShape.fragment;
import static fr.esup.podmigrate.testsupport.PageShape.fullPage;
import static fr.esup.podmigrate.testsupport.PageShape.pendingShownOnEveryHtmxForm;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(controllers = ImportController.class, properties = "podmigrate.operator.password={noop}x")
@Import(WebSliceConfiguration.class)
@WithMockUser("alice")
class ImportControllerTest {

    private static final ScriptFile SCRIPT = new ScriptFile("import/podv2.sql", "podv2.sql", Path.of("podv2.sql"), 2048,
            Instant.parse("2026-11-26T09:00:00Z"), ScriptFile.Origin.IMPORT_FOLDER, ScriptCompression.NONE);
    private static final Backup BACKUP = new Backup("pod-20261126-100000.sql.gz", Path.of("pod-20261126-100000.sql.gz"),
            "v3.univ.fr", 3306, "pod", "bob", Backup.Kind.REQUESTED, Instant.parse("2026-11-26T10:00:00Z"), 5,
            "ab".repeat(32), new DatabaseFingerprint(new TreeMap<>()), true, Message.text("read back"));
    private static final TablePlan RENDITIONS = new TablePlan("video_videorendition", "video_encode_transcript_videorendition",
            TablePlan.Fate.RENAMED, "", "", 2, 3, List.of(), List.of(new TablePlan.ColumnChange("encoding_resolution_threshold",
            "0", "default")), List.of(), List.of(), 0, true);

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ImportService service;

    @MockitoBean
    RunStore runStore;

    @BeforeEach
    void setUp() throws Exception {
        when(service.script()).thenReturn(Optional.of(SCRIPT));
        when(service.guard()).thenReturn(guard(BackupCheck.Verdict.MATCHES, List.of()));
    }

    private static PodImportAnalysis analysis(List<PlanProblem> problems) {
        return analysis(problems, null, Map.of());
    }

    private static PodImportAnalysis analysis(List<PlanProblem> problems, String sourceDatabase,
                                              Map<String, ScriptAnalysis.DatabaseSection> databases) {
        ScriptAnalysis.ScriptLines none = new ScriptAnalysis.ScriptLines(List.of(), 0);
        ScriptAnalysis script = new ScriptAnalysis(Map.of(), List.of(), 0, List.of(), none, none, none, none, none,
                List.of(), Set.of(), Set.of(), Set.of(), 10, 1, 12, 2048, 2048, 0, -1, -1, null, sourceDatabase, databases);
        TargetSchema target = new TargetSchema(Map.of(), 1 << 24, Set.of(), Set.of(), Set.of(), List.of());
        return new PodImportAnalysis("podv2.sql", script, target, List.of(RENDITIONS), problems, Set.of(), false);
    }

    /** An import of podv2.sql that wrote {@code inserted} and {@code ignored} rows into video_video. */
    private static Imported imported(long inserted, long ignored, List<StatementError> errors) {
        return new Imported("import/podv2.sql", null, false, false, Map.of(), Map.of(),
                Map.of("video_video", new Imported.TableRows(inserted, ignored, -1, -1, -1)), List.of(), errors);
    }

    private static Job importJob(JobStatus status, Imported result) {
        return new Job("import-1234abcd", WizardStep.IMPORT, JobKind.WORK, "alice", "v3.univ.fr:3306/pod", status,
                Instant.parse("2026-11-26T11:00:00Z"), status.finished() ? Instant.parse("2026-11-26T11:01:00Z") : null,
                new JobProgress(1024, 2048, 3, 2), status.finished() ? Message.text("done") : null, result);
    }

    @Test
    void withoutAnAnalysisThePageOffersToAnalyse() throws Exception {
        mvc.perform(get("/import"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("<nav class=\"steps\""), containsString("podv2.sql"),
                        containsString("id=\"analyze\""), not(containsString("id=\"start-import\"")))))
                .andExpect(content().string(fullPage()));
        verify(service, never()).guard();
    }

    @Test
    void aBlockedAnalysisReadsNothingOfTheTarget() throws Exception {
        when(service.analysis(SCRIPT)).thenReturn(Optional.of(analysis(List.of(PlanProblem.blocking("format", 3,
                "not SQL")))));
        mvc.perform(get("/import")).andExpect(status().isOk())
                .andExpect(content().string(not(containsString("id=\"import-check\""))));
        verify(service, never()).guard();
    }

    @Test
    void aReadyAnalysisShowsThePlanAndTheStartForm() throws Exception {
        when(service.analysis(SCRIPT)).thenReturn(Optional.of(analysis(List.of(PlanProblem.warning("no-v3-home.becomes-column",
                "video_channel_sites", 5, "video_channel.site_id")))));
        mvc.perform(get("/import").header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        not(containsString("<nav class=\"steps\"")),
                        containsString("Ready to import 3 rows"),
                        containsString("data-fate=\"renamed\""),
                        containsString("video_encode_transcript_videorendition"),
                        containsString("encoding_resolution_threshold = 0"),
                        containsString("data-code=\"no-v3-home.becomes-column\""),
                        containsString("each becomes video_channel.site_id, set by the site fixes"),
                        containsString("<details id=\"import-plan\" open=\"open\">"),
                        containsString("<summary>Plan for 1 table: 1 imported (1 of them renamed), 0 left out</summary>"),
                        containsString("id=\"start-import\""))))
                .andExpect(content().string(pendingShownOnEveryHtmxForm()))
                .andExpect(content().string(fragment("import-panel")));
    }

    @Test
    void anAnalysisOfABackupOfSeveralDatabasesSaysWhichOneIsImportedAndWhichAreSkipped() throws Exception {
        when(service.analysis(SCRIPT)).thenReturn(Optional.of(analysis(List.of(), "esup_pod", Map.of(
                "esup_pod", new ScriptAnalysis.DatabaseSection("esup_pod", Set.of("video_video", "video_type"), 40, 3),
                "mysql", new ScriptAnalysis.DatabaseSection("mysql", Set.of("global_priv"), 37, 1234)))));
        mvc.perform(get("/import"))
                .andExpect(content().string(allOf(
                        containsString("Database imported: esup_pod"),
                        containsString("(2 tables, 3 rows)"),
                        containsString("data-database=\"mysql\""),
                        containsString("Database mysql skipped: 37 statements, 1,234 rows."),
                        not(containsString("Database esup_pod skipped")))));
    }

    @Test
    void anotherDatabaseOfTheBackupCanBeAnalysedInstead() throws Exception {
        when(service.analysis(SCRIPT)).thenReturn(Optional.of(analysis(List.of(), "esup_pod", Map.of(
                "esup_pod", new ScriptAnalysis.DatabaseSection("esup_pod", Set.of("video_video"), 40, 3),
                "pod_preprod", new ScriptAnalysis.DatabaseSection("pod_preprod", Set.of("video_video"), 12, 1)))));
        mvc.perform(get("/import"))
                .andExpect(content().string(allOf(containsString("<select id=\"source-database\" name=\"database\">"),
                        containsString("<option value=\"esup_pod\" selected=\"selected\">esup_pod</option>"),
                        containsString("<option value=\"pod_preprod\">pod_preprod</option>"))));

        mvc.perform(post("/import/analyze").param("database", "pod_preprod").with(csrf()).header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(fragment("import-panel")));
        verify(service).analyze("alice", "pod_preprod", false);
    }

    @Test
    void whatBecomesOfTablesLeftOutIsSaidInFrench() throws Exception {
        TablePlan viewers = new TablePlan("live_broadcaster_viewers", "", TablePlan.Fate.NO_V3_HOME, "dropped", "3.1", 1, 2,
                List.of(), List.of(), List.of(), List.of(), 0, false);
        TablePlan sites = new TablePlan("video_channel_sites", "", TablePlan.Fate.NO_V3_HOME, "becomes-column",
                "video_channel.site_id", 1, 5, List.of(), List.of(), List.of(), List.of(), 0, false);
        TablePlan broadcasters = new TablePlan("live_broadcaster", "", TablePlan.Fate.EXCLUDED, "recreated-by-hand", "",
                1, 3, List.of(), List.of(), List.of(), List.of(), 0, false);
        PodImportAnalysis base = analysis(List.of());
        when(service.analysis(SCRIPT)).thenReturn(Optional.of(new PodImportAnalysis(base.scriptName(), base.script(),
                base.target(), List.of(viewers, sites, broadcasters), base.problems(), Set.of(), false)));
        mvc.perform(get("/import").header("Accept-Language", "fr"))
                .andExpect(content().string(allOf(
                        containsString("Pod 3.1 l&#39;a supprimée"),
                        containsString("devient video_channel.site_id, renseigné par les corrections de site"),
                        containsString("recréez les lignes à la main"),
                        not(containsString("dropped it")))));
    }

    @Test
    void cachesAndUnreadTablesAreNamedAndTheCachesCanBeIncluded() throws Exception {
        TablePlan sessions = new TablePlan("django_session", "", TablePlan.Fate.EPHEMERAL, "sessions", "", 1, 7, List.of(),
                List.of(), List.of(), List.of(), 0, false);
        TablePlan unread = new TablePlan("authentication_accessgroup_users", "authentication_accessgroup_users",
                TablePlan.Fate.UNREAD, "authentication_owner_accessgroups", "", 1, 4, List.of(), List.of(), List.of(),
                List.of(), 0, false);
        PodImportAnalysis base = analysis(List.of(PlanProblem.warning("ephemeral.sessions", "django_session", 7)));
        when(service.analysis(SCRIPT)).thenReturn(Optional.of(new PodImportAnalysis(base.scriptName(), base.script(),
                base.target(), List.of(sessions, unread), base.problems(), Set.of(), false)));
        mvc.perform(get("/import"))
                .andExpect(content().string(allOf(
                        containsString("name=\"includeEphemeral\""),
                        containsString("not imported (cache, short-lived)"),
                        containsString("logged-in sessions: everyone logs in again"),
                        containsString("copied, read by no model"),
                        containsString("its field goes through authentication_owner_accessgroups"),
                        containsString("Table django_session (7 rows) is not imported"))));

        mvc.perform(post("/import/analyze").param("includeEphemeral", "true").with(csrf()).header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(fragment("import-panel")));
        verify(service).analyze("alice", null, true);
    }

    @Test
    void aBlockedAnalysisNamesItsProblemsAndOffersNoImport() throws Exception {
        when(service.analysis(SCRIPT)).thenReturn(Optional.of(analysis(List.of(
                PlanProblem.blocking("refused.DROP_DATABASE", 12, "DROP DATABASE pod")))));
        mvc.perform(get("/import"))
                .andExpect(content().string(allOf(
                        containsString("1 blocking problem:"),
                        containsString("Line 12: Refused: the statement drops a database, which the import never does"
                                + " (mariadb-dump and mysqldump write it with --add-drop-database: dump the database again"
                                + " without that option, or delete the line from the script): DROP DATABASE pod"),
                        not(containsString("id=\"start-import\"")))));
    }

    @Test
    void aRefusedStartSaysWhyInTheFragment() throws Exception {
        when(service.analysis(SCRIPT)).thenReturn(Optional.of(analysis(List.of())));
        when(service.start(eq("alice"), eq("wrong"), anyBoolean()))
                .thenThrow(new RefusedException("confirm.refused", "wrong", "pod"));
        mvc.perform(post("/import/start").with(csrf()).header("HX-Request", "true").param("confirmation", "wrong"))
                .andExpect(content().string(allOf(
                        containsString("You typed &quot;wrong&quot;, not the database name pod: nothing was changed."),
                        not(containsString("<nav class=\"steps\"")))))
                .andExpect(content().string(fragment("import-panel")));
    }

    @Test
    void aRunningImportPollsAndAFinishedOneShowsItsCounts() throws Exception {
        when(service.latestImport()).thenReturn(Optional.of(importJob(JobStatus.RUNNING, null)));
        mvc.perform(get("/import").header("HX-Request", "true"))
                .andExpect(content().string(allOf(containsString("hx-trigger=\"jobEnded from:body\""),
                        containsString("hx-trigger=\"load delay:500ms\""),
                        containsString("data-status=\"running\""))))
                .andExpect(content().string(fragment("import-panel")));

        when(service.latestImport()).thenReturn(Optional.of(importJob(JobStatus.FAILED, imported(200, 3, List.of(
                new StatementError(9, "video_video", 1062, "Duplicate entry '1' for key 'PRIMARY'", "INSERT INTO `video_video`"))))));
        when(service.resumable(org.mockito.ArgumentMatchers.any())).thenReturn(true);
        mvc.perform(get("/import"))
                .andExpect(content().string(allOf(not(containsString("load delay")),
                        containsString("data-table=\"video_video\""), containsString("Line 9 (video_video): error 1062, Duplicate entry &#39;1&#39; for key &#39;PRIMARY&#39;"),
                        containsString("id=\"resume-import\""))));
    }

    @Test
    void aResumeSwapsOnlyThePanel() throws Exception {
        when(service.latestImport()).thenReturn(Optional.of(importJob(JobStatus.RUNNING, null)));
        mvc.perform(post("/import/resume").with(csrf()).header("HX-Request", "true"))
                .andExpect(content().string(allOf(containsString("data-status=\"running\""), fragment("import-panel"))));
        verify(service).resume("alice", false);
        mvc.perform(post("/import/resume").param("continueOnError", "true").with(csrf()).header("HX-Request", "true"));
        verify(service).resume("alice", true);
    }

    @Test
    void afterAnImportThePlanIsFoldedAndTheCheckSaysWhenItRan() throws Exception {
        when(service.analysis(SCRIPT)).thenReturn(Optional.of(analysis(List.of())));
        when(service.latestImport()).thenReturn(Optional.of(importJob(JobStatus.SUCCEEDED, imported(200, 0, List.of()))));
        when(service.guard()).thenReturn(guard(BackupCheck.Verdict.CHANGED, List.of("video_video")));
        mvc.perform(get("/import"))
                .andExpect(content().string(allOf(
                        containsString("<details id=\"import-plan\">"),
                        containsString("id=\"import-done\""),
                        containsString("Imported at 2026-11-26 "),
                        containsString("to import again, back up the target as it is now first."),
                        not(containsString("The database has changed since the backup")),
                        not(containsString("id=\"start-import\"")))));
        mvc.perform(get("/import").header("Accept-Language", "fr"))
                .andExpect(content().string(containsString("pour importer à nouveau, sauvegardez d&#39;abord la cible")));
    }

    @Test
    void withoutAnImportAChangedTargetStillAsksForABackup() throws Exception {
        when(service.analysis(SCRIPT)).thenReturn(Optional.of(analysis(List.of())));
        when(service.guard()).thenReturn(guard(BackupCheck.Verdict.CHANGED, List.of("video_video")));
        mvc.perform(get("/import"))
                .andExpect(content().string(allOf(
                        containsString("The database has changed since the backup pod-20261126-100000.sql.gz"),
                        containsString("(tables: video_video)"),
                        not(containsString("id=\"import-done\"")), not(containsString("id=\"start-import\"")))));
    }

    @Test
    void afterAStoppedImportTheCheckSaysWhereItStoppedAndThatItResumes() throws Exception {
        when(service.analysis(SCRIPT)).thenReturn(Optional.of(analysis(List.of())));
        when(service.guard()).thenReturn(guard(BackupCheck.Verdict.CHANGED, List.of("video_video")));
        when(service.latestImport()).thenReturn(Optional.of(importJob(JobStatus.FAILED, imported(200, 0, List.of(
                new StatementError(1234, "video_video", 1062, "Duplicate entry '1' for key 'PRIMARY'", "INSERT INTO `video_video`"))))));
        when(service.resumable(org.mockito.ArgumentMatchers.any())).thenReturn(true);
        mvc.perform(get("/import"))
                .andExpect(content().string(allOf(
                        containsString("id=\"import-stopped\""),
                        containsString("The import stopped at line 1234: resume it below, or back up the target as it is now"),
                        containsString("id=\"resume-import\""),
                        not(containsString("The database has changed since the backup")),
                        not(containsString("id=\"start-import\"")))));
        mvc.perform(get("/import").header("Accept-Language", "fr"))
                .andExpect(content().string(containsString("L&#39;import s&#39;est arrêté à la ligne 1234 : reprenez-le")));

        when(service.resumable(org.mockito.ArgumentMatchers.any())).thenReturn(false);
        mvc.perform(get("/import"))
                .andExpect(content().string(allOf(not(containsString("id=\"import-stopped\"")),
                        containsString("The database has changed since the backup"))));
    }

    @Test
    void anUnreadableTargetIsSaidByTheSharedFailureWithItsPasswordMasked() throws Exception {
        when(service.analysis(SCRIPT)).thenReturn(Optional.of(analysis(List.of())));
        when(service.guard()).thenThrow(new java.sql.SQLException(
                "Could not connect to jdbc:mariadb://v3.univ.fr/pod?user=pod&password=hunter2"));
        mvc.perform(get("/import").header("HX-Request", "true"))
                .andExpect(content().string(allOf(containsString("id=\"database-failure\""),
                        containsString("Could not connect to"), not(containsString("hunter2")),
                        not(containsString("id=\"start-import\"")))));
    }

    /** The target with rows of a site's: neither wiped nor a fresh install, so only a backup allows the import. */
    private static TargetGuard guard(BackupCheck.Verdict verdict, List<String> changed) {
        TreeMap<String, DatabaseFingerprint.TableState> tables = new TreeMap<>();
        tables.put("django_migrations", new DatabaseFingerprint.TableState(300, 1));
        tables.put("video_video", new DatabaseFingerprint.TableState(5, 2));
        return new TargetGuard("pod", new DatabaseFingerprint(tables), new BackupCheck(verdict, BACKUP, changed));
    }
}
