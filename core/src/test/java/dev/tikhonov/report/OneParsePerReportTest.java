package dev.tikhonov.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tikhonov.internal.data.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report reads each file of its run once ({@link RunFiles}), from telling its kind to the
 * page: a selection.json replaced after the charts were drawn and before the tables were gave
 * the tables another chosen λ than the charts' captions.
 */
class OneParsePerReportTest {
  @TempDir Path dir;

  @Test
  void selectionJsonReplacedWhileTheReportIsDrawn_tablesShowWhatTheChartsShow()
      throws IOException {
    SelectionRuns.select(dir);
    Path file = dir.resolve("selection.json");
    ObjectNode root = (ObjectNode) Json.MAPPER.readTree(file.toFile());
    int chosen = root.get("chosen").get("index").asInt();
    double lambda = root.get("lambdas").get(chosen).asDouble();
    RunFiles files = new RunFiles(RunDirectory.detect(dir));
    List<ReportChart> charts = ReportCharts.of(files);
    String shown = "chosen by the 1se rule: λ = " + Html.number(lambda) + ".";
    assertTrue(charts.get(0).caption().contains(shown), charts.get(0).caption());

    int other = chosen == 0 ? 1 : 0;
    ((ObjectNode) root.get("chosen")).put("index", other);
    Files.writeString(file, Json.MAPPER.writeValueAsString(root));
    StringBuilder tables = new StringBuilder();
    ReportTables.of(files, tables);
    assertTrue(tables.toString().contains("chosen (1se): λ = " + Html.number(lambda) + ","),
        tables.toString());
  }

  /**
   * The kind of run is told from the parse of run.json that the page shows: detection parsed it
   * apart, so a run.json replaced after the report told the kind and before it wrote the page
   * gave the page another run's command beside this run's tables and charts.
   */
  @Test
  void runJsonReplacedAfterTheKindWasTold_thePageShowsTheRunJsonTheKindCameFrom()
      throws IOException {
    SelectionRuns.select(dir);
    Path file = dir.resolve("run.json");
    ObjectNode root = (ObjectNode) Json.MAPPER.readTree(file.toFile());
    RunFiles files = RunFiles.detect(dir);
    assertEquals(RunKind.SELECT, files.run().kind());

    root.putArray("args").add("--replaced");
    Files.writeString(file, Json.MAPPER.writeValueAsString(root));
    String page = HtmlReport.page(files, "");
    assertTrue(page.contains("<code>tikhonov select --out " + Html.escape(dir.toString())
        + "</code>"), page);
    assertFalse(page.contains("--replaced"), page);
  }
}
