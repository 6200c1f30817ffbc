package io.sereca.wsnm.web;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The WSNM dashboard in a real headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver} packages), driven by Selenium: log in, find dams and alarms by their ids
 * and {@code data-*} attributes, acknowledge, open a dam page, take screenshots. Selenium Manager
 * never runs: the driver and browser paths are given.
 *
 * <p>Reused by the end-to-end test with the real services.
 */
public final class DashboardBrowser implements AutoCloseable {

  /** Debian's Chromium. */
  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  /** Debian's chromedriver. */
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private final ChromeDriverService service;
  private final ChromeDriver driver;
  private final String baseUrl;
  private final Duration timeout;

  private DashboardBrowser(ChromeDriverService service, ChromeDriver driver, String baseUrl, Duration timeout) {
    this.service = service;
    this.driver = driver;
    this.baseUrl = baseUrl;
    this.timeout = timeout;
  }

  /** Why a browser test cannot run here, or empty if it can. */
  public static Optional<String> unavailable() {
    if (!Files.isExecutable(CHROMIUM)) {
      return Optional.of(CHROMIUM + " is missing: apt-get install -y chromium chromium-driver");
    }
    if (!Files.isExecutable(CHROMEDRIVER)) {
      return Optional.of(CHROMEDRIVER + " is missing: apt-get install -y chromium-driver");
    }
    return Optional.empty();
  }

  /**
   * Starts a fresh headless Chromium (own profile under {@code profileDir}) at {@code baseUrl}
   * (e.g. {@code http://127.0.0.1:PORT/wsnm/}).
   */
  public static DashboardBrowser open(String baseUrl, Path profileDir) throws IOException {
    Files.createDirectories(profileDir);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
        .withLogFile(profileDir.resolve("chromedriver.log").toFile()).build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-default-apps", "--disable-extensions", "--window-size=1440,1000",
        "--user-data-dir=" + Files.createTempDirectory(profileDir, "profile"));
    options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
    ChromeDriver driver = new ChromeDriver(service, options);
    DashboardBrowser b = new DashboardBrowser(service, driver, baseUrl, Duration.ofSeconds(30));
    try {
      driver.get(baseUrl);
      b.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
    } catch (RuntimeException e) {
      String log = b.consoleLog();
      b.close();
      throw new IllegalStateException("the dashboard did not load at " + baseUrl + "; browser console:\n" + log, e);
    }
    return b;
  }

  /** The Selenium driver. */
  public WebDriver driver() {
    return driver;
  }

  /** Waits for a condition (30 s); the page redraws lists, so a stale element just means "look again". */
  public <T> T until(java.util.function.Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, timeout).ignoring(StaleElementReferenceException.class).until(condition::apply);
  }

  /** The state shown in alarm {@code id}'s row, or null if it has no row. */
  public String alarmState(String id) {
    List<WebElement> rows = driver.findElements(By.cssSelector("#alarm-list tr[data-alarm-id='" + id + "']"));
    return rows.isEmpty() ? null : rows.get(0).getDomAttribute("data-state");
  }

  /** Logs in through the login form and waits for the overview. */
  public void login(String user, String password) {
    driver.findElement(By.id("login-user")).sendKeys(user);
    driver.findElement(By.id("login-password")).sendKeys(password);
    driver.findElement(By.id("login-submit")).click();
    new WebDriverWait(driver, timeout).until(ExpectedConditions.visibilityOfElementLocated(By.id("overview-view")));
  }

  /** Tries a login and returns the error shown (for refused logins). */
  public String failedLogin(String user, String password) {
    driver.findElement(By.id("login-user")).clear();
    driver.findElement(By.id("login-user")).sendKeys(user);
    driver.findElement(By.id("login-password")).sendKeys(password);
    driver.findElement(By.id("login-submit")).click();
    return until(d -> {
      String t = d.findElement(By.id("login-error")).getText();
      return t.isEmpty() ? null : t;
    });
  }

  /** The overview's dam cards. */
  public List<WebElement> damCards() {
    return driver.findElements(By.cssSelector("#dam-grid .dam-card"));
  }

  /** The card of one dam. */
  public WebElement damCard(String dam) {
    return driver.findElement(By.cssSelector(".dam-card[data-dam='" + dam + "']"));
  }

  /** Waits for the alarm row {@code id} and returns it. */
  public WebElement alarmRow(String id) {
    return until(d -> {
      List<WebElement> rows = d.findElements(By.cssSelector("#alarm-list tr[data-alarm-id='" + id + "']"));
      return rows.isEmpty() ? null : rows.get(0);
    });
  }

  /**
   * Types {@code comment} into the alarm's comment box and clicks Acknowledge (again from the
   * start if the list was redrawn meanwhile: it is not redrawn while its comment box has focus).
   */
  public void acknowledge(String id, String comment) {
    until(d -> {
      WebElement box = d.findElement(By.cssSelector("input.ack-comment[data-alarm-id='" + id + "']"));
      box.click();
      box.clear();
      if (!comment.isEmpty()) {
        box.sendKeys(comment);
      }
      d.findElement(By.cssSelector("button[data-action='ack'][data-alarm-id='" + id + "']")).click();
      return true;
    });
  }

  /** The toast text now shown. */
  public String toast() {
    return driver.findElement(By.id("toast")).getText();
  }

  /** Opens a dam's page and waits for its charts. */
  public void openDam(String dam) {
    damCard(dam).click();
    until(d -> d.findElement(By.id("dam-view")).isDisplayed()
        && d.findElement(By.id("dam-view")).getDomAttribute("data-charts-loaded") != null);
  }

  /** Clicks a range preset (1h, 6h, 24h, 7d) and waits for the charts to be redrawn. */
  public void range(String preset) {
    String before = driver.findElement(By.id("dam-view")).getDomAttribute("data-charts-loaded");
    driver.findElement(By.cssSelector("#range-presets button[data-range='" + preset + "']")).click();
    until(d -> !String.valueOf(before).equals(d.findElement(By.id("dam-view")).getDomAttribute("data-charts-loaded")));
  }

  /** Runs JavaScript in the page. */
  public Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(js, args);
  }

  /** Saves a PNG screenshot of the window to {@code file}. */
  public Path screenshot(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
    return file;
  }

  /** The browser console's messages so far (for failure reports). */
  public String consoleLog() {
    StringBuilder sb = new StringBuilder();
    driver.manage().logs().get("browser").forEach(e -> sb.append(e.getLevel()).append(' ').append(e.getMessage()).append('\n'));
    return sb.toString();
  }

  /** The base URL. */
  public String baseUrl() {
    return baseUrl;
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
    }
  }
}
