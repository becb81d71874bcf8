package fr.esup.podmigrate.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.time.Duration;

/** Step 4: podv2.sql generated, uploaded or picked, and the one the run uses. */
class DumpPage {

    private static final By CHOSEN_NAME = By.cssSelector("#card-selected dd.name");

    private final WebDriver driver;
    private final WebDriverWait wait;

    DumpPage(WebDriver driver) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("card-upload")));
    }

    static DumpPage open(WebDriver driver, String baseUrl) {
        driver.get(baseUrl + "/dump");
        return new DumpPage(driver);
    }

    /** Clicks Generate with the options as they are, and waits for the step to show the file the job wrote. */
    WebElement generate() {
        driver.findElement(By.id("generate")).click();
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("written")));
    }

    /** Uploads a file and waits for the step to show it as the run's podv2.sql. */
    void upload(Path file, String shownName) {
        chooseAndSend(file);
        wait.until(ExpectedConditions.textToBe(CHOSEN_NAME, shownName));
    }

    /** Uploads a file over the limit and waits for the page's refusal. */
    WebElement uploadTooLarge(Path file) {
        chooseAndSend(file);
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#upload-form .upload-too-large")));
    }

    String chosenName() {
        return driver.findElement(CHOSEN_NAME).getText();
    }

    private void chooseAndSend(Path file) {
        driver.findElement(By.id("upload-file")).sendKeys(file.toAbsolutePath().toString());
        driver.findElement(By.id("upload")).click();
    }
}
