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
import org.openqa.selenium.WebDriver;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** The procedure through the browser: backup, wipe, podv2.sql generated from v2, analysis, import, verification, finish. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(Browser.class)
class MigrationFlowTest {

    private static final PodTestDatabase SOURCE = database(PodVersion.V2_9_1);
    private static final PodTestDatabase TARGET = database(PodVersion.V3_8_4);
    private static final Path WORKSPACE = TestWorkspaces.newFolder("pm-migration-flow");

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
        registry.add("podmigrate.workspace", WORKSPACE::toString);
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
    void backupWipeGenerateAnalyseImportAndVerify(WebDriver driver) throws SQLException {
        String base = "http://127.0.0.1:" + port;
        LoginPage.open(driver, base).logInAs("operator", "browser-pass");

        StepPage backup = new StepPage(driver, base + "/backup", By.id("start-backup")).click("start-backup");
        backup.succeededJob();
        assertThat(backup.element("#step-backup .status.done").getText()).as("the side bar follows the job").isNotEmpty();
        assertThat(backup.element("#backups tr[data-verified='true']").getAttribute("id")).as("so does the list")
                .startsWith("backup-");
        assertThat(backup.element(".job .next a").getAttribute("href")).isEqualTo(base + "/wipe");

        StepPage wipe = new StepPage(driver, base + "/wipe", By.id("wipe-check"));
        assertThat(wipe.element("#wipe-check").getAttribute("data-verdict")).isEqualTo("matches");
        wipe.type("confirmation", TARGET.name()).click("start-wipe").succeededJob();

        DumpPage.open(driver, base).generate();

        StepPage importing = new StepPage(driver, base + "/import", By.id("import-script")).click("analyze");
        assertThat(importing.element("#import-analysis").getAttribute("data-blocked")).isEqualTo("false");
        assertThat(importing.element("tr[data-table='video_videorendition']").getAttribute("data-fate")).isEqualTo("renamed");
        assertThat(importing.element("#import-check").getAttribute("data-verdict")).isEqualTo("wiped");
        importing.type("confirmation", TARGET.name()).click("start-import").succeededJob();

        String inserted = importing.element("#import-results tr[data-table='video_video'] td.number").getText();
        assertThat(Long.parseLong(inserted)).isEqualTo(count(SOURCE, "video_video")).isPositive();
        assertThat(count(TARGET, "video_encode_transcript_videorendition")).isEqualTo(count(SOURCE, "video_videorendition"));
        assertThat(importing.element("#import-plan").getAttribute("open")).as("the plan folds once imported").isNull();
        assertThat(importing.widerThanTheWindow()).as("the import page with its plan and results fits the window").isEmpty();

        StepPage verify = new StepPage(driver, base + "/verify", By.id("start-verify")).click("start-verify");
        assertThat(verify.element("section.report[data-verdict]").getAttribute("data-verdict")).isNotEqualTo("problems");
        assertThat(driver.findElement(By.xpath("//tr[contains(@class,'comparison')][td[1]='video_video']"))
                .getAttribute("data-difference")).isEqualTo("same");
        assertThat(driver.findElement(By.xpath("//tr[contains(@class,'comparison')][td[1]='video_videorendition']"))
                .getAttribute("data-difference")).isEqualTo("renamed");
        assertThat(verify.element("#verdict").getAttribute("data-complete")).as("every v2 row proven in v3").isEqualTo("true");
        assertThat(verify.element("tr.table-content[data-table='video_video']").getAttribute("data-unexplained")).isEqualTo("0");

        StepPage finish = new StepPage(driver, base + "/finish", By.id("mark-finished"));
        assertThat(finish.element("#verify-gate").getAttribute("data-complete")).isEqualTo("true");
        finish.click("mark-finished").element("#finished");
    }

    private static long count(PodTestDatabase db, String table) throws SQLException {
        try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
