package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tikhonov.select.KFold;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ridge --foldid (path's fold-id file, cv.glmnet's foldid) and one name for the folds' seed:
 * ridge took no --foldid ("Unknown options: '--foldid'"), and path no --fold-seed, the name
 * ridge, select and grid give it.
 */
class RidgeFoldIdTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DATA = Path.of("..", "data", "diabetes.csv").toString();
  private static final int ROWS = 442;
  @TempDir Path dir;

  /** The folds of --cv-folds 5 --fold-seed 3 written as a file score λ as those folds do. */
  @Test
  void ridge_foldidOfTheSeededFolds_scoresAsTheSeededFolds() throws Exception {
    int[] ids = KFold.random(ROWS, 5, 3).foldIds();
    Path file = Files.writeString(dir.resolve("foldid.csv"), "foldid\n" + Arrays.stream(ids)
        .mapToObj(Integer::toString).collect(Collectors.joining("\n")) + "\n");
    InProcess given = InProcess.run("ridge", "--data", DATA, "--target", "progression",
        "--criterion", "cv", "--foldid", file.toString(), "--out", dir.resolve("g").toString());
    assertEquals(0, given.exit(), given.err());
    InProcess seeded = InProcess.run("ridge", "--data", DATA, "--target", "progression",
        "--criterion", "cv", "--cv-folds", "5", "--fold-seed", "3", "--out",
        dir.resolve("s").toString());
    assertEquals(0, seeded.exit(), seeded.err());
    JsonNode g = JSON.readTree(dir.resolve("g").resolve("path.json").toFile()).get("cv");
    JsonNode s = JSON.readTree(dir.resolve("s").resolve("path.json").toFile()).get("cv");
    assertArrayEquals(RidgeCommandTest.numbers(s.get("mean")),
        RidgeCommandTest.numbers(g.get("mean")));
    assertArrayEquals(RidgeCommandTest.numbers(s.get("se")),
        RidgeCommandTest.numbers(g.get("se")));
    assertEquals("given", g.get("fold_ids").asText());
    assertEquals(5, g.get("folds").asInt());
    assertTrue(given.out().contains("5-fold cross-validation (fold ids given; "), given.out());
    assertEquals(seeded.out().replace("fold seed 3", "fold ids given")
        .replace(dir.resolve("s").toString(), dir.resolve("g").toString()), given.out());
  }

  /** The file's messages are path's (KFold.read), the flags' refusals as path's. */
  @Test
  void ridge_foldidRefusals_nameTheFileOrTheFlags() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.csv"), "foldid\n1\n  two\n");
    InProcess r = InProcess.run("ridge", "--data", DATA, "--target", "progression",
        "--criterion", "cv", "--foldid", bad.toString(), "--out", dir.resolve("b").toString());
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains(bad + ":3:3: expected a fold number 1..K, found \"two\""),
        r.err());
    r = InProcess.run("ridge", "--data", DATA, "--target", "progression", "--foldid",
        bad.toString(), "--out", dir.resolve("c").toString());
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("--foldid applies only with --criterion cv (k-fold"
        + " cross-validation); it has no effect with --criterion gcv"), r.err());
    r = InProcess.run("ridge", "--data", DATA, "--target", "progression", "--criterion", "cv",
        "--foldid", bad.toString(), "--fold-seed", "2", "--out", dir.resolve("d").toString());
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("--fold-seed applies only with random folds (--cv-folds); it"
        + " has no effect with --foldid, which gives the folds"), r.err());
    r = InProcess.run("ridge", "--data", DATA, "--target", "progression", "--criterion", "cv",
        "--foldid", bad.toString(), "--cv-folds", "3", "--out", dir.resolve("e").toString());
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("give either --cv-folds or --foldid, not both"), r.err());
  }

  /** path --fold-seed is path --seed: the same folds, the same output. */
  @Test
  void path_foldSeed_isSeed() {
    InProcess seed = InProcess.run("path", "--data", DATA, "--target", "progression",
        "--cv-folds", "3", "--seed", "4", "--nlambda", "10", "--out", dir.resolve("a").toString());
    assertEquals(0, seed.exit(), seed.err());
    InProcess foldSeed = InProcess.run("path", "--data", DATA, "--target", "progression",
        "--cv-folds", "3", "--fold-seed", "4", "--nlambda", "10", "--out",
        dir.resolve("b").toString());
    assertEquals(0, foldSeed.exit(), foldSeed.err());
    assertEquals(seed.out().replace(dir.resolve("a").toString(), dir.resolve("b").toString()),
        foldSeed.out());
  }

  /** The refusal names the name typed: it said "--seed applies only…" to --fold-seed. */
  @Test
  void path_foldSeedWithoutCrossValidation_isRefusedByTheNameTyped() {
    for (String typed : List.of("--fold-seed", "--seed")) {
      InProcess r = InProcess.run("path", "--data", DATA, "--target", "progression", typed,
          "3", "--out", dir.resolve("n" + typed).toString());
      assertEquals(2, r.exit(), r.err());
      assertTrue(r.err().contains(typed + " applies only with --cv-folds (it seeds the random"
          + " folds); it has no effect without cross-validation"), r.err());
    }
    InProcess r = InProcess.run("path", "--data", DATA, "--target", "progression",
        "--fold-seed=3", "--out", dir.resolve("eq").toString());
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("--fold-seed applies only with --cv-folds"), r.err());
  }
}
