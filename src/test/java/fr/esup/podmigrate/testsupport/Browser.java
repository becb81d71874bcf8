package fr.esup.podmigrate.testsupport;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Headless Debian Chromium for the wizard's browser tests, driven by Debian's chromedriver (never a
 * downloaded one). Where they are not installed the test is skipped, except under {@code CI=true}.
 * On failure it keeps a screenshot and the page source under {@code target/selenium/}.
 */
public class Browser implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Browser.class);
    private static final String PROFILE = "profile";

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        String missing = "Browser tests need Debian's packages chromium and chromium-driver"
                + " (apt-get install -y chromium chromium-driver)";
        if (!installed && "true".equals(System.getenv("CI"))) {
            fail(missing + ": they are required when CI=true");
        }
        assumeTrue(installed, missing + "; skipped");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        Path profile = Files.createTempDirectory("pm-chromium");
        context.getStore(NAMESPACE).put(PROFILE, profile);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-quic", "--no-first-run", "--window-size=1280,1000", "--lang=en-US",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        context.getStore(NAMESPACE).put(WebDriver.class, new ChromeDriver(service, options));
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        WebDriver driver = context.getStore(NAMESPACE).remove(WebDriver.class, WebDriver.class);
        Path profile = context.getStore(NAMESPACE).remove(PROFILE, Path.class);
        try {
            if (driver != null && context.getExecutionException().isPresent()) {
                Path dir = Files.createDirectories(Path.of("target", "selenium"));
                String name = context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName()
                        + (context.getDisplayName().startsWith("[") ? "-" + context.getDisplayName().replaceAll("[^A-Za-z0-9]+", "") : "");
                File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
                Files.copy(shot.toPath(), dir.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                Files.writeString(dir.resolve(name + ".html"), driver.getPageSource(), StandardCharsets.UTF_8);
            }
        } finally {
            try {
                if (driver != null) {
                    driver.quit();
                }
            } finally {
                deleteProfile(profile);
            }
        }
    }

    /**
     * The browser's profile, a few megabytes of each test, goes with its test; what a browser still ending writes into
     * it as it goes stays, rather than failing the test.
     */
    private static void deleteProfile(Path profile) {
        if (profile == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(profile)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException | UncheckedIOException e) {
            // left in the system's temporary folder
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == WebDriver.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return extensionContext.getStore(NAMESPACE).get(WebDriver.class, WebDriver.class);
    }
}
