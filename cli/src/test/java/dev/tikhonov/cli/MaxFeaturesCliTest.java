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
 * {@code path --max-features N} (glmnet's dfmax) in-process: on data/diabetes.csv with 4 it
 * ends where glmnet 4.1-6 ends (core's ref/dfmax/diabetes-lasso-4.csv, make_dfmax.R: the same
 * 23 λ), says why in path.json, records the setting, and saves a model that evaluate reads; the
 * flag is refused where it has no effect and for a negative N, before any work.
 */
class MaxFeaturesCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path REF = Path.of("..", "core", "src", "test", "resources", "ref");
  private static final String DIABETES = Path.of("..", "data", "diabetes.csv").toString();
  @TempDir Path dir;

  @Test
  void maxFeatures_endsTheDefaultSequenceWhereGlmnetsDfmaxEndsIt() throws Exception {
    Path model = dir.resolve("m.safetensors");
    InProcess r = InProcess.run("path", "--data", DIABETES, "--target", "progression",
        "--max-features", "4", "--cv-folds", "5", "--save", model.toString(), "--out",
        dir.resolve("p").toString(), "--quiet");
    assertEquals(0, r.exit(), r.err());
    JsonNode path = JSON.readTree(dir.resolve("p/path.json").toFile());
    List<String> ref = Files.readAllLines(REF.resolve("dfmax/diabetes-lasso-4.csv"));
    assertEquals(ref.size() - 1, path.get("lambda").size(), "glmnet's 23 λ");
    for (int l = 1; l < ref.size(); l++) {
      String[] cells = ref.get(l).split(",");
      assertEquals(Double.parseDouble(cells[0]), path.get("lambda").get(l - 1).asDouble(),
          1e-10 * Double.parseDouble(cells[0]), "λ #" + l);
      assertEquals(Integer.parseInt(cells[1]), path.get("df").get(l - 1).asInt(), "df #" + l);
    }
    assertEquals("feature_limit", path.get("end").asText());
    assertTrue(path.get("end_message").asText().startsWith("the limit of 4 features in the"
        + " model (glmnet's dfmax) stopped the default sequence after 23 of 100 λ"),
        path.get("end_message").asText());
    JsonNode run = JSON.readTree(dir.resolve("p/run.json").toFile());
    assertEquals(4, run.get("settings").get("max_features").asInt(), run.toString());
    InProcess evaluate = InProcess.run("evaluate", "--model", model.toString(), "--data",
        DIABETES, "--target", "progression");
    assertEquals(0, evaluate.exit(), evaluate.err());
  }

  /**
   * The console says why the path is short, once, on stderr after the table, as
   * --max-ever-active's does: before, only path.json's end_message did, and the table just
   * stopped at λ #23 of 100. A limit the path never reaches says nothing.
   */
  @Test
  void maxFeatures_endingThePath_saysSoOnTheConsole() {
    InProcess r = InProcess.run("path", "--data", DIABETES, "--target", "progression",
        "--max-features", "4", "--out", dir.resolve("n").toString());
    assertEquals(0, r.exit(), r.err());
    List<String> err = r.err().lines().toList();
    assertEquals(1, err.size(), r.err());
    assertTrue(err.get(0).startsWith("tikhonov path: --max-features 4: the limit of 4 features"
        + " in the model (glmnet's dfmax) stopped the default sequence after 23 of 100 λ: λ #23"
        + " has 5"), r.err());
    InProcess all = InProcess.run("path", "--data", DIABETES, "--target", "progression",
        "--max-features", "10", "--out", dir.resolve("all").toString());
    assertEquals(0, all.exit(), all.err());
    assertEquals("", all.err(), "10 features at most: the limit never ends the path");
  }

  @Test
  void maxFeatures_withLambdasOrNegative_isRefusedBeforeAnyWork() {
    Path out = dir.resolve("none");
    InProcess given = InProcess.run("path", "--data", DIABETES, "--target", "progression",
        "--max-features", "4", "--lambdas", "1,2", "--out", out.toString());
    assertEquals(2, given.exit());
    assertEquals("tikhonov: error: --max-features applies only to the default λ sequence; it"
        + " has no effect with --lambdas, which gives the sequence", given.err().lines()
        .findFirst().orElse(""));
    InProcess negative = InProcess.run("path", "--data", DIABETES, "--target", "progression",
        "--max-features", "-1", "--out", out.toString());
    assertEquals(2, negative.exit());
    assertEquals("tikhonov: error: --max-features must be at least 0, got -1",
        negative.err().lines().findFirst().orElse(""));
    assertFalse(Files.exists(out));
  }
}
