package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad flags of select and grid, in-process ({@link InProcess}): each is one line naming the
 * flag, exit code 2, before any fit. {@link SelectCliIT} runs the commands end to end.
 */
class SelectFlagsTest {
  @TempDir Path dir;

  @Test
  void badInput_isOneLineNamingTheFlag_exitCode2() throws Exception {
    Files.writeString(dir.resolve("tiny.csv"), "a,b,y\n1,2,0\n2,1,1\n3,3,0\n4,1,1\n5,2,0\n");
    String[][] cases = {
      {"select", "--lambdas", "0.1,-1"},
      {"select", "--lambdas", ""},
      {"select", "--data", dir.resolve("tiny.csv").toString(), "--target", "y", "--folds", "10",
          "--model", "mlp:4"},
      {"select", "--model", "linear"},
      {"select", "--cv-folds", "1"},
      {"grid", "--lambdas", "0.1", "--dropouts", "1.5"},
      {"grid", "--lambdas", "0.1", "--repeat-seeds", "3"},
      {"grid", "--lambdas", "0.1", "--repeat-seeds", "1,2,1"},
      {"select", "--cv-measure", "auc"},
      {"grid", "--lambdas", "0.1", "--cv-measure", "r2"},
      {"select", "--data", dir.resolve("tiny.csv").toString(), "--target", "y", "--folds", "2",
          "--model", "mlp:4", "--cv-measure", "mae"},
      {"grid", "--data", dir.resolve("tiny.csv").toString(), "--target", "y", "--folds", "2",
          "--model", "mlp:4", "--regression", "--lambdas", "0.1", "--cv-measure", "class"},
    };
    String[] expected = {
      "--lambdas must be finite numbers >= 0; value 2 of 2 is -1.0",
      "--lambdas",
      "--folds (10) is more than the 4 rows to search on (", // as typed (Flags.asTyped)
      "for linear and logistic models use tikhonov path",
      "--cv-folds must be >= 2, got 1",
      "--dropouts must be in [0, 1); value 1 of 1 is 1.5",
      "--repeat-seeds must be at least 2",
      "--repeat-seeds must be distinct; 1 is given twice (values 1 and 3)",
      "--cv-measure auc: expected deviance, class (classifiers), mse or mae (regressors); the"
          + " AUC ranks every held-out row's probability",
      "--cv-measure must be deviance, class, mse or mae (any case), got 'r2'",
      "--cv-measure: 'mae' does not apply to a classifier's search",
      "--cv-measure: 'class' does not apply to a regressor's search",
    };
    for (int i = 0; i < cases.length; i++) {
      String[] args = java.util.Arrays.copyOf(cases[i], cases[i].length + 4);
      args[cases[i].length] = "--out";
      args[cases[i].length + 1] = dir.resolve("bad" + i).toString();
      args[cases[i].length + 2] = "--quiet";
      args[cases[i].length + 3] = "--threads=1";
      InProcess r = InProcess.run(args);
      String what = String.join(" ", cases[i]) + ": " + r.err();
      assertEquals(2, r.exit(), what);
      assertTrue(r.err().contains(expected[i]), what);
      assertFalse(r.err().contains("\tat "), "no stack trace: " + what);
      // refused before the run's header, which would describe a run that never starts
      assertFalse((r.out() + r.err()).contains("tikhonov " + cases[i][0] + ": "),
          "header printed: " + what + r.out());
    }
  }
}
