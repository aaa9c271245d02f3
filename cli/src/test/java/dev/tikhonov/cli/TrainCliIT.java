package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The train command end to end, in a separate JVM, on the bundled digits and on user files. */
class TrainCliIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void train_onBundledMnist_writesHistoryMetricsAndWeights() throws Exception {
    Cli.Result r = Cli.run(dir, "train", "--model", "mlp:32", "--epochs", "2", "--lambda",
        "1e-4", "--threads", "1", "--out", "run", "--quiet");
    assertEquals(0, r.exitCode(), r.stderr());
    Path run = dir.resolve("run");
    for (String f : new String[] {"history.csv", "history.json", "metrics.json", "weights.json",
        "run.json"}) {
      assertTrue(Files.exists(run.resolve(f)), f);
    }
    JsonNode m = JSON.readTree(run.resolve("metrics.json").toFile());
    assertTrue(m.get("test_accuracy").asDouble() > 0.8, m.toString());
    assertEquals(2, m.get("epochs").asInt());
    for (String k : new String[] {"test_loss", "train_loss", "penalty", "seconds"}) {
      assertTrue(m.get(k).isNumber(), k);
    }
    assertEquals(3, Files.readAllLines(run.resolve("history.csv")).size());
    assertTrue(r.stdout().contains("test accuracy"), r.stdout());
  }

  @Test
  void train_sameSeedSameThreads_identicalMetrics() throws Exception {
    String[] args = {"train", "--model", "mlp:16", "--epochs", "1", "--dropout", "0.2",
        "--threads", "2", "--quiet", "--json", "--out"};
    Cli.Result a = Cli.run(dir, concat(args, "a"));
    Cli.Result b = Cli.run(dir, concat(args, "b"));
    assertEquals(0, a.exitCode(), a.stderr());
    JsonNode ma = JSON.readTree(a.stdout());
    JsonNode mb = JSON.readTree(b.stdout());
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
    Cli.Result r = Cli.run(dir, "train", "--lambda", "-1", "--quiet");
    assertEquals(2, r.exitCode());
    assertEquals(1, r.errorLines().size(), r.stderr());
    assertTrue(r.stderr().contains("--lambda"), r.stderr());
  }

  @Test
  void train_unknownFlag_isRejected() throws Exception {
    Cli.Result r = Cli.run(dir, "train", "--lamda", "0.1");
    assertEquals(2, r.exitCode());
    assertTrue(r.stderr().contains("--lamda"), r.stderr());
  }

  @Test
  void train_csvWithTextInNumericColumn_namesFileLineAndColumn() throws Exception {
    Path csv = dir.resolve("bad.csv");
    Files.writeString(csv, "a,b,y\n1,2,3\n4,oops,5\n6,7,8\n");
    Cli.Result r = Cli.run(dir, "train", "--data", csv.toString(), "--target", "y", "--model",
        "linear", "--quiet");
    assertEquals(2, r.exitCode(), r.stderr());
    assertEquals(1, r.errorLines().size(), r.stderr());
    assertTrue(r.stderr().contains("bad.csv:3"), r.stderr());
    assertTrue(r.stderr().contains("oops"), r.stderr());
  }

  @Test
  void train_csvWithNaN_isRejectedWithItsPosition() throws Exception {
    Path csv = dir.resolve("nan.csv");
    Files.writeString(csv, "a,y\n1,3\nNaN,5\n6,8\n2,2\n");
    Cli.Result r = Cli.run(dir, "train", "--data", csv.toString(), "--target", "y", "--model",
        "linear", "--quiet");
    assertEquals(2, r.exitCode(), r.stderr());
    assertTrue(r.stderr().contains("nan.csv:3"), r.stderr());
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
    Cli.Result r = Cli.run(dir, "train", "--data", csv.toString(), "--target", "target",
        "--model", "linear", "--optimizer", "sgd", "--lr", "0.1", "--epochs", "30",
        "--batch-size", "32", "--quiet", "--json", "--out", "lin");
    assertEquals(0, r.exitCode(), r.stderr());
    JsonNode m = JSON.readTree(r.stdout());
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
    Cli.Result r = Cli.run(dir, "train", "--data", idx.toString(), "--quiet");
    assertEquals(2, r.exitCode(), r.stderr());
    assertEquals(1, r.errorLines().size(), r.stderr());
    assertTrue(r.stderr().contains("t10k-images-idx3-ubyte.gz"), r.stderr());
    assertTrue(r.stderr().toLowerCase().contains("truncated"), r.stderr());
  }

  @Test
  void help_explainsEveryFlagWithItsDefault() throws IOException, InterruptedException {
    Cli.Result r = Cli.run(dir, "train", "--help");
    assertEquals(0, r.exitCode());
    for (String flag : new String[] {"--data", "--model", "--lambda", "--l1-ratio",
        "--weight-decay", "--dropout", "--optimizer", "--lr", "--epochs", "--batch-size",
        "--seed", "--threads", "--out"}) {
      assertTrue(r.stdout().contains(flag), flag);
    }
    assertTrue(r.stdout().contains("Default: mlp:256,128"), r.stdout());
    assertTrue(r.stdout().contains("weight_decay"), "conversion to PyTorch");
  }
}
