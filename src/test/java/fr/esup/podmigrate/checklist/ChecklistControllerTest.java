package fr.esup.podmigrate.checklist;

import fr.esup.podmigrate.run.RunStore;
import fr.esup.podmigrate.run.StepState;
import fr.esup.podmigrate.run.StepStatus;
import fr.esup.podmigrate.run.WizardStep;
import fr.esup.podmigrate.testsupport.WebSliceConfiguration;
import fr.esup.podmigrate.v2.V2Origin;
import fr.esup.podmigrate.v3.OrphanedKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static fr.esup.podmigrate.testsupport.PageShape.fragment;
import static fr.esup.podmigrate.testsupport.PageShape.fullPage;
import static fr.esup.podmigrate.testsupport.PageShape.pendingShownOnEveryHtmxForm;
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

@WebMvcTest(controllers = ChecklistController.class, properties = "podmigrate.operator.password={noop}x")
@Import(WebSliceConfiguration.class)
@WithMockUser("alice")
class ChecklistControllerTest {

    private static final ChecklistStore.Tick BOB = new ChecklistStore.Tick("bob", Instant.parse("2026-11-26T10:15:00Z"));
    private static final Recreation BROADCASTERS = new Recreation("live_broadcaster", true,
            List.of(new Recreation.ColumnMapping("name", Recreation.Source.COPIED, ""),
                    new Recreation.ColumnMapping("main_lang", Recreation.Source.VALUE, "'fr'")),
            List.of(), List.of(new Recreation.V2OnlyColumn("iframe_url", "live_event.iframe_url"),
            new Recreation.V2OnlyColumn("viewcount", "")), List.of("id", "name"),
            List.of(new Recreation.V2Row("1", List.of("1", "Amphi 1"), true, List.of()),
                    new Recreation.V2Row("2", List.of("2", "Amphi <2>"), false, List.of())));
    private static final ChecklistPage PAGE = new ChecklistPage(List.of(
            new ChecklistPage.Item("django_flatpage", 4L, List.of(), null, List.of(
                    new ChecklistPage.Flatpage(1, "/", "Accueil", "example.com"),
                    new ChecklistPage.Flatpage(4, "/faq/", "FAQ", "")), null),
            new ChecklistPage.Item("live_broadcaster", 1L, List.of(), null, null, BROADCASTERS),
            new ChecklistPage.Item("live_event", 3L, List.of(
                    new OrphanedKey("live_event", "broadcaster_id", "live_broadcaster", "id", 1, List.of("2"))),
                    BOB, null, null)), new V2Origin(V2Origin.Kind.SOURCE, "pod@v2:3306/pod"));

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ChecklistService service;

    @MockitoBean
    RunStore runStore;

    @BeforeEach
    void page() throws Exception {
        when(service.page()).thenReturn(PAGE);
    }

    @Test
    void pageShowsEachItemWithItsCountsOrphansPagesAndBroadcasters() throws Exception {
        mvc.perform(get("/checklist"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("<nav class=\"steps\""),
                        containsString("1 of 3 items checked."),
                        containsString("v3 holds 3 rows in live_event."),
                        containsString("data-key=\"live_event.broadcaster_id\""),
                        containsString("1 page is linked to no site."),
                        containsString("<td>no site</td>"),
                        containsString("Checked by bob at"),
                        containsString("v2 has 2 rows; 1 of them missing in v3."),
                        containsString("Amphi &lt;2&gt;"),
                        containsString("data-id=\"2\" data-present=\"false\""),
                        containsString("main_lang: set to &#39;fr&#39;"),
                        containsString("v2 column iframe_url: v3 keeps it in live_event.iframe_url, to fill by hand."),
                        containsString("v2 column viewcount: v3 has no place for it."),
                        containsString("id=\"recreate-live_broadcaster\""))))
                .andExpect(content().string(fullPage()))
                .andExpect(content().string(pendingShownOnEveryHtmxForm()))
                .andExpect(content().string(not(containsString("id=\"insert-live_broadcaster\""))));
    }

    @Test
    void htmxGetsTheChecklistWithoutTheLayout() throws Exception {
        mvc.perform(get("/checklist").header("HX-Request", "true"))
                .andExpect(content().string(fragment("checklist")));
    }

    @Test
    void tickingTheLastItemCompletesTheStep() throws Exception {
        Map<String, ChecklistStore.Tick> all = Map.of("django_flatpage", BOB, "django_flatpage_sites", BOB,
                "live_broadcaster", BOB, "live_event", BOB, "live_event_additional_owners", BOB);
        when(service.tick("live_event", true, "alice")).thenReturn(all);
        mvc.perform(post("/checklist/items/live_event").with(csrf()).param("checked", "true").header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("id=\"tick-live_event\""),
                        containsString("data-ticked=\"true\""),
                        containsString("<input type=\"hidden\" name=\"checked\" value=\"false\">"),
                        containsString("hx-swap-oob=\"true\""),
                        containsString("All 5 items checked"),
                        fragment("tick-live_event"))));
    }

    @Test
    void untickingLeavesTheStepInProgress() throws Exception {
        when(service.tick("live_event", false, "alice")).thenReturn(Map.of("django_flatpage", BOB));
        mvc.perform(post("/checklist/items/live_event").with(csrf()).param("checked", "false"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("<nav class=\"steps\"")));
        verify(service).tick("live_event", false, "alice");
    }

    @Test
    void onlyChecklistItemsAndRecreatedTablesAreAccepted() throws Exception {
        mvc.perform(post("/checklist/items/auth_user").with(csrf()).param("checked", "true")).andExpect(status().isNotFound());
        mvc.perform(post("/checklist/recreate/auth_user").with(csrf())).andExpect(status().isNotFound());
    }

    @Test
    void insertingShowsTheRowsFirstAndAsksToConfirm() throws Exception {
        mvc.perform(post("/checklist/recreate/live_broadcaster").with(csrf()).header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("Insert 1 row into live_broadcaster, in one transaction?"),
                        containsString("<li>2 · Amphi &lt;2&gt;</li>"),
                        containsString("id=\"insert-live_broadcaster\""),
                        fragment("checklist"))));
        verify(service, never()).insertMissing(anyString(), anyString());
    }

    @Test
    void confirmedInsertIsDoneAndAudited() throws Exception {
        when(service.insertMissing("live_broadcaster", "alice")).thenReturn(1);
        mvc.perform(post("/checklist/recreate/live_broadcaster").with(csrf()).param("confirm", "true"))
                .andExpect(content().string(containsString("1 row inserted into live_broadcaster.")));
    }

    @Test
    void anHtmxInsertSwapsOnlyTheChecklistAndTheSideBarAsTheServiceRecordedIt() throws Exception {
        when(service.insertMissing("live_broadcaster", "alice")).thenReturn(1);
        when(runStore.states()).thenReturn(List.of(new StepState(WizardStep.CHECKLIST, StepStatus.NOT_STARTED, null,
                null))).thenReturn(List.of(new StepState(WizardStep.CHECKLIST, StepStatus.RUNNING, "alice",
                Instant.parse("2026-12-01T09:00:00Z"))));
        mvc.perform(post("/checklist/recreate/live_broadcaster").with(csrf()).param("confirm", "true").header("HX-Request", "true"))
                .andExpect(content().string(allOf(containsString("1 row inserted into live_broadcaster."),
                        containsString("hx-swap-oob=\"true\""),
                        containsString("<span class=\"status running\">Running</span>"),
                        not(containsString("Not started")),
                        fragment("checklist"))));
    }

    @Test
    void aTickAnsweredToHtmxBringsTheSideBarAsRecorded() throws Exception {
        when(service.tick("live_event", true, "alice")).thenReturn(Map.of("live_event", BOB));
        when(runStore.states()).thenReturn(List.of(new StepState(WizardStep.CHECKLIST, StepStatus.NOT_STARTED, null,
                null))).thenReturn(List.of(new StepState(WizardStep.CHECKLIST, StepStatus.RUNNING, "alice",
                Instant.parse("2026-12-01T09:00:00Z"))));
        mvc.perform(post("/checklist/items/live_event").with(csrf()).param("checked", "true").header("HX-Request", "true"))
                .andExpect(content().string(allOf(
                        containsString("<span class=\"status running\">Running</span>"),
                        not(containsString("Not started")),
                        fragment("tick-live_event"))));
    }

    @Test
    void aPreviewOfAnInsertChangesNoStatusAndSendsNoSideBar() throws Exception {
        mvc.perform(post("/checklist/recreate/live_broadcaster").with(csrf()).header("HX-Request", "true"))
                .andExpect(content().string(not(containsString("hx-swap-oob=\"true\""))));
        verify(service, never()).insertMissing(anyString(), anyString());
    }

    @Test
    void aFailedInsertIsRolledBackAndSaid() throws Exception {
        when(service.insertMissing("live_broadcaster", "alice")).thenThrow(new DataIntegrityViolationException("Duplicate entry 'amphi-2'"));
        mvc.perform(post("/checklist/recreate/live_broadcaster").with(csrf()).param("confirm", "true"))
                .andExpect(content().string(allOf(containsString("Inserting into live_broadcaster failed and was rolled back"),
                        containsString("Duplicate entry &#39;amphi-2&#39;"))));
    }
}
