package dev.regent.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's chromium and chromedriver) driven by Selenium, for browser tests. Without them
 * the tests are skipped with a message, unless REGENT_TEST_BROWSER=required (as CI sets it), when they fail.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("REGENT_TEST_CHROMIUM", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("REGENT_TEST_CHROMEDRIVER", "/usr/bin/chromedriver"));

    final ChromeDriver driver;
    private final Path profile;
    private final String base;

    private Browser(String base) throws IOException {
        this.base = base;
        profile = Files.createTempDirectory("regent-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-dev-shm-usage", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--window-size=1280,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    /** A browser for the server at {@code base}, or the test is skipped (or failed, in CI) when there is none. */
    static Browser open(String base) throws IOException {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && "required".equals(System.getenv("REGENT_TEST_BROWSER"))) {
            throw new IllegalStateException("REGENT_TEST_BROWSER=required but " + CHROMIUM + " or " + CHROMEDRIVER
                    + " is missing; install them with: apt-get install -y chromium chromium-driver");
        }
        Assumptions.assumeTrue(present, "browser tests skipped: no " + CHROMIUM + " and " + CHROMEDRIVER
                + " (apt-get install -y chromium chromium-driver)");
        return new Browser(base);
    }

    /** Forgets every cookie: the next page starts signed out. */
    void reset() {
        driver.manage().deleteAllCookies();
    }

    void go(String path) {
        driver.get(base + path);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    boolean present(String css) {
        return !driver.findElements(By.cssSelector(css)).isEmpty();
    }

    String text(String css) {
        return find(css).getText();
    }

    String body() {
        return find("body").getText();
    }

    void type(String css, String value) {
        WebElement e = find(css);
        e.clear();
        e.sendKeys(value);
    }

    /** Clicks and waits for the next page to load (every action here is a full page load: no scripts needed). */
    void click(String css) {
        WebElement e = find(css);
        e.click();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
        // the old page's element goes stale; while the navigation is under way Chromium may answer with other errors
        wait.until(d -> {
            try {
                e.isEnabled();
                return false;
            } catch (org.openqa.selenium.WebDriverException gone) {
                return true;
            }
        });
        wait.until(d -> "complete".equals(driver.executeScript("return document.readyState")));
    }

    void signIn(String token) {
        go("/sign-in");
        type("#token", token);
        click("#signin");
    }

    void signOut() {
        click("header .signout button");
    }

    /** Saves a screenshot when REGENT_SCREENSHOTS names a directory (how docs/screenshots is refreshed). */
    void screenshot(String name) throws IOException {
        String dir = System.getenv("REGENT_SCREENSHOTS");
        if (dir != null && !dir.isBlank()) {
            Files.createDirectories(Path.of(dir));
            // the whole page, not just the window: grow the window to the page's height for the shot
            org.openqa.selenium.Dimension window = driver.manage().window().getSize();
            long height = ((Number) driver.executeScript("return document.documentElement.scrollHeight")).longValue();
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(window.getWidth(), (int) Math.min(height + 40, 4000)));
            Files.write(Path.of(dir, name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
            driver.manage().window().setSize(window);
        }
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
