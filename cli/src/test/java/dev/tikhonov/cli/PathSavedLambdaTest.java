package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * run.json of {@code path --save} records the λ saved, and the report highlights it
 * (userwalk42: {@code --save-lambda 1se} left run.json's "rule": "min" and the λ_min row
 * highlighted); the settings state each fact once (num_folds and cv_folds, fold_ids and foldid,
 * and a seed --foldid leaves unused, were all there).
 */
class PathSavedLambdaTest {
  private static final Path REF = Path.of("..", "core", "src", "test", "resources", "ref");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void saveLambda1se_isRecordedAndHighlighted_andFoldSettingsAreStatedOnce() throws Exception {
    Path out = dir.resolve("run");
    InProcess r = InProcess.run("path", "--data", Path.of("..", "data", "diabetes.csv")
        .toString(), "--target", "progression", "--foldid",
        REF.resolve("real/diabetes-foldid.csv").toString(), "--nlambda", "30",
        "--save", dir.resolve("m.model").toString(), "--save-lambda", "1se",
        "--out", out.toString(), "--quiet");
    assertEquals(0, r.exit(), r.err());
    JsonNode s = JSON.readTree(out.resolve("run.json").toFile()).get("settings");
    double lambda1se = JSON.readTree(out.resolve("path.json").toFile()).get("cv")
        .get("lambda_1se").asDouble();
    assertEquals("1se", s.get("rule").asText(), s.toString());
    assertEquals("1se", s.get("save_lambda").asText(), s.toString());
    assertEquals(lambda1se, s.get("lambda_saved").asDouble(), 0.0);
    assertEquals(REF.resolve("real/diabetes-foldid.csv").toString(), s.get("foldid").asText());
    for (String once : new String[] {"cv_folds", "fold_ids", "seed"}) {
      assertFalse(s.has(once), once + ": " + s);
    }
    assertTrue(s.has("num_folds"), s.toString());
    String html = Files.readString(out.resolve("report.html"));
    assertTrue(html.contains("<tr class=\"best\"><td>λ_1se (saved)</td>"), "λ_1se highlighted");
    assertTrue(html.contains("(--save-lambda 1se)."), "and named as saved");
  }

  @Test
  void withoutSave_runJsonHasNoSavedLambda_andCvFoldsStateTheFoldsOnce() throws Exception {
    Path out = dir.resolve("run");
    InProcess r = InProcess.run("path", "--data", Path.of("..", "data", "diabetes.csv")
        .toString(), "--target", "progression", "--cv-folds", "3", "--nlambda", "20",
        "--out", out.toString(), "--quiet");
    assertEquals(0, r.exit(), r.err());
    JsonNode s = JSON.readTree(out.resolve("run.json").toFile()).get("settings");
    assertFalse(s.has("save_lambda") || s.has("lambda_saved") || s.has("cv_folds"),
        s.toString());
    assertEquals(3, s.get("num_folds").asInt());
    assertEquals("min", s.get("rule").asText());
    assertTrue(Files.readString(out.resolve("report.html"))
        .contains("<tr class=\"best\"><td>λ_min</td>"));
  }
  /**
   * path --relax --save recorded no saved λ (reportrule42 did it for the lasso only): run.json's
   * settings now hold save_lambda, lambda_saved and gamma_saved, path.json its "saved" object,
   * and the report highlights the relaxed table's (γ_1se, λ_1se) row as saved; before, run.json
   * had none of the three keys and the report highlighted (γ_min, λ_min).
   */
  @Test
  void relaxedSave1se_isRecordedWithItsGamma_andHighlighted() throws Exception {
    Path out = dir.resolve("run");
    InProcess r = InProcess.run("path", "--data", Path.of("..", "data", "diabetes.csv")
        .toString(), "--target", "progression", "--foldid",
        REF.resolve("real/diabetes-foldid.csv").toString(), "--nlambda", "20", "--relax",
        "--save", dir.resolve("m.model").toString(), "--save-lambda", "1se",
        "--out", out.toString(), "--quiet");
    assertEquals(0, r.exit(), r.err());
    JsonNode s = JSON.readTree(out.resolve("run.json").toFile()).get("settings");
    JsonNode path = JSON.readTree(out.resolve("path.json").toFile());
    JsonNode cv = path.get("relaxed").get("cv");
    assertEquals("1se", s.path("save_lambda").asText(), s.toString());
    assertEquals("1se", s.path("rule").asText(), "the rule the saved fit was chosen by");
    assertEquals(cv.get("lambda_1se").asDouble(), s.path("lambda_saved").asDouble(-1), 0.0);
    assertEquals(cv.get("gamma_1se").asDouble(), s.path("gamma_saved").asDouble(-1), 0.0);
    JsonNode saved = path.get("saved");
    assertTrue(saved != null && saved.isObject(), "no \"saved\" object in path.json");
    assertEquals("1se", saved.get("save_lambda").asText());
    assertEquals(cv.get("lambda_1se").asDouble(), saved.get("lambda").asDouble(), 0.0);
    assertEquals(cv.get("gamma_1se").asDouble(), saved.get("gamma").asDouble(), 0.0);
    String html = Files.readString(out.resolve("report.html"));
    assertTrue(html.contains("<tr class=\"best\"><td>(γ_1se, λ_1se) (saved)</td>"), html);
    assertTrue(html.contains("the model path --relax --save wrote (--save-lambda 1se)."));
  }

  /**
   * path.json of a single-α path had no key for the saved λ (only several α's "l1_ratios"
   * said which rule --save kept): "saved" now holds the choice, the λ and a null γ, written
   * only with a model; without CV the default is the last λ. Before, path.json had no "saved".
   */
  @Test
  void singleAlphaSave_writesTheSavedObjectIntoPathJson() throws Exception {
    Path out = dir.resolve("run");
    InProcess r = InProcess.run("path", "--data", Path.of("..", "data", "diabetes.csv")
        .toString(), "--target", "progression", "--nlambda", "20",
        "--save", dir.resolve("m.model").toString(), "--out", out.toString(), "--quiet");
    assertEquals(0, r.exit(), r.err());
    JsonNode path = JSON.readTree(out.resolve("path.json").toFile());
    JsonNode lambda = path.get("lambda");
    JsonNode saved = path.get("saved");
    assertTrue(saved != null && saved.isObject(), "no \"saved\" object in path.json");
    assertEquals("last", saved.get("save_lambda").asText());
    assertEquals(lambda.get(lambda.size() - 1).asDouble(), saved.get("lambda").asDouble(), 0.0);
    assertTrue(saved.get("gamma").isNull(), saved.toString());
    assertTrue(Files.readString(out.resolve("report.html"))
        .contains("<tr class=\"best\"><td>last λ (saved)</td>"));

    Path plain = dir.resolve("plain");
    assertEquals(0, InProcess.run("path", "--data", Path.of("..", "data", "diabetes.csv")
        .toString(), "--target", "progression", "--nlambda", "20", "--out", plain.toString(),
        "--quiet").exit());
    assertFalse(JSON.readTree(plain.resolve("path.json").toFile()).has("saved"));
  }
}
