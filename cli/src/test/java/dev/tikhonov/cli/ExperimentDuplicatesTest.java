package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A value given twice to an experiment is refused before any work: a seed counted twice fakes
 * a spread of 0, a λ twice is one row shown as two, and a method or data set twice ran the
 * whole experiment before the charts failed on two series of one name.
 */
class ExperimentDuplicatesTest {
  @TempDir Path dir;

  private String refused(String... args) {
    InProcess r = InProcess.run(args);
    assertEquals(2, r.exit(), r.err());
    assertFalse(Files.exists(dir.resolve("out")));
    return r.message();
  }

  @Test
  void experiment_duplicateValues_areRefusedBeforeWork() throws Exception {
    String out = dir.resolve("out").toString();
    assertEquals("--seeds must be distinct; 1 is given twice (values 1 and 2)",
        refused("experiment", "mnist-l2", "--quick", "--seeds", "1,1", "--quiet", "--out", out));
    assertEquals("--lambdas must be distinct; 0.1 is given twice (values 1 and 2)",
        refused("experiment", "mnist-l2", "--quick", "--lambdas", "0.1,0.1", "--quiet",
            "--out", out));
    // Compared as numbers: -0 is 0 (the Doubles -0.0 and 0.0 are not equal()).
    assertEquals("--lambdas must be distinct; 0.0 and -0.0 (values 1 and 2) are the same",
        refused("experiment", "mnist-l2", "--quick", "--lambdas", "0,-0", "--quiet", "--out",
            out));
    assertEquals("--methods must be distinct; warm is given twice (values 1 and 3)",
        refused("experiment", "mnist-select", "--quick", "--methods", "warm,cold,warm",
            "--quiet", "--out", out));
    assertEquals("--datasets must be distinct; bundled is given twice (values 1 and 2)",
        refused("experiment", "mnist-select", "--quick", "--datasets", "bundled,bundled",
            "--quiet", "--out", out));
    Path d = Files.createDirectories(dir.resolve("d"));
    assertEquals("--datasets must be distinct; " + d + " and " + d + "/. (values 1 and 2) are"
        + " the same", refused("experiment", "mnist-select", "--quick", "--datasets",
        d + "," + d + "/.", "--quiet", "--out", out));
  }

  /**
   * --epochs 0 of mnist-l2 and mnist-select was refused after the run's header (the data, the
   * recipe with "0 epochs", the seeds) by the experiments' settings; now as the values above.
   */
  @Test
  void experiment_epochsBelowOne_isRefusedBeforeTheHeader() throws Exception {
    String out = dir.resolve("out").toString();
    for (String name : List.of("mnist-l2", "mnist-select")) {
      InProcess r = InProcess.run("experiment", name, "--quick", "--epochs", "0", "--out", out);
      assertEquals(2, r.exit(), r.err());
      assertEquals("tikhonov: error: --epochs must be >= 1, got 0", r.err().strip(), name);
      assertEquals("", r.out(), name + ": no header");
      assertFalse(Files.exists(dir.resolve("out")));
    }
  }

  /** grid's lists (λ, dropout, weight decay) compare as numbers too: -0 is 0. */
  @Test
  void grid_zeroAndMinusZero_areOneValue() throws Exception {
    // --learning-rates takes no 0
    gridRefusesARepeat(List.of("--lambdas", "--dropouts", "--weight-decays"), "0,-0",
        "0.0 and -0.0 (values 1 and 2) are the same");
  }

  /**
   * A value twice in a grid list is named with its positions: --dropouts 0,0.2,0.2 said
   * "--dropouts must be distinct" (also --weight-decays and --learning-rates), naming none.
   */
  @Test
  void grid_aValueTwice_isNamedWithItsPositions() throws Exception {
    gridRefusesARepeat(List.of("--lambdas", "--dropouts", "--weight-decays",
        "--learning-rates"), "0.5,0.2,0.2", "0.2 is given twice (values 2 and 3)");
  }

  private void gridRefusesARepeat(List<String> flags, String list, String repeat)
      throws Exception {
    Path data = Files.writeString(dir.resolve("d.csv"), "a,y\n1,1\n2,2\n3,1\n4,2\n5,1\n6,2\n");
    for (String flag : flags) {
      List<String> args = new java.util.ArrayList<>(List.of("grid", "--data", data.toString(),
          "--target", "y", "--regression", "--model", "mlp:2", "--epochs", "1", "--quiet",
          "--out", dir.resolve("out").toString()));
      if (!flag.equals("--lambdas")) {
        args.addAll(List.of("--lambdas", "0.1"));
      }
      args.addAll(List.of(flag, list));
      InProcess r = InProcess.run(args);
      assertEquals(2, r.exit(), flag + ": " + r.err());
      assertEquals(flag + " must be distinct; " + repeat, r.message().strip(), flag);
      assertFalse(Files.exists(dir.resolve("out")));
    }
  }

  @Test
  void mnistSelect_twoDirectoriesOfOneName_areRefused() throws Exception {
    Path a = Files.createDirectories(dir.resolve("a/digits"));
    assertEquals("--datasets " + a + ": its name \"digits\" is also the name of "
        + dev.tikhonov.data.Mnist.BUNDLED_SOURCE + "; give directories of different names",
        refused("experiment", "mnist-select", "--quick", "--datasets", "bundled," + a,
            "--quiet", "--out", dir.resolve("out").toString()));
  }
}
