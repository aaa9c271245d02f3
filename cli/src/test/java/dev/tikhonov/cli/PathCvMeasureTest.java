package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code path --cv-measure} (cv.glmnet's type.measure) as a user runs it: the λ chosen by each
 * measure on the real data of {@code data/} against cv.glmnet 4.1-6 with the same folds
 * (core/src/test/resources/ref/make_cv_measures.R), the measure named in path.json, in the
 * printed table's last line and in the report, and the refusals of a measure that cannot apply.
 */
class PathCvMeasureTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path DATA = Path.of("..", "data");
  private static final Path REF = Path.of("..", "core", "src", "test", "resources", "ref",
      "real");
  @TempDir Path dir;

  private static List<String> breastCancer() {
    return List.of("--data", DATA.resolve("breast_cancer.csv").toString(), "--target",
        "diagnosis", "--ignore-columns", "id", "--family", "binomial");
  }

  private InProcess path(String out, List<String> data, String... more) {
    List<String> args = new ArrayList<>(List.of("path", "--out", dir.resolve(out).toString()));
    args.addAll(data);
    args.addAll(List.of(more));
    return InProcess.run(args);
  }

  private JsonNode json(String out) throws IOException {
    return JSON.readTree(dir.resolve(out).resolve("path.json").toFile());
  }

  /**
   * The AUC on random folds: λ_min is the λ whose printed mean AUC is the largest (the first
   * of them, the largest λ, on a tie), not the smallest as for a loss; path.json and the table's
   * last line say which measure the means are of.
   */
  @Test
  void auc_breastCancer_lambdaMinIsTheLargestMeanAuc_andEveryOutputNamesIt() throws IOException {
    InProcess r = path("auc", breastCancer(), "--cv-folds", "5", "--cv-measure", "auc");
    assertEquals(0, r.exit(), r.err());
    JsonNode cv = json("auc").get("cv");
    assertEquals("auc", cv.get("measure").asText());
    JsonNode lambda = json("auc").get("lambda");
    // the printed table: the row marked λ_min holds the largest printed cv_mean
    List<String> rows = r.out().lines().filter(l -> l.matches("^[0-9].*")).toList();
    assertEquals(lambda.size(), rows.size(), r.out());
    int best = 0;
    int marked = -1;
    for (int l = 0; l < rows.size(); l++) {
      double mean = Double.parseDouble(rows.get(l).trim().split("\\s+")[5]);
      if (mean > Double.parseDouble(rows.get(best).trim().split("\\s+")[5])) {
        best = l;
      }
      if (rows.get(l).contains("<- lambda_min")) {
        marked = l;
      }
    }
    assertEquals(best, marked, r.out());
    assertEquals(lambda.get(best).asDouble(), cv.get("lambda_min").asDouble(), 0);
    double max = 0;
    for (JsonNode m : cv.get("mean")) {
      assertTrue(m.asDouble() >= 0 && m.asDouble() <= 1, "an AUC: " + m);
      max = Math.max(max, m.asDouble());
    }
    assertTrue(max > 0.95, "breast cancer's AUC is high: " + max);
    assertTrue(r.out().contains("; cv_mean: the AUC averaged over the folds, largest at"
        + " lambda_min"), r.out());
    // the run's settings carry it too
    JsonNode run = JSON.readTree(dir.resolve("auc/run.json").toFile());
    assertEquals("auc", run.findValue("measure").asText(), run.toString());
  }

  /** The default is the deviance, and path.json says so. */
  @Test
  void default_isTheDeviance_namedInPathJsonAndTheTable() throws IOException {
    InProcess r = path("dev", breastCancer(), "--cv-folds", "3", "--nlambda", "20");
    assertEquals(0, r.exit(), r.err());
    assertEquals("deviance", json("dev").get("cv").get("measure").asText());
    assertTrue(r.out().contains("; cv_mean: the binomial deviance averaged over the"
        + " folds, smallest at lambda_min"), r.out());
  }

  /**
   * cv.glmnet's λ.min and λ.1se for each measure, with its folds (--foldid): breast cancer by
   * the AUC, the misclassification rate, the MSE and the MAE; wine (multinomial) by the
   * misclassification rate and the MAE; diabetes (gaussian, at --tol 1e-10 against glmnet's
   * thresh 1e-14) by the MAE. The same λ sequence, so the same numbers.
   */
  @Test
  void eachMeasure_choosesCvGlmnetsLambdas() throws IOException {
    List<String> wine = List.of("--data", DATA.resolve("wine.csv").toString(), "--target",
        "cultivar", "--family", "multinomial");
    List<String> diabetes = List.of("--data", DATA.resolve("diabetes.csv").toString(),
        "--target", "progression", "--tol", "1e-10");
    for (String measure : List.of("auc", "class", "mse", "mae")) {
      check("breast_cancer", breastCancer(), measure);
    }
    for (String measure : List.of("class", "mae")) {
      check("wine", wine, measure);
    }
    check("diabetes", diabetes, "mae");
  }

  private void check(String tag, List<String> data, String measure) throws IOException {
    String out = tag + "-" + measure;
    InProcess r = path(out, data, "--foldid", REF.resolve(tag + "-foldid.csv").toString(),
        "--cv-measure", measure, "--quiet");
    assertEquals(0, r.exit(), out + ": " + r.err());
    JsonNode cv = json(out).get("cv");
    assertEquals(measure, cv.get("measure").asText(), out);
    List<String> select = Files.readAllLines(REF.resolve(tag + "-cv-measures-select.csv"));
    List<String> names = List.of(select.get(0).split(","));
    String[] values = select.get(1).split(",");
    double min = Double.parseDouble(values[names.indexOf("lambda_min_" + measure)]);
    double oneSe = Double.parseDouble(values[names.indexOf("lambda_1se_" + measure)]);
    assertEquals(min, cv.get("lambda_min").asDouble(), 1e-10 * min, out + ": λ_min");
    assertEquals(oneSe, cv.get("lambda_1se").asDouble(), 1e-10 * oneSe, out + ": λ_1se");
  }

  /** The relaxed lasso's CV over (λ, γ) and the adaptive lasso's take it too. */
  @Test
  void relaxAndAdaptive_takeTheMeasure() throws IOException {
    InProcess r = path("relax", breastCancer(), "--relax", "--cv-folds", "3", "--nlambda", "20",
        "--cv-measure", "auc");
    assertEquals(0, r.exit(), r.err());
    JsonNode cv = json("relax").get("relaxed").get("cv");
    assertEquals("auc", cv.get("measure").asText());
    assertTrue(r.out().contains("cv(g=...): the AUC averaged over the folds, largest at"
        + " (lambda_min, gamma_min)"), r.out());
    double best = Double.NEGATIVE_INFINITY;
    for (JsonNode curve : cv.get("mean")) {
      for (JsonNode m : curve) {
        best = Math.max(best, m.asDouble());
      }
    }
    // (λ_min, γ_min) is where the largest mean AUC is
    int g = indexOf(cv.get("gamma"), cv.get("gamma_min").asDouble());
    int l = indexOf(json("relax").get("lambda"), cv.get("lambda_min").asDouble());
    assertEquals(best, cv.get("mean").get(g).get(l).asDouble(), 0);

    r = path("adaptive", breastCancer(), "--adaptive", "--cv-folds", "3", "--nlambda", "20",
        "--cv-measure", "class");
    assertEquals(0, r.exit(), r.err());
    assertEquals("class", json("adaptive").get("cv").get("measure").asText());
    for (JsonNode m : json("adaptive").get("cv").get("mean")) {
      assertTrue(m.asDouble() >= 0 && m.asDouble() <= 1, "a rate: " + m);
    }
  }

  private static int indexOf(JsonNode values, double value) {
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i).asDouble() == value) {
        return i;
      }
    }
    throw new AssertionError(value + " not in " + values);
  }

  @Test
  void unknownMeasure_isRefusedNamingTheFlagAndTheMeasures() {
    InProcess r = path("rmse", breastCancer(), "--cv-folds", "5", "--cv-measure", "rmse");
    assertEquals(2, r.exit(), r.err());
    assertEquals("--cv-measure must be deviance, mse, mae, class or auc (any case), got 'rmse'; did you"
        + " mean mse?", r.message().strip());
    assertFalse(Files.exists(dir.resolve("rmse")), "refused before any output");
  }

  @Test
  void measureTheFamilyDoesNotTake_isRefusedNamingFlagFamilyAndWhatItTakes() {
    InProcess r = path("wine", List.of("--data", DATA.resolve("wine.csv").toString(),
        "--target", "cultivar", "--family", "multinomial"), "--cv-folds", "5",
        "--cv-measure", "auc");
    assertEquals(2, r.exit(), r.err());
    String m = r.message().strip();
    assertTrue(m.startsWith("--cv-measure: 'auc' does not apply to a multinomial path"), m);
    assertTrue(m.endsWith("a multinomial path takes deviance, mse, mae, class"), m);
    r = path("diabetes", List.of("--data", DATA.resolve("diabetes.csv").toString(), "--target",
        "progression"), "--cv-folds", "5", "--cv-measure", "class");
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.message().strip().startsWith("--cv-measure: 'class' does not apply to a"
        + " gaussian path"), r.message());
  }

  @Test
  void withoutCrossValidation_isRefused() {
    InProcess r = path("nocv", breastCancer(), "--cv-measure", "auc");
    assertEquals(2, r.exit(), r.err());
    assertEquals("--cv-measure applies only with cross-validation (--cv-folds, --foldid or"
        + " --fold-column); it has no effect without cross-validation, which scores no"
        + " held-out rows",
        r.message().strip());
    r = path("relax-nocv", breastCancer(), "--relax", "--cv-measure", "auc");
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.message().startsWith("--cv-measure applies only with cross-validation"),
        r.message());
  }

  /**
   * --foldid whose fold 3 holds only benign rows (the first class): its AUC is not defined, and
   * the refusal names the fold and the file before any fit.
   */
  @Test
  void auc_foldOfOneClass_isRefusedNamingTheFoldAndTheFile() throws IOException {
    List<String> lines = Files.readAllLines(DATA.resolve("breast_cancer.csv"));
    StringBuilder folds = new StringBuilder("fold\n");
    int benign = 0;
    for (String line : lines.subList(1, lines.size())) {
      boolean isBenign = line.endsWith(",benign");
      folds.append(isBenign && benign++ < 40 ? 3 : 1 + benign % 2).append('\n');
    }
    Path foldid = dir.resolve("one-class-folds.csv");
    Files.writeString(foldid, folds);
    InProcess r = path("one-class", breastCancer(), "--foldid", foldid.toString(),
        "--cv-measure", "auc");
    assertEquals(2, r.exit(), r.err());
    String m = r.message().strip();
    assertTrue(m.startsWith("--data " + DATA.resolve("breast_cancer.csv") + ": fold 3 of 3:"
        + " its 40 held-out rows are all of class 'benign'"), m);
    assertTrue(m.contains("the folds are those of --foldid " + foldid), m);
    assertFalse(m.contains("Exception"), m);
    // the deviance scores such a fold
    r = path("one-class-deviance", breastCancer(), "--foldid", foldid.toString(), "--nlambda",
        "10");
    assertEquals(0, r.exit(), r.err());
  }

  /**
   * Random folds of about 6 rows, some all benign: the advice is fewer --cv-folds (more held-out
   * rows each), not the "more --cv-folds trains each on more rows" of a training-rows refusal.
   */
  @Test
  void auc_randomFoldsOfOneClass_adviseFewerFolds() {
    InProcess r = path("many-folds", breastCancer(), "--cv-folds", "100", "--cv-measure", "auc");
    assertEquals(2, r.exit(), r.err());
    String m = r.message().strip();
    assertTrue(m.contains("held-out rows are all of class 'benign'"), m);
    assertTrue(m.endsWith("; the folds are random: another --seed (now 0) makes other ones,"
        + " fewer --cv-folds (now 100) hold out more rows in each"), m);
  }

  /**
   * Leave-one-out (569 folds of 569 rows), and any --cv-folds above half the rows, leaves some
   * fold a single held-out row whatever the seed: one row is always of one class, so another
   * --seed cannot help and is not advised; the row is one row, not "1 held-out rows".
   */
  @Test
  void auc_foldsOfOneRow_adviseFewerFoldsOnly() {
    for (String k : List.of("569", "300")) {
      InProcess r = path("one-row-" + k, breastCancer(), "--cv-folds", k, "--cv-measure",
          "auc");
      assertEquals(2, r.exit(), r.err());
      String m = r.message().strip();
      if (k.equals("569")) {
        assertTrue(m.contains(": its only held-out row is of class '"), m);
      }
      assertFalse(m.contains("another --seed"), m);
      assertTrue(m.endsWith("; the folds are random, but 569 rows in " + k + " folds leave"
          + " some fold one held-out row whatever the --seed: fewer --cv-folds (now " + k
          + ") hold out more rows in each"), m);
    }
  }

  @Test
  void rSpellings_areSuggested() {
    for (String typed : List.of("--type.measure", "--type-measure", "--type_measure")) {
      InProcess r = path("r", breastCancer(), "--cv-folds", "5", typed, "auc");
      assertEquals(2, r.exit(), r.err());
      assertTrue(r.message().lines().findFirst().orElseThrow().endsWith("did you mean"
          + " --cv-measure?"), typed + ": " + r.message());
    }
  }

  /** path.json written with the AUC reads back in the report with its measure. */
  @Test
  void report_ofAnAucPath_namesTheMeasure() throws IOException {
    InProcess r = path("report", breastCancer(), "--cv-folds", "3", "--nlambda", "20",
        "--cv-measure", "auc", "--quiet");
    assertEquals(0, r.exit(), r.err());
    r = InProcess.run("report", dir.resolve("report").toString());
    assertEquals(0, r.exit(), r.err());
    String html = Files.readString(dir.resolve("report").resolve("report.html"));
    assertTrue(html.contains("CV AUC (mean ± SE)"), "the table's header");
    assertTrue(html.contains("The cross-validated AUC averaged over the folds"), "the chart's caption");
    assertFalse(html.contains("CV error"), "the deviance's words");
  }
}
