package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An input given as a symbolic link whose target is gone (a model moved after a link to it was
 * made, a data set on an unmounted disk) said "file not found" or "no such file or directory"
 * of a name that {@code ls} shows right there; the message now says it is a link and where it
 * points.
 */
class DanglingLinkTest {
  @TempDir Path dir;

  @Test
  void modelDataAndFoldIds_throughADanglingLink_sayWhereTheLinkPoints() throws Exception {
    Path data = CsvFiles.regression(dir.resolve("d.csv"), 30, 0);
    Path gone = dir.resolve("moved").resolve("m.model");
    Path link = Files.createSymbolicLink(dir.resolve("latest.model"), gone);

    InProcess predict = InProcess.run("predict", "--model", link.toString(),
        "--data", data.toString(), "--out", dir.resolve("p.csv").toString());
    assertEquals(2, predict.exit());
    assertEquals(link + ": model file not found (a symbolic link to " + gone + ", which does not"
        + " exist)", predict.message());

    InProcess train = InProcess.run("train", "--data", link.toString(),
        "--target", "y", "--model", "linear", "--out", dir.resolve("r").toString());
    assertEquals(2, train.exit());
    assertEquals("--data " + link + ": no such file or directory (a symbolic link to " + gone
        + ", which does not exist)", train.message());

    InProcess path = InProcess.run("path", "--data", data.toString(),
        "--target", "y", "--foldid", link.toString(), "--out", dir.resolve("q").toString());
    assertEquals(2, path.exit());
    assertEquals(link + ": fold-id file not found (a symbolic link to " + gone + ", which does"
        + " not exist)", path.message().replaceFirst("^--foldid: ", ""));
  }
  /**
   * A symbolic link loop (a → b → a) said "no such file or directory" (--resume,
   * --penalty-factors), "no such directory" (report), "and there is none" (experiment --data)
   * or the JDK's "cannot read: Too many levels of symbolic links or unable to access attributes
   * of symbolic link" (evaluate --model): each now names the loop, through the one helper that
   * says why a path leads to no file.
   */
  @Test
  void everyInput_throughASymbolicLinkLoop_namesTheLoop() throws Exception {
    Path data = CsvFiles.regression(dir.resolve("d.csv"), 30, 0);
    Path a = dir.resolve("a");
    Path b = Files.createSymbolicLink(dir.resolve("b"), a);
    Files.createSymbolicLink(a, b);
    String loop = "(a symbolic link loop: " + a + " → " + b + " → " + a + ")";
    String[][] commands = {
      {"train", "--resume", a.toString()},
      {"evaluate", "--model", a.toString(), "--data", data.toString(), "--target", "y"},
      {"report", a.toString()},
      {"path", "--data", data.toString(), "--target", "y", "--penalty-factors", a.toString(),
          "--out", dir.resolve("q").toString()},
      {"experiment", "mnist-l2", "--data", a.toString(), "--out", dir.resolve("e").toString()},
      {"train", "--data", a.toString(), "--target", "y", "--model", "linear",
          "--out", dir.resolve("r").toString()},
      {"predict", "--model", a.toString(), "--data", data.toString(),
          "--out", dir.resolve("p.csv").toString()},
    };
    String[] expected = {
      "--resume " + a + ": no such file or directory " + loop + "; give the --out directory of"
          + " a train run with --checkpoint-every N (or its checkpoint.safetensors)",
      a + ": model file not found " + loop,
      a + ": no such directory " + loop,
      "--penalty-factors " + a + ": no such file " + loop + ", and not COLUMN=VALUE pairs",
      "--data " + a + ": experiment mnist-l2 takes a directory of MNIST-style IDX files"
          + " (train-images-idx3-ubyte[.gz] etc.), and there is none " + loop,
      a + ": too many levels of symbolic links " + loop,
      a + ": too many levels of symbolic links " + loop,
    };
    for (int i = 0; i < commands.length; i++) {
      InProcess r = InProcess.run(commands[i]);
      assertEquals(2, r.exit(), String.join(" ", commands[i]) + ": " + r.err());
      assertEquals(expected[i], r.message().strip(), String.join(" ", commands[i]));
    }
  }
}
