package fr.esup.podmigrate.browser;

import fr.esup.podmigrate.pod.PodTestDatabase;
import fr.esup.podmigrate.pod.PodVersion;
import fr.esup.podmigrate.testsupport.Browser;
import fr.esup.podmigrate.testsupport.TestServer;
import fr.esup.podmigrate.testsupport.TestWorkspaces;
import fr.esup.podmigrate.verify.CsvReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The procedure through the browser, once per language: connections, backup, wipe, podv2.sql generated then uploaded,
 * analysis, import, site fixes, checklist, verification, reports, finish; and an import whose script fails half-way.
 * The flows share one v2 source and one v3 target, each starting over with a backup and a wipe.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(Browser.class)
class MigrationFlowIT {

    private static final PodTestDatabase SOURCE = database(PodVersion.V2_9_1);
    private static final PodTestDatabase TARGET = database(PodVersion.V3_8_4);
    private static final Path WORKSPACE = TestWorkspaces.newFolder("pm-migration-flow");
    /** Words of the English job messages ("Imported 6053 rows", "Emptied 137 tables", "Backup … verified"). */
    private static final Pattern ENGLISH = Pattern.compile("\\b(Imported|Emptied|verified|Written|rows?|tables? emptied|Started|Finished|Succeeded)\\b");
    /** The table whose INSERT the failing script breaks: a table nothing points to. */
    private static final String BROKEN_TABLE = "video_viewcount";

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

    @TempDir
    Path files;

    @ParameterizedTest
    @ValueSource(strings = {"en", "fr"})
    void theWholeWizardInOneFlow(String language, WebDriver driver) throws SQLException, IOException {
        String base = "http://127.0.0.1:" + port;
        Properties labels = labels(language);
        LoginPage.open(driver, base).logInAs("operator", "browser-pass");
        Wizard wizard = new Wizard(driver, base, language, labels);

        StepPage connections = wizard.open("connections", By.id("card-target"));
        ConnectionsPage tests = new ConnectionsPage(driver);
        assertThat(tests.test("target").getAttribute("data-outcome")).isEqualTo("POD_V3");
        assertThat(tests.test("source").getAttribute("data-outcome")).isEqualTo("POD_V2");
        assertThat(connections.heading()).isEqualTo(labels.getProperty("step.connections.title"));

        StepPage backup = new StepPage(driver, base + "/backup", By.id("start-backup")).click("start-backup");
        backup.succeededJob();
        assertThat(backup.element("#step-backup .status.done").getText()).as("the side bar follows the job").isNotEmpty();
        assertThat(backup.attribute("#backups tr[data-verified='true']", "id")).as("so does the list")
                .startsWith("backup-");
        assertThat(backup.attribute(".job .next a", "href")).isEqualTo(base + "/wipe");

        wizard.backUpAndWipe();

        wizard.open("dump", By.id("card-upload"));
        DumpPage dump = new DumpPage(driver);
        dump.generate();
        Path generated = newestGenerated();
        Path uploaded = Files.copy(generated, files.resolve("podv2-uploaded-" + language + ".sql"));
        dump.upload(uploaded);
        dump.use(uploaded.getFileName().toString());

        StepPage importing = wizard.analyse();
        assertThat(driver.findElement(By.cssSelector("tr[data-table='video_videorendition']")).getAttribute("data-fate"))
                .isEqualTo("renamed");
        assertThat(importing.attribute("#import-check", "data-verdict")).isEqualTo("wiped");
        importing.type("import-confirmation", TARGET.name()).clickAndWaitForSuccess("start-import");
        wizard.jobMessage(importing);
        String inserted = importing.element("#import-results tr[data-table='video_video'] td.number").getText();
        assertThat(Long.parseLong(inserted)).isEqualTo(count(SOURCE, "video_video")).isPositive();
        assertThat(count(TARGET, "video_encode_transcript_videorendition")).isEqualTo(count(SOURCE, "video_videorendition"));
        assertThat(importing.element("#import-plan").getAttribute("open")).as("the plan folds once imported").isNull();
        assertThat(importing.widerThanTheWindow()).as("the import page with its plan and results fits the window").isEmpty();

        StepPage sitefix = wizard.open("sitefix", By.id("fixes"));
        if (!driver.findElements(By.id("preview-fixes")).isEmpty()) {
            sitefix.clickAndWaitFor("preview-fixes", "#preview");
            if (!driver.findElements(By.id("apply-fixes")).isEmpty()) {
                assertThat(sitefix.clickAndWaitFor("apply-fixes", "#outcomes tr.outcome").isDisplayed()).isTrue();
            }
        }

        StepPage checklist = wizard.open("checklist", By.id("item-live_broadcaster"));
        checklist.clickAndWaitFor("recreate-live_broadcaster", "#confirm-live_broadcaster");
        checklist.clickAndWaitFor("insert-live_broadcaster", "#inserted");
        assertThat(driver.findElements(By.tagName("h1"))).as("the answer swaps its fragment, no nested page").hasSize(1);
        assertThat(count(TARGET, "live_broadcaster")).isEqualTo(count(SOURCE, "live_broadcaster")).isPositive();
        assertThat(driver.findElements(By.cssSelector("#step-checklist .status.running")))
                .as("the side bar follows the insert without a reload").hasSize(1);

        StepPage verify = wizard.verify();
        assertThat(verify.attribute("#verdict", "data-complete")).as("every v2 row proven in v3").isEqualTo("true");
        assertThat(driver.findElement(By.xpath("//tr[contains(@class,'comparison')][td[1]='video_videorendition']"))
                .getAttribute("data-difference")).isEqualTo("renamed");
        assertThat(verify.attribute("tr.table-content[data-table='video_video']", "data-unexplained")).isEqualTo("0");

        List<List<String>> counts = CsvReader.parse(verify.download("/verify/report.csv"));
        assertThat(counts.get(0)).startsWith("v2_table", "v2_rows", "v3_table", "v3_rows");
        assertThat(counts).filteredOn(row -> row.get(0).equals("video_video")).singleElement()
                .satisfies(row -> assertThat(row.subList(1, 4)).containsExactly(String.valueOf(count(SOURCE, "video_video")),
                        "video_video", String.valueOf(count(TARGET, "video_video"))));
        String report = verify.download("/verify/report.md");
        assertThat(report).startsWith("# ").contains("| video_video |", TARGET.name());

        StepPage finish = wizard.open("finish", By.id("mark-finished"));
        assertThat(finish.attribute("#verify-gate", "data-complete")).isEqualTo("true");
        finish.clickAndWaitFor("mark-finished", "#finished");

        if (language.equals("fr")) {
            driver.manage().window().setSize(new Dimension(800, 1000));
            for (String step : List.of("import", "verify", "finish")) {
                StepPage filled = wizard.open(step, By.tagName("h1"));
                assertThat(filled.widerThanTheWindow()).as(step + ", filled, in French at 800 px").isEmpty();
            }
            assertThat(wizard.jobMessages).as("the jobs' messages, in French").isNotEmpty()
                    .allSatisfy(message -> assertThat(message).doesNotContainPattern(ENGLISH));
        }
    }

    @Test
    void aScriptThatFailsHalfWayStopsAtItsLineGoesOnWhenResumedAndVerifyNamesTheRowsItLost(WebDriver driver)
            throws SQLException, IOException {
        String base = "http://127.0.0.1:" + port;
        LoginPage.open(driver, base).logInAs("operator", "browser-pass");
        Wizard wizard = new Wizard(driver, base, "en", labels("en"));
        wizard.backUpAndWipe();

        DumpPage dump = DumpPage.open(driver, base);
        dump.generate();
        List<String> lines = Files.readAllLines(newestGenerated(), StandardCharsets.UTF_8);
        int broken = lines.stream().filter(l -> l.startsWith("INSERT") && l.contains("`" + BROKEN_TABLE + "`"))
                .findFirst().map(lines::indexOf).orElseThrow();
        String statement = lines.get(broken);
        Set<String> lost = new TreeSet<>();
        Matcher ids = Pattern.compile("\\((\\d+),").matcher(statement.substring(statement.indexOf(" VALUES ") + 7));
        while (ids.find()) {
            lost.add(ids.group(1));
        }
        assertThat(lost).as("the rows of the statement that fails").isNotEmpty();
        lines.set(broken, statement.substring(0, statement.lastIndexOf(';')) + ",(0);");
        Path failing = Files.write(files.resolve("podv2-failing.sql"), lines, StandardCharsets.UTF_8);
        dump.upload(failing);
        dump.use("podv2-failing.sql");

        StepPage importing = wizard.analyse();
        importing.type("import-confirmation", TARGET.name()).clickAndWaitFor("start-import", ".job[data-status='failed']");
        WebElement error = importing.element("#import-errors li");
        assertThat(error.getText()).contains("Line " + (broken + 1) + " (" + BROKEN_TABLE + "): error 1136", "Column count");

        importing.click("resume-continue");
        importing.clickAndWaitForSuccess("resume-import");
        assertThat(importing.attribute("#import-errors li", "data-line")).isEqualTo(String.valueOf(broken + 1));
        assertThat(count(TARGET, BROKEN_TABLE)).isZero();
        assertThat(count(TARGET, "video_video")).isEqualTo(count(SOURCE, "video_video"));

        StepPage verify = wizard.verify();
        assertThat(verify.attribute("#verdict", "data-complete")).isEqualTo("false");
        List<List<String>> differences = CsvReader.parse(verify.download("/verify/differences.csv"));
        assertThat(differences.stream().skip(1).filter(row -> row.get(3).equals("missing")).map(row -> row.get(0) + " " + row.get(2)))
                .as("the rows the failed statement held, and no other")
                .containsExactlyInAnyOrderElementsOf(lost.stream().map(id -> BROKEN_TABLE + " " + id).toList());

        StepPage finish = wizard.open("finish", By.id("mark-finished"));
        assertThat(finish.attribute("#verify-gate", "data-complete")).isEqualTo("false");
        finish.clickAndWaitFor("mark-finished", "#reason-required");
        assertThat(driver.findElements(By.id("finished"))).as("not marked finished without a reason").isEmpty();
        finish.type("reason", "video_viewcount rows left out on purpose");
        finish.clickAndWaitFor("mark-finished", "#finished");
    }

    /** The steps the flows share, on the pages of one language, each checked to show its title in that language. */
    private static final class Wizard {

        private final WebDriver driver;
        private final String base;
        private final String language;
        private final Properties labels;
        private final List<String> jobMessages = new ArrayList<>();

        Wizard(WebDriver driver, String base, String language, Properties labels) {
            this.driver = driver;
            this.base = base;
            this.language = language;
            this.labels = labels;
        }

        StepPage open(String step, By ready) {
            StepPage page = new StepPage(driver, base + "/" + step + "?lang=" + language, ready);
            assertThat(page.language()).as("the language of " + step).isEqualTo(language);
            assertThat(page.heading()).as("the title of " + step).isEqualTo(labels.getProperty("step." + step + ".title"));
            return page;
        }

        void backUpAndWipe() {
            StepPage backup = open("backup", By.id("start-backup"));
            backup.clickAndWaitForSuccess("start-backup");
            jobMessage(backup);
            StepPage wipe = open("wipe", By.id("wipe-tables"));
            if (driver.findElements(By.id("wipe-check")).isEmpty()) {
                return; // an earlier flow left the target empty: nothing to wipe
            }
            assertThat(wipe.attribute("#wipe-check", "data-verdict")).isEqualTo("matches");
            wipe.type("wipe-confirmation", TARGET.name()).clickAndWaitForSuccess("start-wipe");
            jobMessage(wipe);
        }

        StepPage analyse() {
            StepPage importing = open("import", By.id("import-script"));
            importing.clickAndWaitFor("analyze", "#import-analysis");
            assertThat(importing.attribute("#import-analysis", "data-blocked")).isEqualTo("false");
            return importing;
        }

        StepPage verify() {
            StepPage verify = open("verify", By.id("start-verify"));
            verify.clickAndWaitFor("start-verify", "#verify[data-running='false'] #verdict");
            return verify;
        }

        void jobMessage(StepPage page) {
            jobMessages.add(page.succeededJobText());
        }
    }

    private static Properties labels(String language) throws IOException {
        String bundle = language.equals("en") ? "messages/messages.properties" : "messages/messages_" + language + ".properties";
        Properties labels = new Properties();
        try (Reader in = new InputStreamReader(MigrationFlowIT.class.getClassLoader().getResourceAsStream(bundle),
                StandardCharsets.UTF_8)) {
            labels.load(in);
        }
        return labels;
    }

    private static Path newestGenerated() throws IOException {
        try (Stream<Path> all = Files.walk(WORKSPACE)) {
            return all.filter(p -> p.getFileName().toString().matches("podv2-\\d{8}-\\d{6}\\.sql"))
                    .max(Comparator.comparing(p -> p.getFileName().toString())).orElseThrow();
        }
    }

    private static long count(PodTestDatabase db, String table) throws SQLException {
        try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
