package dev.tikhonov.cli;

import dev.tikhonov.data.Json;
import dev.tikhonov.tensor.Blas;
import dev.tikhonov.tensor.Matrix;
import dev.tikhonov.tensor.Rng;
import dev.tikhonov.tensor.Transpose;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tikhonov bench}: end-to-end timings that print a table and write bench.json. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure speed on this machine; prints a table and writes DIR/bench.json.",
    subcommands = {BenchCommand.Gemm.class})
public final class BenchCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }

  /** SGEMM C = A·B for square n×n float32 matrices: GFLOP/s = 2n³ / median seconds. */
  @Command(name = "gemm", mixinStandardHelpOptions = true,
      description = "SGEMM GFLOP/s (2n³ flops per product, median over repeats) through the "
          + "project's BLAS facade, on direct buffers as the trainer uses them.")
  static final class Gemm implements Callable<Integer> {
    @Option(names = "--sizes", split = ",", paramLabel = "N1,N2,...",
        description = "Matrix sizes. Default: 512,1024,2048.")
    List<Integer> sizes = List.of(512, 1024, 2048);

    @Option(names = "--threads", paramLabel = "T",
        description = "OpenBLAS threads. Default: ${DEFAULT-VALUE}.")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--seconds", paramLabel = "S",
        description = "Minimum time per size. Default: ${DEFAULT-VALUE}.")
    double seconds = 1.5;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write bench.json.")
    Path out;

    @Override
    public Integer call() {
      Blas.setThreads(threads);
      System.out.printf("SGEMM through %s, %d threads%n", Blas.describe(), threads);
      System.out.printf("%8s %12s %12s%n", "n", "median s", "GFLOP/s");
      List<Map<String, Object>> rows = new ArrayList<>();
      Rng rng = new Rng(1);
      for (int n : sizes) {
        Matrix a = Matrix.zeros(n, n);
        Matrix b = Matrix.zeros(n, n);
        Matrix c = Matrix.zeros(n, n);
        for (int i = 0; i < a.size(); i++) {
          a.put(i, rng.nextFloat());
          b.put(i, rng.nextFloat());
        }
        for (int w = 0; w < 3; w++) {
          Blas.gemm(Transpose.NO, Transpose.NO, 1f, a, b, 0f, c);
        }
        List<Double> times = new ArrayList<>();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (times.size() < 5 || System.nanoTime() < deadline) {
          long t = System.nanoTime();
          Blas.gemm(Transpose.NO, Transpose.NO, 1f, a, b, 0f, c);
          times.add((System.nanoTime() - t) / 1e9);
        }
        double[] sorted = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = sorted[sorted.length / 2];
        double gflops = 2.0 * n * n * n / median / 1e9;
        System.out.printf("%8d %12.5f %12.1f%n", n, median, gflops);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("n", n);
        row.put("median_seconds", median);
        row.put("gflops", gflops);
        row.put("repeats", sorted.length);
        rows.add(row);
      }
      if (out != null) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("bench", "gemm");
        result.put("blas", Blas.describe());
        result.put("threads", threads);
        result.put("rows", rows);
        Json.write(out.resolve("bench.json"), result);
        System.out.println("wrote " + out.resolve("bench.json"));
      }
      return 0;
    }
  }
}
