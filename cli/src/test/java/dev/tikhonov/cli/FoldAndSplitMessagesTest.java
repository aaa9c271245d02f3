package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data too small for the folds or the test split the flags ask for: the messages named neither
 * the file nor the flag to change ({@code fold 1 of 2 (its training rows): the target is
 * constant (1.0): nothing to fit}; {@code F: 2 rows cannot be split with test fraction 0.2 into
 * two non-empty parts}, not naming --test-fraction).
 */
class FoldAndSplitMessagesTest {
  @TempDir Path dir;

  @Test
  void path_aFoldWhoseTrainingRowsHaveAConstantTarget_namesTheFileAndTheFoldFlags()
      throws Exception {
    // y varies in two rows, which --seed 0's two folds hold out together
    Path data = Files.writeString(dir.resolve("c.csv"), "a,y\n1,1\n2,1\n3,2\n4,3\n");
    InProcess r = InProcess.run("path", "--data", data.toString(), "--target", "y",
        "--cv-folds", "2", "--seed", "0", "--quiet", "--threads", "1", "--out",
        dir.resolve("p").toString());
    assertEquals(2, r.exit(), r.err());
    assertEquals("--data " + data + ": fold 2 of 2 (its training rows): the target is constant"
        + " (1.0): nothing to fit; the folds are random: another --seed (now 0) makes other"
        + " ones, more --cv-folds (now 2) trains each on more rows", r.message());
    Path folds = Files.writeString(dir.resolve("folds.txt"), "1\n1\n2\n2\n");
    InProcess given = InProcess.run("path", "--data", data.toString(), "--target", "y",
        "--foldid", folds.toString(), "--quiet", "--threads", "1", "--out",
        dir.resolve("f").toString());
    assertEquals(2, given.exit(), given.err());
    assertEquals("--data " + data + ": fold 2 of 2 (its training rows): the target is constant"
        + " (1.0): nothing to fit; the folds are those of --foldid " + folds + ": give folds"
        + " that avoid this", given.message());
  }

  /**
   * grid with --patience: each fit holds out --validation-fraction of its split's training rows,
   * and a share that holds out none was refused as "… of the 6 training rows of F holds out 0",
   * naming neither the split nor that the 6 rows are one fold's; now both, and the seed that
   * draws the validation rows (review26's finding).
   */
  /**
   * A fold whose training rows leave no feature varying (the one row that differs, by one ulp,
   * is held out): its path has no λ_max, and the refusal names --lambdas, the flag that helps,
   * where it named the library's setting "lambdas" (review29's finding).
   */
  @Test
  void path_aFoldWithoutAVaryingFeature_namesTheLambdasFlag() throws Exception {
    StringBuilder csv = new StringBuilder("x,y\n");
    for (int i = 0; i < 20; i++) {
      csv.append(i == 0 ? "1.0000000000000002" : "1.0").append(',').append(i % 3 * 0.5)
          .append('\n');
    }
    Path data = Files.writeString(dir.resolve("ulp.csv"), csv);
    InProcess r = InProcess.run("path", "--data", data.toString(), "--target", "y",
        "--cv-folds", "2", "--quiet", "--threads", "1", "--out", dir.resolve("u").toString());
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.message().startsWith("--data " + data + ": fold 1 of 2 (its training rows):"
        + " --lambdas must be given here: the default sequence starts at λ_max, which is 0"),
        r.message());
    assertTrue(r.message().endsWith("; the folds are random: another --seed (now 0) makes other"
        + " ones, more --cv-folds (now 2) trains each on more rows"), r.message());
  }

  @Test
  void grid_patienceWhoseValidationSplitOfAFoldFails_namesTheSplitAndTheSeed() throws Exception {
    StringBuilder csv = new StringBuilder("a,b,y\n");
    for (int i = 0; i < 12; i++) {
      csv.append(i * 0.37 % 1).append(',').append(i * 0.61 % 1).append(',').append(i % 2)
          .append('\n');
    }
    Path data = Files.writeString(dir.resolve("g.csv"), csv);
    InProcess r = InProcess.run("grid", "--data", data.toString(), "--target", "y", "--model",
        "mlp:4", "--lambdas", "1e-3", "--folds", "3", "--patience", "2", "--epochs", "3",
        "--test-fraction", "0.25", "--validation-fraction", "0.05", "--seed", "4", "--quiet",
        "--threads", "1", "--out", dir.resolve("g").toString());
    assertEquals(2, r.exit(), r.err());
    assertEquals("--data " + data + ": split 1 of 3 (its training rows): --validation-fraction"
        + " 0.05 of the 6 training rows of " + data + " holds out 0; the fitted and the"
        + " validation part each need at least one row (each fit of --patience holds out"
        + " --validation-fraction of its split's training rows, drawn with --seed, now 4)",
        r.message());
  }

  /**
   * A target that varies in one row: whichever folds (random, leave-one-out, --foldid), the one
   * holding that row out trains on one value, so the fold flags' remedy cannot help; the
   * refusal says so before any fold is fitted.
   */
  @Test
  void path_aTargetVaryingInOneRow_isRefusedWithoutFoldAdvice() throws Exception {
    Path data = Files.writeString(dir.resolve("c.csv"), "a,y\n1,1\n2,1\n3,1\n4,2\n");
    Path folds = Files.writeString(dir.resolve("folds.txt"), "1\n1\n2\n2\n");
    String[][] foldFlags = {{"--cv-folds", "2", "--seed", "1"}, {"--cv-folds", "4"},
        {"--foldid", folds.toString()}};
    for (String[] flags : foldFlags) {
      java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("path",
          "--data", data.toString(), "--target", "y", "--quiet", "--threads", "1", "--out",
          dir.resolve("p" + flags.length).toString()));
      args.addAll(java.util.List.of(flags));
      InProcess r = InProcess.run(args);
      assertEquals(2, r.exit(), r.err());
      assertEquals(data + ": the target is 1.0 on 3 of the 4 rows and 2.0 on one: whatever the"
          + " folds, the one holding that row out trains on one value; cross-validation needs a"
          + " target that varies in at least two rows", r.message(), String.join(" ", flags));
    }
  }

  @Test
  void train_tooFewRowsForTheTestFraction_namesTheFileAndTheFlagAndWhatWouldSplit()
      throws Exception {
    Path data = Files.writeString(dir.resolve("s.csv"), "a,y\n1,1\n2,1.5\n");
    InProcess r = InProcess.run("train", "--data", data.toString(), "--target", "y", "--model",
        "linear", "--quiet", "--threads", "1", "--out", dir.resolve("t").toString());
    assertEquals(2, r.exit(), r.err());
    assertEquals("--data " + data + ": 2 rows cannot be split with --test-fraction 0.2 into a"
        + " training and a test part that both have rows (the test part would have 0); give a"
        + " --test-fraction from 0.25 to below 0.75, or more rows", r.message());
    InProcess half = InProcess.run("train", "--data", data.toString(), "--target", "y",
        "--model", "linear", "--quiet", "--threads", "1", "--test-fraction", "0.5", "--out",
        dir.resolve("t2").toString());
    // that fraction splits the rows, but a regression on one training row has nothing to fit
    assertEquals(2, half.exit(), half.err());
    assertEquals(data + " (--target y): the split leaves 1 training row (--test-fraction 0.5),"
        + " and a target of one value (1.5) leaves nothing to fit; give a smaller"
        + " --test-fraction, or more rows", half.message());
  }
}
