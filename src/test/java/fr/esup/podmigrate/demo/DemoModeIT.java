package fr.esup.podmigrate.demo;

import fr.esup.podmigrate.config.Databases;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;

/** With no database configured, the console starts on its own embedded MariaDB, whatever server the other tests use. */
@SpringBootTest(properties = "podmigrate.workspace=target/test-workspaces/demo")
@AutoConfigureMockMvc
class DemoModeIT {

    @Autowired
    MockMvc mvc;

    @Autowired
    Databases databases;

    @Test
    void demoDatabasesAreABlankPodV3AndASamplePodV2OnTheEmbeddedServer() throws Exception {
        assertThat(databases.demo()).isTrue();
        assertThat(databases.target().database()).isEqualTo("pod_demo_v3");
        assertThat(databases.source()).hasValueSatisfying(source -> assertThat(source.database()).isEqualTo("pod_demo_v2"));

        mvc.perform(get("/connections").with(user("operator")))
                .andExpect(content().string(containsString("Demo mode")));
        mvc.perform(post("/connections/target/test").with(user("operator")).with(csrf()).header("HX-Request", "true"))
                .andExpect(content().string(containsString("data-outcome=\"POD_V3\"")));
        mvc.perform(post("/connections/source/test").with(user("operator")).with(csrf()).header("HX-Request", "true"))
                .andExpect(content().string(containsString("data-outcome=\"POD_V2\"")));
    }
}
