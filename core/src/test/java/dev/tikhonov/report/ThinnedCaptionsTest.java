package dev.tikhonov.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The λ charts of select, experiment mnist-select and experiment mnist-l2 over more λ than a
 * chart shows (--lambdas from an @argfile) are thinned by {@link LambdaCharts#addLambdaSeries}
 * as the path's are; their captions said nothing of it, the path's say so since c8049f98.
 */
class ThinnedCaptionsTest {
  @TempDir Path temp;

  private static final int M = 1500;

  private static String note(String files) {
    return " Of its " + M + " λ, each curve is drawn through at most 1000: its ends and, in each"
        + " of 500 runs of neighbouring λ, its smallest and largest value; " + files
        + " have every λ.";
  }

  /** A selection.json of {@code m} λ, decreasing, with a CV curve and an all-rows path. */
  private static String selectionJson(int m) {
    StringBuilder lambdas = new StringBuilder();
    StringBuilder mean = new StringBuilder();
    StringBuilder se = new StringBuilder();
    StringBuilder path = new StringBuilder();
    for (int l = 0; l < m; l++) {
      double lambda = Math.pow(10, -5.0 * l / m);
      double x = Math.log10(lambda);
      String sep = l == 0 ? "" : ", ";
      lambdas.append(sep).append(lambda);
      mean.append(sep).append(0.3 + 0.01 * (x + 2.5) * (x + 2.5));
      se.append(sep).append(0.01);
      path.append(sep).append("{\"lambda\": ").append(lambda).append(", \"epochs\": 3,"
          + " \"validation_loss\": 0.3, \"train_loss\": 0.2, \"layer_norms\": [1.0, 0.5]}");
    }
    return "{\"lambdas\": [" + lambdas + "], \"cv\": {\"mean\": [" + mean + "], \"se\": [" + se
        + "], \"lambda_min\": 0.00316, \"lambda_1se\": 0.01}, \"chosen\": {\"index\": " + m / 2
        + "}, \"path\": [" + path + "]}\n";
  }

  @Test
  void selectionCharts_ofMoreLambdasThanAChartShows_sayTheyAreThinned() throws IOException {
    Path file = temp.resolve("selection.json");
    SampleRuns.write(file, selectionJson(M));
    List<ReportChart> charts = new ArrayList<>();
    ReportCharts.selection(SelectionData.read(file), "", charts);
    assertTrue(charts.size() >= 3, charts.toString());
    for (ReportChart c : charts) {
      assertTrue(c.caption().endsWith(note("selection.json and selection.csv")),
          c.name() + ": " + c.caption());
    }
    Path few = temp.resolve("few.json");
    SampleRuns.write(few, selectionJson(40));
    List<ReportChart> plain = new ArrayList<>();
    ReportCharts.selection(SelectionData.read(few), "", plain);
    for (ReportChart c : plain) {
      assertFalse(c.caption().contains("drawn through at most"), c.caption());
    }
  }

  @Test
  void mnistSelectCharts_ofMoreLambdasThanAChartShows_sayTheyAreThinned() throws IOException {
    Path dir = temp.resolve("mnist-select");
    SampleRuns.write(dir.resolve("run.json"), SampleRuns.runJson("experiment mnist-select",
        "{\"name\": \"mnist-select\", \"quick\": false}").replace("{\"command\"",
        "{\"kind\": \"mnist-select\", \"command\""));
    SampleRuns.write(dir.resolve("results.json"), "[{\"data\": \"digits\", \"method\": \"warm\","
        + " \"seeds\": 1}, {\"data\": \"digits\", \"method\": \"cold\", \"seeds\": 1}]\n");
    SampleRuns.write(dir.resolve("selection-digits-warm.json"), selectionJson(M));
    SampleRuns.write(dir.resolve("selection-digits-cold.json"), selectionJson(M));
    List<ReportChart> charts = new ArrayList<>();
    MnistSelectReport.charts(new RunFiles(new RunDirectory(dir, RunKind.MNIST_SELECT)), charts);
    assertFalse(charts.isEmpty());
    for (ReportChart c : charts) {
      assertTrue(c.caption().endsWith(note("selection-digits-warm.json and"
          + " selection-digits-cold.json")), c.name() + ": " + c.caption());
    }
  }

  @Test
  void mnistL2Charts_ofMoreLambdasThanAChartShows_sayTheyAreThinned() throws IOException {
    Path dir = temp.resolve("mnist-l2");
    SampleRuns.write(dir.resolve("run.json"), SampleRuns.runJson("experiment",
        "{\"name\": \"mnist-l2\", \"quick\": true, \"seeds\": 1, \"epochs\": 1}"));
    StringBuilder rows = new StringBuilder("[");
    for (int l = 0; l < M; l++) {
      double lambda = Math.pow(10, -5.0 * l / M);
      rows.append(l == 0 ? "" : ",\n").append("{\"lambda\": ").append(lambda)
          .append(", \"dropout\": 0, \"seeds\": 1, \"test_accuracy_mean\": 0.9,"
              + " \"test_loss_mean\": 0.3, \"layer_weight_norms_mean\": [1.0, 0.5]}");
    }
    SampleRuns.write(dir.resolve("results.json"), rows.append("]\n").toString());
    List<ReportChart> charts = ReportCharts.of(RunDirectory.detect(dir));
    List<String> names = charts.stream().map(ReportChart::name).toList();
    assertEquals(List.of("test-accuracy", "test-loss", "layer-norms"), names);
    for (ReportChart c : charts) {
      assertTrue(c.caption().endsWith(note("results.json and results.csv")),
          c.name() + ": " + c.caption());
    }
  }
}
