package fr.esup.podmigrate.connection;

import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.config.Databases;
import fr.esup.podmigrate.run.RunStore;
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

import java.util.Optional;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A password mistyped into the URL: the page that tests it never shows it, whatever the driver says. */
@WebMvcTest(controllers = ConnectionController.class, properties = "podmigrate.operator.password={noop}x")
@Import({WebSliceConfiguration.class, ConnectionService.class, ConnectionTester.class, ConnectionPageSecretTest.UrlWithPassword.class})
@WithMockUser("alice")
class ConnectionPageSecretTest {

    @TestConfiguration
    static class UrlWithPassword {
        @Bean
        Databases databases() {
            return new Databases(new DatabaseEndpoint("jdbc:mysql://127.0.0.1:9/pod?user=pod&password=hunter2", "", "", "t"),
                    Optional.empty(), false);
        }
    }

    @Autowired
    MockMvc mvc;

    @MockitoBean
    RunStore runStore;

    @Test
    void testOfAUrlHoldingAPasswordNeverShowsIt() throws Exception {
        // the jdbc:mysql URL reaches the driver, which finds nothing listening on port 9
        mvc.perform(post("/connections/target/test").with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Connection refused: nothing listens"),
                        not(containsString("hunter2")))));
        mvc.perform(get("/connections")).andExpect(content().string(not(containsString("hunter2"))));
    }
}
