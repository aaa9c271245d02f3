package dev.tikhonov.cli;

import static dev.tikhonov.cli.IdxFiles.gzip;
import static dev.tikhonov.cli.IdxFiles.idx;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An MNIST-style folder that holds a file both plain and gzipped: the plain one was read without
 * a word, so training images downloaded again beside an old unpacked copy were not the ones
 * trained on. Other contents are refused naming both files; the same contents (gunzip -k) run.
 */
class MnistPlainAndGzTest {
  @TempDir Path dir;


  private static Path folder(Path folder) throws IOException {
    Files.createDirectories(folder);
    Files.write(folder.resolve("train-images-idx3-ubyte"), idx(new int[] {30, 4, 4}, 0));
    Files.write(folder.resolve("train-labels-idx1-ubyte"), idx(new int[] {30}, 0));
    Files.write(folder.resolve("t10k-images-idx3-ubyte"), idx(new int[] {12, 4, 4}, 1));
    Files.write(folder.resolve("t10k-labels-idx1-ubyte"), idx(new int[] {12}, 1));
    return folder;
  }

  private InProcess train(Path data) {
    return InProcess.run("train", "--data", data.toString(), "--model", "logistic", "--epochs",
        "1", "--threads", "1", "--quiet", "--out", dir.resolve("run-" + data.getFileName())
            .toString());
  }

  @Test
  void train_folderWithAPlainAndAGzippedCopyThatDiffer_isRefusedNamingBoth() throws Exception {
    Path data = folder(dir.resolve("both"));
    Path plain = data.resolve("train-images-idx3-ubyte");
    Path gz = data.resolve("train-images-idx3-ubyte.gz");
    Files.write(gz, gzip(idx(new int[] {30, 4, 4}, 5)));
    InProcess r = train(data);
    assertEquals(2, r.exit(), r.err());
    assertEquals(plain + " and " + gz + " are both there and differ (decompressed, from byte 17"
        + " on): an MNIST folder holds each file once, plain or .gz; remove or move the one that"
        + " is not the data", r.message());
  }

  @Test
  void train_folderWithAPlainAndAGzippedCopyOfTheSameData_runs() throws Exception {
    Path data = folder(dir.resolve("same"));
    Files.write(data.resolve("train-images-idx3-ubyte.gz"),
        gzip(Files.readAllBytes(data.resolve("train-images-idx3-ubyte"))));
    InProcess r = train(data);
    assertEquals(0, r.exit(), r.err());
  }
}
