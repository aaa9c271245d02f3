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
 * {@code tikhonov path} end to end on glmnet's reference data (shared/ref, copied gzipped), in a
 * separate JVM: what it prints on stdout and stderr (tables, warnings). {@link PathCommandTest}
 * has the rest, in-process.
 */
class PathCliIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path REF = Path.of("..", "core", "src", "test", "resources", "ref");
  @TempDir Path dir;

  private Path gunzip(String name) throws Exception {
    return PathCommandTest.gunzip(dir, name);
  }

  @Test
  void lassoPathWithGlmnetFoldIds_picksGlmnetsLambdaMinAnd1se() throws Exception {
    Path data = gunzip("gauss.csv");
    Path foldid = gunzip("gauss-foldid.csv");
    String[] select = Files.readAllLines(gunzip("gauss-cv-select.csv")).get(1).split(",");
    Cli.Result r = Cli.run(dir, "path", "--data", data.toString(), "--target", "y",
        "--family", "gaussian", "--l1-ratio", "1", "--no-standardize", "--foldid",
        foldid.toString(), "--out", "p", "--threads", "2");
    assertEquals(0, r.exitCode(), r.stderr());
    JsonNode path = JSON.readTree(dir.resolve("p/path.json").toFile());
    JsonNode cv = path.get("cv");
    // The CSV's values are fitted in double precision, as glmnet fits them.
    assertEquals(Double.parseDouble(select[0]), cv.get("lambda_min").asDouble(),
        1e-12 * Double.parseDouble(select[0]));
    assertEquals(Double.parseDouble(select[1]), cv.get("lambda_1se").asDouble(),
        1e-12 * Double.parseDouble(select[1]));
    int m = path.get("lambda").size();
    assertEquals(m, path.get("coef").size());
    assertEquals(m, path.get("df").size());
    assertEquals(50, path.get("coef").get(0).size(), "one coefficient per feature");
    for (JsonNode c : path.get("coef").get(0)) {
      assertEquals(0.0, c.asDouble(), 0, "all zeros at λ_max");
    }
    assertTrue(Files.exists(dir.resolve("p/path.csv")));
    assertTrue(Files.exists(dir.resolve("p/report.html")));
    assertTrue(r.stdout().contains("lambda_min") || r.stdout().contains("λ_min"), r.stdout());
    assertTrue(r.stdout().contains("AIC picks lambda = ") && r.stdout().contains("EBIC"),
        "the criteria next to CV's choice: " + r.stdout());
    assertTrue(path.get("ic").get("lambda_bic").asDouble() > 0);
  }

  @Test
  void settingOutOfRange_isReportedUnderItsFlag() throws Exception {
    Path data = gunzip("gauss.csv");
    Cli.Result r = Cli.run(dir, "path", "--data", data.toString(), "--target", "y",
        "--l1-ratio", "1.5");
    assertEquals(2, r.exitCode(), r.stderr());
    assertEquals(1, r.errorLines().size(), r.stderr());
    assertTrue(r.stderr().contains("tikhonov: error: --l1-ratio must be in [0, 1], got 1.5"),
        r.stderr());
    r = Cli.run(dir, "path", "--data", data.toString(), "--target", "y", "--tol", "0");
    assertEquals(2, r.exitCode(), r.stderr());
    assertTrue(r.stderr().contains("--tol must be positive"), r.stderr());
  }

  @Test
  void maxIterations_whenTheBudgetRunsOut_warnsOnceNamingTheLambdaAndTheFlag() throws Exception {
    Path data = gunzip("gauss.csv");
    Cli.Result r = Cli.run(dir, "path", "--data", data.toString(), "--target", "y",
        "--tol", "1e-13", "--max-iterations", "60", "--out", "short");
    assertEquals(0, r.exitCode(), r.stderr());
    JsonNode path = JSON.readTree(dir.resolve("short/path.json").toFile());
    int m = path.get("lambda").size();
    assertTrue(m >= 1 && m < 100, "ends early: " + m);
    assertEquals("iteration_limit", path.get("end").asText());
    assertFalse(path.get("converged").get(m - 1).asBoolean(), "the last λ is not converged");
    assertTrue(path.get("warning").asText().startsWith("λ #" + m + " of 100"),
        path.get("warning").asText());
    int budget = 0;
    for (JsonNode passes : path.get("passes")) {
      budget += passes.asInt();
    }
    assertTrue(budget <= 61, "passes over the path " + budget);
    long warnings = r.stderr().lines().filter(l -> l.contains("warning")).count();
    assertEquals(1, warnings, r.stderr());
    assertFalse(r.stdout().contains("warning"), "said once, on stderr: " + r.stdout());
    String line = r.stderr().lines().filter(l -> l.contains("warning")).findFirst().get();
    assertTrue(line.startsWith("tikhonov: warning: λ #" + m + " of 100 (λ = "), line);
    assertTrue(line.contains("raise --max-iterations (now 60) or --tol"), line);
    assertTrue(r.stdout().contains("passes") && r.stdout().contains(" no\n"),
        "the table marks the unconverged λ: " + r.stdout());
    // With the budget raised the same path converges everywhere and says nothing.
    r = Cli.run(dir, "path", "--data", data.toString(), "--target", "y", "--tol", "1e-13",
        "--nlambda", "10", "--max-iterations", "1000000", "--out", "long", "--quiet");
    assertEquals(0, r.exitCode(), r.stderr());
    assertFalse(r.stderr().contains("warning"), r.stderr());
    path = JSON.readTree(dir.resolve("long/path.json").toFile());
    assertTrue(path.get("warning").isNull());
    for (JsonNode c : path.get("converged")) {
      assertTrue(c.asBoolean());
    }
  }

  /**
   * Cross-validation with --weights and --offset: cv.glmnet's λ_min and λ_1se with the same
   * fold ids (ref/pois-cv-weights-offset-select.csv, make_glm.R), and the weighted information
   * criteria next to CV's choice.
   */
  @Test
  void crossValidation_withWeightsAndOffset_picksCvGlmnetsLambdas() throws Exception {
    Path data = dir.resolve("full.csv");
    Files.copy(REF.resolve("pois.csv"), data);
    int n = Files.readAllLines(data).size() - 1;
    StringBuilder ids = new StringBuilder();
    for (int i = 0; i < n; i++) {
      ids.append(i % 5 + 1).append('\n');
    }
    Path foldid = Files.writeString(dir.resolve("foldid.txt"), ids.toString());
    Cli.Result r = Cli.run(dir, "path", "--data", data.toString(), "--target", "y",
        "--family", "poisson", "--weights", "w", "--offset", "off", "--tol", "1e-12",
        "--foldid", foldid.toString(), "--out", "cvwo", "--threads", "2");
    assertEquals(0, r.exitCode(), r.stderr());
    JsonNode cv = JSON.readTree(dir.resolve("cvwo/path.json").toFile()).get("cv");
    String[] select = Files.readAllLines(REF.resolve("pois-cv-weights-offset-select.csv"))
        .get(1).split(",");
    // The CLI reads the CSV in float32: 7 digits.
    assertEquals(Double.parseDouble(select[0]), cv.get("lambda_min").asDouble(),
        1e-4 * Double.parseDouble(select[0]));
    assertEquals(Double.parseDouble(select[1]), cv.get("lambda_1se").asDouble(),
        1e-4 * Double.parseDouble(select[1]));
    assertTrue(r.stdout().contains("AIC picks lambda = "),
        "the weighted criteria next to CV's choice: " + r.stdout());
  }

  /**
   * --save-lambda below the path's smallest λ, or above its largest where some coefficients are
   * not zero yet, saves the fit at that end: the model file, the line printed and a warning give
   * the end's λ. They used to give the λ asked for (0, 1) over the end's coefficients. Above
   * λ_max the null model solves every λ, so the λ asked for is kept there, without a warning.
   */
  @Test
  void saveLambda_outsideThePath_savesTheEndsFit_withTheEndsLambda_andWarns() throws Exception {
    Path data = gunzip("gauss.csv");
    String[][] cases = {
        {"0", "0.01", "saved the fit at λ = 0.0100000, the path's smallest λ, to m0.model",
            "tikhonov: warning: --save-lambda 0 is below the path's smallest λ, 0.0100000; the "
                + "path has no fit at 0, so the model saved is the fit at 0.0100000 (glmnet's "
                + "predict(s = 0) does the same); to save the fit at 0, include 0 in --lambdas"},
        {"1", "0.1", "saved the fit at λ = 0.100000, the path's largest λ, to m1.model",
            "tikhonov: warning: --save-lambda 1 is above the path's largest λ, 0.100000, where "
                + "some coefficients are not yet zero; the path has no fit at 1, so the model "
                + "saved is the fit at 0.100000 (glmnet's predict(s = 1) does the same); to save "
                + "the fit at 1, include 1 in --lambdas"}};
    for (String[] c : cases) {
      String model = "m" + c[0] + ".model";
      Cli.Result r = Cli.run(dir, "path", "--data", data.toString(), "--target", "y",
          "--lambdas", "0.1,0.01", "--save", model, "--save-lambda", c[0], "--out",
          "s" + c[0], "--quiet");
      assertEquals(0, r.exitCode(), r.stderr());
      assertTrue(r.stdout().contains(c[2] + System.lineSeparator()), r.stdout());
      assertEquals(List.of(c[3]), r.errorLines());
      var saved = (dev.tikhonov.estimate.LinearModel) dev.tikhonov.estimate.Predictor.load(
          dir.resolve(model));
      assertEquals(Double.parseDouble(c[1]), saved.lambda(), model);
    }
    Cli.Result r = Cli.run(dir, "path", "--data", data.toString(), "--target", "y",
        "--nlambda", "5", "--save", "null.model", "--save-lambda", "1", "--out", "null",
        "--quiet");
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().contains("saved the fit at λ = 1.00000 (1) to null.model"), r.stdout());
    assertEquals(List.of(), r.errorLines());
    var saved = (dev.tikhonov.estimate.LinearModel) dev.tikhonov.estimate.Predictor.load(
        dir.resolve("null.model"));
    assertEquals(1.0, saved.lambda());
  }

  @Test
  void binomialPath_savedAtLambdaMin_evaluatesAsAClassifier() throws Exception {
    Path data = REF.resolve("binom.csv").toAbsolutePath();
    Cli.Result r = Cli.run(dir, "path", "--data", data.toString(), "--target", "y",
        "--family", "binomial", "--l1-ratio", "1", "--cv-folds", "5", "--save", "b.model",
        "--out", "b", "--quiet");
    assertEquals(0, r.exitCode(), r.stderr());
    JsonNode path = JSON.readTree(dir.resolve("b/path.json").toFile());
    assertEquals("binomial", path.get("family").asText());
    assertTrue(path.get("cv").get("lambda_min").asDouble() > 0);
    Cli.Result e = Cli.run(dir, "evaluate", "--model", "b.model", "--data", data.toString(),
        "--target", "y", "--json");
    assertEquals(0, e.exitCode(), e.stderr());
    JsonNode m = JSON.readTree(e.stdout());
    assertTrue(m.get("accuracy").asDouble() > 0.7, m.toString());
  }
}
