package dev.tikhonov.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tikhonov.data.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
  @TempDir Path temp;

  @Test
  void write_forEveryRunKind_writesOneSelfContainedPageWithAllCharts() throws IOException {
    Path[] dirs = {
      SampleRuns.train(temp.resolve("train")), SampleRuns.mnistL2(temp.resolve("mnist")),
      SampleRuns.path(temp.resolve("path")), SampleRuns.ridgeVsLasso(temp.resolve("rvl")),
      SampleRuns.gdLinear(temp.resolve("gd"))
    };
    for (Path dir : dirs) {
      Path report = HtmlReport.write(dir);
      assertEquals(dir.resolve("report.html"), report);
      String html = Files.readString(report);
      int charts = ReportCharts.of(RunDirectory.detect(dir)).size();
      assertTrue(charts >= 1, dir + ": no charts");
      assertEquals(charts, count(html, "<svg "), dir + ": one inline svg per chart");
      for (ReportChart c : ReportCharts.of(RunDirectory.detect(dir))) {
        assertTrue(Files.size(dir.resolve("charts").resolve(c.name() + ".svg")) > 1000);
        byte[] png = Files.readAllBytes(dir.resolve("charts").resolve(c.name() + ".png"));
        assertEquals((byte) 0x89, png[0], "PNG signature");
        assertEquals('P', png[1]);
      }
      assertFalse(html.contains("http://") && html.matches("(?s).*(src|href)=\"https?:.*"),
          dir + ": no network resources");
      assertFalse(html.contains("<script"), dir + ": no script needed");
      assertFalse(html.contains("<?xml"), dir + ": XML prolog stripped from inline SVG");
      assertTrue(html.contains("Σ"), dir + ": objective written out");
      assertTrue(html.contains("170c062"), dir + ": git commit in provenance");
      assertUniqueIds(html, dir);
    }
  }

  @Test
  void write_mnistL2_tableHoldsTheResultsAndMarksTheBestLambda() throws IOException {
    Path dir = SampleRuns.mnistL2(temp);
    String html = Files.readString(HtmlReport.write(dir));
    JsonNode rows = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
    double bestAccuracy = -1;
    double bestLambda = Double.NaN;
    for (JsonNode r : rows) {
      if (r.get("dropout").asDouble() == 0 && r.get("test_accuracy_mean").asDouble() > bestAccuracy) {
        bestAccuracy = r.get("test_accuracy_mean").asDouble();
        bestLambda = r.get("lambda").asDouble();
      }
      String cell = Html.meanStd(r.get("test_accuracy_mean").asDouble(), r.get("test_accuracy_std").asDouble());
      assertTrue(html.contains("<td>" + cell + "</td>"), "table cell " + cell);
    }
    Matcher best = Pattern.compile("<tr class=\"best\"><td>([^<]*)</td>").matcher(html);
    assertTrue(best.find(), "best row highlighted");
    assertEquals(bestLambda, Double.parseDouble(best.group(1)), 1e-12);
    assertTrue(html.contains("9f2c6a1d0b7e5c4a3f8e1d2c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a"), "data SHA-256");
  }

  @Test
  void write_twice_givesTheSameReport() throws IOException {
    Path dir = SampleRuns.path(temp);
    String first = Files.readString(HtmlReport.write(dir));
    String second = Files.readString(HtmlReport.write(dir));
    assertEquals(first, second);
  }

  @Test
  void write_whenDirectoryIsNoRun_saysSo() throws IOException {
    Files.writeString(temp.resolve("notes.txt"), "hello");
    InputException e = assertThrows(InputException.class, () -> HtmlReport.write(temp));
    assertEquals(temp + " is not a tikhonov run directory: no run.json, results.json, history.csv"
        + " or path.json", e.getMessage());
  }

  @Test
  void write_whenResultsJsonIsMalformed_namesFileLineAndColumn() throws IOException {
    Path dir = SampleRuns.mnistL2(temp);
    Files.writeString(dir.resolve("results.json"), "[{\"lambda\": 0.1,\n \"test_accuracy_mean\": }]");
    InputException e = assertThrows(InputException.class, () -> HtmlReport.write(dir));
    assertTrue(e.getMessage().startsWith(dir.resolve("results.json") + ":2:"), e.getMessage());
  }

  @Test
  void write_whenAFieldIsMissing_namesTheRowAndField() throws IOException {
    Path dir = SampleRuns.mnistL2(temp);
    Files.writeString(dir.resolve("results.json"), "[{\"lambda\": 0.1, \"test_accuracy_mean\": 0.9}]");
    InputException e = assertThrows(InputException.class, () -> HtmlReport.write(dir));
    assertEquals(dir.resolve("results.json") + ": row 1: missing field \"test_loss_mean\"", e.getMessage());
  }

  private static int count(String s, String part) {
    int n = 0;
    for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }

  private static void assertUniqueIds(String html, Path dir) {
    Set<String> ids = new HashSet<>();
    Matcher m = Pattern.compile(" id=\"([^\"]+)\"").matcher(html);
    while (m.find()) {
      assertTrue(ids.add(m.group(1)), dir + ": duplicate id " + m.group(1));
    }
    Matcher ref = Pattern.compile("url\\(#([^)]+)\\)").matcher(html);
    while (ref.find()) {
      assertTrue(ids.contains(ref.group(1)), dir + ": dangling reference " + ref.group(1));
    }
  }
}
