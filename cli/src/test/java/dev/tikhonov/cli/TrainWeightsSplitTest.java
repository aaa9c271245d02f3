package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * train --weights whose weights the splits put all on one side names that side: the training
 * rows of the test split, the rows fitted or the rows held out by --validation-fraction; it
 * said "every weight of FILE is 0", false of the file, and "nothing to fit" of validation rows.
 */
class TrainWeightsSplitTest {
  @TempDir static Path dir;
  private static Path one;
  private static Path two;

  /**
   * data/breast_cancer.csv with a column w: 1 on the rows {@code weighted} (1-based), else 0.
   * Two rows of one class would be refused whatever the split (the rows of weight are all of
   * one class), so bw_two weighs a malignant row (1) and the first benign one (20).
   */
  private static Path weighted(String name, int... weighted) throws Exception {
    List<String> lines = Files.readAllLines(Path.of("..", "data", "breast_cancer.csv"));
    StringBuilder csv = new StringBuilder(lines.get(0)).append(",w\n");
    for (int i = 1; i < lines.size(); i++) {
      int row = i;
      csv.append(lines.get(i)).append(',')
          .append(java.util.Arrays.stream(weighted).anyMatch(w -> w == row) ? 1 : 0).append('\n');
    }
    return Files.writeString(dir.resolve(name), csv);
  }

  @BeforeAll
  static void files() throws Exception {
    one = weighted("bw_one.csv", 1);
    two = weighted("bw_two.csv", 1, 20);
  }

  private static String refused(Path file, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("train", "--data", file.toString(),
        "--target", "diagnosis", "--ignore-columns", "id", "--weights", "w", "--model",
        "logistic", "--standardize", "--epochs", "1", "--threads", "1", "--quiet", "--out",
        dir.resolve("run").toString()));
    args.addAll(List.of(more));
    InProcess r = InProcess.run(args.toArray(String[]::new));
    assertEquals(2, r.exit(), r.err());
    assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.err());
    return r.err();
  }

  @Test
  void oneRowOfWeight_isRefusedWhateverTheSeed() {
    for (String seed : new String[] {"1", "2"}) {
      assertTrue(refused(one, "--seed", seed).contains("tikhonov: error: --weights \"w\": only"
          + " row 1 of " + one + " has a weight above 0, and the training and the test rows of"
          + " the split each need one; give more rows weight"), seed);
    }
  }

  @Test
  void theSplitsTrainingRowsOfNoWeight_areNamedAsTheSplit() {
    // --seed 13 puts both rows of weight among the test rows
    String err = refused(two, "--seed", "13");
    assertTrue(err.contains("tikhonov: error: --weights \"w\": every weight of the 455 training"
        + " rows of the split (--test-fraction 0.2, --seed 13) is 0: nothing to fit; another"
        + " --seed splits the rows otherwise"), err);
  }

  @Test
  void theValidationSplitsPartOfNoWeight_isNamed() {
    // --seed 20 leaves the one training row of weight among the rows held out, --seed 2 fits it
    String fitted = refused(two, "--seed", "20", "--validation-fraction", "0.5");
    assertTrue(fitted.contains("tikhonov: error: --validation-fraction 0.5 of the 455 training"
        + " rows of " + two + " leaves 227 rows to fit, whose weights (\"w\") are all 0:"
        + " nothing to fit; one row has a weight above 0, and each part needs one; give more"
        + " rows weight"), fitted);
    String held = refused(two, "--seed", "2", "--validation-fraction", "0.5");
    assertTrue(held.contains("tikhonov: error: --validation-fraction 0.5 of the 455 training"
        + " rows of " + two + " holds out 228 rows for validation, whose weights (\"w\") are all"
        + " 0: nothing to validate on, their weighted loss would have no value; one row has a"
        + " weight above 0, and each part needs one; give more rows weight"), held);
  }
}
