package fr.esup.podmigrate.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
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

    /** Uploads a file and waits for the step to list it: the run's podv2.sql stays what it was. */
    void upload(Path file) {
        chooseAndSend(file);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("upload-done")));
    }

    /** Uploads a file that is no SQL script and waits for the refusal. */
    WebElement uploadRefused(Path file) {
        chooseAndSend(file);
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("upload-not-a-script")));
    }

    /** Clicks "Use this one" on the workspace's file of that name and waits for the step to show it as the run's. */
    void use(String shownName) {
        // the list may be swapped anew (a job that ends refreshes it) between finding the row and clicking it
        new WebDriverWait(driver, Duration.ofSeconds(60)).ignoring(StaleElementReferenceException.class).until(d -> {
            fileRow(shownName).findElement(By.cssSelector("form button")).click();
            return true;
        });
        wait.until(ExpectedConditions.textToBe(CHOSEN_NAME, shownName));
    }

    /** Deletes an uploaded file of that name, confirming, and waits for the step to say so. */
    void delete(String shownName) {
        fileRow(shownName).findElement(By.cssSelector("a.delete")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("delete-confirmed"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("deleted")));
    }

    boolean lists(String shownName) {
        return !driver.findElements(By.xpath(rowXPath(shownName))).isEmpty();
    }

    private WebElement fileRow(String shownName) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(rowXPath(shownName))));
    }

    private static String rowXPath(String shownName) {
        return "//section[@id='card-files']//tr[td[@class='name' and text()='" + shownName + "']]";
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
