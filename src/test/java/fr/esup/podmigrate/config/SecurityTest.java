package fr.esup.podmigrate.config;

import jakarta.servlet.http.HttpSession;
import fr.esup.podmigrate.testsupport.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
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

    @TestConfiguration
    static class TestClock {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
        }
    }

    private static final Set<RequestMethod> UNSAFE = Set.of(RequestMethod.POST, RequestMethod.PUT,
            RequestMethod.PATCH, RequestMethod.DELETE);

    @Autowired
    MockMvc mvc;

    @Autowired
    RequestMappingHandlerMapping handlerMapping;

    @Autowired
    MutableClock clock;

    @BeforeEach
    void forgetEarlierFailures() {
        clock.advance(Duration.ofDays(1));
    }

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
    void fiveWrongPasswordsLockTheAccountUntilTheLockEnds() throws Exception {
        for (int attempt = 1; attempt <= 5; attempt++) {
            mvc.perform(formLogin().user("alice").password("wrong-" + attempt)).andExpect(redirectedUrl("/login?error"));
            clock.advance(Duration.ofMinutes(1));
        }
        String lockEnd = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault())
                .format(clock.instant().plus(Duration.ofMinutes(14)));
        MvcResult blocked = mvc.perform(formLogin().user("alice").password("s3cret-pass"))
                .andExpect(redirectedUrl("/login?blocked")).andReturn();
        MockHttpSession session = (MockHttpSession) blocked.getRequest().getSession(false);
        mvc.perform(get("/login").param("blocked", "").session(session))
                .andExpect(content().string(containsString("logins are refused until " + lockEnd)));
        mvc.perform(get("/login").param("blocked", "").session(session).header("Accept-Language", "fr"))
                .andExpect(content().string(containsString("les connexions sont refusées jusqu&#39;au " + lockEnd)));

        clock.advance(Duration.ofMinutes(13));
        mvc.perform(formLogin().user("alice").password("s3cret-pass")).andExpect(redirectedUrl("/login?blocked"));
        clock.advance(Duration.ofMinutes(1));
        mvc.perform(formLogin().user("alice").password("s3cret-pass")).andExpect(redirectedUrl("/"));
    }

    @Test
    void eachFailureSlowsTheNextAttemptAndASuccessForgetsThem() throws Exception {
        mvc.perform(formLogin().user("alice").password("wrong")).andExpect(redirectedUrl("/login?error"));
        mvc.perform(formLogin().user("alice").password("s3cret-pass")).andExpect(redirectedUrl("/login?blocked"));
        clock.advance(Duration.ofSeconds(1));
        mvc.perform(formLogin().user("alice").password("wrong")).andExpect(redirectedUrl("/login?error"));
        clock.advance(Duration.ofSeconds(1));
        mvc.perform(formLogin().user("alice").password("s3cret-pass")).andExpect(redirectedUrl("/login?blocked"));
        clock.advance(Duration.ofSeconds(1));
        mvc.perform(formLogin().user("alice").password("s3cret-pass")).andExpect(redirectedUrl("/"));
        for (int attempt = 1; attempt <= 4; attempt++) {
            clock.advance(Duration.ofMinutes(1));
            mvc.perform(formLogin().user("alice").password("wrong")).andExpect(redirectedUrl("/login?error"));
        }
        clock.advance(Duration.ofMinutes(1));
        mvc.perform(formLogin().user("alice").password("s3cret-pass")).andExpect(redirectedUrl("/"));
    }

    @Test
    void aClientAddressIsLockedWhateverTheAccountItTries() throws Exception {
        for (int attempt = 1; attempt <= 5; attempt++) {
            mvc.perform(loginFrom("192.0.2.7", "guess-" + attempt, "wrong")).andExpect(redirectedUrl("/login?error"));
            clock.advance(Duration.ofMinutes(1));
        }
        mvc.perform(loginFrom("192.0.2.7", "alice", "s3cret-pass")).andExpect(redirectedUrl("/login?blocked"));
        mvc.perform(formLogin().user("alice").password("s3cret-pass")).andExpect(redirectedUrl("/"));
    }

    @Test
    void loginPageShowsNothingOfTheRun() throws Exception {
        mvc.perform(get("/login"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(not(containsString("class=\"steps\"")), not(containsString("class=\"status")),
                        not(containsString("Not started")))));
    }

    @Test
    void pagesSendNoReferrerAndAStrictPolicy() throws Exception {
        mvc.perform(get("/login"))
                .andExpect(header().string("Referrer-Policy", "no-referrer"))
                .andExpect(header().string("Content-Security-Policy", containsString("style-src 'self';")))
                .andExpect(content().string(allOf(containsString("\"includeIndicatorStyles\": false"),
                        containsString("<link rel=\"icon\" type=\"image/svg+xml\" href=\"/favicon.svg\">"))));
    }

    @Test
    void faviconNeedsNoLogin() throws Exception {
        mvc.perform(get("/favicon.svg")).andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("image/svg+xml"));
        mvc.perform(get("/favicon.ico")).andExpect(status().isOk());
    }

    @Test
    void logoutIsPostOnly() throws Exception {
        mvc.perform(get("/logout").with(user("alice"))).andExpect(status().isNotFound());
        mvc.perform(post("/logout").with(user("alice")).with(csrf())).andExpect(redirectedUrl("/login?logout"));
    }

    private static MockHttpServletRequestBuilder loginFrom(String address, String username, String password) {
        return post("/login").param("username", username).param("password", password).with(csrf())
                .with(request -> {
                    request.setRemoteAddr(address);
                    return request;
                });
    }
}
