package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file flag's value that ends in "/" names a directory: Java's Path drops the slash, so
 * {@code --save nothere/} wrote a file named {@code nothere}. Every flag that names one output
 * file refuses it before any work, with an example path inside that directory.
 */
class TrailingSlashTest {
  @TempDir Path dir;

  private static final String DIABETES = Path.of("..", "data", "diabetes.csv").toString();
  private static final String Y = "progression";

  private void assertRefused(List<String> args, String flag, String example) {
    Path meant = dir.resolve("nothere");
    List<String> all = new ArrayList<>();
    for (String a : args) {
      all.add(a.equals("SLASHED") ? meant + "/" : a);
    }
    InProcess r = InProcess.run(all);
    assertEquals(2, r.exit(), all + ": " + r.err());
    assertEquals("tikhonov: error: Invalid value for option '" + flag + "': \"" + meant
        + "/\" ends in \"/\", which names a directory; give the file's path, e.g. "
        + meant.resolve(example), r.err().lines().findFirst().orElse(""), all.toString());
    assertFalse(Files.exists(meant), all + " made " + meant);
    assertFalse(Files.exists(dir.resolve("run")), all + " started a run");
  }

  @Test
  void everyOutputFileFlag_endingInASlash_isRefusedBeforeAnyWork() {
    String run = dir.resolve("run").toString();
    assertRefused(List.of("train", "--data", DIABETES, "--target", Y, "--model", "linear",
        "--out", run, "--save", "SLASHED", "--quiet"), "--save", "model.safetensors");
    assertRefused(List.of("path", "--data", DIABETES, "--target", Y, "--out", run, "--save",
        "SLASHED", "--quiet"), "--save", "model.safetensors");
    assertRefused(List.of("select", "--data", DIABETES, "--target", Y, "--out", run,
        "--save", "SLASHED", "--quiet"), "--save", "model.safetensors");
    assertRefused(List.of("grid", "--data", DIABETES, "--target", Y, "--out", run, "--save",
        "SLASHED", "--quiet"), "--save", "model.safetensors");
    assertRefused(List.of("predict", "--model", "m.safetensors", "--data", DIABETES, "--out",
        "SLASHED"), "--out", "predictions.csv");
    assertRefused(List.of("export", "--model", "m.safetensors", "--out", "SLASHED"), "--out",
        "model.onnx");
    assertRefused(List.of("evaluate", "--model", "m.safetensors", "--data", DIABETES,
        "--target", Y, "--roc", "SLASHED"), "--roc", "roc.csv");
  }

  /** Without the slash the same name is a file, and standard output stays "-". */
  @Test
  void theSameNameWithoutASlash_isAFile() throws Exception {
    Path model = dir.resolve("model");
    InProcess train = InProcess.run("train", "--data", DIABETES, "--target", Y, "--model",
        "linear", "--standardize", "--epochs", "1", "--out",
        dir.resolve("run").toString(), "--save", model.toString(), "--quiet");
    assertEquals(0, train.exit(), train.err());
    assertTrue(Files.isRegularFile(model));
    InProcess predict = InProcess.run("predict", "--model", model.toString(), "--data",
        DIABETES, "--out", "-");
    assertEquals(0, predict.exit(), predict.err());
    assertTrue(predict.out().startsWith("prediction"), predict.out());
  }
}
