package fr.esup.podmigrate.browser;

import fr.esup.podmigrate.pod.PodTestDatabase;
import fr.esup.podmigrate.pod.PodVersion;
import fr.esup.podmigrate.testsupport.Browser;
import fr.esup.podmigrate.testsupport.TestServer;
import fr.esup.podmigrate.testsupport.TestWorkspaces;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** At 800 and 1,400 px wide, no step page is wider than the window: tables wrap or scroll in their card, the step bar goes above. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(Browser.class)
class NarrowWindowIT {

    private static final PodTestDatabase SOURCE = database(PodVersion.V2_9_1);
    private static final PodTestDatabase TARGET = database(PodVersion.V3_8_4);

    private static PodTestDatabase database(PodVersion version) {
        try {
            return version.isV2() ? PodTestDatabase.generatedV2(version, 5, 2) : PodTestDatabase.blank(version);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        TestServer server = TestServer.get();
        registry.add("podmigrate.target.url", () -> server.jdbcUrl(TARGET.name()));
        registry.add("podmigrate.target.username", server::user);
        registry.add("podmigrate.target.password", server::password);
        registry.add("podmigrate.source.url", () -> server.jdbcUrl(SOURCE.name()));
        registry.add("podmigrate.source.username", server::user);
        registry.add("podmigrate.source.password", server::password);
        registry.add("podmigrate.workspace", () -> TestWorkspaces.newFolder("pm-narrow-window").toString());
        registry.add("podmigrate.operator.username", () -> "operator");
        registry.add("podmigrate.operator.password", () -> "{noop}browser-pass");
    }

    @AfterAll
    static void dropDatabases() {
        SOURCE.close();
        TARGET.close();
    }

    @LocalServerPort
    int port;

    @Test
    void everyStepPageFitsWindowsOf800And1400Pixels(WebDriver driver) {
        String base = "http://127.0.0.1:" + port;
        LoginPage.open(driver, base).logInAs("operator", "browser-pass");

        Map<String, List<String>> tooWide = new LinkedHashMap<>();
        for (int width : new int[] {800, 1400}) {
            driver.manage().window().setSize(new Dimension(width, 1000));
            for (String step : List.of("connections", "backup", "wipe", "dump", "import", "sitefix", "checklist", "verify", "finish",
                    "rehearsal")) {
                List<String> overflow = new StepPage(driver, base + "/" + step, By.tagName("h1")).widerThanTheWindow();
                if (!overflow.isEmpty()) {
                    tooWide.put(step + " at " + width + " px", overflow);
                }
            }
        }
        assertThat(tooWide).as("pages wider than their window").isEmpty();
    }
}
