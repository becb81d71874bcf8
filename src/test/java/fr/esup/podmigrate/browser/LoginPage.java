package fr.esup.podmigrate.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/** The login form. */
class LoginPage {

    private final WebDriver driver;

    LoginPage(WebDriver driver) {
        this.driver = driver;
    }

    static LoginPage open(WebDriver driver, String baseUrl) {
        driver.get(baseUrl + "/login");
        return new LoginPage(driver);
    }

    ConnectionsPage logInAs(String username, String password) {
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("login-submit")).click();
        return new ConnectionsPage(driver);
    }
}
