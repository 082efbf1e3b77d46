package com.cloudact.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudact.localstack.demo.DemoSeeder;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser (headless Chromium) signs in with the demo login and sees the org's total and its daily chart,
 * drawn by ECharts from the WebJar under the page's content security policy.
 */
class DashboardBrowserTests {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final RunningStack stack = TestStack.get();
    private WebDriver browser;

    @BeforeEach
    void openBrowser() {
        assertThat(Files.isExecutable(CHROMIUM)).as("Chromium must be installed (.ci/run installs it)").isTrue();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toString()).addArguments("--headless=new",
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void signingInLeadsToTheDashboardWithTheTotalAndARenderedChart() throws Exception {
        browser.get(stack.frontendUrl().resolve("/" + DemoSeeder.ORG + "/dashboard").toString());
        assertThat(browser.getCurrentUrl()).as("an anonymous visitor is sent to login").contains("/login");

        browser.findElement(By.id("email")).sendKeys(DemoSeeder.EMAIL);
        browser.findElement(By.id("password")).sendKeys(DemoSeeder.PASSWORD);
        browser.findElement(By.id("sign-in")).click();

        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.until(ExpectedConditions.urlContains("/" + DemoSeeder.ORG + "/dashboard"));
        String total = browser.findElement(By.id("total-cost")).getText();
        assertThat(total).isEqualTo(LocalStackEndToEndTests.dollars(TestStack.demo().totalBilledCost()));
        wait.until(ExpectedConditions.attributeToBe(By.id("cost-trend"), "data-rendered", "true"));
        assertThat(browser.findElements(By.cssSelector("#cost-trend canvas"))).isNotEmpty();
        Path screenshot = Path.of("target/dashboard.png");
        Files.write(screenshot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void aWrongPasswordStaysOnTheLoginPage() {
        browser.get(stack.frontendUrl().resolve("/login").toString());
        browser.findElement(By.id("email")).sendKeys(DemoSeeder.EMAIL);
        browser.findElement(By.id("password")).sendKeys("not-the-password");
        browser.findElement(By.id("sign-in")).click();

        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("error"));
        assertThat(browser.findElement(By.cssSelector(".error")).getText()).contains("not right");
    }
}
