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
 * A --data folder that holds no MNIST IDX files (data/ typed for data/wine.csv) is named as
 * such, with what it holds and what --data expects: with --target it was called "MNIST-style IDX
 * data, which hold their own labels", as if the folder were MNIST.
 */
class DataFolderTest {
  @TempDir Path dir;

  @Test
  void train_folderOfCsvFiles_namesFolderWhatItHoldsAndWhatWasExpected() throws Exception {
    Path folder = Files.createDirectory(dir.resolve("data"));
    Files.writeString(folder.resolve("wine.csv"), "a,y\n1,2\n");
    Files.writeString(folder.resolve("README.md"), "x\n");
    InProcess r = InProcess.run(List.of("train", "--data", folder.toString(), "--target", "y",
        "--model", "linear", "--epochs", "1", "--out", dir.resolve("run").toString()));
    assertEquals(2, r.exit(), r.err());
    String err = r.err();
    assertFalse(err.contains("MNIST-style IDX data"), err);
    assertTrue(err.contains("--data " + folder + " is a folder without MNIST IDX files (it holds "
        + "README.md, wine.csv); expected a CSV or LIBSVM file, or a folder holding "
        + "train-images-idx3-ubyte"), err);
    assertEquals(1, err.strip().lines().count(), err);
    assertFalse(Files.exists(dir.resolve("run")));
  }

  @Test
  void evaluate_emptyFolder_saysItIsEmpty() throws Exception {
    Path folder = Files.createDirectory(dir.resolve("empty"));
    InProcess r = InProcess.run(List.of("evaluate", "--model", dir.resolve("m.model").toString(),
        "--data", folder.toString(), "--target", "y"));
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("--data " + folder + " is a folder without MNIST IDX files (it "
        + "is empty)"), r.err());
  }

  /**
   * The experiments that take MNIST folders said "F/train-images-idx3-ubyte.gz: file not found
   * (nor …)", of a folder that holds no IDX file at all, naming no flag.
   */
  @Test
  void experiments_folderWithoutIdxFiles_nameTheFlagAndWhatTheFolderHolds() throws Exception {
    Path folder = Files.createDirectory(dir.resolve("csvs"));
    Files.writeString(folder.resolve("wine.csv"), "a,y\n1,2\n");
    String[][] cases = {
      {"experiment", "mnist-l2", "--quick", "--data", folder.toString()},
      {"experiment", "mnist-select", "--quick", "--datasets", folder.toString()},
    };
    String[] expected = {
      "tikhonov: error: --data " + folder + " is a folder without MNIST IDX files (it holds"
          + " wine.csv); expected a folder holding train-images-idx3-ubyte, ",
      "tikhonov: error: --datasets " + folder + " is a folder without MNIST IDX files (it holds"
          + " wine.csv); expected 'bundled' or a folder holding train-images-idx3-ubyte, ",
    };
    for (int i = 0; i < cases.length; i++) {
      Path out = dir.resolve("experiment" + i);
      List<String> args = new java.util.ArrayList<>(List.of(cases[i]));
      args.addAll(List.of("--quiet", "--out", out.toString()));
      InProcess r = InProcess.run(args);
      assertEquals(2, r.exit(), r.err());
      assertTrue(r.err().startsWith(expected[i]), r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
      assertFalse(Files.exists(out));
    }
  }
}
