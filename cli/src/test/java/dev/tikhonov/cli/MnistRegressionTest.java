package dev.tikhonov.cli;

import static dev.tikhonov.cli.IdxFiles.idx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model that predicts numbers on MNIST-style data (an IDX folder or the bundled sample),
 * whose labels are classes: it was refused after the run's header by the estimator, in library
 * terms ("…/mnist: LinearRegression predicts numbers, but the target holds class labels; use a
 * classifier or read the target as a number", which no flag can do for IDX data). Now one line
 * that names the data and the flag that fits a classifier, before the header and any output.
 */
class MnistRegressionTest {
  @TempDir Path dir;

  @Test
  void regressionOnMnistStyleData_isRefusedBeforeTheHeader_namingTheFlagsOfAClassifier()
      throws Exception {
    Path mnist = dir.resolve("mnist");
    Files.createDirectories(mnist);
    Files.write(mnist.resolve("train-images-idx3-ubyte"), idx(new int[] {30, 4, 4}, 0));
    Files.write(mnist.resolve("train-labels-idx1-ubyte"), idx(new int[] {30}, 0));
    Files.write(mnist.resolve("t10k-images-idx3-ubyte"), idx(new int[] {12, 4, 4}, 1));
    Files.write(mnist.resolve("t10k-labels-idx1-ubyte"), idx(new int[] {12}, 1));
    String folder = "--data " + mnist + ": MNIST-style IDX data hold class labels (digits),"
        + " which a model that predicts numbers cannot fit; ";
    String bundled = "the bundled MNIST sample (no --data): MNIST-style IDX data hold class"
        + " labels (digits), which a model that predicts numbers cannot fit; ";
    String[][] cases = {
      {"train", "--data", mnist.toString(), "--model", "linear"},
      {"train", "--model", "linear"},
      {"train", "--data", mnist.toString(), "--model", "mlp:4", "--regression"},
      {"grid", "--data", mnist.toString(), "--model", "mlp:4", "--regression", "--lambdas",
          "0,0.1"},
      {"select", "--model", "mlp:4", "--regression"},
    };
    String[] expected = {
      folder + "use --model logistic to fit a classifier",
      bundled + "use --model logistic to fit a classifier",
      folder + "drop --regression to fit a classifier",
      folder + "drop --regression to fit a classifier",
      bundled + "drop --regression to fit a classifier",
    };
    for (int i = 0; i < cases.length; i++) {
      Path out = dir.resolve("run" + i);
      String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(cases[i]),
          java.util.stream.Stream.of("--epochs", "1", "--threads", "1", "--quiet", "--out",
              out.toString())).toArray(String[]::new);
      InProcess r = InProcess.run(args);
      assertEquals(2, r.exit(), String.join(" ", cases[i]) + ": " + r.err());
      assertEquals("tikhonov: error: " + expected[i], r.err().strip(), String.join(" ",
          cases[i]));
      assertFalse(Files.exists(out), "no output folder");
    }
  }
}
