package fr.esup.podmigrate.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;

/** A wizard step's page whose actions start background jobs: it clicks, types, and waits for the job's end. */
class StepPage {

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

    StepPage type(String id, String text) {
        WebElement input = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
        input.clear();
        input.sendKeys(text);
        return this;
    }

    /** Waits until the page's job fragment says the job succeeded, and returns it. */
    WebElement succeededJob() {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".job[data-status='succeeded']")));
    }

    WebElement element(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
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
}
