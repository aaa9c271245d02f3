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
}
