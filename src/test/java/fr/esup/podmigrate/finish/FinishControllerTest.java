package fr.esup.podmigrate.finish;

import fr.esup.podmigrate.run.RunStore;
import fr.esup.podmigrate.run.StepStatus;
import fr.esup.podmigrate.testsupport.PageShape;
import fr.esup.podmigrate.testsupport.WebSliceConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(controllers = FinishController.class, properties = "podmigrate.operator.password={noop}x")
@Import(WebSliceConfiguration.class)
@WithMockUser("alice")
class FinishControllerTest {

    private static final FinishForm DEFAULTS = new FinishForm("/usr/local/django_projects/podv3", "django_pod3",
            "v2.univ.fr:/usr/local/django_projects/podv2/pod/media/");

    @Autowired
    MockMvc mvc;

    @MockitoBean
    FinishService service;

    @MockitoBean
    RunStore runStore;

    @BeforeEach
    void commands() throws Exception {
        importStepIs(StepStatus.DONE);
        verifyStepIs(StepStatus.DONE);
        when(service.defaults()).thenReturn(DEFAULTS);
        when(service.page(any())).thenAnswer(call -> new FinishPage(call.getArgument(0), Map.of(), List.of(
                new FinishPage.CommandBlock("migrate", List.of("cd /usr/local/django_projects/podv3", "workon django_pod3",
                        "python manage.py migrate")),
                new FinishPage.CommandBlock("restart", List.of("sudo systemctl restart uwsgi-pod celeryd rabbitmq-server redis")),
                new FinishPage.CommandBlock("reindex", List.of("cd /usr/local/django_projects/podv3", "workon django_pod3"))),
                "pod.univ.fr", 1234, List.of("dressing.dressing", "video_encode_transcript.encodingvideo")));
    }

    private void importStepIs(StepStatus status) {
        when(service.imported()).thenReturn(status == StepStatus.DONE);
    }

    private void verifyStepIs(StepStatus status) {
        when(service.verified()).thenReturn(status == StepStatus.DONE);
    }

    @Test
    void refusesToMarkItFinishedOverAnIncompleteVerificationWithoutAReason() throws Exception {
        verifyStepIs(StepStatus.TO_REDO);

        mvc.perform(post("/finish").with(csrf()).header("HX-Request", "true").param("reason", "  "))
                .andExpect(content().string(allOf(containsString("id=\"reason-required\""),
                        containsString("data-complete=\"false\""), not(containsString("id=\"finished\"")))));
        verify(service).finish("alice", null);
    }

    @Test
    void marksItFinishedOverAnIncompleteVerificationWithTheOperatorsReason() throws Exception {
        verifyStepIs(StepStatus.FAILED);
        when(service.finish("alice", "extra rows are ours")).thenReturn(true);

        mvc.perform(post("/finish").with(csrf()).header("HX-Request", "true").param("reason", " extra rows are ours "))
                .andExpect(content().string(containsString("The migration is marked finished.")));
        verify(service).finish("alice", "extra rows are ours");
    }

    @Test
    void thePageHasOneTitleAndShowsEveryPendingRequest() throws Exception {
        mvc.perform(get("/finish"))
                .andExpect(content().string(allOf(PageShape.fullPage(), PageShape.pendingShownOnEveryHtmxForm())));
    }

    @Test
    void saysTheDatabaseIsNotMigratedWhileTheImportIsNotDone() throws Exception {
        importStepIs(StepStatus.FAILED);

        mvc.perform(get("/finish"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("id=\"finish-not-migrated\""),
                        not(containsString("The database is migrated")))));
    }

    @Test
    void pageGivesTheCommandsWithACopyButtonEach() throws Exception {
        mvc.perform(get("/finish"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("<nav class=\"steps\""),
                        containsString("The database is migrated"),
                        containsString("<pre id=\"commands-restart\">sudo systemctl restart uwsgi-pod celeryd rabbitmq-server redis</pre>"),
                        containsString("data-copy-target=\"#commands-reindex\""),
                        containsString("data-copied=\"Copied\""),
                        containsString("indexes the 1,234 videos"),
                        containsString("Then open https://pod.univ.fr/"),
                        containsString("value=\"v2.univ.fr:/usr/local/django_projects/podv2/pod/media/\""))));
        verify(service).page(DEFAULTS);
    }

    @Test
    void migrateComesFirstWithTheModelsThatHaveNoContentType() throws Exception {
        mvc.perform(get("/finish"))
                .andExpect(content().string(allOf(
                        containsString("<pre id=\"commands-migrate\">cd /usr/local/django_projects/podv3\nworkon django_pod3\n"
                                + "python manage.py migrate</pre>"),
                        containsString("post_migrate signal"),
                        containsString("2 models of the target have no content type yet"),
                        containsString("<li><code>dressing.dressing</code></li>"),
                        containsString("<li><code>video_encode_transcript.encodingvideo</code></li>"))));
    }

    @Test
    void htmxGetsTheCommandsForTheOperatorsValuesWithoutTheLayout() throws Exception {
        mvc.perform(get("/finish").param("directory", "/srv/pod").header("HX-Request", "true"))
                .andExpect(content().string(PageShape.fragment("finish")));
        verify(service).page(new FinishForm("/srv/pod", DEFAULTS.virtualenv(), DEFAULTS.v2Media()));
    }

    @Test
    void markingTheMigrationFinishedIsRecorded() throws Exception {
        when(service.finish("alice", null)).thenReturn(true);
        mvc.perform(post("/finish").with(csrf()).header("HX-Request", "true"))
                .andExpect(content().string(allOf(containsString("The migration is marked finished."),
                        PageShape.fragment("finish"))));
        verify(service).finish("alice", null);
    }
}
