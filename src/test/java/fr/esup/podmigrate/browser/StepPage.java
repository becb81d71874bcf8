package fr.esup.podmigrate.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

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
}
