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
 * {@code path --max-ever-active N} (glmnet's pmax) in-process: on data/diabetes.csv with 7 it
 * ends where glmnet 4.1-6 ends (core's ref/pmax/diabetes-lasso-7.csv, make_pmax.R: 29 λ, though
 * λ #30 has only 7 features in the model), with --lambdas too (ref/pmax/diabetes-user-7.csv),
 * says why in path.json, records the setting in run.json; refused for a negative N before any
 * work, and when the first λ already exceeds it, naming the flag.
 */
class MaxEverActiveCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path REF = Path.of("..", "core", "src", "test", "resources", "ref");
  private static final String DIABETES = Path.of("..", "data", "diabetes.csv").toString();
  @TempDir Path dir;

  private static void assertSameLambdas(String refName, JsonNode path) throws Exception {
    List<String> ref = Files.readAllLines(REF.resolve("pmax").resolve(refName));
    assertEquals(ref.size() - 1, path.get("lambda").size(), refName + ": glmnet's λ count");
    for (int l = 1; l < ref.size(); l++) {
      String[] cells = ref.get(l).split(",");
      assertEquals(Double.parseDouble(cells[0]), path.get("lambda").get(l - 1).asDouble(),
          1e-10 * Double.parseDouble(cells[0]), refName + ": λ #" + l);
      assertEquals(Integer.parseInt(cells[1]), path.get("df").get(l - 1).asInt(),
          refName + ": df #" + l);
    }
  }

  @Test
  void maxEverActive_endsThePathWhereGlmnetsPmaxEndsIt() throws Exception {
    InProcess r = InProcess.run("path", "--data", DIABETES, "--target", "progression",
        "--max-ever-active", "7", "--tol", "1e-10", "--out", dir.resolve("p").toString(),
        "--quiet");
    assertEquals(0, r.exit(), r.err());
    JsonNode path = JSON.readTree(dir.resolve("p/path.json").toFile());
    assertSameLambdas("diabetes-lasso-7.csv", path);
    assertEquals("ever_active_limit", path.get("end").asText());
    assertEquals("the limit of 7 features ever active along the path (glmnet's pmax) ended it"
        + " after 29 of 100 λ: the fit at λ #30 brought 8 features into the active set",
        path.get("end_message").asText());
    JsonNode run = JSON.readTree(dir.resolve("p/run.json").toFile());
    assertEquals(7, run.get("settings").get("max_ever_active").asInt(), run.toString());
  }

  /**
   * The console says why the path is short, once, on stderr after the table: before, only
   * path.json's end_message did, and the table just stopped at λ #29 of 100. A limit the path
   * never reaches says nothing.
   */
  @Test
  void maxEverActive_endingThePath_saysSoOnTheConsole() {
    InProcess r = InProcess.run("path", "--data", DIABETES, "--target", "progression",
        "--max-ever-active", "7", "--tol", "1e-10", "--out", dir.resolve("n").toString());
    assertEquals(0, r.exit(), r.err());
    assertEquals(List.of("tikhonov path: --max-ever-active 7: the limit of 7 features ever"
        + " active along the path (glmnet's pmax) ended it after 29 of 100 λ: the fit at λ #30"
        + " brought 8 features into the active set"), r.err().lines().toList());
    assertTrue(r.out().contains("λ") || r.out().contains("lambda"), "the table: " + r.out());
    InProcess all = InProcess.run("path", "--data", DIABETES, "--target", "progression",
        "--max-ever-active", "10", "--out", dir.resolve("all").toString());
    assertEquals(0, all.exit(), all.err());
    assertEquals("", all.err(), "all 10 features: the limit never ends the path");
  }

  @Test
  void maxEverActive_appliesToALambdaSequenceOfYourOwn() throws Exception {
    List<String> user = Files.readAllLines(REF.resolve("pmax/user-lambdas.csv"));
    String lambdas = String.join(",", user.subList(1, user.size()));
    InProcess r = InProcess.run("path", "--data", DIABETES, "--target", "progression",
        "--max-ever-active", "7", "--lambdas", lambdas, "--tol", "1e-10", "--out",
        dir.resolve("u").toString(), "--quiet");
    assertEquals(0, r.exit(), r.err());
    assertSameLambdas("diabetes-user-7.csv", JSON.readTree(dir.resolve("u/path.json").toFile()));
  }

  @Test
  void maxEverActive_negativeOrExceededAtTheFirstLambda_isRefusedNamingTheFlag() {
    Path out = dir.resolve("none");
    InProcess negative = InProcess.run("path", "--data", DIABETES, "--target", "progression",
        "--max-ever-active", "-1", "--out", out.toString());
    assertEquals(2, negative.exit());
    assertEquals("tikhonov: error: --max-ever-active must be at least 0, got -1",
        negative.err().lines().findFirst().orElse(""));
    assertFalse(Files.exists(out));
    InProcess first = InProcess.run("path", "--data", DIABETES, "--target", "progression",
        "--max-ever-active", "1", "--lambdas", "5,2,1", "--out", out.toString());
    assertEquals(2, first.exit(), first.err());
    String line = first.err().lines().findFirst().orElse("");
    assertTrue(line.startsWith(
        "tikhonov: error: --max-ever-active: the fit at the first λ (5.00000)"
        + " already has "), line);
    assertTrue(line.endsWith("more than the limit of 1, so no λ would be left (glmnet returns"
        + " an empty model); raise the limit or start the λ sequence higher"), line);
    assertFalse(first.err().contains("\tat "), first.err());
  }
}
