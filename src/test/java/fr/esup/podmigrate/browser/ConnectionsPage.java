package fr.esup.podmigrate.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

/** Step 1: the databases and their Test buttons. */
class ConnectionsPage {

    private final WebDriver driver;
    private final WebDriverWait wait;

    ConnectionsPage(WebDriver driver) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("card-target")));
    }

    String heading() {
        return driver.findElement(By.tagName("h1")).getText();
    }

    /** Clicks Test and waits for htmx to swap the report into the card. */
    WebElement test(String role) {
        driver.findElement(By.id("test-" + role)).click();
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#result-" + role + " .report")));
    }
}
