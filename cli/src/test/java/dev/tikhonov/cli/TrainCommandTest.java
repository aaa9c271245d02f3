package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The train command on user files, bad flags and --help, in-process ({@link InProcess}): the
 * assertions are on the files and lines a run writes and its exit code, which
 * {@link Main#commandLine()} gives as the jar does. {@link TrainCliIT} keeps the jar's run on
 * the bundled digits.
 */
class TrainCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  /** The non-blank lines of stderr, as a terminal shows them. */
  private static long errorLines(InProcess r) {
    return r.err().lines().filter(l -> !l.isBlank()).count();
  }

  @Test
  void train_sameSeedSameThreads_identicalMetrics() throws Exception {
    String[] args = {"train", "--model", "mlp:16", "--epochs", "1", "--dropout", "0.2",
        "--threads", "2", "--quiet", "--json", "--out"};
    InProcess a = InProcess.run(concat(args, dir.resolve("a").toString()));
    InProcess b = InProcess.run(concat(args, dir.resolve("b").toString()));
    assertEquals(0, a.exit(), a.err());
    JsonNode ma = JSON.readTree(a.out());
    JsonNode mb = JSON.readTree(b.out());
    assertEquals(ma.get("test_loss").asDouble(), mb.get("test_loss").asDouble(), 0);
    assertEquals(ma.get("train_loss").asDouble(), mb.get("train_loss").asDouble(), 0);
  }

  private static String[] concat(String[] a, String last) {
    String[] out = java.util.Arrays.copyOf(a, a.length + 1);
    out[a.length] = last;
    return out;
  }

  @Test
  void train_negativeLambda_oneLineErrorNamingTheFlag() throws Exception {
    InProcess r = InProcess.run("train", "--lambda", "-1", "--quiet");
    assertEquals(2, r.exit());
    assertEquals(1, errorLines(r), r.err());
    assertTrue(r.err().contains("--lambda"), r.err());
  }

  @Test
  void train_unknownFlag_isRejected() throws Exception {
    InProcess r = InProcess.run("train", "--lamda", "0.1");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("--lamda"), r.err());
  }

  @Test
  void train_csvWithTextInNumericColumn_namesFileLineAndColumn() throws Exception {
    Path csv = dir.resolve("bad.csv");
    Files.writeString(csv, "a,b,y\n1,2,3\n4,oops,5\n6,7,8\n");
    InProcess r = InProcess.run("train", "--data", csv.toString(), "--target", "y", "--model",
        "linear", "--quiet");
    assertEquals(2, r.exit(), r.err());
    assertEquals(1, errorLines(r), r.err());
    assertTrue(r.err().contains("bad.csv:3"), r.err());
    assertTrue(r.err().contains("oops"), r.err());
  }

  @Test
  void train_csvWithNaN_isRejectedWithItsPosition() throws Exception {
    Path csv = dir.resolve("nan.csv");
    Files.writeString(csv, "a,y\n1,3\nNaN,5\n6,8\n2,2\n");
    InProcess r = InProcess.run("train", "--data", csv.toString(), "--target", "y", "--model",
        "linear", "--quiet");
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("nan.csv:3"), r.err());
  }

  @Test
  void train_csvRegression_learnsALinearTarget() throws Exception {
    Path csv = dir.resolve("line.csv");
    StringBuilder sb = new StringBuilder("x1,x2,target\n");
    java.util.Random rnd = new java.util.Random(1);
    for (int i = 0; i < 300; i++) {
      double x1 = rnd.nextGaussian();
      double x2 = rnd.nextGaussian();
      sb.append(x1).append(',').append(x2).append(',').append(2 * x1 - x2 + 1).append('\n');
    }
    Files.writeString(csv, sb);
    InProcess r = InProcess.run("train", "--data", csv.toString(), "--target", "target",
        "--model", "linear", "--optimizer", "sgd", "--lr", "0.1", "--epochs", "30",
        "--batch-size", "32", "--quiet", "--json", "--out", dir.resolve("lin").toString());
    assertEquals(0, r.exit(), r.err());
    JsonNode m = JSON.readTree(r.out());
    assertTrue(m.get("test_loss").asDouble() < 1e-3, m.toString());
    assertFalse(m.has("test_accuracy"), m.toString());
    assertTrue(m.get("test_mse").asDouble() < 2e-3, m.toString());
  }

  @Test
  void train_truncatedIdx_namesTheFile() throws Exception {
    Path idx = dir.resolve("idx");
    Files.createDirectories(idx);
    Path bundled = Path.of("..", "core", "src", "main", "resources", "dev", "tikhonov", "data",
        "mnist-10k");
    for (String f : new String[] {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
        "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"}) {
      Files.copy(bundled.resolve(f), idx.resolve(f));
    }
    byte[] raw;
    try (var in = new GZIPInputStream(Files.newInputStream(idx.resolve(
        "t10k-images-idx3-ubyte.gz")))) {
      raw = in.readAllBytes();
    }
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(idx.resolve(
        "t10k-images-idx3-ubyte.gz")))) {
      out.write(raw, 0, raw.length / 2);
    }
    InProcess r = InProcess.run("train", "--data", idx.toString(), "--quiet");
    assertEquals(2, r.exit(), r.err());
    assertEquals(1, errorLines(r), r.err());
    assertTrue(r.err().contains("t10k-images-idx3-ubyte.gz"), r.err());
    assertTrue(r.err().toLowerCase().contains("truncated"), r.err());
  }

  @Test
  void help_explainsEveryFlagWithItsDefault() {
    InProcess r = InProcess.run("train", "--help");
    assertEquals(0, r.exit());
    for (String flag : new String[] {"--data", "--model", "--lambda", "--l1-ratio",
        "--weight-decay", "--dropout", "--optimizer", "--lr", "--epochs", "--batch-size",
        "--seed", "--threads", "--out"}) {
      assertTrue(r.out().contains(flag), flag);
    }
    assertTrue(r.out().contains("Default: mlp:256,128"), r.out());
    assertTrue(r.out().contains("weight_decay"), "conversion to PyTorch");
  }
}
