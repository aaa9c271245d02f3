package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
   * A target that varies while no feature does leaves select no λ grid to derive (λ_max = 0):
   * the remedy is --lambdas, which the library's "give the λ values" did not name.
   */
  @Test
  void select_targetThatNoFeatureVariesWith_namesLambdas() throws Exception {
    StringBuilder csv = new StringBuilder("a,b,y\n");
    for (int i = 0; i < 20; i++) {
      csv.append("0,0,").append(i % 7).append('\n');
    }
    Path data = Files.writeString(dir.resolve("flat.csv"), csv);
    InProcess r = InProcess.run("select", "--data", data.toString(), "--target", "y",
        "--regression", "--model", "mlp:4", "--epochs", "1", "--quiet", "--threads", "1",
        "--out", dir.resolve("s").toString());
    assertEquals(2, r.exit(), r.err());
    assertEquals("--lambdas: none given, and the targets of " + data + " do not vary"
        + " with the features (λ_max = 0.0), so there is no λ grid to derive from them; give"
        + " the λ values", r.message());
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
   * grid and select: the training rows vary, but the fold that holds out the two rows that vary
   * trains on one value; the refusal names the data, the split and the flags that make others.
   * Which fold seed puts both rows in one of two folds is found by trying seeds (each has an
   * even chance, the same in every run).
   */
  @Test
  void networkSearches_aFoldWithAConstantTarget_namesTheSplitAndTheFlags() throws Exception {
    Path data = almostConstant(3, 17);
    String[][] commands = {
        {"grid", "--lambdas", "0,0.1"},
        {"select", "--nlambda", "2", "--patience", "0", "--validation-fraction", "0"}};
    for (String[] command : commands) {
      InProcess r = firstRefusal(command, "--fold-seed", 10, List.of("--data", data.toString(),
          "--target", "y", "--regression", "--model", "mlp:4", "--epochs", "1", "--cv-folds",
          "2"));
      assertEquals(2, r.exit(), r.err());
      org.junit.jupiter.api.Assertions.assertTrue(r.message().matches("--data "
          + java.util.regex.Pattern.quote(data.toString()) + ": split [12] of 2 \\(its training"
          + " rows\\): the target is constant \\(5\\.0\\): nothing to fit; the folds are random:"
          + " another --fold-seed \\(now [0-9]\\) makes other ones, more --cv-folds \\(now 2\\)"
          + " trains each on more rows"), r.message());
    }
  }

  /**
   * A target that varies in one row only: every k-fold split holds it out once, so another
   * fold seed or more folds (leave-one-out: 32 folds on the 32 training rows) cannot help, as
   * the refusal said; it names the data and the values instead.
   */
  @Test
  void networkSearches_aTargetVaryingInOneRow_isRefusedWithoutFoldAdvice() throws Exception {
    Path data = almostConstant(3);
    for (String folds : new String[] {"5", "32"}) {
      InProcess r = InProcess.run("grid", "--lambdas", "0,0.1", "--data", data.toString(),
          "--target", "y", "--regression", "--model", "mlp:4", "--epochs", "1", "--cv-folds",
          folds, "--quiet", "--threads", "1", "--out", dir.resolve("g" + folds).toString());
      assertEquals(2, r.exit(), r.err());
      assertEquals(data + " (--target y): the target is 5.0 on 39 of the 40 rows and 6.0 on"
          + " one: whatever the split and the folds, the fold holding that row out trains on one"
          + " value; cross-validation needs a target that varies in at least two rows",
          r.message());
    }
  }

  /**
   * For a k-fold search, the split's advice (another --seed) is right only where another split
   * can help: not when the file's target varies in one row (--seed 1 puts it in the test part,
   * and every other seed's split left it to the folds, which refused it), and so when the file's
   * varies in two rows but the split left one of them to search on (the library refused that
   * "whatever the folds", and said cross-validation needs two rows, which the file has).
   */
  @Test
  void networkSearches_whatTheSplitLeavesToTheFolds_saysWhetherAnotherSeedHelps()
      throws Exception {
    InProcess lone = InProcess.run("select", "--nlambda", "2", "--data",
        almostConstant(3).toString(), "--target", "y", "--regression", "--model", "mlp:4",
        "--epochs", "1", "--seed", "1", "--quiet", "--threads", "1", "--out",
        dir.resolve("s").toString());
    assertEquals(2, lone.exit(), lone.err());
    org.junit.jupiter.api.Assertions.assertTrue(lone.message().contains(" (--target y): the"
        + " target is 5.0 on 39 of the 40 rows and 6.0 on one: whatever the split and the"
        + " folds"), lone.message());
    // rows 3 and 17 vary; the first seed whose 20 % test part holds one of them
    double[] index = new double[40];
    for (int i = 0; i < index.length; i++) {
      index[i] = i;
    }
    dev.tikhonov.data.Dataset rows = dev.tikhonov.data.Dataset.of(new double[40][1], index);
    int seed = 0;
    while (heldOut(dev.tikhonov.data.Splits.trainTest(rows, 0.2, seed), 3, 17) != 1) {
      seed++;
    }
    Path data = almostConstant(3, 17);
    InProcess r = InProcess.run("grid", "--lambdas", "0", "--data", data.toString(), "--target",
        "y", "--regression", "--model", "mlp:4", "--epochs", "1", "--seed",
        String.valueOf(seed), "--quiet", "--threads", "1", "--out", dir.resolve("g").toString());
    assertEquals(2, r.exit(), r.err());
    org.junit.jupiter.api.Assertions.assertTrue(r.message().matches(java.util.regex.Pattern
        .quote(data + " (--target y): the target is 5.0 on 31 of the 32 training rows of the"
        + " split (--test-fraction 0.2, --seed " + seed + ") and ") + "[67]\\.0 on one:"
        + " whatever the folds, the one holding that row out trains on one value; another"
        + " --seed splits the rows otherwise"), r.message());
    // but two rows to search on that differ, differ in one row whatever the split
    Path three = Files.writeString(dir.resolve("three.csv"), "a,y\n1,1\n2,2\n3,4\n");
    InProcess two = InProcess.run("grid", "--lambdas", "0", "--data", three.toString(),
        "--target", "y", "--regression", "--model", "mlp:4", "--epochs", "1", "--cv-folds", "2",
        "--test-fraction", "0.34", "--quiet", "--threads", "1", "--out",
        dir.resolve("g3").toString());
    assertEquals(2, two.exit(), two.err());
    org.junit.jupiter.api.Assertions.assertTrue(two.message().endsWith(" on one: whatever the"
        + " folds, the one holding that row out trains on one value; give a smaller"
        + " --test-fraction, or more rows"), two.message());
  }

  /** How many of {@code rows} (their targets are their indices) {@code split} holds out. */
  private static int heldOut(dev.tikhonov.data.TrainTest split, int... rows) {
    int count = 0;
    for (int i = 0; i < split.test().numRows(); i++) {
      for (int row : rows) {
        count += split.test().target(i) == row ? 1 : 0;
      }
    }
    return count;
  }

  /**
   * --validation-fraction can hold out both rows where the target varies (seeds 2 and 6 of the
   * first eight do): train fitted the one value left, select refused it as "the target is
   * constant" with no file or flag named.
   */
  @Test
  void validationFraction_leavingOneTargetValue_namesTheFlag() throws Exception {
    Path data = almostConstant(3, 17);
    String[][] commands = {
        {"train", "--validation-fraction", "0.5", "--epochs", "1"},
        {"select", "--nlambda", "2", "--validation-fraction", "0.5", "--epochs", "1"}};
    for (String[] command : commands) {
      InProcess r = firstRefusal(command, "--seed", 8, List.of("--data", data.toString(),
          "--target", "y", "--regression", "--model", "mlp:4"));
      assertEquals(2, r.exit(), r.err());
      org.junit.jupiter.api.Assertions.assertTrue(r.message().matches("--validation-fraction"
          + " 0\\.5 of the [0-9]+ training rows of " + java.util.regex.Pattern.quote(
              data.toString()) + " leaves [0-9]+ rows to fit, whose target is constant"
          + " \\(5\\.0\\): nothing to fit; hold out a smaller share, or split with another"
          + " seed"), r.message());
    }
  }

  /** --repeat-seeds fits one split: its refusal said "split 1 of 3". */
  @Test
  void networkSearches_repeatedSeedsOnAConstantSplit_nameTheOneSplit() throws Exception {
    Path data = almostConstant(3);
    InProcess r = InProcess.run("grid", "--lambdas", "0,0.1", "--data", data.toString(),
        "--target", "y", "--regression", "--model", "mlp:4", "--epochs", "1", "--repeat-seeds",
        "1,2,3", "--quiet", "--threads", "1", "--out", dir.resolve("g").toString());
    assertEquals(2, r.exit(), r.err());
    assertEquals("--data " + data + ": the split (its training rows): the target is constant"
        + " (5.0): nothing to fit; the split is random: another --fold-seed (now 0) makes"
        + " another one, a smaller --holdout (now 0.2) trains on more rows", r.message());
  }

  /** The file varies in one row, and --seed 1's split puts that row in the test part. */
  @Test
  void train_targetConstantOnTheSplitsTrainingRows_namesTheSplitsFlags() throws Exception {
    Path data = almostConstant(3);
    InProcess r = InProcess.run("train", "--data", data.toString(), "--target", "y", "--model",
        "linear", "--epochs", "1", "--seed", "1", "--quiet", "--threads", "1", "--out",
        dir.resolve("t").toString());
    assertEquals(2, r.exit(), r.err());
    assertEquals(data + " (--target y): the target is constant (5.0) on the 32 training rows of"
        + " the split (--test-fraction 0.2, --seed 1): nothing to fit; another --seed splits the"
        + " rows otherwise", r.message());
  }

  /**
   * The first of {@code command}'s runs with {@code seedFlag} 0, 1, … below {@code seeds} that
   * exits other than 0 (each seed's split is the same in every run); an AssertionError if none.
   */
  private InProcess firstRefusal(String[] command, String seedFlag, int seeds,
      List<String> flags) {
    for (int seed = 0; seed < seeds; seed++) {
      List<String> args = new java.util.ArrayList<>(List.of(command));
      args.addAll(flags);
      args.addAll(List.of(seedFlag, String.valueOf(seed), "--quiet", "--threads", "1", "--out",
          dir.resolve(command[0] + seedFlag + seed).toString()));
      InProcess r = InProcess.run(args);
      if (r.exit() != 0) {
        return r;
      }
    }
    throw new AssertionError(String.join(" ", command) + ": no " + seedFlag + " below " + seeds
        + " made the split refused");
  }

  /** 40 rows whose target y is 5 but in the given rows (0-based; 6, 7, …): it varies there. */
  private Path almostConstant(int... varying) throws java.io.IOException {
    StringBuilder csv = new StringBuilder("a,b,y\n");
    for (int i = 0; i < 40; i++) {
      int k = java.util.Arrays.stream(varying).boxed().toList().indexOf(i);
      csv.append(i % 7).append(',').append(i % 3).append(',').append(k < 0 ? 5 : 6 + k)
          .append('\n');
    }
    return Files.writeString(dir.resolve("almost.csv"), csv);
  }

  /**
   * train and grid --weights on a target that varies only on rows of weight 0: the library
   * refused it ("the target is constant (5.0) on the rows of positive weight ("w")") after the
   * run's header, without the file; now before it, in the unweighted refusal's words.
   */
  @Test
  void weights_targetConstantOnTheRowsThatWeigh_isRefusedBeforeTheHeader() throws Exception {
    StringBuilder csv = new StringBuilder("a,w,y\n");
    for (int i = 0; i < 40; i++) {
      csv.append(i % 9).append(',').append(i % 2 == 0 ? 1 : 0).append(',')
          .append(i % 2 == 0 ? "5" : String.valueOf(i)).append('\n');
    }
    Path data = Files.writeString(dir.resolve("weighed.csv"), csv);
    String[][] commands = {
        {"train", "--model", "linear", "--epochs", "2"},
        {"grid", "--model", "mlp:4", "--regression", "--lambdas", "0,0.1", "--epochs", "2"}};
    refusedBeforeTheHeader(data, commands, data + " (--target y): the target is constant (5.0)"
        + " on the rows of positive weight (--weights \"w\"): nothing to fit");
  }

  /**
   * The same on the training rows of the split only: the two rows of weight 1 differ, and a
   * seed whose split holds one of them out (found by trying seeds) leaves one value to fit.
   */
  @Test
  void weights_targetConstantOnTheTrainingRowsThatWeigh_namesTheSplit() throws Exception {
    StringBuilder csv = new StringBuilder("a,w,y\n");
    for (int i = 0; i < 40; i++) {
      csv.append(i % 9).append(',').append(i < 2 ? 1 : 0).append(',').append(i == 1 ? 6 : i)
          .append('\n');
    }
    Path data = Files.writeString(dir.resolve("two.csv"), csv);
    java.util.Set<String> said = new java.util.TreeSet<>();
    for (int seed = 0; seed < 12; seed++) {
      InProcess r = InProcess.run("train", "--model", "linear", "--epochs", "2", "--data",
          data.toString(), "--target", "y", "--weights", "w", "--seed", String.valueOf(seed),
          "--threads", "1", "--quiet", "--out", dir.resolve("s" + seed).toString());
      if (r.exit() == 2 && r.message().contains("positive weight")) {
        said.add(r.message().replace("--seed " + seed, "--seed S").replace("(0.0)", "(V)")
            .replace("(6.0)", "(V)"));
      }
    }
    assertEquals(java.util.Set.of(data + " (--target y): the target is constant (V) on the"
        + " rows of positive weight (--weights \"w\") of the 32 training rows of the split"
        + " (--test-fraction 0.2, --seed S): nothing to fit; another --seed splits the rows"
        + " otherwise"), said);
  }

  /**
   * The same for classes: train and grid --weights on labels whose rows of weight 1 are all
   * "a" were refused by the library after the run's header ("the rows of positive weight ("w")
   * are all of class "a" …"), naming no file; now before it, beside the regression case. The
   * training rows of the split alike: of the three rows of weight 1, "a", "b", "a", a seed whose
   * split holds "b" out leaves one class to fit (one training row of weight is left to train's
   * --validation-fraction messages, TrainWeightsSplitTest).
   */
  @Test
  void weights_classesOfOneClassOnTheRowsThatWeigh_areRefusedBeforeTheHeader() throws Exception {
    StringBuilder csv = new StringBuilder("a,w,y\n");
    for (int i = 0; i < 40; i++) {
      csv.append(i % 9).append(',').append(i % 2 == 0 ? 1 : 0).append(',')
          .append(i % 2 == 0 || i % 4 == 1 ? "a" : "b").append('\n');
    }
    Path data = Files.writeString(dir.resolve("classes.csv"), csv);
    String[][] commands = {
        {"train", "--model", "logistic", "--epochs", "2"},
        {"grid", "--model", "mlp:4", "--lambdas", "0,0.1", "--epochs", "2"}};
    refusedBeforeTheHeader(data, commands, data + " (--target y): the rows of positive weight"
        + " (--weights \"w\") are all of class \"a\" (of the 2 declared): a classifier needs"
        + " rows of two classes or more");
    StringBuilder two = new StringBuilder("a,w,y\n");
    for (int i = 0; i < 40; i++) {
      two.append(i % 9).append(',').append(i < 3 ? 1 : 0).append(',')
          .append(i % 2 == 0 ? "a" : "b").append('\n');
    }
    Path twoRows = Files.writeString(dir.resolve("two-classes.csv"), two);
    java.util.Set<String> said = new java.util.TreeSet<>();
    for (int seed = 0; seed < 30; seed++) {
      InProcess r = InProcess.run("train", "--model", "logistic", "--epochs", "2", "--data",
          twoRows.toString(), "--target", "y", "--weights", "w", "--seed", String.valueOf(seed),
          "--threads", "1", "--quiet", "--out", dir.resolve("c" + seed).toString());
      // one training row of weight: train's own words, as TrainWeightsSplitTest's split
      if (r.exit() == 2 && r.message().startsWith(twoRows + " (--target y): the rows of")) {
        said.add(r.message().replace("--seed " + seed, "--seed S"));
      }
    }
    assertEquals(java.util.Set.of(twoRows + " (--target y): the rows of positive weight"
        + " (--weights \"w\") of the 32 training rows of the split (--test-fraction 0.2,"
        + " --seed S) are all of class \"a\" (of the 2 declared): a classifier needs rows of"
        + " two classes or more; another --seed splits the rows otherwise"), said);
  }

  /** Each command on {@code data} --target y --weights w: exit 2, {@code message}, no header. */
  private void refusedBeforeTheHeader(Path data, String[][] commands, String message) {
    for (String[] command : commands) {
      java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(command));
      args.addAll(java.util.List.of("--data", data.toString(), "--target", "y", "--weights",
          "w", "--threads", "1", "--out", dir.resolve(command[0] + "-out").toString()));
      InProcess r = InProcess.run(args);
      assertEquals(2, r.exit(), r.err());
      assertEquals(message, r.message(), command[0]);
      assertEquals("", r.out(), "no header: " + command[0]);
    }
  }
}
