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
 * that the page logs no console errors, that at 1200 px nothing is wider than its card and no
 * chart draws beyond its box (a legend cut at the image's edge), and that every chart has a
 * rendered, non-zero box, and saves full-page screenshots under target/report-screenshots/. Skipped where there is no
 * Chromium ({@code .ci/run} installs it when it runs as root).
 */
class ReportBrowserTest {
  static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Paths.get("target", "report-screenshots");
  /** A laptop's browser window: the layout checks run at this width. */
  static final int WIDTH = 1200;
  /**
   * A narrow window (half a laptop screen, a tablet): the layout checks run at this width too,
   * so a table that only scrolls sideways there (mnist-select's did) fails.
   */
  static final int NARROW = 800;

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
        "--user-data-dir=" + Files.createDirectories(temp.resolve("profile")), "--window-size=" + WIDTH + ",1000");
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

  /** experiment mnist-l2 --quick's rows: six long legend entries under the run-curves chart. */
  @Test
  void report_mnistL2Quick_keepsEveryLegendEntryInsideItsChart() throws IOException {
    checkInBrowser(SampleRuns.mnistL2(temp.resolve("mnist-l2-quick"),
        new double[] {0, 0.01, 0.1, 1}, 0.2, new double[] {0, 1e-4}), "mnist-l2-quick");
  }

  /** Its results table has 12 columns (14 before); at 800 px as at 1200 px it must fit its card. */
  @Test
  void report_mnistSelect_fitsTheWideTableIntoItsCard() throws IOException {
    checkInBrowser(SampleRuns.mnistSelect(temp.resolve("mnist-select"),
        temp.resolve("mnist-select-source")), "mnist-select");
  }

  /**
   * The layout check sees what it is meant to see: a table wider than its card, and a path
   * drawn beyond its chart's box.
   */
  @Test
  void layoutCheck_whenATableOverflowsOrAChartDrawsOutsideItsBox_seesBoth() throws IOException {
    Path page = temp.resolve("overflowing.html");
    Files.writeString(page, "<!DOCTYPE html><html><body><main><section id=\"results\">"
        + "<div class=\"table-wrap\" style=\"overflow-x:auto\"><table><tr><td style=\"white-space:nowrap\">"
        + "x".repeat(400) + "</td></tr></table></div>"
        + "<figure><svg class=\"chart\" data-chart=\"c\" viewBox=\"0 0 100 50\" width=\"200\">"
        + "<path d=\"M -30 10 L 60 10 L 60 20 Z\"/></svg></figure></section></main></body></html>");
    browser.manage().window().setSize(new Dimension(WIDTH, 1000));
    browser.get(page.toUri().toString());
    List<String> problems = layoutProblems();
    assertTrue(problems.stream().anyMatch(p -> p.startsWith("overflow: div.table-wrap")), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.startsWith("outside its chart: c")), problems.toString());
    Path wide = temp.resolve("wide-page.html");
    Files.writeString(wide, "<!DOCTYPE html><html><body><table><tr><td style=\"white-space:nowrap\">"
        + "x".repeat(400) + "</td></tr></table></body></html>");
    browser.manage().window().setSize(new Dimension(NARROW, 1000));
    browser.get(wide.toUri().toString());
    problems = layoutProblems();
    assertTrue(problems.stream().anyMatch(p -> p.startsWith("overflow: the page is")), problems.toString());
    Path narrow = temp.resolve("narrow-cells.html");
    Files.writeString(narrow, "<!DOCTYPE html><html><body><table style=\"width:10px\"><tr>"
        + "<th>λ_<wbr>1se</th><td>1e-4</td><td>0.9500 ±\u00a00.0046</td></tr></table></body></html>");
    browser.manage().window().setSize(new Dimension(WIDTH, 1000));
    browser.get(narrow.toUri().toString());
    problems = layoutProblems();
    assertTrue(problems.contains("broken over two lines: \"1e-4\" in a td of section ?"),
        problems.toString());
    assertTrue(problems.contains("broken over two lines: \"λ_1se\" in a th of section ?"),
        problems.toString());
    assertFalse(problems.stream().anyMatch(p -> p.contains("0.9500")), "the mean and the ± part"
        + " may go on two lines: " + problems);
  }

  /**
   * The report's tables, squeezed into a 40 px column, break a number only before its ± and a
   * column name only after an underscore that follows a word: mnist-l2's λ column showed "1e-"
   * over "4" at 1200 px, mnist-select's header "λ_" over "1se".
   */
  @Test
  void table_inANarrowColumn_keepsNumbersAndShortNamesWhole() throws IOException {
    StringBuilder table = new StringBuilder();
    Html.table(List.of("λ_min λ_1se", "val_accuracy"), List.of(
        List.of(Html.number(1e-4) + " " + Html.number(2.5e-7), Html.meanStd(3.2e-8, 1.5e-9)),
        List.of(Html.number(0.01), Html.meanStd(0.95, 0.0046))), -1, table);
    Path page = temp.resolve("narrow-table.html");
    Files.writeString(page, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>"
        + ".nb{white-space:nowrap}</style></head><body><div style=\"width:40px\">" + table
        + "</div></body></html>");
    browser.manage().window().setSize(new Dimension(WIDTH, 1000));
    browser.get(page.toUri().toString());
    List<String> broken = layoutProblems().stream()
        .filter(p -> p.startsWith("broken over two lines")).toList();
    assertTrue(broken.isEmpty(), broken + " in " + table);
  }

  @Test
  void report_train_rendersEveryChartWithoutConsoleErrors() throws IOException {
    checkInBrowser(SampleRuns.train(temp.resolve("train")), "train");
  }

  @Test
  void report_path_rendersEveryChartWithoutConsoleErrors() throws IOException {
    checkInBrowser(SampleRuns.path(temp.resolve("path")), "path");
  }

  /** A path cross-validated by the AUC: its longer axis title and header fit their boxes. */
  @Test
  void report_aucPath_rendersEveryChartWithoutConsoleErrors() throws IOException {
    Path dir = SampleRuns.path(temp.resolve("path-auc"));
    Path json = dir.resolve("path.json");
    Files.writeString(json, Files.readString(json).replace("\"cv\": {\"mean\"",
        "\"cv\": {\"measure\": \"auc\", \"mean\""));
    checkInBrowser(dir, "path-auc");
  }

  /** A real relaxed run (path --relax, 5-fold CV): its per-γ chart and table fit their boxes. */
  @Test
  void report_relaxedPath_rendersEveryChartWithoutConsoleErrors() throws IOException {
    Path dir = temp.resolve("path-relaxed");
    SampleRuns.relaxedPath(dir, true);
    checkInBrowser(dir, "path-relaxed");
  }

  /** A real run of several α (path --l1-ratio 0.1,0.5,1, 5-fold CV): every α's chart fits. */
  @Test
  void report_severalL1Ratios_rendersEveryChartWithoutConsoleErrors() throws IOException {
    Path dir = temp.resolve("path-l1-ratios");
    SampleRuns.l1RatiosPath(dir, 0.1, 0.5, 1);
    checkInBrowser(dir, "path-l1-ratios");
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
    browser.manage().window().setSize(new Dimension(WIDTH, 1000));
    browser.get(report.toUri().toString());

    List<String> errors = severe();
    assertTrue(errors.isEmpty(), name + ": console errors " + errors);
    for (int width : new int[] {NARROW, WIDTH}) {
      browser.manage().window().setSize(new Dimension(width, 1000));
      List<String> problems = layoutProblems();
      assertTrue(problems.isEmpty(), name + " at " + width + " px: " + problems);
    }

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
    browser.manage().window().setSize(new Dimension(WIDTH, (int) Math.min(height + 40, 16000)));
    File shot = browser.getScreenshotAs(OutputType.FILE);
    Path target = SCREENSHOTS.resolve(name + ".png");
    Files.copy(shot.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertTrue(Files.size(target) > 10_000, name + ": screenshot saved");
  }

  /**
   * What the page at the current window width lays out wrongly: a page wider than the window
   * (document scrollWidth &gt; the viewport's width), a card (section), table
   * wrapper, figure or paragraph whose content is wider than its box (scrollWidth &gt;
   * clientWidth: cut off, or only seen by scrolling), and any shape of a chart's SVG drawn
   * beyond the chart's box by more than one SVG unit (a legend running off the image: the
   * browser clips it). XChart draws text as paths, so legend entries are among the shapes.
   */
  @SuppressWarnings("unchecked")
  private static List<String> layoutProblems() {
    return (List<String>) ((JavascriptExecutor) browser).executeScript(
        "const out = [];"
        + "const root = document.documentElement;"
        + "if (root.scrollWidth > root.clientWidth + 1) out.push('overflow: the page is '"
        + "    + root.scrollWidth + ' px wide in a ' + root.clientWidth + ' px window');"
        + "document.querySelectorAll('section, .table-wrap, figure, p, pre, details').forEach(e => {"
        + "  if (e.scrollWidth > e.clientWidth + 1) out.push('overflow: ' + e.tagName.toLowerCase()"
        + "    + (e.className ? '.' + e.className : '') + ' in section '"
        + "    + ((e.closest('section') || {}).id || '?') + ': ' + e.scrollWidth + ' > ' + e.clientWidth);"
        + "});"
        + "document.querySelectorAll('svg.chart').forEach(svg => {"
        + "  const box = svg.getBoundingClientRect();"
        + "  const unit = box.width / svg.viewBox.baseVal.width;"
        + "  let outside = 0, example = '';"
        + "  svg.querySelectorAll('path, text, rect, line, polyline, polygon, circle, ellipse, image')"
        + "      .forEach(e => {"
        + "    if (e.closest('clipPath, defs, mask')) return;"
        + "    const r = e.getBoundingClientRect();"
        + "    if (r.width === 0 && r.height === 0) return;"
        + "    if (r.left < box.left - unit || r.top < box.top - unit"
        + "        || r.right > box.right + unit || r.bottom > box.bottom + unit) {"
        + "      outside++;"
        + "      example = [r.left - box.left, r.top - box.top, r.right - box.left, r.bottom - box.top]"
        + "          .map(v => Math.round(v / unit)).join(', ');"
        + "    }"
        + "  });"
        + "  if (outside > 0) out.push('outside its chart: ' + svg.dataset.chart + ': ' + outside"
        + "      + ' shapes, e.g. at (' + example + ') in a ' + svg.viewBox.baseVal.width + ' x '"
        + "      + svg.viewBox.baseVal.height + ' box');"
        + "});"
        // a number, or a short name such as λ_1se, broken over two lines of its table cell:
        // "1e-4" read as "1e-" over "4" in mnist-l2's λ column, "λ_1se" as "λ_" over "1se"
        + "document.querySelectorAll('td, th').forEach(cell => {"
        + "  const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);"
        + "  const nodes = []; let text = '';"
        + "  while (walker.nextNode()) { nodes.push([walker.currentNode, text.length]);"
        + "    text += walker.currentNode.data; }"
        + "  const at = i => { let k = 0; while (k + 1 < nodes.length && nodes[k + 1][1] <= i) k++;"
        + "    return [nodes[k][0], i - nodes[k][1]]; };"
        + "  const re = /[^\\s\\u00a0,;]+/g; let m;"
        + "  while ((m = re.exec(text)) !== null) {"
        + "    const token = m[0];"
        + "    if (!(/^[-+(]*[0-9.]+(e[-+]?[0-9]+)?[)]*$/.test(token) || token.length <= 8)) continue;"
        + "    const range = document.createRange();"
        + "    const [a, ai] = at(m.index); const [b, bi] = at(m.index + token.length - 1);"
        + "    range.setStart(a, ai); range.setEnd(b, bi + 1);"
        + "    const tops = Array.from(range.getClientRects()).filter(r => r.width > 0).map(r => r.top);"
        + "    if (tops.length > 1 && Math.max(...tops) - Math.min(...tops) > 5)"
        + "      out.push('broken over two lines: \"' + token + '\" in a ' + cell.tagName.toLowerCase()"
        + "        + ' of section ' + ((cell.closest('section') || {}).id || '?'));"
        + "  }"
        + "});"
        + "return out;");
  }

  private static List<String> severe() {
    return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .collect(Collectors.toList());
  }
}
