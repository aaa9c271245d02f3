package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --out -} is standard output (the Unix convention) where the output is one text file,
 * predict's CSV, and export's ONNX model when no terminal shows it ({@link
 * BinaryToStandardOutputTest}), and refused where it is a run directory or a model file that
 * would be mixed into a command's summary: it used to be taken
 * as a name, so {@code predict --out -} wrote a file literally named "-" in the working
 * directory, and {@code train --out -} a directory of that name.
 */
class StandardOutputTest {
  @TempDir static Path dir;
  private static Path data;
  private static Path model;

  @BeforeAll
  static void fit() throws Exception {
    data = CsvFiles.regression(dir.resolve("d.csv"), 30, 0.1);
    model = dir.resolve("m.model");
    InProcess r = InProcess.run("path", "--data", data.toString(), "--target", "y",
        "--nlambda", "3", "--quiet", "--out", dir.resolve("p").toString(), "--save",
        model.toString());
    assertEquals(0, r.exit(), r.err());
  }

  /** The working directory of the in-process runs; a file "-" there is the old behaviour. */
  @AfterEach
  void noFileNamedDash() throws Exception {
    boolean made = Files.exists(Path.of("-"));
    if (made) {
      // Files.walk: the old behaviour made a directory for a run's --out -
      try (var all = Files.walk(Path.of("-"))) {
        all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    assertFalse(made, "a file or directory named - was written in the working directory");
  }

  @Test
  void predict_outDash_writesTheCsvToStandardOutput_andNothingElse() throws Exception {
    Path file = dir.resolve("p.csv");
    InProcess toFile = InProcess.run("predict", "--model", model.toString(), "--data",
        data.toString(), "--out", file.toString());
    assertEquals(0, toFile.exit(), toFile.err());
    InProcess r = InProcess.run("predict", "--model", model.toString(), "--data",
        data.toString(), "--out", "-");
    assertEquals(0, r.exit(), r.err());
    assertEquals(Files.readString(file), r.out());
    assertEquals(31, r.out().lines().count());
  }

  @Test
  void runDirectoryOrBinaryFile_outDash_isRefusedBeforeAnyWork() {
    InProcess train = InProcess.run("train", "--data", data.toString(), "--target", "y",
        "--model", "linear", "--epochs", "1", "--quiet", "--out", "-");
    assertEquals(2, train.exit(), train.err());
    assertEquals("--out -: train writes a directory of files (its run directory), which"
        + " standard output (-) cannot take; give a path (a file named \"-\" is ./-)",
        train.message());
    InProcess path = InProcess.run("path", "--data", data.toString(), "--target", "y",
        "--quiet", "--out", dir.resolve("q").toString(), "--save", "-");
    assertEquals(2, path.exit(), path.err());
    assertEquals("--save -: a model file is binary, and standard output carries path's summary"
        + " (or --json's line), which it would be mixed into; give a path (a file named \"-\""
        + " is ./-)", path.message());
    // export --out - writes the ONNX model there when it is no terminal: BinaryToStandardOutputTest
  }

  /**
   * {@code --data -} (a pipe into predict, as --out - writes to one) says that standard input is
   * not read and why: it said "--data -: no such file or directory".
   */
  @Test
  void dataDash_saysStandardInputIsNotRead() {
    for (String command : new String[] {"predict", "evaluate", "train"}) {
      InProcess r = InProcess.run(command.equals("train")
          ? new String[] {"train", "--data", "-", "--target", "y", "--model", "linear"}
          : command.equals("evaluate")
              ? new String[] {"evaluate", "--model", model.toString(), "--data", "-",
                  "--target", "y"}
              : new String[] {"predict", "--model", model.toString(), "--data", "-", "--out",
                  "-"});
      assertEquals(2, r.exit(), command);
      assertEquals("--data -: standard input cannot be the data: tikhonov reads a file more"
          + " than once or at random positions, so save it as a file first (a file named \"-\""
          + " is ./-)", r.message(), command);
    }
  }
}
