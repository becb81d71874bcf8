package fr.esup.podmigrate.browser;

import fr.esup.podmigrate.pod.PodTestDatabase;
import fr.esup.podmigrate.pod.PodVersion;
import fr.esup.podmigrate.testsupport.Browser;
import fr.esup.podmigrate.testsupport.TestServer;
import fr.esup.podmigrate.testsupport.TestWorkspaces;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebDriver;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(Browser.class)
class DumpFlowIT {

    private static final PodTestDatabase SOURCE = generatedV2();
    private static final Path WORKSPACE = TestWorkspaces.newFolder("pm-dump-flow");

    private static PodTestDatabase generatedV2() {
        try {
            return PodTestDatabase.generatedV2(PodVersion.V2_9_1, 3, 1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        TestServer server = TestServer.get();
        registry.add("podmigrate.target.url", () -> "jdbc:mariadb://127.0.0.1:9/pod_v3");
        registry.add("podmigrate.source.url", () -> server.jdbcUrl(SOURCE.name()));
        registry.add("podmigrate.source.username", server::user);
        registry.add("podmigrate.source.password", server::password);
        registry.add("podmigrate.workspace", WORKSPACE::toString);
        registry.add("podmigrate.upload.max-size", () -> "64KB");
        registry.add("podmigrate.operator.username", () -> "operator");
        registry.add("podmigrate.operator.password", () -> "{noop}browser-pass");
    }

    @AfterAll
    static void dropSource() {
        SOURCE.close();
    }

    @LocalServerPort
    int port;

    @TempDir
    Path files;

    @Test
    void generateUploadPickDeleteAndRefuseWhatIsNoScriptOrOverTheLimit(WebDriver driver) throws IOException {
        String base = "http://127.0.0.1:" + port;
        LoginPage.open(driver, base).logInAs("operator", "browser-pass");
        DumpPage dump = DumpPage.open(driver, base);

        assertThat(dump.generate().getText()).contains("Written: podv2-", "Download");
        assertThat(dump.chosenName()).matches("podv2-\\d{8}-\\d{6}\\.sql");

        Path small = Files.writeString(files.resolve("podv2-browser.sql"), "INSERT IGNORE INTO `django_site` VALUES (1,'pod.univ.fr','Pod');\n");
        dump.upload(small);
        assertThat(dump.chosenName()).matches("podv2-\\d{8}-\\d{6}\\.sql");
        dump.use("podv2-browser.sql");

        Path text = Files.writeString(files.resolve("notes.txt"), "Not a dump at all.\n");
        assertThat(dump.uploadRefused(text).getText()).contains("not a podv2.sql", "does not start with an SQL statement");
        Path other = Files.writeString(files.resolve("other.sql"), "SELECT 1;\n");
        dump.upload(other);
        dump.delete("other.sql");
        assertThat(dump.lists("other.sql")).isFalse();

        Path large = Files.write(files.resolve("too-large.sql"), new byte[100 * 1024]);
        assertThat(dump.uploadTooLarge(large).getText()).contains("64 KB");
        assertThat(dump.chosenName()).isEqualTo("podv2-browser.sql");
        try (Stream<Path> uploads = Files.list(WORKSPACE.resolve("uploads"))) {
            assertThat(uploads.map(p -> p.getFileName().toString()).filter(name -> name.endsWith(".sql"))).hasSize(1);
        }
    }
}
