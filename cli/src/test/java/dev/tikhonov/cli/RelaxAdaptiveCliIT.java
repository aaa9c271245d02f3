package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tikhonov path --relax} and {@code --adaptive} end to end: the relaxed path and its
 * cross-validation over (λ, γ) are glmnet's (ref/make_relax.R), and path.json carries them.
 * {@link RelaxAdaptiveFlagsTest} has the bad combinations, errors naming the flag.
 */
class RelaxAdaptiveCliIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path REF = Path.of("..", "core", "src", "test", "resources", "ref");
  @TempDir Path dir;

  /** relax.csv without the binary target, and glmnet's fold ids (i − 1) mod 5 + 1, in dir. */
  static Path[] gaussData(Path dir) throws Exception {
    List<String> lines = Files.readAllLines(REF.resolve("relax.csv"));
    List<String> out = new ArrayList<>();
    List<String> ids = new ArrayList<>(List.of("fold"));
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      out.add(l.substring(0, l.lastIndexOf(',')));
      if (i > 0) {
        ids.add(Integer.toString((i - 1) % 5 + 1));
      }
    }
    return new Path[] {Files.write(dir.resolve("g.csv"), out),
        Files.write(dir.resolve("fold.csv"), ids)};
  }

  @Test
  void relax_withGlmnetFolds_choosesGlmnetsLambdaAndGamma_andSavesThatModel() throws Exception {
    Path[] d = gaussData(dir);
    Cli.Result r = Cli.run(dir, "path", "--data", d[0].toString(), "--target", "yg", "--relax",
        "--foldid", d[1].toString(), "--tol", "1e-10", "--out", "r", "--threads", "2",
        "--save", "m.safetensors");
    assertEquals(0, r.exitCode(), r.stderr());
    JsonNode path = JSON.readTree(dir.resolve("r/path.json").toFile());
    JsonNode relaxed = path.get("relaxed");
    int m = path.get("lambda").size();
    assertEquals(m, relaxed.get("coef").size());
    assertEquals(5, relaxed.get("gamma").size());
    List<String> select = Files.readAllLines(REF.resolve("relax-gauss-cv-select.csv"));
    String[] header = select.get(0).split(",");
    String[] values = select.get(1).split(",");
    JsonNode cv = relaxed.get("cv");
    for (int c = 0; c < header.length; c++) {
      double expected = Double.parseDouble(values[c]);
      assertEquals(expected, cv.get(header[c]).asDouble(), 1e-9 * Math.max(1, expected),
          header[c]);
    }
    assertEquals(5, cv.get("mean").size());
    assertEquals(m, cv.get("mean").get(0).size());
    // The refit keeps each λ's active set.
    for (int l = 0; l < m; l++) {
      for (int j = 0; j < 8; j++) {
        assertEquals(path.get("coef").get(l).get(j).asDouble() != 0,
            relaxed.get("coef").get(l).get(j).asDouble() != 0, "λ " + l + ", feature " + j);
      }
    }
    assertTrue(r.stdout().contains("gamma_min = "), r.stdout());
    assertTrue(Files.exists(dir.resolve("m.safetensors")));
    Cli.Result p = Cli.run(dir, "predict", "--model", "m.safetensors", "--data",
        d[0].toString(), "--out", "pred.csv");
    assertEquals(0, p.exitCode(), p.stderr());
  }

  @Test
  void gammas_areTheGammasCrossValidated() throws Exception {
    Path[] d = gaussData(dir);
    Cli.Result r = Cli.run(dir, "path", "--data", d[0].toString(), "--target", "yg", "--relax",
        "--gammas", "1,0", "--cv-folds", "3", "--nlambda", "8", "--out", "g", "--threads", "1");
    assertEquals(0, r.exitCode(), r.stderr());
    JsonNode cv = JSON.readTree(dir.resolve("g/path.json").toFile()).get("relaxed").get("cv");
    assertEquals("[0.0,1.0]", cv.get("gamma").toString());
    assertEquals(2, cv.get("mean").size());
    assertTrue(r.stdout().contains("cv(g=0)") && !r.stdout().contains("cv(g=0.5)"),
        r.stdout());
  }

  @Test
  void adaptive_changesThePenaltyFactors_andOlsNeedsMoreRowsThanFeatures() throws Exception {
    Path[] d = gaussData(dir);
    Cli.Result plain = Cli.run(dir, "path", "--data", d[0].toString(), "--target", "yg",
        "--out", "plain", "--nlambda", "10");
    Cli.Result adaptive = Cli.run(dir, "path", "--data", d[0].toString(), "--target", "yg",
        "--out", "adaptive", "--nlambda", "10", "--adaptive", "--adaptive-pilot", "ols",
        "--adaptive-power", "2", "--cv-folds", "5");
    assertEquals(0, plain.exitCode(), plain.stderr());
    assertEquals(0, adaptive.exitCode(), adaptive.stderr());
    JsonNode a = JSON.readTree(dir.resolve("adaptive/path.json").toFile());
    JsonNode p = JSON.readTree(dir.resolve("plain/path.json").toFile());
    assertTrue(a.get("lambda").get(0).asDouble() != p.get("lambda").get(0).asDouble(),
        "λ_max moves with the factors");
    JsonNode run = JSON.readTree(dir.resolve("adaptive/run.json").toFile());
    assertTrue(run.toString().contains("least_squares"), run.toString());
    // --adaptive-power changes the factors, so λ_max.
    Cli.Result power1 = Cli.run(dir, "path", "--data", d[0].toString(), "--target", "yg",
        "--out", "power1", "--nlambda", "10", "--adaptive", "--adaptive-pilot", "ols");
    assertEquals(0, power1.exitCode(), power1.stderr());
    assertTrue(JSON.readTree(dir.resolve("power1/path.json").toFile()).get("lambda").get(0)
        .asDouble() != a.get("lambda").get(0).asDouble(), "ν = 1 and ν = 2 differ");
    Path small = Files.write(dir.resolve("small.csv"), Files.readAllLines(d[0]).subList(0, 8));
    Cli.Result ols = Cli.run(dir, "path", "--data", small.toString(), "--target", "yg",
        "--out", "ols", "--adaptive", "--adaptive-pilot", "ols");
    assertEquals(2, ols.exitCode(), ols.stderr());
    assertTrue(ols.stderr().startsWith("tikhonov: error: --adaptive-pilot ols: least squares"
        + " needs more rows than features (n = 7, p = 8)"), ols.stderr());
  }
}
