package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An empty path would mean the current directory: refused for the path lists that are not
 * Path-typed flags (which Main's converter refuses) too.
 */
class EmptyPathTest {
  @TempDir Path dir;

  private static String run(List<String> args) {
    InProcess r = InProcess.run(args);
    assertEquals(2, r.exit(), r.err());
    return r.err();
  }

  /** It used to load the MNIST files of the current directory (or name them as missing). */
  @Test
  void experimentMnistSelect_emptyDataSetName_isRefusedByName() {
    for (List<String> names : List.of(List.of(""), List.of(",bundled"),
        List.of(" "))) {
      Path out = dir.resolve("out");
      String err = run(List.of("experiment", "mnist-select", "--quick", "--datasets",
          names.get(0), "--out", out.toString(), "--quiet"));
      assertEquals(true, err.startsWith("tikhonov: error: --datasets: name "), names + ": " + err);
      assertEquals(true, err.endsWith(" is empty; give 'bundled' or a directory of MNIST-style "
          + "IDX files"), names + ": " + err);
      assertFalse(Files.exists(out), names.toString());
    }
  }
}
