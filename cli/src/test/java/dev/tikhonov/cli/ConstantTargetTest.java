package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code path} on data whose target is constant (one row, say) names the file and --target:
 * the library's "the target is constant (3.0): nothing to fit" alone did not say which file.
 * {@code train}, {@code grid} and {@code select} refuse such a regression target alike, before
 * any training (they trained on it, and warned to try a smaller learning rate).
 */
class ConstantTargetTest {
  @TempDir Path dir;

  @Test
  void path_oneRow_namesTheFileAndTarget() throws Exception {
    Path data = Files.writeString(dir.resolve("one.csv"), "a,b,y\n1,2,3\n");
    for (String[] extra : new String[][] {{}, {"--relax"}}) {
      java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("path",
          "--data", data.toString(), "--target", "y", "--quiet", "--threads", "1", "--out",
          dir.resolve("p" + extra.length).toString()));
      args.addAll(java.util.List.of(extra));
      InProcess r = InProcess.run(args);
      assertEquals(2, r.exit(), r.err());
      assertEquals(data + " (--target y): the target is constant (3.0): nothing to fit",
          r.message(), String.join(" ", extra));
    }
  }

  @Test
  void pathWithCrossValidation_constantTarget_namesTheFileAndTarget() throws Exception {
    Path data = Files.writeString(dir.resolve("c.csv"), "a,b,y\n1,2,3\n2,5,3\n4,1,3\n");
    InProcess r = InProcess.run("path", "--data", data.toString(), "--target", "y",
        "--cv-folds", "3", "--quiet", "--threads", "1", "--out", dir.resolve("p").toString());
    assertEquals(2, r.exit(), r.err());
    assertEquals(data + " (--target y): the target is constant (3.0): nothing to fit",
        r.message());
  }

  /**
   * A LIBSVM file has no --target (each line's first field is the target): path's refusal said
   * "(--target null)", a flag the file cannot take; it says what train's says.
   */
  @Test
  void path_libsvmConstantTarget_namesTheTargetAsEachLinesFirstField() throws Exception {
    Path data = Files.writeString(dir.resolve("c.svm"), "5 1:1 2:3\n5 1:2 2:1\n5 1:4 2:2\n");
    InProcess r = InProcess.run("path", "--data", data.toString(), "--quiet", "--threads", "1",
        "--out", dir.resolve("p").toString());
    assertEquals(2, r.exit(), r.err());
    assertEquals(data + " (its target, each line's first field): the target is constant (5.0):"
        + " nothing to fit", r.message());
  }

  /**
   * Poisson counts that are all 0 leave nothing to fit (the intercept would be −∞): path said
   * "every count is 0: a poisson fit needs a positive count", naming neither the file nor
   * --target, unlike its refusal of any other constant target.
   */
  @Test
  void pathPoisson_everyCountZero_namesTheFileAndTarget() throws Exception {
    Path data = Files.writeString(dir.resolve("z.csv"), "a,b,y\n1,2,0\n2,5,0\n4,1,0\n3,3,0\n");
    for (String[] extra : new String[][] {{}, {"--cv-folds", "2"}}) {
      java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("path",
          "--data", data.toString(), "--target", "y", "--family", "poisson", "--quiet",
          "--threads", "1", "--out", dir.resolve("z" + extra.length).toString()));
      args.addAll(java.util.List.of(extra));
      InProcess r = InProcess.run(args);
      assertEquals(2, r.exit(), r.err());
      assertEquals(data + " (--target y): every count is 0: a poisson fit needs a positive"
          + " count", r.message(), String.join(" ", extra));
    }
  }

  @Test
  void regressionCommands_constantTarget_areRefusedBeforeTraining() throws Exception {
    StringBuilder csv = new StringBuilder("a,b,y\n");
    for (int i = 0; i < 40; i++) {
      csv.append(i).append(',').append(i % 7).append(",5\n");
    }
    Path data = Files.writeString(dir.resolve("five.csv"), csv);
    String[][] commands = {
        {"train", "--model", "linear", "--epochs", "2"},
        {"train", "--model", "mlp:4", "--regression", "--standardize-target", "--epochs", "2"},
        {"grid", "--model", "mlp:4", "--regression", "--lambdas", "0,0.1", "--epochs", "2"},
        {"select", "--model", "mlp:4", "--regression", "--nlambda", "2", "--epochs", "2"}};
    for (String[] command : commands) {
      java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(command));
      args.addAll(java.util.List.of("--data", data.toString(), "--target", "y", "--quiet",
          "--threads", "1", "--out", dir.resolve(command[0] + args.size()).toString()));
      InProcess r = InProcess.run(args);
      assertEquals(2, r.exit(), r.err());
      assertEquals(data + " (--target y): the target is constant (5.0): nothing to fit",
          r.message(), String.join(" ", command));
      org.junit.jupiter.api.Assertions.assertFalse(
          Files.exists(dir.resolve(command[0] + args.size())), "no run directory is written");
    }
  }

  /**
   * grid and select: the training rows vary (in one row), but the fold that holds that row out
   * trains on one value; the refusal names the data, the split and the flags that make others.
   */
  @Test
  void networkSearches_aFoldWithAConstantTarget_namesTheSplitAndTheFlags() throws Exception {
    Path data = almostConstant();
    String[][] commands = {
        {"grid", "--lambdas", "0,0.1"},
        {"select", "--nlambda", "2"}};
    for (String[] command : commands) {
      java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(command));
      args.addAll(java.util.List.of("--data", data.toString(), "--target", "y", "--regression",
          "--model", "mlp:4", "--epochs", "1", "--quiet", "--threads", "1", "--out",
          dir.resolve(command[0]).toString()));
      InProcess r = InProcess.run(args);
      assertEquals(2, r.exit(), r.err());
      org.junit.jupiter.api.Assertions.assertTrue(r.message().matches("--data "
          + java.util.regex.Pattern.quote(data.toString()) + ": split [1-5] of 5 \\(its training"
          + " rows\\): the target is constant \\(5\\.0\\): nothing to fit; the folds are random:"
          + " another --fold-seed \\(now 0\\) makes other ones, more --cv-folds \\(now 5\\)"
          + " trains each on more rows"), r.message());
    }
  }

  /** The file varies in one row, and --seed 1's split puts that row in the test part. */
  @Test
  void train_targetConstantOnTheSplitsTrainingRows_namesTheSplitsFlags() throws Exception {
    Path data = almostConstant();
    InProcess r = InProcess.run("train", "--data", data.toString(), "--target", "y", "--model",
        "linear", "--epochs", "1", "--seed", "1", "--quiet", "--threads", "1", "--out",
        dir.resolve("t").toString());
    assertEquals(2, r.exit(), r.err());
    assertEquals(data + " (--target y): the target is constant (5.0) on the 32 training rows of"
        + " the split (--test-fraction 0.2, --seed 1): nothing to fit; another --seed splits the"
        + " rows otherwise", r.message());
  }

  /** 40 rows whose target y is 5 but in row 4 (6): it varies, in one row only. */
  private Path almostConstant() throws java.io.IOException {
    StringBuilder csv = new StringBuilder("a,b,y\n");
    for (int i = 0; i < 40; i++) {
      csv.append(i % 7).append(',').append(i % 3).append(',').append(i == 3 ? 6 : 5)
          .append('\n');
    }
    return Files.writeString(dir.resolve("almost.csv"), csv);
  }
}
