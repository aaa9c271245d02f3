package dev.tikhonov.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tikhonov.cli.Main;
import dev.tikhonov.internal.data.Json;
import dev.tikhonov.tensor.Rng;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scaling sweep's collector (bench/scaling.py) and charts ({@code bench chart}) on a tiny
 * sweep generated here the way compare.sh lays it out: real {@code bench path}, {@code bench
 * mlp} and {@code bench gemm} runs at toy sizes, next to peer files in the peers' formats (a
 * glmnet_scaling.R JSON line, a torch_scaling.py JSON line, GNU time -v reports). No timing is
 * asserted, only that every number lands in its place.
 */
class ScalingSweepTest {
  @TempDir Path tmp;

  private static final Path PYTHON = Path.of("/usr/bin/python3");

  @Test
  void collectorAndCharts_onATinySweep_placeEveryMeasureAndDrawEveryChart() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(PYTHON), "bench/scaling.py needs /usr/bin/python3");
    Path sweep = Files.createDirectories(tmp.resolve("run").resolve("scaling"));
    // linear: an n sweep at p = 100 and a p sweep at n = 10,000, as compare.sh names them
    int[][] sizes = {{600, 100}, {300, 100}, {10_000, 3}, {10_000, 6}};
    for (int[] size : sizes) {
      String name = "linear-n" + size[0] + "-p" + size[1];
      Path data = writeProblem(tmp.resolve("data-" + name), size[0], size[1]);
      assertEquals(0, run("bench", "path", "--data", data.toString(), "--threads", "1",
          "--only", "lasso_path,lasso_cv10", "--out", sweep.resolve("tikhonov-" + name).toString()));
      Files.writeString(sweep.resolve("tikhonov-" + name + ".time.txt"),
          gnuTime(1000 + size[0] / 100, "0:02.50", 1.25, 0.25));
    }
    // glmnet ran on all but the largest n (as if it had not fit in memory)
    for (int[] size : new int[][] {{300, 100}, {10_000, 3}, {10_000, 6}}) {
      String name = "linear-n" + size[0] + "-p" + size[1];
      Files.writeString(sweep.resolve("glmnet-" + name + ".json"), "{\"bench\":\"glmnet_scaling\","
          + "\"n\":" + size[0] + ",\"p\":" + size[1] + ",\"type_gaussian\":\"covariance\","
          + "\"tasks\":{\"lasso_path\":{\"seconds\":0.5,\"cpu_seconds\":0.25,\"n_lambda\":100},"
          + "\"lasso_cv10\":{\"seconds\":4,\"cpu_seconds\":2,\"lambda_min\":0.01}}}\n");
      Files.writeString(sweep.resolve("glmnet-" + name + ".time.txt"),
          gnuTime(2000, "1:01.50", 3, 1));
    }
    // MLP: one batch size on each side and the sweep's one-thread SGEMM
    assertEquals(0, run("bench", "mlp", "--synthetic", "--epochs", "2", "--threads", "1",
        "--batch-size", "1024", "--hidden", "8,4", "--out",
        sweep.resolve("tikhonov-batch-1024").toString()));
    Files.writeString(sweep.resolve("torch-batch-1024.json"), "{\"bench\": \"torch_scaling\", "
        + "\"epoch_seconds_median\": 0.5, \"epoch_cpu_seconds_median\": 0.4, "
        + "\"test_accuracy\": 0.5, \"peak_rss_bytes\": 400000000}\n");
    assertEquals(0, run("bench", "gemm", "--threads", "1", "--sizes", "1024", "--seconds", "0.05",
        "--out", sweep.resolve("tikhonov-gemm").toString()));

    Process python = new ProcessBuilder(PYTHON.toString(), Path.of("scaling.py").toString(),
        tmp.resolve("run").toString()).redirectErrorStream(true).start();
    String table = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(python.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, python.exitValue(), table);

    JsonNode json = Json.MAPPER.readTree(sweep.resolve("scaling.json").toFile());
    JsonNode byN = json.path("linear_n");
    assertEquals(2, byN.size());
    assertEquals(300, byN.get(0).path("n").asInt(), "sorted by n");
    assertEquals(600, byN.get(1).path("n").asInt());
    assertEquals(8L * 300 * 100, byN.get(0).path("data_bytes").asLong());
    assertEquals("covariance", byN.get(0).path("tikhonov_route").asText());
    JsonNode tk = Json.MAPPER.readTree(
        sweep.resolve("tikhonov-linear-n300-p100").resolve("bench.json").toFile());
    assertEquals(tk.path("lasso_path").path("thread_cpu_seconds").asDouble(),
        byN.get(0).path("tikhonov_path_cpu_s").asDouble());
    assertEquals(tk.path("lasso_cv10").path("seconds").asDouble(),
        byN.get(0).path("tikhonov_cv_s").asDouble());
    assertEquals(tk.path("lasso_cv10").path("lambda_min").asDouble(),
        byN.get(0).path("tikhonov_lambda_min").asDouble());
    assertEquals(1003L * 1024, byN.get(0).path("tikhonov_peak_rss_bytes").asLong(), "GNU time kB");
    assertEquals(2.5, byN.get(0).path("tikhonov_process_wall_s").asDouble(), 1e-12, "m:ss.cc");
    assertEquals(1.5, byN.get(0).path("tikhonov_process_cpu_s").asDouble(), 1e-12, "user + sys");
    assertEquals(0.25, byN.get(0).path("glmnet_path_cpu_s").asDouble());
    assertEquals(61.5, byN.get(0).path("glmnet_process_wall_s").asDouble(), 1e-12, "m:ss.cc");
    assertTrue(byN.get(1).path("glmnet_path_cpu_s").isNull(), "no glmnet run at n = 600");
    JsonNode byP = json.path("linear_p");
    assertEquals(2, byP.size());
    assertArrayEquals(new int[] {3, 6},
        new int[] {byP.get(0).path("p").asInt(), byP.get(1).path("p").asInt()});
    assertTrue(table.contains("| 300 |") && table.contains("| 6 |"), table);

    JsonNode batch = json.path("batch");
    assertEquals(1, batch.size());
    assertEquals(0.4, batch.get(0).path("torch_epoch_cpu_s").asDouble());
    assertTrue(batch.get(0).path("tikhonov_epoch_cpu_s").asDouble() > 0, "process CPU per epoch");
    assertTrue(json.path("gemm_cpu_gflops").asDouble() > 0, "one-thread SGEMM by CPU time");
    assertEquals(batch.get(0).path("flops_per_epoch").asDouble()
            / (json.path("gemm_cpu_gflops").asDouble() * 1e9),
        batch.get(0).path("model_epoch_cpu_s").asDouble(), 1e-9);

    Path charts = tmp.resolve("charts");
    assertEquals(0, run("bench", "chart", "--in", sweep.resolve("scaling.json").toString(),
        "--out", charts.toString()));
    for (String name : List.of("scaling-batch", "scaling-linear-n", "scaling-linear-p",
        "scaling-linear-rss")) {
      String svg = Files.readString(charts.resolve(name + ".svg"));
      assertTrue(svg.contains("<svg") && svg.trim().endsWith("</svg>"), name + ".svg");
      assertTrue(Files.size(charts.resolve(name + ".png")) > 1000, name + ".png");
    }
  }

  @Test
  void chart_withNothingToDraw_isBadInputNamingTheFile() throws IOException {
    Path in = tmp.resolve("empty.json");
    Files.writeString(in, "{\"gemm_gflops\": 100, \"batch\": [], \"linear_n\": []}");
    StringWriter err = new StringWriter();
    var cl = Main.commandLine();
    cl.setErr(new PrintWriter(err));
    cl.setOut(new PrintWriter(new StringWriter()));
    assertEquals(2, cl.execute("bench", "chart", "--in", in.toString(), "--out",
        tmp.resolve("c").toString()));
    assertTrue(err.toString().contains("empty.json"), err.toString());
    assertTrue(err.toString().contains("linear_n"), err.toString());
  }

  @Test
  void powerLaw_passesThroughItsAnchorWithTheGivenExponent() {
    double[] y = BenchCommand.Chart.powerLaw(new double[] {100, 200, 400}, 400, 8.0, 2);
    assertArrayEquals(new double[] {0.5, 2.0, 8.0}, y, 1e-12);
    assertArrayEquals(new double[] {3, 6}, BenchCommand.Chart.powerLaw(new double[] {1, 2}, 2,
        6, 1), 1e-12);
  }

  private static int run(String... args) {
    var cl = Main.commandLine();
    cl.setOut(new PrintWriter(new StringWriter()));
    return cl.execute(args);
  }

  /** The lines of a GNU {@code /usr/bin/time -v} report that the collector reads. */
  private static String gnuTime(long maxRssKb, String wall, double user, double system) {
    return String.join("\n",
        "\tCommand being timed: \"tikhonov bench path\"",
        "\tUser time (seconds): " + user,
        "\tSystem time (seconds): " + system,
        "\tPercent of CPU this job got: 60%",
        "\tElapsed (wall clock) time (h:mm:ss or m:ss): " + wall,
        "\tMaximum resident set size (kbytes): " + maxRssKb,
        "\tExit status: 0", "");
  }

  /** y = x₁ + x₂ − x₃ + noise, fold ids 1..10, in the peers' binary layout. */
  private static Path writeProblem(Path dir, int n, int p) throws IOException {
    Rng rng = new Rng(n + 31L * p);
    ByteBuffer x = ByteBuffer.allocate(8 * n * p).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer y = ByteBuffer.allocate(8 * n).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer folds = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      double signal = 0;
      for (int j = 0; j < p; j++) {
        double v = rng.nextGaussian();
        x.putDouble(v);
        signal += j < 2 ? v : j == 2 ? -v : 0;
      }
      y.putDouble(signal + rng.nextGaussian());
      folds.putInt(i % 10 + 1);
    }
    Files.createDirectories(dir);
    Files.write(dir.resolve("X.f64"), x.array());
    Files.write(dir.resolve("y.f64"), y.array());
    Files.write(dir.resolve("foldid.i32"), folds.array());
    return dir;
  }
}
