package fr.esup.podmigrate.browser;

import fr.esup.podmigrate.pod.PodSchemas;
import fr.esup.podmigrate.pod.PodVersion;
import fr.esup.podmigrate.testsupport.Browser;
import fr.esup.podmigrate.testsupport.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.sql.Connection;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(Browser.class)
class ConnectionsFlowIT {

    private static final String TARGET = blankPodV3();

    private static String blankPodV3() {
        String name = TestServer.get().createDatabase("browser_v3");
        try (Connection c = TestServer.get().connect(name)) {
            PodSchemas.loadBlank(PodVersion.V3_8_4, c);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return name;
    }

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        TestServer server = TestServer.get();
        registry.add("podmigrate.target.url", () -> server.jdbcUrl(TARGET));
        registry.add("podmigrate.target.username", server::user);
        registry.add("podmigrate.target.password", server::password);
        registry.add("podmigrate.workspace", () -> "target/test-workspaces/browser");
        registry.add("podmigrate.operator.username", () -> "operator");
        registry.add("podmigrate.operator.password", () -> "{noop}browser-pass");
    }

    @AfterAll
    static void dropTarget() {
        TestServer.get().dropDatabase(TARGET);
    }

    @LocalServerPort
    int port;

    @Test
    void logInOpenTheConnectionsAndTestTheTarget(WebDriver driver) {
        ConnectionsPage connections = LoginPage.open(driver, "http://127.0.0.1:" + port)
                .logInAs("operator", "browser-pass");
        assertThat(connections.heading()).isEqualTo("Connections");

        WebElement report = connections.test("target");

        assertThat(report.getAttribute("data-outcome")).isEqualTo("POD_V3");
        assertThat(report.getText()).contains("MariaDB", "utf8mb4");
    }
}
