package fr.esup.podmigrate.sitefix;

import fr.esup.podmigrate.run.RunStore;
import fr.esup.podmigrate.testsupport.WebSliceConfiguration;
import fr.esup.podmigrate.v2.V2Origin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import java.sql.SQLException;
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
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(controllers = SiteFixController.class, properties = "podmigrate.operator.password={noop}x")
@Import(WebSliceConfiguration.class)
@WithMockUser("alice")
class SiteFixControllerTest {

    private static final ProposedFix V2_CHANNELS = new ProposedFix("v2-links:video_channel", FixKind.V2_LINKS,
            "video_channel", "site_id", 5, new V2LinkPlan(Map.of(1L, List.of(1L, 2L, 4L, 5L), 2L, List.of(3L)),
            Map.of(1L, List.of(1L, 2L)), 2), true);
    private static final ProposedFix PROCEDURE_CHANNELS = new ProposedFix("default-site:video_channel",
            FixKind.DEFAULT_SITE, "video_channel", "site_id", 5, null, false);
    private static final SitePage PAGE = new SitePage(
            List.of(new SitePage.Site(1, "example.com", "example.com"), new SitePage.Site(2, "pod-formation.fr", "<Formation>")),
            List.of(new SitePage.SiteColumn("video_channel", 4, 1), new SitePage.SiteColumn("video_video_sites", 0, 0)),
            List.of(V2_CHANNELS, PROCEDURE_CHANNELS), new V2Origin(V2Origin.Kind.SOURCE, "pod@v2:3306/pod"));

    @Autowired
    MockMvc mvc;

    @MockitoBean
    SiteFixService service;

    @MockitoBean
    RunStore runStore;

    @BeforeEach
    void page() throws Exception {
        when(service.page()).thenReturn(PAGE);
    }

    @Test
    void pageShowsTheSitesTheCountsAndTheProposedFixes() throws Exception {
        mvc.perform(get("/sitefix"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("<nav class=\"steps\""),
                        containsString("&lt;Formation&gt;"),
                        containsString("value=\"example.com\""),
                        containsString("data-table=\"video_channel\""),
                        containsString("<td class=\"num zero\">4</td>"),
                        containsString("<td class=\"num absent\">1</td>"),
                        containsString("1 of them have rows whose site is 0"),
                        containsString("read from the source database pod@v2:3306/pod"),
                        containsString("value=\"v2-links:video_channel\" checked"),
                        containsString("4 rows to site 1 (example.com)"),
                        containsString("1 row to site 2 (pod-formation.fr)"),
                        containsString("Row 1 was on several sites in v2 (1, 2)"),
                        containsString("2 rows have no v2 site that v3 has: they take site 1."),
                        fullPage())))
                .andExpect(content().string(pendingShownOnEveryHtmxForm()))
                .andExpect(content().string(not(containsString("value=\"default-site:video_channel\" checked"))));
    }

    @Test
    void htmxGetsTheSiteFixesWithoutTheLayout() throws Exception {
        mvc.perform(get("/sitefix").header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(fragment("sitefix")));
    }

    @Test
    void pageSpeaksFrench() throws Exception {
        mvc.perform(get("/sitefix").header("Accept-Language", "fr"))
                .andExpect(content().string(containsString("4 lignes vers le site 1 (example.com)")));
    }

    @Test
    void aBadDomainIsRefusedWithoutTouchingTheDatabase() throws Exception {
        mvc.perform(post("/sitefix/site").with(csrf()).param("domain", "pod univ.fr").param("name", "Pod")
                        .header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Give a host name such as pod.univ.fr"),
                        containsString("value=\"pod univ.fr\""), fragment("sitefix"))));
        verify(service, never()).updateSite(any(), anyString());
    }

    @Test
    void aGoodSiteIsSavedAndAudited() throws Exception {
        mvc.perform(post("/sitefix/site").with(csrf()).param("domain", "pod.univ.fr").param("name", "Pod"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Site 1 saved.")));
        verify(service).updateSite(new SiteForm("pod.univ.fr", "Pod"), "alice");
    }

    @Test
    void anHtmxSaveSwapsOnlyTheSiteFixes() throws Exception {
        mvc.perform(post("/sitefix/site").with(csrf()).param("domain", "pod.univ.fr").param("name", "Pod").header("HX-Request", "true"))
                .andExpect(content().string(allOf(containsString("Site 1 saved."), fragment("sitefix"))));
    }

    @Test
    void aDomainAnotherSiteHasIsSaid() throws Exception {
        doThrow(new DataIntegrityViolationException("Duplicate entry")).when(service).updateSite(any(), anyString());
        mvc.perform(post("/sitefix/site").with(csrf()).param("domain", "pod-formation.fr").param("name", "Pod"))
                .andExpect(content().string(containsString("Another site already has this domain")));
    }

    @Test
    void choosingFixesShowsWhatTheyWillDoAndAsksToConfirm() throws Exception {
        when(service.preview(List.of("v2-links:video_channel"))).thenReturn(List.of(V2_CHANNELS));
        mvc.perform(post("/sitefix/fixes").with(csrf()).param("fix", "v2-links:video_channel").header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("Preview: what will change"),
                        containsString("<input type=\"hidden\" name=\"fix\" value=\"v2-links:video_channel\">"),
                        containsString("<input type=\"hidden\" name=\"confirm\" value=\"true\">"),
                        containsString("id=\"apply-fixes\""), fragment("sitefix"))));
        verify(service, never()).apply(any(), anyString());
    }

    @Test
    void confirmedFixesAreAppliedRecordedAndCounted() throws Exception {
        when(service.apply(List.of("v2-links:video_channel"), "alice")).thenReturn(List.of(
                new FixOutcome("v2-links:video_channel", FixKind.V2_LINKS, "video_channel", "site_id", 5, 5, 0)));
        mvc.perform(post("/sitefix/fixes").with(csrf()).param("fix", "v2-links:video_channel").param("confirm", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Fixes applied."),
                        containsString("<td class=\"num before\">5</td><td class=\"num changed\">5</td><td class=\"num after\">0</td>"))));
    }

    @Test
    void htmxConfirmedFixesSwapOnlyTheSiteFixes() throws Exception {
        when(service.apply(List.of("v2-links:video_channel"), "alice")).thenReturn(List.of(
                new FixOutcome("v2-links:video_channel", FixKind.V2_LINKS, "video_channel", "site_id", 5, 5, 0)));
        mvc.perform(post("/sitefix/fixes").with(csrf()).param("fix", "v2-links:video_channel").param("confirm", "true")
                        .header("HX-Request", "true"))
                .andExpect(content().string(allOf(containsString("Fixes applied."), fragment("sitefix"))));
    }

    @Test
    void aFailedTransactionIsRecordedAndSaid() throws Exception {
        when(service.apply(any(), anyString())).thenThrow(new QueryTimeoutException("Lock wait timeout exceeded"));
        mvc.perform(post("/sitefix/fixes").with(csrf()).param("fix", "default-site:video_channel").param("confirm", "true"))
                .andExpect(content().string(allOf(containsString("rolled back: nothing changed"),
                        containsString("Lock wait timeout exceeded"))));
    }

    @Test
    void anUnreachableTargetIsSaidOnThePage() throws Exception {
        when(service.page()).thenThrow(new SQLException("Socket fail to connect to host:v3.univ.fr"));
        mvc.perform(get("/sitefix"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().string(allOf(containsString("<nav class=\"steps\""),
                        containsString("A database could not be read"), containsString("Socket fail to connect"))));
        mvc.perform(get("/sitefix").header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("id=\"database-failure\""), not(containsString("<html")))));
    }
}
