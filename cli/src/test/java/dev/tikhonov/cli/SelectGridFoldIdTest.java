package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tikhonov.data.CsvOptions;
import dev.tikhonov.data.CsvReader;
import dev.tikhonov.data.Splits;
import dev.tikhonov.data.TargetKind;
import dev.tikhonov.select.KFold;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * select --foldid and grid --foldid (path's and ridge's fold-id file, cv.glmnet's foldid): they
 * took none ("Unknown options: '--foldid'"), so a search could not share its folds with a path
 * or a ridge run. The file holds one fold per training row (the rows the test split leaves).
 */
class SelectGridFoldIdTest {
  private static final Path WINE = Path.of("..", "data", "wine.csv");
  @TempDir Path dir;

  /** KFold.random(n, 3, 7)'s ids of the training rows the CLI's split (0.2, seed 0) leaves. */
  private Path seededFolds() throws Exception {
    int n = Splits.stratifiedTrainTest(CsvReader.read(WINE, "cultivar", TargetKind.CLASS,
        CsvOptions.defaults()), 0.2, 0).train().numRows();
    int[] ids = KFold.random(n, 3, 7).foldIds();
    return Files.writeString(dir.resolve("foldid.csv"), "foldid\n" + Arrays.stream(ids)
        .mapToObj(Integer::toString).collect(Collectors.joining("\n")) + "\n");
  }

  private InProcess run(String command, String out, String... more) {
    List<String> args = new ArrayList<>(List.of(command, "--data", WINE.toString(), "--target",
        "cultivar", "--model", "mlp:4", "--epochs", "2", "--batch-size", "32", "--lambdas",
        "0.1,0.001", "--threads", "1", "--standardize", "--out", dir.resolve(out).toString()));
    if (command.equals("select")) {
      args.addAll(List.of("--warm-epochs", "1"));
    }
    args.addAll(List.of(more));
    return InProcess.run(args.toArray(String[]::new));
  }

  /** The same search, the same output but for how the folds are named and the directory. */
  private void sameAsSeeded(String command) throws Exception {
    Path file = seededFolds();
    InProcess given = run(command, "g", "--foldid", file.toString());
    assertEquals(0, given.exit(), given.err());
    InProcess seeded = run(command, "s", "--cv-folds", "3", "--fold-seed", "7");
    assertEquals(0, seeded.exit(), seeded.err());
    assertTrue(given.out().contains(", 3 given folds, "), given.out());
    assertEquals(withoutTimes(seeded.out().replace(", 3-fold, ", ", 3 given folds, ")
        .replace(dir.resolve("s").toString(), dir.resolve("g").toString())),
        withoutTimes(given.out()));
    assertEquals(file.toString(), new ObjectMapper().readTree(dir.resolve("g")
        .resolve("run.json").toFile()).get("settings").get("foldid").asText());
  }

  /** The output without its run times ("(2.2 s)"), which differ from run to run. */
  private static String withoutTimes(String out) {
    return out.replaceAll("\\([0-9.]+ s\\)", "(time)");
  }

  @Test
  void select_foldidOfTheSeededFolds_searchesAsTheSeededFolds() throws Exception {
    sameAsSeeded("select");
  }

  @Test
  void grid_foldidOfTheSeededFolds_searchesAsTheSeededFolds() throws Exception {
    sameAsSeeded("grid");
  }

  /** The file's messages are path's (KFold.read); the flags' refusals ridge's. */
  @Test
  void foldidRefusals_nameTheFileOrTheFlags() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.csv"), "foldid\n1\n  two\n");
    for (String command : List.of("select", "grid")) {
      InProcess r = run(command, "b" + command, "--foldid", bad.toString());
      assertEquals(2, r.exit(), r.err());
      assertTrue(r.err().contains(bad + ":3:3: expected a fold number 1..K, found \"two\""),
          r.err());
      r = run(command, "c" + command, "--foldid", bad.toString(), "--fold-seed", "2");
      assertEquals(2, r.exit(), r.err());
      assertTrue(r.err().contains("--fold-seed applies only with random folds (--cv-folds); it"
          + " has no effect with --foldid, which gives the folds"), r.err());
      r = run(command, "d" + command, "--foldid", bad.toString(), "--cv-folds", "3");
      assertEquals(2, r.exit(), r.err());
      assertTrue(r.err().contains("give either --cv-folds or --foldid, not both"), r.err());
      r = run(command, "e" + command, "--foldid", bad.toString(), "--repeat-seeds", "1,2");
      assertEquals(2, r.exit(), r.err());
      assertTrue(r.err().contains("--foldid applies only without --repeat-seeds; it has no"
          + " effect with --repeat-seeds, which holds out one split (--holdout) instead of"
          + " folds"), r.err());
    }
  }
}
