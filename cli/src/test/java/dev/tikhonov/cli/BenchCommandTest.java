package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tikhonov.data.Json;
import dev.tikhonov.data.TrainTest;
import dev.tikhonov.tensor.Rng;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {
  @TempDir Path tmp;

  @Test
  void mlpWorkload_onSmallSyntheticData_timesEveryEpochAndLearns() {
    TrainTest data = MlpBench.synthetic(1_000, 300, 784, 10, 3);
    MlpBench.Result r = MlpBench.run(data, 3, 0, 0, new dev.tikhonov.train.TrainingListener() {});
    assertEquals(3, r.epochSeconds().length);
    assertTrue(r.epochSecondsMedian() > 0, "median of epochs 2..3");
    assertEquals(1_000 / r.epochSecondsMedian(), r.samplesPerSecond(), 1e-9);
    assertTrue(r.testAccuracy() > 0.5, "accuracy " + r.testAccuracy() + " on separable classes");
    assertTrue(MlpBench.peakRssBytes() > 0, "VmHWM is read from /proc");
  }

  @Test
  void benchPath_onAProblemInThePeersFormat_writesSecondsPerWorkload() throws IOException {
    int n = 300;
    int p = 12;
    Rng rng = new Rng(9);
    ByteBuffer x = ByteBuffer.allocate(8 * n * p).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer y = ByteBuffer.allocate(8 * n).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer folds = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      double signal = 0;
      for (int j = 0; j < p; j++) {
        double v = rng.nextGaussian();
        x.putDouble(v);
        signal += j < 3 ? v : 0;
      }
      y.putDouble(signal + rng.nextGaussian());
      folds.putInt(i % 10 + 1);
    }
    Path data = Files.createDirectories(tmp.resolve("synth"));
    Files.write(data.resolve("X.f64"), x.array());
    Files.write(data.resolve("y.f64"), y.array());
    Files.write(data.resolve("foldid.i32"), folds.array());
    Path out = tmp.resolve("out");

    StringWriter sink = new StringWriter();
    var cl = Main.commandLine();
    cl.setOut(new PrintWriter(sink));
    int code = cl.execute("bench", "path", "--data", data.toString(), "--threads", "1",
        "--out", out.toString());

    assertEquals(0, code);
    JsonNode json = Json.MAPPER.readTree(out.resolve("bench.json").toFile());
    for (String w : new String[] {"lasso_path", "enet_path", "lasso_cv10", "lasso_cv10_rows",
        "ridge_gcv", "ridge_gcv_svd"}) {
      assertTrue(json.path(w).path("seconds").asDouble(-1) >= 0, w + " has seconds");
    }
    assertEquals(100, json.path("lasso_path").path("n_lambda").asInt());
    assertEquals(10, json.path("lasso_cv10").path("folds").asInt());
    // The side-by-side pairs do the same work: the same λ_min and GCV choice.
    assertEquals(json.path("lasso_cv10_rows").path("index_min").asInt(),
        json.path("lasso_cv10").path("index_min").asInt());
    assertEquals(json.path("lasso_cv10_rows").path("cv_mean_at_min").asDouble(),
        json.path("lasso_cv10").path("cv_mean_at_min").asDouble(),
        1e-10 * json.path("lasso_cv10").path("cv_mean_at_min").asDouble());
    assertEquals(json.path("ridge_gcv_svd").path("lambda_gcv").asDouble(),
        json.path("ridge_gcv").path("lambda_gcv").asDouble());
    assertEquals(p, json.path("p").asInt());
  }

  @Test
  void benchPath_withATruncatedDesign_failsNamingTheFile() throws IOException {
    Path data = Files.createDirectories(tmp.resolve("bad"));
    Files.write(data.resolve("y.f64"), new byte[8 * 10]);
    Files.write(data.resolve("X.f64"), new byte[8 * 25]); // 25 values for 10 rows
    Files.write(data.resolve("foldid.i32"), new byte[4 * 10]);
    StringWriter err = new StringWriter();
    var cl = Main.commandLine();
    cl.setErr(new PrintWriter(err));
    int code = cl.execute("bench", "path", "--data", data.toString());
    assertEquals(2, code);
    assertTrue(err.toString().contains("X.f64"), err.toString());
  }
}
