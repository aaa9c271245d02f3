package dev.tikhonov.cli;

import static dev.tikhonov.cli.IdxFiles.idx;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluate} and {@code predict} on an MNIST-style folder use its test files only, and
 * read only those: they read the training files too (the full MNIST's 47 MB of images), so a
 * folder of the t10k files alone was refused with {@code train-images-idx3-ubyte.gz: file not
 * found}, and one whose training labels were cut short with {@code 19 labels but … holds 20
 * images}, of files they never use.
 */
class MnistTestFilesOnlyTest {
  @TempDir Path dir;

  private static void write(Path folder, int train, int trainLabels, int test) throws IOException {
    Files.createDirectories(folder);
    if (train > 0) {
      Files.write(folder.resolve("train-images-idx3-ubyte"), idx(new int[] {train, 4, 4}, 0));
      Files.write(folder.resolve("train-labels-idx1-ubyte"), idx(new int[] {trainLabels}, 0));
    }
    Files.write(folder.resolve("t10k-images-idx3-ubyte"), idx(new int[] {test, 4, 4}, 1));
    Files.write(folder.resolve("t10k-labels-idx1-ubyte"), idx(new int[] {test}, 1));
  }

  @Test
  void evaluateAndPredict_onAFolderOfTestFilesOnly_orWithDamagedTrainingFiles_run()
      throws Exception {
    write(dir.resolve("full"), 30, 30, 12);
    Path model = dir.resolve("m.model");
    InProcess train = InProcess.run("train", "--data", dir.resolve("full").toString(),
        "--model", "logistic", "--epochs", "1", "--threads", "1", "--quiet", "--out",
        dir.resolve("run").toString(), "--save", model.toString());
    assertEquals(0, train.exit(), train.err());
    write(dir.resolve("test-only"), 0, 0, 12);
    write(dir.resolve("damaged-train"), 30, 29, 12);
    for (String folder : new String[] {"test-only", "damaged-train"}) {
      String data = dir.resolve(folder).toString();
      InProcess evaluate = InProcess.run("evaluate", "--model", model.toString(), "--data", data,
          "--threads", "1");
      assertEquals(0, evaluate.exit(), folder + ": " + evaluate.err());
      InProcess predict = InProcess.run("predict", "--model", model.toString(), "--data", data,
          "--threads", "1", "--out", dir.resolve(folder + ".csv").toString());
      assertEquals(0, predict.exit(), folder + ": " + predict.err());
      assertEquals(1 + 12, Files.readAllLines(dir.resolve(folder + ".csv")).size(),
          "a header and one line per test image");
    }
  }
}
