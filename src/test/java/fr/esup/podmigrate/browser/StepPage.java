package fr.esup.podmigrate.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A wizard step's page whose actions start background jobs: it clicks, types, and waits for the job's end. */
class StepPage {

    private static final String SUCCEEDED_JOB = ".job[data-status='succeeded']";

    private final WebDriver driver;
    private final WebDriverWait wait;

    StepPage(WebDriver driver, String url, By ready) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(90));
        driver.get(url);
        wait.until(ExpectedConditions.visibilityOfElementLocated(ready));
    }

    StepPage click(String id) {
        wait.until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
        return this;
    }

    /**
     * Clicks, waits until what matched {@code css} before the click is gone (htmx swapped the fragment), then until
     * {@code css} matches again: what the answer shows.
     */
    WebElement clickAndWaitFor(String id, String css) {
        List<WebElement> before = driver.findElements(By.cssSelector(css));
        click(id);
        before.forEach(element -> wait.until(ExpectedConditions.stalenessOf(element)));
        return element(css);
    }

    /** Clicks a button that starts a job and waits until that job, not an earlier one the page showed, succeeded. */
    WebElement clickAndWaitForSuccess(String id) {
        return clickAndWaitFor(id, SUCCEEDED_JOB);
    }

    StepPage type(String id, String text) {
        WebElement input = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
        input.clear();
        input.sendKeys(text);
        return this;
    }

    /** Waits until the page's job fragment says the job succeeded, and returns it. */
    WebElement succeededJob() {
        return element(SUCCEEDED_JOB);
    }

    WebElement element(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    String heading() {
        return driver.findElement(By.tagName("h1")).getText();
    }

    /** The language the page declares on its {@code html} element. */
    String language() {
        return driver.findElement(By.tagName("html")).getAttribute("lang");
    }

    /**
     * What makes the page wider than the window: empty when {@code document.documentElement.scrollWidth <=
     * window.innerWidth}, else the page's and the window's widths, then the deepest elements that reach past the window.
     */
    @SuppressWarnings("unchecked")
    List<String> widerThanTheWindow() {
        return (List<String>) ((JavascriptExecutor) driver).executeScript("""
                var page = document.documentElement.scrollWidth, window_ = window.innerWidth;
                if (page <= window_) { return []; }
                var past = Array.from(document.querySelectorAll('body *')).filter(function (e) {
                  return e.getBoundingClientRect().right > window_ + 1
                      && !Array.from(e.children).some(function (c) { return c.getBoundingClientRect().right > window_ + 1; });
                });
                return ['page ' + page + ' px, window ' + window_ + ' px'].concat(past.slice(0, 8).map(function (e) {
                  return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + String(e.className).replace(/ /g, '.') : '')
                      + ' right=' + Math.round(e.getBoundingClientRect().right);
                }));
                """);
    }

    /** A download the page links, fetched by the browser with the operator's session, as text. */
    @SuppressWarnings("unchecked")
    String download(String path) {
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        List<Object> answer = (List<Object>) ((JavascriptExecutor) driver).executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                fetch(arguments[0]).then(function (r) { return r.text().then(function (t) { done([r.status, t]); }); })
                    .catch(function (e) { done([0, String(e)]); });
                """, path);
        assertThat(((Number) answer.get(0)).intValue()).as("GET %s: %s", path, answer.get(1)).isEqualTo(200);
        return (String) answer.get(1);
    }

    /** The text of the job fragment once it says the job succeeded, read again if htmx swapped it meanwhile. */
    /**
     * An attribute of what matches {@code css} once it shows, read again when htmx swaps it out between the finding and
     * the reading (a list that reloads as a job ends).
     */
    String attribute(String css, String name) {
        return wait.ignoring(StaleElementReferenceException.class).until(d -> {
            WebElement element = d.findElement(By.cssSelector(css));
            return element.isDisplayed() ? element.getAttribute(name) : null;
        });
    }

    String succeededJobText() {
        return wait.ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.cssSelector(SUCCEEDED_JOB)).getText());
    }
}
