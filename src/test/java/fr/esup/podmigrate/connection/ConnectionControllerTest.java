package fr.esup.podmigrate.connection;

import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.config.Databases;
import fr.esup.podmigrate.pod.DatabaseKind;
import fr.esup.podmigrate.run.RunStore;
import fr.esup.podmigrate.run.StepState;
import fr.esup.podmigrate.run.StepStatus;
import fr.esup.podmigrate.run.WizardStep;
import fr.esup.podmigrate.testsupport.WebSliceConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import java.util.List;
import java.util.Optional;

import static fr.esup.podmigrate.testsupport.PageShape.fragmentStartingWith;
import static fr.esup.podmigrate.testsupport.PageShape.fullPage;
import static fr.esup.podmigrate.testsupport.PageShape.pendingShownOnEveryHtmxForm;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(controllers = ConnectionController.class, properties = "podmigrate.operator.password={noop}x")
@Import({WebSliceConfiguration.class, ConnectionControllerTest.TestDatabases.class, ConnectionService.class})
@WithMockUser("alice")
class ConnectionControllerTest {

    @TestConfiguration
    static class TestDatabases {
        @Bean
        Databases databases() {
            return new Databases(new DatabaseEndpoint("jdbc:mariadb://v3.univ.fr:3306/pod", "pod", "hunter2", "t"),
                    Optional.empty(), false);
        }
    }

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ConnectionTester tester;

    @MockitoBean
    RunStore runStore;

    private static final ConnectionReport V2_TARGET = new ConnectionReport(DatabaseRole.TARGET, null, null,
            "10.11.19-MariaDB", "utf8mb4", "utf8mb4_general_ci", 16L * 1024 * 1024, 105, DatabaseKind.POD_V2, null);

    @Test
    void pageShowsTheTargetWithoutItsPassword() throws Exception {
        when(runStore.states()).thenReturn(List.of(new StepState(WizardStep.CONNECTIONS, StepStatus.DONE, "bob",
                java.time.Instant.parse("2026-11-26T09:30:00Z"))));
        mvc.perform(get("/connections"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("<nav class=\"steps\""),
                        containsString("v3.univ.fr"),
                        containsString("id=\"test-target\""),
                        containsString("2026-11-26 09:30, bob"),
                        containsString("No source database is configured"),
                        not(containsString("hunter2")))))
                .andExpect(content().string(fullPage()))
                .andExpect(content().string(pendingShownOnEveryHtmxForm()));
    }

    @Test
    void pageSpeaksFrenchToAFrenchBrowser() throws Exception {
        mvc.perform(get("/connections").header("Accept-Language", "fr-FR,fr;q=0.9"))
                .andExpect(content().string(containsString("Tester la connexion")));
        mvc.perform(get("/connections").header("Accept-Language", "fr-FR").param("lang", "en"))
                .andExpect(content().string(containsString("Test the connection")));
    }

    @Test
    void htmxTestReturnsOnlyTheResultFragment() throws Exception {
        when(tester.test(any(), eq(DatabaseRole.TARGET))).thenReturn(V2_TARGET);
        mvc.perform(post("/connections/target/test").with(csrf()).header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("data-outcome=\"POD_V2\""),
                        containsString("10.11.19-MariaDB"),
                        containsString("are the target and source settings swapped?"),
                        not(containsString("<nav class=\"steps\"")),
                        not(containsString("<html")))))
                .andExpect(content().string(fragmentStartingWith("class=\"report")));
        verify(runStore).record(eq(WizardStep.CONNECTIONS), eq(StepStatus.FAILED), eq("alice"), any());
    }

    @Test
    void plainTestReturnsTheWholePageWithTheResult() throws Exception {
        when(tester.test(any(), eq(DatabaseRole.TARGET))).thenReturn(
                ConnectionReport.failed(DatabaseRole.TARGET, ConnectionFailure.BAD_CREDENTIALS, "Access denied for user 'pod'"));
        mvc.perform(post("/connections/target/test").with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("<nav class=\"steps\""),
                        containsString("data-outcome=\"bad-credentials\""),
                        containsString("Access denied for user &#39;pod&#39;"))));
    }

    @Test
    void unconfiguredSourceCannotBeTested() throws Exception {
        mvc.perform(post("/connections/source/test").with(csrf()).header("HX-Request", "true"))
                .andExpect(status().isNotFound());
        mvc.perform(post("/connections/other/test").with(csrf())).andExpect(status().isNotFound());
    }
}
