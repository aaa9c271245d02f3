package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped experiments end to end, in-process ({@link InProcess}): the assertions are on
 * results.json, the lines printed and the exit code, which {@link Main#commandLine()} gives as
 * the jar does; {@link ExperimentOrderTest} runs mnist-select's two orders.
 */
class ExperimentCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void gdLinear_slopeShrinksWithLambdaAndMatchesTheClosedForm() throws Exception {
    InProcess r = InProcess.run("experiment", "gd-linear", "--quick", "--out",
        dir.resolve("gd").toString(), "--quiet");
    assertEquals(0, r.exit(), r.err());
    JsonNode rows = JSON.readTree(dir.resolve("gd/results.json").toFile());
    double previous = Double.POSITIVE_INFINITY;
    for (JsonNode row : rows) {
      double slope = row.get("slope").asDouble();
      assertEquals(row.get("closed_form_slope").asDouble(), slope, 1e-3, row.toString());
      assertTrue(slope < previous, "slope shrinks as λ grows: " + rows);
      previous = slope;
    }
    assertEquals(3.0, rows.get(0).get("slope").asDouble(), 0.2, "λ = 0 recovers the slope");
    assertTrue(r.out().contains("closed-form slope"), r.out());
  }

  /**
   * --json prints results.json's rows on stdout, the same keys and numbers, and the table on
   * stderr: ridge-vs-lasso printed l1Ratio, testMse, cvMse and lambdaAtGridEdge.
   */
  @Test
  void json_printsResultsJsonsRows_andTheTableOnStderr() throws Exception {
    for (String name : new String[] {"gd-linear", "ridge-vs-lasso"}) {
      InProcess r = InProcess.run("experiment", name, "--quick", "--json", "--threads", "1",
          "--out", dir.resolve(name).toString());
      assertEquals(0, r.exit(), r.err());
      assertEquals(JSON.readTree(dir.resolve(name + "/results.json").toFile()),
          JSON.readTree(r.out()), name);
      assertEquals(1, r.out().strip().lines().count(), name + ": one line: " + r.out());
      assertTrue(r.err().contains(name.equals("gd-linear") ? "closed-form slope"
          : "test_mse"), name + ": the table on stderr: " + r.err());
    }
  }

  @Test
  void mnistL2_reducedGrid_writesRowsAndShowsStrongPenaltyCollapse() throws Exception {
    InProcess r = InProcess.run("experiment", "mnist-l2", "--seeds", "0", "--epochs", "2",
        "--lambdas", "0,1", "--threads", "2", "--out", dir.resolve("mnist").toString(),
        "--quiet");
    assertEquals(0, r.exit(), r.err());
    JsonNode rows = JSON.readTree(dir.resolve("mnist/results.json").toFile());
    assertEquals(4, rows.size(), "2 λ rows + dropout alone + dropout with L2");
    for (String k : new String[] {"lambda", "dropout", "weight_decay", "seeds",
        "test_accuracy_mean", "test_accuracy_std", "test_loss_mean", "test_loss_std",
        "train_loss_mean", "weight_norm_mean"}) {
      assertTrue(rows.get(0).has(k), k);
    }
    double acc0 = rows.get(0).get("test_accuracy_mean").asDouble();
    double acc1 = rows.get(1).get("test_accuracy_mean").asDouble();
    assertTrue(acc0 > 0.85, "λ = 0 learns the digits: " + acc0);
    assertTrue(acc1 < acc0 - 0.2, "λ = 1 shrinks the weights towards zero: " + acc1);
    assertTrue(rows.get(1).get("weight_norm_mean").asDouble()
        < rows.get(0).get("weight_norm_mean").asDouble());
    assertTrue(r.out().contains("SGD momentum 0.9, lr 0.05, batch 128"), r.out());
    // one seed has no spread: null and an empty cell, and no "± 0" in the tables (it was 0.0)
    for (JsonNode row : rows) {
      assertTrue(row.get("test_accuracy_std").isNull(), row.toString());
      assertTrue(row.get("test_loss_std").isNull(), row.toString());
    }
    String csvRow = Files.readAllLines(dir.resolve("mnist/results.csv")).get(1);
    assertEquals("", csvRow.split(",", -1)[5], csvRow);
    assertEquals("", csvRow.split(",", -1)[7], csvRow);
    assertFalse(r.out().contains("± 0"), r.out());
    String html = Files.readString(dir.resolve("mnist/report.html"));
    assertFalse(html.contains("±\u00a00") || html.contains("± 0"), "report.html shows ± 0");
    assertTrue(Files.exists(dir.resolve("mnist/histograms.json")));
    assertTrue(Files.exists(dir.resolve("mnist/run.json")));
  }

  @Test
  void mnistSelect_quick_comparesWarmAndColdOnTheDigits() throws Exception {
    InProcess r = InProcess.run("experiment", "mnist-select", "--quick", "--train-rows", "1000",
        "--seeds", "0", "--threads", "2", "--out", dir.resolve("ms").toString(), "--quiet");
    assertEquals(0, r.exit(), r.err());
    JsonNode rows = JSON.readTree(dir.resolve("ms/results.json").toFile());
    assertEquals(2, rows.size(), "warm and cold on the digits");
    assertEquals("warm", rows.get(0).get("method").asText());
    assertEquals("cold", rows.get(1).get("method").asText());
    for (JsonNode row : rows) {
      assertTrue(row.get("lambda_1se").asDouble() >= row.get("lambda_min").asDouble());
      assertTrue(row.get("test_accuracy").asDouble() > 0.6, row.toString());
      assertTrue(row.get("evidence_lambda").isNumber(), row.toString());
    }
    assertTrue(rows.get(0).get("epochs").asInt() < rows.get(1).get("epochs").asInt(),
        "the warm path runs fewer epochs than the cold grid");
    assertTrue(Files.exists(dir.resolve("ms/selection-digits-warm.json")));
    assertTrue(Files.readString(dir.resolve("ms/report.html")).contains("chart-cv-digits"));
    assertTrue(r.out().contains("warm"), r.out());
    // λ as the labels, the table and the progress lines write it: not 1.0E-5, nor %.3g's 1.00e-05
    assertTrue(r.out().contains("7 λ from λ_max to 1e-05;"), "λ as the table prints it,"
        + " not 1.0E-5: " + r.out());
  }

  /**
   * --quick takes the first 2000 training rows; a folder of fewer (300 here) is used whole, as
   * before, and the header now says why its count is not 2000 (it printed "(300 train / …)"
   * alone), and run.json's settings record the 300 used beside the 2000 asked. A --train-rows N
   * above every data set is refused (BadInputTest): that limit the user gave.
   */
  @Test
  void mnistSelect_quickOnAFolderOfFewerThan2000Rows_usesThemAllAndSaysSo() throws Exception {
    Path small = Files.createDirectories(dir.resolve("small"));
    idx(small.resolve("train-images-idx3-ubyte"), 300, true);
    idx(small.resolve("train-labels-idx1-ubyte"), 300, false);
    idx(small.resolve("t10k-images-idx3-ubyte"), 50, true);
    idx(small.resolve("t10k-labels-idx1-ubyte"), 50, false);
    InProcess r = InProcess.run("experiment", "mnist-select", "--quick", "--datasets",
        small.toString(), "--seeds", "0", "--epochs", "1", "--methods", "warm", "--threads",
        "2", "--out", dir.resolve("ms2").toString(), "--quiet");
    assertEquals(0, r.exit(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals("experiment mnist-select: small (300 train / 50 test)", lines.get(0), r.out());
    assertEquals("  --quick takes the first 2000 training rows of each data set; small has 300,"
        + " all used", lines.get(1), r.out());
    // run.json recorded train_rows 2000 alone, the limit, beside experiment.json's 300 used
    JsonNode settings = JSON.readTree(dir.resolve("ms2/run.json").toFile()).get("settings");
    assertEquals(2000, settings.get("train_rows").asInt(), settings.toString());
    assertEquals(JSON.readTree("[300]"), settings.get("train_rows_used"), settings.toString());
  }

  /**
   * An uncompressed IDX file of {@code n} 28×28 images (pixels from a fixed pattern) or of
   * {@code n} labels 0..9 in turn.
   */
  private static void idx(Path file, int n, boolean images) throws Exception {
    try (java.io.DataOutputStream out = new java.io.DataOutputStream(
        new java.io.BufferedOutputStream(Files.newOutputStream(file)))) {
      out.writeInt(images ? 0x803 : 0x801);
      out.writeInt(n);
      if (images) {
        out.writeInt(28);
        out.writeInt(28);
      }
      for (int i = 0; i < n; i++) {
        if (!images) {
          out.writeByte(i % 10);
          continue;
        }
        for (int p = 0; p < 28 * 28; p++) {
          out.writeByte((p * 7 + (i % 10) * 31 + i) % 256 < 40 + 20 * (i % 10) ? 255 : 0);
        }
      }
    }
  }

  /**
   * --epochs below the recipe's warm epochs caps them: with --quick's 2 per warm λ, --epochs 1
   * gave a warm-started λ twice a cold fit's epochs, turning round the comparison the
   * experiment is for.
   */
  @Test
  void mnistSelect_epochsBelowTheWarmEpochs_capsThem() throws Exception {
    InProcess r = InProcess.run("experiment", "mnist-select", "--quick", "--train-rows", "300",
        "--seeds", "0", "--epochs", "1", "--threads", "2", "--out",
        dir.resolve("ms1").toString(), "--quiet");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("1 epochs, 1 per warm-started λ"), r.out());
    JsonNode rows = JSON.readTree(dir.resolve("ms1/results.json").toFile());
    // every fit of the warm path (folds' paths and the all-rows path) ran one epoch, as every
    // cold fit did; with 2 per warm λ it ran 52 epochs in 28 fits
    assertEquals(rows.get(0).get("fits").asInt(), rows.get(0).get("epochs").asInt(),
        rows.toString());
    assertEquals(rows.get(1).get("fits").asInt(), rows.get(1).get("epochs").asInt(),
        rows.toString());
  }

  @Test
  void unknownExperiment_saysWhichExist() throws Exception {
    InProcess r = InProcess.run("experiment", "mnist-l3");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("mnist-l2"), r.err());
  }
}
