package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The train command end to end, in a separate JVM, on the bundled digits: the shaded jar's
 * start-up with its bundled data. The rest of train's commands run in-process
 * ({@link TrainCommandTest}).
 */
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
}
