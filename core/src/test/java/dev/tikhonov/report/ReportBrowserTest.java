package dev.tikhonov.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Opens report.html in a real browser: Debian's headless Chromium driven through its
 * chromedriver (paths given explicitly, so Selenium Manager never goes to the network). Checks
 * that the page logs no console errors and that every chart has a rendered, non-zero box, and
 * saves full-page screenshots under target/report-screenshots/. Skipped where there is no
 * Chromium ({@code .ci/run} installs it when it runs as root).
 */
class ReportBrowserTest {
  static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Paths.get("target", "report-screenshots");

  @TempDir static Path temp;
  static ChromeDriver browser;

  @BeforeAll
  static void startBrowser() throws IOException {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "skipped: no headless browser (need " + CHROMIUM + " and " + CHROMEDRIVER
            + "; on Debian: apt-get install chromium chromium-driver)");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars",
        "--user-data-dir=" + Files.createDirectories(temp.resolve("profile")), "--window-size=1400,1000");
    LoggingPreferences logging = new LoggingPreferences();
    logging.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logging);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .build();
    browser = new ChromeDriver(service, options);
    Files.createDirectories(SCREENSHOTS);
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void report_mnistL2_rendersEveryChartWithoutConsoleErrors() throws IOException {
    checkInBrowser(SampleRuns.mnistL2(temp.resolve("mnist-l2")), "mnist-l2");
  }

  @Test
  void report_train_rendersEveryChartWithoutConsoleErrors() throws IOException {
    checkInBrowser(SampleRuns.train(temp.resolve("train")), "train");
  }

  @Test
  void report_path_rendersEveryChartWithoutConsoleErrors() throws IOException {
    checkInBrowser(SampleRuns.path(temp.resolve("path")), "path");
  }

  @Test
  void report_ridgeVsLassoAndGdLinear_renderEveryChartWithoutConsoleErrors() throws IOException {
    checkInBrowser(SampleRuns.ridgeVsLasso(temp.resolve("ridge-vs-lasso")), "ridge-vs-lasso");
    checkInBrowser(SampleRuns.gdLinear(temp.resolve("gd-linear")), "gd-linear");
  }

  @Test
  void report_selectAndGrid_renderEveryChartWithoutConsoleErrors() throws IOException {
    checkInBrowser(selectDir(temp.resolve("select")), "select");
    Path grid = temp.resolve("grid");
    SelectionRuns.grid(grid);
    checkInBrowser(grid, "grid");
  }

  private static Path selectDir(Path dir) {
    SelectionRuns.select(dir);
    return dir;
  }

  @Test
  void consoleErrorCheck_whenPageThrows_seesTheError() throws IOException {
    Path page = temp.resolve("broken.html");
    Files.writeString(page, "<!DOCTYPE html><html><body><script>undefinedFunction();</script></body></html>");
    browser.manage().logs().get(LogType.BROWSER);
    browser.get(page.toUri().toString());
    assertFalse(severe().isEmpty(), "a throwing page must show up as a severe console entry");
  }

  private static void checkInBrowser(Path dir, String name) throws IOException {
    Path report = HtmlReport.write(dir);
    int expected = ReportCharts.of(RunDirectory.detect(dir)).size();
    browser.manage().logs().get(LogType.BROWSER); // drop entries of earlier pages
    browser.manage().window().setSize(new Dimension(1400, 1000));
    browser.get(report.toUri().toString());

    List<String> errors = severe();
    assertTrue(errors.isEmpty(), name + ": console errors " + errors);

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> boxes = (List<Map<String, Object>>) ((JavascriptExecutor) browser)
        .executeScript("return Array.from(document.querySelectorAll('svg')).map(s => {"
            + " const r = s.getBoundingClientRect(); const b = s.getBBox();"
            + " return {id: s.dataset.chart || '', width: r.width, height: r.height,"
            + " contentWidth: b.width, contentHeight: b.height}; });");
    assertEquals(expected, boxes.size(), name + ": one svg per chart");
    for (Map<String, Object> box : boxes) {
      for (String key : List.of("width", "height", "contentWidth", "contentHeight")) {
        double v = ((Number) box.get(key)).doubleValue();
        assertTrue(v > 50, name + ": chart " + box.get("id") + " " + key + " = " + v);
      }
    }
    long tables = (Long) ((JavascriptExecutor) browser).executeScript(
        "return document.querySelectorAll('table').length;");
    assertTrue(tables >= 2, name + ": settings and result tables rendered");

    long height = (Long) ((JavascriptExecutor) browser).executeScript(
        "return Math.ceil(document.documentElement.scrollHeight);");
    browser.manage().window().setSize(new Dimension(1400, (int) Math.min(height + 40, 16000)));
    File shot = browser.getScreenshotAs(OutputType.FILE);
    Path target = SCREENSHOTS.resolve(name + ".png");
    Files.copy(shot.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertTrue(Files.size(target) > 10_000, name + ": screenshot saved");
  }

  private static List<String> severe() {
    return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .collect(Collectors.toList());
  }
}
