package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.TargetKind;
import dev.tikhonov.estimate.LinearModel;
import dev.tikhonov.estimate.Predictor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code path --l1-ratio 0.1,0.5,1 --cv-folds K}: several α cross-validated on the same folds.
 * path.json and path.csv are the chosen α's, exactly as a run at that α alone writes them, so
 * every reader of a path run (report, PathData, --save) works unchanged; path.json's
 * "l1_ratios" and l1-ratios.csv hold every α's curve.
 */
class PathL1RatiosTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path DIABETES = Path.of("..", "data", "diabetes.csv");
  @TempDir Path dir;

  private InProcess path(String out, String... more) {
    List<String> args = new ArrayList<>(List.of("path", "--out", dir.resolve(out).toString(),
        "--data", DIABETES.toString(), "--target", "progression"));
    args.addAll(List.of(more));
    return InProcess.run(args);
  }

  private JsonNode json(String out) throws IOException {
    return JSON.readTree(dir.resolve(out).resolve("path.json").toFile());
  }

  @Test
  void severalL1Ratios_writeTheChosenAlphasRunAsOneAlphaWould_andEveryCurve() throws IOException {
    InProcess all = path("all", "--l1-ratio", "0.1,0.5,1", "--cv-folds", "5", "--seed", "2",
        "--save", dir.resolve("all.model").toString());
    assertEquals(0, all.exit(), all.err());
    JsonNode l1 = json("all").get("l1_ratios");
    double chosen = l1.get("chosen").asDouble();
    // the chosen α: the best mean at its λ_min
    JsonNode candidates = l1.get("candidates");
    assertEquals(3, candidates.size());
    double best = Double.POSITIVE_INFINITY;
    double arg = Double.NaN;
    for (JsonNode c : candidates) {
      if (c.get("cv_mean_min").asDouble() < best) {
        best = c.get("cv_mean_min").asDouble();
        arg = c.get("l1_ratio").asDouble();
      }
    }
    assertEquals(arg, chosen);
    assertTrue(all.out().contains("<- chosen"), all.out());

    InProcess one = path("one", "--l1-ratio", String.valueOf(chosen), "--cv-folds", "5",
        "--seed", "2", "--save", dir.resolve("one.model").toString());
    assertEquals(0, one.exit(), one.err());
    ObjectNode expected = (ObjectNode) json("one");
    ObjectNode got = (ObjectNode) json("all");
    got.remove("l1_ratios");
    assertEquals(expected, got, "path.json without l1_ratios is the chosen α's own");
    assertEquals(Files.readString(dir.resolve("one/path.csv")),
        Files.readString(dir.resolve("all/path.csv")));
    assertFalse(Files.exists(dir.resolve("one/l1-ratios.csv")));
    assertTrue(Files.exists(dir.resolve("all/report.html")));

    // l1-ratios.csv: every α's curve, the chosen one's as path.csv's cv_mean
    List<String> rows = Files.readAllLines(dir.resolve("all/l1-ratios.csv"));
    assertEquals("l1_ratio,lambda,cv_mean,cv_se", rows.get(0));
    List<Double> chosenMeans = rows.stream().skip(1).map(r -> r.split(","))
        .filter(r -> Double.parseDouble(r[0]) == chosen).map(r -> Double.parseDouble(r[2]))
        .toList();
    JsonNode mean = expected.get("cv").get("mean");
    assertEquals(mean.size(), chosenMeans.size());
    for (int l = 0; l < mean.size(); l++) {
      assertEquals(mean.get(l).asDouble(), chosenMeans.get(l), 0);
    }
    int total = 0;
    for (JsonNode c : candidates) {
      total += c.get("lambda").size();
    }
    assertEquals(total, rows.size() - 1);

    // --save keeps the chosen α's model at its λ_min; its provenance lists the candidates
    Dataset data = Dataset.read(DIABETES, "progression", TargetKind.REAL);
    LinearModel saved = Predictor.load(dir.resolve("all.model"), LinearModel.class);
    LinearModel alone = Predictor.load(dir.resolve("one.model"), LinearModel.class);
    assertArrayEquals(alone.coefficients(), saved.coefficients(), 0);
    assertArrayEquals(alone.predict(data), saved.predict(data), 0);
    assertEquals(List.of(0.1, 0.5, 1.0), saved.provenance().settings().get("l1_ratios"));
  }

  @Test
  void oneL1Ratio_writesNoL1RatiosFiles() throws IOException {
    InProcess r = path("one", "--l1-ratio", "0.5", "--cv-folds", "3");
    assertEquals(0, r.exit(), r.err());
    assertFalse(json("one").has("l1_ratios"));
    assertFalse(Files.exists(dir.resolve("one/l1-ratios.csv")));
    assertFalse(Files.exists(dir.resolve("one/charts/l1-ratio-cv-curves.svg")));
    assertTrue(Files.exists(dir.resolve("one/charts/cv-curve.svg")));
  }

  /**
   * The report draws every α's curve on one chart (its lines: L1RatioReportTest), which
   * run.json lists with the run's files, and {@code report DIR} draws it again, the same, from
   * the run's files alone.
   */
  @Test
  void severalL1Ratios_reportDrawsEveryAlphasCurve_andReportRedrawsIt() throws IOException {
    InProcess r = path("all", "--l1-ratio", "0.1,0.5,1", "--cv-folds", "3", "--seed", "2");
    assertEquals(0, r.exit(), r.err());
    Path svg = dir.resolve("all/charts/l1-ratio-cv-curves.svg");
    assertTrue(Files.exists(svg), "the chart of every α");
    assertTrue(Files.exists(dir.resolve("all/charts/l1-ratio-cv-curves.png")));
    String drawn = Files.readString(svg);
    assertTrue(Files.readString(dir.resolve("all/report.html"))
        .contains("of every α of --l1-ratio against its own λ"));
    List<String> listed = new ArrayList<>();
    JSON.readTree(dir.resolve("all/run.json").toFile()).get("files")
        .forEach(f -> listed.add(f.get("path").asText()));
    assertTrue(listed.contains("charts/l1-ratio-cv-curves.svg"), listed.toString());

    Files.delete(svg);
    InProcess report = InProcess.run(List.of("report", dir.resolve("all").toString()));
    assertEquals(0, report.exit(), report.err());
    assertEquals(drawn, Files.readString(svg), "report DIR draws the same chart");
  }

  /**
   * {@code --cv-measure mae}: the l1_ratios block records the measure that scored the α, the
   * cv block's (the chart's axis title that report reads from it: L1RatioReportTest).
   */
  @Test
  void severalL1Ratios_recordTheMeasureThatScoredThem() throws IOException {
    InProcess r = path("mae", "--l1-ratio", "0.5,1", "--cv-folds", "3", "--seed", "2",
        "--cv-measure", "mae");
    assertEquals(0, r.exit(), r.err());
    JsonNode json = json("mae");
    assertEquals("mae", json.get("l1_ratios").get("measure").asText());
    assertEquals("mae", json.get("cv").get("measure").asText());
  }

  /**
   * {@code --adaptive} with several α (refused before): every α is cross-validated with the
   * adaptive penalty of one pilot (the library against glmnet: AdaptiveL1RatiosGlmnetTest), and
   * path.json without l1_ratios is the chosen α's adaptive run alone.
   */
  @Test
  void severalL1Ratios_withAdaptive_chooseAmongAdaptivePaths() throws IOException {
    InProcess all = path("adaptive", "--l1-ratio", "0.5,1", "--adaptive", "--adaptive-pilot",
        "ols", "--cv-folds", "3", "--seed", "2");
    assertEquals(0, all.exit(), all.err());
    JsonNode l1 = json("adaptive").get("l1_ratios");
    assertEquals(2, l1.get("candidates").size());
    double chosen = l1.get("chosen").asDouble();
    InProcess one = path("adaptive-one", "--l1-ratio", String.valueOf(chosen), "--adaptive",
        "--adaptive-pilot", "ols", "--cv-folds", "3", "--seed", "2");
    assertEquals(0, one.exit(), one.err());
    ObjectNode got = (ObjectNode) json("adaptive");
    got.remove("l1_ratios");
    assertEquals(json("adaptive-one"), got, "path.json without l1_ratios is the chosen α's");
    assertTrue(got.has("adaptive_pilot_warning"), "an adaptive run's path.json");
  }

  /**
   * A run with one α into the --out of a run with several: RunKind.PATH did not name
   * l1-ratios.csv, so run.json did not list it and the re-run left the earlier run's curves
   * beside its own path.json (the chart of them was removed, the file stayed).
   */
  @Test
  void rerunWithOneAlpha_removesTheEarlierRunsL1RatiosCsv() throws IOException {
    InProcess several = path("again", "--l1-ratio", "0.5,1", "--cv-folds", "3");
    assertEquals(0, several.exit(), several.err());
    Path run = dir.resolve("again");
    assertTrue(Files.exists(run.resolve("l1-ratios.csv")));
    List<String> listed = new ArrayList<>();
    JSON.readTree(run.resolve("run.json").toFile()).get("files")
        .forEach(f -> listed.add(f.get("path").asText()));
    assertTrue(listed.contains("l1-ratios.csv"), listed.toString());
    InProcess one = path("again", "--cv-folds", "3");
    assertEquals(0, one.exit(), one.err());
    assertFalse(Files.exists(run.resolve("l1-ratios.csv")), one.out());
    assertTrue(one.out().contains(" of the earlier path run in " + run + " that this run did"
        + " not rewrite: l1-ratios.csv, charts/l1-ratio-cv-curves.png,"
        + " charts/l1-ratio-cv-curves.svg"), one.out());
  }

  @Test
  void severalL1Ratios_refusals_nameL1Ratio_exit2() {
    assertRefused("--l1-ratio 0.1,0.5,1: several α are chosen among by cross-validation; add"
        + " --cv-folds K, --foldid FILE or --fold-column NAME, or give one α", "--l1-ratio",
        "0.1,0.5,1");
    assertRefused("--l1-ratio 0.5,1: several α are not cross-validated with --relax yet;"
        + " give one α", "--l1-ratio", "0.5,1", "--relax", "--cv-folds", "3");
    assertRefused("--l1-ratio: α 1.5 (value 2) is not in [0, 1]", "--l1-ratio", "0.1,1.5",
        "--cv-folds", "3");
    assertRefused("--l1-ratio: α 0.5 is given twice (values 1 and 3); give each once",
        "--l1-ratio", "0.5,1,0.5", "--cv-folds", "3");
  }

  private void assertRefused(String message, String... args) {
    InProcess r = path("refused", args);
    assertEquals(2, r.exit(), r.err());
    assertEquals("tikhonov: error: " + message, r.err().strip());
    assertFalse(Files.exists(dir.resolve("refused")), "refused before the run folder");
  }
}
