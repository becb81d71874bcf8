package fr.esup.podmigrate.config;

import jakarta.servlet.http.HttpSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest(properties = {
        "podmigrate.target.url=jdbc:mariadb://127.0.0.1:9/pod_v3",
        "podmigrate.workspace=target/test-workspaces/security",
        "podmigrate.operator.username=alice",
        "podmigrate.operator.password={noop}s3cret-pass"})
@AutoConfigureMockMvc
class SecurityTest {

    private static final Set<RequestMethod> UNSAFE = Set.of(RequestMethod.POST, RequestMethod.PUT,
            RequestMethod.PATCH, RequestMethod.DELETE);

    @Autowired
    MockMvc mvc;

    @Autowired
    RequestMappingHandlerMapping handlerMapping;

    @Test
    void anonymousPageRequestRedirectsToLogin() throws Exception {
        mvc.perform(get("/connections")).andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/login"));
    }

    @Test
    void anonymousHtmxRequestAsksForAFullReload() throws Exception {
        mvc.perform(post("/connections/target/test").with(csrf()).header("HX-Request", "true"))
                .andExpect(status().isForbidden())
                .andExpect(header().string("HX-Refresh", "true"));
    }

    @Test
    void staticAssetsAndLoginPageNeedNoLogin() throws Exception {
        mvc.perform(get("/login")).andExpect(status().isOk());
        mvc.perform(get("/css/podmigrate.css")).andExpect(status().isOk());
        mvc.perform(get("/webjars/htmx.org/dist/htmx.min.js")).andExpect(status().isOk());
    }

    @Test
    void everyUnsafeEndpointRefusesARequestWithoutCsrfToken() throws Exception {
        List<String> endpoints = new ArrayList<>(List.of("/logout", "/login"));
        for (RequestMappingInfo info : handlerMapping.getHandlerMethods().keySet()) {
            boolean unsafe = info.getMethodsCondition().getMethods().stream().anyMatch(UNSAFE::contains);
            if (unsafe) {
                info.getPatternValues().forEach(pattern -> endpoints.add(pattern.replaceAll("\\{[^}]+}", "target")));
            }
        }
        assertThat(endpoints).contains("/connections/target/test");
        for (String endpoint : endpoints) {
            for (HttpMethod method : List.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE)) {
                mvc.perform(request(method, endpoint).with(user("alice")))
                        .andExpect(status().isForbidden());
            }
        }
    }

    @Test
    void wrongPasswordIsRefused() throws Exception {
        mvc.perform(formLogin().user("alice").password("wrong"))
                .andExpect(redirectedUrl("/login?error"));
    }

    @Test
    void rightPasswordLogsInWithANewSessionId() throws Exception {
        MockHttpSession session = new MockHttpSession();
        String before = session.getId();
        MvcResult result = mvc.perform(post("/login").param("username", "alice").param("password", "s3cret-pass")
                        .with(csrf()).session(session))
                .andExpect(redirectedUrl("/"))
                .andReturn();
        HttpSession after = result.getRequest().getSession(false);
        assertThat(after).isNotNull();
        assertThat(after.getId()).isNotEqualTo(before);
    }

    @Test
    void logoutIsPostOnly() throws Exception {
        mvc.perform(get("/logout").with(user("alice"))).andExpect(status().isNotFound());
        mvc.perform(post("/logout").with(user("alice")).with(csrf())).andExpect(redirectedUrl("/login?logout"));
    }
}
