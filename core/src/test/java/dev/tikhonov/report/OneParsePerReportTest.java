package dev.tikhonov.report;

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
 * A report reads each file of its run once ({@link RunFiles}): a selection.json replaced after
 * the charts were drawn and before the tables were gave the tables another chosen λ than the
 * charts' captions.
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
}
