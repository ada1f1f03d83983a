package io.prewarm.emergency;

import io.prewarm.console.ConsoleSources;
import io.prewarm.metrics.file.DemoMetricsSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static io.prewarm.emergency.EmergencyTestProfile.ALL;
import static io.prewarm.emergency.EmergencyTestProfile.OPS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in real headless Chromium against a real serve (HTTP, repository on disk, commits): read a
 * service's status, freeze it from the page, see the commit, unfreeze it; wrong tokens show their errors.
 * Screenshots go to target/console-screenshots/ for reviewers.
 */
@QuarkusTest
@TestProfile(EmergencyTestProfile.class)
class ConsoleBrowserTest {
    static final String SERVICE = "svc-prod--checkout";

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Inject
    EmergencyService service;

    @Inject
    ConsoleSources sources;

    @TempDir
    Path tmp;

    GitOpsRepo repo;
    ChromeDriver driver;
    WebDriverWait wait;

    @BeforeEach
    void startServeAndBrowser() throws Exception {
        Browser.requireInstalled();
        repo = new GitOpsRepo(tmp);
        ConsoleFixtures.commitPlan(repo);
        sources.configure(Optional.of(new DemoMetricsSource()), false, Optional.of("https://gitlab.example.com/ops/gitops"));
        repo.start(service, new GitOpsRepo.MovableClock(ConsoleFixtures.NOW));
        driver = Browser.start(Files.createDirectories(tmp.resolve("chromium-profile")));
        wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        // after "Status shows it." the script swaps the article for the freshly rendered one: a wait may catch the old
        wait.ignoring(StaleElementReferenceException.class);
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.quit();
        }
        service.stop();
        sources.configure(Optional.empty(), false, Optional.empty());
    }

    private WebElement article() {
        return driver.findElement(By.id(SERVICE));
    }

    private void useToken(String token) {
        WebElement input = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-input")));
        input.sendKeys(token);
        driver.findElement(By.id("actor-input")).sendKeys("alice");
        driver.findElement(By.cssSelector("#token-form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBe(By.id("token-state"), "A token is set for this tab."));
    }

    private void act(String action, String reason) {
        article().findElement(By.cssSelector("button[data-action=" + action + "]")).click();
        WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("act-dialog")));
        assertThat(dialog.findElement(By.id("dlg-what")).getText()).contains("prod/checkout");
        driver.findElement(By.id("dlg-reason")).sendKeys(reason);
        driver.findElement(By.id("dlg-ok")).click();
    }

    @Test
    void showsStatusThenFreezesAndUnfreezesWithTheCommitShown() throws Exception {
        driver.get("http://127.0.0.1:" + port + "/");
        wait.until(ExpectedConditions.titleIs("prewarm console"));
        assertThat(driver.getCurrentUrl()).endsWith("/console");
        String status = article().getText();
        assertThat(status).contains("prod/checkout", "aws-asg", "Planned capacity now", "Next scheduled change",
                "No freeze or emergency floor in force");
        assertThat(driver.findElement(By.cssSelector(".lastplan")).getText()).contains("ops/gitops!42",
                "prewarm/plan-2026-11-28");
        assertThat(article().findElements(By.cssSelector("svg.chart polyline"))).hasSizeGreaterThanOrEqualTo(4);
        assertThat(article().findElement(By.linkText("merge request")).getAttribute("href"))
                .isEqualTo("https://gitlab.example.com/ops/gitops/-/merge_requests/42");
        Browser.screenshot(driver, "console");

        useToken(ALL);
        act("freeze", "bad deploy <script>alert(1)</script>");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#" + SERVICE + " .progress"),
                "Status shows it."));
        wait.until(d -> article().getAttribute("class").contains("frozen"));
        String head = repo.log().get(0).getName();
        assertThat(article().findElement(By.cssSelector(".progress code.commit")).getText()).isEqualTo(head.substring(0, 12));
        assertThat(article().findElement(By.cssSelector(".progress")).getText()).contains("Pipeline: SKIPPED");
        assertThat(article().findElement(By.cssSelector("table.overrides")).getText())
                .contains("bad deploy <script>alert(1)</script>", "PREWARM_API_TOKEN (alice)", head.substring(0, 12));
        assertThat(driver.findElements(By.cssSelector("#" + SERVICE + " .why script"))).isEmpty();
        Browser.screenshot(driver, "console-frozen");

        act("unfreeze", "deploy rolled back");
        wait.until(d -> !article().getAttribute("class").contains("frozen"));
        assertThat(article().getText()).contains("No freeze or emergency floor in force");
        assertThat(repo.log().get(0).getFullMessage()).contains("deploy rolled back");
        assertThat(Browser.problems(driver)).as("no CSP violation or script error in the browser console").isEmpty();
    }

    @Test
    void scaleUpToANumberCommitsAnEmergencyFloor() throws Exception {
        driver.get("http://127.0.0.1:" + port + "/console");
        useToken(ALL);
        article().findElement(By.cssSelector("button[data-action=scale-up]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("act-dialog")));
        driver.findElement(By.cssSelector("label[for=dlg-mode-target]")).click();
        driver.findElement(By.id("dlg-target")).sendKeys("30");
        driver.findElement(By.id("dlg-ttl")).sendKeys("90m");
        assertThat(driver.findElement(By.id("dlg-what")).getText()).contains("emergency floor of 30 instances", "for 90m");
        driver.findElement(By.id("dlg-reason")).sendKeys("flash sale");
        driver.findElement(By.id("dlg-ok")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#" + SERVICE + " .progress"),
                "Status shows it."));
        wait.until(d -> article().getText().contains("emergency floor 30"));
        assertThat(article().findElement(By.cssSelector("table.overrides")).getText()).contains("flash sale",
                "2026-11-28 13:30 UTC");
        assertThat(article().findElements(By.cssSelector("svg.chart line.pin"))).hasSize(1);
        assertThat(repo.log().get(0).getFullMessage()).contains("flash sale");
    }

    @Test
    void scaleUpByAStepStartsFromTheCountTheOperatorConfirms() throws Exception {
        driver.get("http://127.0.0.1:" + port + "/console");
        useToken(ALL);
        article().findElement(By.cssSelector("button[data-action=scale-up]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("act-dialog")));
        WebElement current = driver.findElement(By.id("dlg-current"));
        assertThat(current.getAttribute("value")).as("prefilled with the planned capacity now").isEqualTo("4");
        current.clear();
        current.sendKeys("10");
        WebElement step = driver.findElement(By.id("dlg-step"));
        step.clear();
        step.sendKeys("+50%");
        assertThat(driver.findElement(By.id("dlg-what")).getText()).contains("10 +50%");
        driver.findElement(By.id("dlg-reason")).sendKeys("queue growing");
        driver.findElement(By.id("dlg-ok")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#" + SERVICE + " .progress"),
                "Status shows it."));
        wait.until(d -> article().getText().contains("emergency floor 15"));
    }

    @Test
    void wrongTokenAndMissingScopeShowTheirErrors() throws Exception {
        driver.get("http://127.0.0.1:" + port + "/console");
        useToken("not-the-right-token-at-all");
        act("freeze", "testing");
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("dlg-error")));
        wait.until(ExpectedConditions.textToBePresentInElement(error, "401"));
        assertThat(driver.findElement(By.id("dlg-token-box")).isDisplayed()).as("asks for the token again").isTrue();
        Browser.screenshot(driver, "console-401");

        driver.findElement(By.id("dlg-token")).sendKeys(OPS); // scoped to prod/search only
        driver.findElement(By.id("dlg-ok")).click();
        wait.until(ExpectedConditions.textToBePresentInElement(error, "403"));
        assertThat(error.getText()).contains("prod/checkout");
        assertThat(repo.log()).hasSize(2); // seed and plan: nothing committed
    }

    @Test
    void anInvalidFieldIsNamedAndFocused() throws Exception {
        driver.get("http://127.0.0.1:" + port + "/console");
        useToken(ALL);
        article().findElement(By.cssSelector("button[data-action=freeze]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("act-dialog")));
        driver.findElement(By.id("dlg-ttl")).sendKeys("forever");
        driver.findElement(By.id("dlg-reason")).sendKeys("testing");
        driver.findElement(By.id("dlg-ok")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("dlg-error"), "422 Invalid ttl"));
        assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("dlg-ttl");
        assertThat(repo.log()).hasSize(2);
    }

    @Test
    void dialogIsKeyboardOperableAndReturnsFocus() {
        driver.get("http://127.0.0.1:" + port + "/console");
        WebElement freeze = wait.until(ExpectedConditions.visibilityOf(article().findElement(
                By.cssSelector("button[data-action=freeze]"))));
        freeze.sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("act-dialog")));
        assertThat(driver.switchTo().activeElement().getAttribute("id")).isIn("dlg-token", "dlg-reason");
        driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("act-dialog")));
        assertThat(driver.switchTo().activeElement().getAttribute("data-action")).isEqualTo("freeze");
    }

    @Test
    void readsOnAPhoneSizedScreen() throws Exception {
        driver.manage().window().setSize(new Dimension(390, 1600));
        driver.get("http://127.0.0.1:" + port + "/console");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(SERVICE)));
        Long overflow = (Long) driver.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(overflow).as("no horizontal scrolling").isLessThanOrEqualTo(0L);
        Browser.screenshot(driver, "console-mobile");
    }
}
