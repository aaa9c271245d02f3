package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
    assertEquals("--seeds 1,1: 1 is given twice; give each once",
        refused("experiment", "mnist-l2", "--quick", "--seeds", "1,1", "--quiet", "--out", out));
    assertEquals("--lambdas 0.1,0.1: 0.1 is given twice; give each once",
        refused("experiment", "mnist-l2", "--quick", "--lambdas", "0.1,0.1", "--quiet",
            "--out", out));
    assertEquals("--methods warm,cold,warm: warm is given twice; give each once",
        refused("experiment", "mnist-select", "--quick", "--methods", "warm,cold,warm",
            "--quiet", "--out", out));
    assertEquals("--datasets bundled,bundled: bundled is given twice; give each once",
        refused("experiment", "mnist-select", "--quick", "--datasets", "bundled,bundled",
            "--quiet", "--out", out));
    Path d = Files.createDirectories(dir.resolve("d"));
    assertEquals("--datasets " + d + "," + d + "/.: " + d + " and " + d + "/. are the same; give"
        + " each once", refused("experiment", "mnist-select", "--quick", "--datasets",
        d + "," + d + "/.", "--quiet", "--out", out));
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
