package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code path --out-of-fold} (cv.glmnet's keep = TRUE) as a user runs it: out-of-fold.csv
 * against glmnet 4.1-6's fit.preval with the same folds
 * (core/src/test/resources/ref/make_out_of_fold.R), its layout, its agreement with path.csv's
 * CV curve (also per γ with --relax, and with --adaptive), the report's out-of-fold ROC, and
 * the refusal without cross-validation.
 */
class PathOutOfFoldTest {
  private static final Path DATA = Path.of("..", "data");
  private static final Path REF = Path.of("..", "core", "src", "test", "resources", "ref",
      "real");
  @TempDir Path dir;

  private InProcess path(String out, String... more) {
    List<String> args = new ArrayList<>(List.of("path", "--out", dir.resolve(out).toString()));
    args.addAll(List.of(more));
    return InProcess.run(args);
  }

  private List<String[]> csv(Path file) throws IOException {
    return Files.readAllLines(file).stream().map(l -> l.split(",", -1)).toList();
  }

  private static List<String[]> gzipCsv(Path file) throws IOException {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
      return r.lines().map(l -> l.split(",", -1)).toList();
    }
  }

  @Test
  void breastCancer_outOfFoldCsv_isGlmnetsFitPreval_rowByRow() throws IOException {
    Path folds = REF.resolve("breast_cancer-foldid.csv");
    InProcess r = path("bc", "--data", DATA.resolve("breast_cancer.csv").toString(), "--target",
        "diagnosis", "--ignore-columns", "id", "--family", "binomial", "--foldid",
        folds.toString(), "--out-of-fold");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("out-of-fold.csv"), r.out());
    List<String[]> ours = csv(dir.resolve("bc").resolve("out-of-fold.csv"));
    List<String[]> glmnet = gzipCsv(REF.resolve("breast_cancer-out-of-fold.csv.gz"));
    List<String> data = Files.readAllLines(DATA.resolve("breast_cancer.csv"));
    int diagnosis = List.of(data.get(0).split(",")).indexOf("diagnosis");
    assertEquals(569 + 1, ours.size());
    int m = glmnet.get(0).length - 1;
    assertEquals(3 + m, ours.get(0).length, "row, fold, y and one column per λ");
    assertEquals(List.of("row", "fold", "y", "s0", "s1"), List.of(ours.get(0)).subList(0, 5));
    assertEquals(m, csv(dir.resolve("bc").resolve("path.csv")).size() - 1, "path.csv's λ");
    double worst = 0;
    for (int i = 1; i <= 569; i++) {
      String[] row = ours.get(i);
      assertEquals(String.valueOf(i), row[0]);
      assertEquals(glmnet.get(i)[0], row[1], "fold of row " + i);
      assertEquals(data.get(i).split(",")[diagnosis], row[2], "y of row " + i);
      for (int l = 0; l < m; l++) {
        double theirs = Double.parseDouble(glmnet.get(i)[1 + l]);
        worst = Math.max(worst, Math.abs(Double.parseDouble(row[3 + l]) - theirs)
            / Math.max(1, Math.abs(theirs)));
      }
    }
    // the core's OutOfFoldGlmnetTest: the same sweeps as glmnet's default thresh
    assertTrue(worst <= 1e-5, "out-of-fold η " + worst + " from glmnet's fit.preval");
  }

  /**
   * The report of a two-class run with --out-of-fold draws the out-of-fold ROC curves at λ_min
   * and λ_1se; its caption's areas are those of the file's columns at those λ (recomputed here
   * from out-of-fold.csv and path.json). A gaussian run, or one without the file, has no such
   * chart, and a damaged file makes `report` name its line.
   */
  @Test
  void report_drawsTheOutOfFoldRoc_atLambdaMinAnd1se() throws IOException {
    InProcess r = path("roc", "--data", DATA.resolve("breast_cancer.csv").toString(),
        "--target", "diagnosis", "--ignore-columns", "id", "--family", "binomial",
        "--cv-folds", "5", "--out-of-fold");
    assertEquals(0, r.exit(), r.err());
    Path run = dir.resolve("roc");
    assertTrue(Files.exists(run.resolve("charts").resolve("out-of-fold-roc.svg")));
    String html = Files.readString(run.resolve("report.html"));
    com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind
        .ObjectMapper().readTree(run.resolve("path.json").toFile());
    List<String[]> oof = csv(run.resolve("out-of-fold.csv"));
    List<String[]> path = csv(run.resolve("path.csv"));
    String[] areas = new String[2];
    String[] keys = {"lambda_min", "lambda_1se"};
    for (int c = 0; c < 2; c++) {
      double lambda = json.get("cv").get(keys[c]).asDouble();
      int l = 0;
      while (Double.parseDouble(path.get(l + 1)[0]) != lambda) {
        l++;
      }
      double[] score = new double[oof.size() - 1];
      boolean[] malignant = new boolean[score.length];
      for (int i = 0; i < score.length; i++) {
        score[i] = Double.parseDouble(oof.get(i + 1)[3 + l]);
        malignant[i] = oof.get(i + 1)[2].equals("malignant");
      }
      areas[c] = String.format(java.util.Locale.ROOT, "%.4f",
          dev.tikhonov.estimate.RocCurve.of(score, malignant).area());
    }
    assertTrue(html.contains("Areas (the out-of-fold AUC): " + areas[0] + " at λ_min, "
        + areas[1] + " at λ_1se"), "areas " + List.of(areas) + " in the report");
    // a damaged file: report names it and its line
    List<String> lines = new ArrayList<>(Files.readAllLines(run.resolve("out-of-fold.csv")));
    lines.set(3, "3,1,benign,oops");
    Files.write(run.resolve("out-of-fold.csv"), lines);
    InProcess damaged = InProcess.run("report", run.toString());
    assertEquals(2, damaged.exit());
    assertTrue(damaged.err().contains("out-of-fold.csv:4: 4 fields, expected"), damaged.err());
    // without the file: no such chart
    InProcess without = path("plain", "--data", DATA.resolve("breast_cancer.csv").toString(),
        "--target", "diagnosis", "--ignore-columns", "id", "--family", "binomial",
        "--cv-folds", "5");
    assertEquals(0, without.exit(), without.err());
    assertFalse(Files.exists(dir.resolve("plain").resolve("charts")
        .resolve("out-of-fold-roc.svg")));
  }

  /**
   * An out-of-fold.csv that does not match the run it sits in is refused with its line and what
   * path --out-of-fold writes there; each was drawn as the run's ROC, exit 0: a row deleted (the
   * curves of the rows after it, or of one row fewer when it was the last), a header one column
   * short, a y that is neither class (counted as the first).
   */
  @Test
  void report_refusesAnOutOfFoldCsvThatIsNotTheRuns() throws IOException {
    InProcess r = path("edited", "--data", DATA.resolve("breast_cancer.csv").toString(),
        "--target", "diagnosis", "--ignore-columns", "id", "--family", "binomial",
        "--cv-folds", "3", "--nlambda", "10", "--out-of-fold");
    assertEquals(0, r.exit(), r.err());
    Path run = dir.resolve("edited");
    assertEquals(569, new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(run.resolve("path.json").toFile()).get("rows").asInt());
    Path file = run.resolve("out-of-fold.csv");
    List<String> lines = Files.readAllLines(file);
    int m = lines.get(0).split(",").length - 3;
    String header = lines.get(0);
    int benign = 1;
    while (!lines.get(benign).contains(",benign,")) {
      benign++;
    }
    String[][] edits = {
        {"100", null, ":101: row \"101\", expected 100: path --out-of-fold writes every data row,"
            + " numbered 1, 2, … in data order; a row is missing or out of order"},
        {"569", null, ":569: 568 rows, expected 569 (path.json's \"rows\": one per data row)"},
        {"0", header.substring(0, header.lastIndexOf(',')), ":1: expected the header"
            + " row,fold,y,s0,…,s" + (m - 1) + " that path --out-of-fold writes (row, fold, y and"
            + " one column per λ of path.json, " + m + "), found " + (2 + m) + " columns"},
        {String.valueOf(benign), lines.get(benign).replace("benign", "Benign"), ":"
            + (benign + 1) + ": y \"Benign\" is neither of"
            + " path.json's class_names, \"benign\" and \"malignant\""}};
    for (String[] edit : edits) {
      List<String> edited = new ArrayList<>(lines);
      if (edit[1] == null) {
        edited.remove(Integer.parseInt(edit[0]));
      } else {
        edited.set(Integer.parseInt(edit[0]), edit[1]);
      }
      Files.write(file, edited);
      InProcess report = InProcess.run("report", run.toString());
      assertEquals(2, report.exit(), edit[2] + ": " + report.err());
      assertTrue(report.err().contains("out-of-fold.csv" + edit[2]), report.err());
      assertFalse(report.err().contains("Exception"), report.err());
    }
    Files.write(file, lines);
    assertEquals(0, InProcess.run("report", run.toString()).exit(), "the file as written");
  }

  /**
   * Gaussian: the folds are weighted by their sizes, so path.csv's cv_mean is the mean squared
   * out-of-fold residual over all rows, recomputed here from out-of-fold.csv alone.
   */
  @Test
  void diabetes_meanSquaredOutOfFoldResidual_isPathCsvsCvMean() throws IOException {
    meanSquaredResidualIsCvMean("d");
  }

  /** The adaptive lasso's: each row predicted by its fold's own adaptive path. */
  @Test
  void diabetes_adaptive_meanSquaredOutOfFoldResidual_isPathCsvsCvMean() throws IOException {
    meanSquaredResidualIsCvMean("a", "--adaptive");
  }

  private void meanSquaredResidualIsCvMean(String out, String... more) throws IOException {
    List<String> args = new ArrayList<>(List.of("--data", DATA.resolve("diabetes.csv")
        .toString(), "--target", "progression", "--cv-folds", "5", "--out-of-fold"));
    args.addAll(List.of(more));
    InProcess r = path(out, args.toArray(new String[0]));
    assertEquals(0, r.exit(), r.err());
    List<String[]> oof = csv(dir.resolve(out).resolve("out-of-fold.csv"));
    List<String[]> path = csv(dir.resolve(out).resolve("path.csv"));
    assertFalse(Files.exists(dir.resolve(out).resolve("charts")
        .resolve("out-of-fold-roc.svg")), "a ROC curve is of two classes");
    int cvMean = List.of(path.get(0)).indexOf("cv_mean");
    int m = path.size() - 1;
    for (int l = 0; l < m; l++) {
      double sum = 0;
      for (int i = 1; i < oof.size(); i++) {
        double residual = Double.parseDouble(oof.get(i)[2]) - Double.parseDouble(oof.get(i)[3 + l]);
        sum += residual * residual;
      }
      double mean = Double.parseDouble(path.get(l + 1)[cvMean]);
      assertEquals(mean, sum / (oof.size() - 1), 1e-9 * mean, "λ index " + l);
    }
  }

  /**
   * With --relax: a gamma column and the rows once per γ; each γ's block gives that γ's curve
   * in path.json (relaxed.mean), the mean squared out-of-fold residual per λ.
   */
  @Test
  void diabetes_relaxed_oneBlockPerGamma_isEachGammasCvMean() throws IOException {
    InProcess r = path("rx", "--data", DATA.resolve("diabetes.csv").toString(), "--target",
        "progression", "--relax", "--gammas", "0,0.5,1", "--cv-folds", "5", "--out-of-fold");
    assertEquals(0, r.exit(), r.err());
    List<String[]> oof = csv(dir.resolve("rx").resolve("out-of-fold.csv"));
    com.fasterxml.jackson.databind.JsonNode relaxed = new com.fasterxml.jackson.databind
        .ObjectMapper().readTree(dir.resolve("rx").resolve("path.json").toFile())
        .get("relaxed").get("cv");
    assertEquals(List.of("row", "fold", "y", "gamma", "s0"), List.of(oof.get(0)).subList(0, 5));
    int n = 442;
    assertEquals(1 + 3 * n, oof.size());
    int m = relaxed.get("mean").get(0).size();
    assertEquals(4 + m, oof.get(0).length);
    for (int g = 0; g < 3; g++) {
      double gamma = relaxed.get("gamma").get(g).asDouble();
      for (int l = 0; l < m; l++) {
        double sum = 0;
        for (int i = 1; i <= n; i++) {
          String[] row = oof.get(g * n + i);
          assertEquals(gamma, Double.parseDouble(row[3]), 0.0);
          double residual = Double.parseDouble(row[2]) - Double.parseDouble(row[4 + l]);
          sum += residual * residual;
        }
        double mean = relaxed.get("mean").get(g).get(l).asDouble();
        assertEquals(mean, sum / n, 1e-9 * mean, "γ " + gamma + ", λ index " + l);
      }
    }
  }

  @Test
  void wine_multinomial_oneColumnPerClassAndLambda() throws IOException {
    InProcess r = path("w", "--data", DATA.resolve("wine.csv").toString(), "--target",
        "cultivar", "--family", "multinomial", "--cv-folds", "3", "--out-of-fold");
    assertEquals(0, r.exit(), r.err());
    List<String[]> oof = csv(dir.resolve("w").resolve("out-of-fold.csv"));
    int m = csv(dir.resolve("w").resolve("path.csv")).size() - 1;
    String[] header = oof.get(0);
    assertEquals(3 + 3 * m, header.length);
    assertEquals("s0_class_0", header[3]);
    assertEquals("s" + (m - 1) + "_class_2", header[header.length - 1]);
    assertEquals(178 + 1, oof.size());
  }

  /**
   * A run without --out-of-fold into the --out of a run with it: the earlier out-of-fold.csv
   * stayed, and the report drew its ROC curves as this run's (exit 0) or, when that run had
   * another number of λ, failed the run after its work naming the file's line (exit 2); its
   * ROC chart stayed in charts/ too (RunWriter.finish removes both).
   */
  @Test
  void rerunWithoutOutOfFold_removesTheEarlierRunsFile() throws IOException {
    String[] data = {"--data", DATA.resolve("breast_cancer.csv").toString(), "--target",
        "diagnosis", "--ignore-columns", "id", "--family", "binomial", "--cv-folds", "3"};
    Path run = dir.resolve("again");
    for (String[] second : new String[][] {{}, {"--nlambda", "5"}, {"--relax"}}) {
      InProcess first = path("again", concat(data, "--out-of-fold"));
      assertEquals(0, first.exit(), first.err());
      assertTrue(Files.exists(run.resolve("out-of-fold.csv")));
      assertTrue(Files.exists(run.resolve("charts").resolve("out-of-fold-roc.svg")));
      InProcess rerun = path("again", concat(data, second));
      assertEquals(0, rerun.exit(), List.of(second) + ": " + rerun.err());
      assertFalse(Files.exists(run.resolve("out-of-fold.csv")), List.of(second).toString());
      assertFalse(Files.exists(run.resolve("charts").resolve("out-of-fold-roc.svg")),
          List.of(second).toString());
      assertTrue(rerun.out().contains("  removed ") && rerun.out().contains(" of the earlier"
          + " path run in " + run + " that this run did not rewrite: out-of-fold.csv"),
          rerun.out());
      assertFalse(Files.readString(run.resolve("report.html")).contains("out-of-fold AUC"),
          List.of(second).toString());
    }
  }

  private static String[] concat(String[] a, String... b) {
    List<String> all = new ArrayList<>(List.of(a));
    all.addAll(List.of(b));
    return all.toArray(String[]::new);
  }

  @Test
  void refused_withoutCrossValidation() {
    InProcess none = path("a", "--data", DATA.resolve("wine.csv").toString(), "--target",
        "cultivar", "--family", "multinomial", "--out-of-fold");
    assertEquals(2, none.exit());
    assertTrue(none.err().contains("--out-of-fold applies only with cross-validation"),
        none.err());
    assertFalse(none.err().contains("Exception"), none.err());
    assertFalse(Files.exists(dir.resolve("a").resolve("out-of-fold.csv")));
  }
}
