package dev.tikhonov.bench;

import dev.tikhonov.cli.CommandExtension;
import dev.tikhonov.internal.data.Json;
import dev.tikhonov.tensor.Blas;
import dev.tikhonov.tensor.Matrix;
import dev.tikhonov.tensor.Rng;
import dev.tikhonov.tensor.Transpose;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tikhonov bench}: end-to-end timings that print a table and write bench.json. It lives
 * in the bench module and joins the {@code tikhonov} command line as a {@link CommandExtension}
 * when the bench jar is on the class path (the launcher puts it there).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure speed on this machine; prints a table and writes DIR/bench.json.",
    subcommands = {BenchCommand.Gemm.class, BenchCommand.Mlp.class, BenchCommand.Path.class,
        BenchCommand.Chart.class, SparseBenchCommand.class})
public final class BenchCommand implements Runnable, CommandExtension {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  /**
   * Refuses {@code flag} when it was typed (even with its default value) where it has no
   * effect, as the other commands do (docs/bad-input.md, "Flags that would have no effect"):
   * "FLAG applies only WHEN; it has no effect HERE".
   */
  static void requireApplies(picocli.CommandLine.Model.CommandSpec spec, String flag,
      boolean applies, String when, String here) {
    if (!applies && spec.commandLine().getParseResult().hasMatchedOption(flag)) {
      throw new IllegalArgumentException(flag + " applies only " + when + "; it has no effect "
          + here);
    }
  }

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
    java.nio.file.Path out;

    @Override
    public Integer call() {
      if (threads < 1) {
        throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
      }
      if (!(seconds >= 0) || Double.isInfinite(seconds)) {
        throw new IllegalArgumentException("--seconds must be a finite number >= 0, got "
            + seconds);
      }
      for (int n : sizes) {
        // three n×n float32 matrices, each in one direct buffer of at most 2 GiB
        if (n < 1 || 4L * n * n > Integer.MAX_VALUE) {
          throw new IllegalArgumentException("--sizes: every size must be from 1 to 23170 (an "
              + "n×n float32 matrix in one 2 GiB buffer), got " + n);
        }
      }
      requireOutput(out);
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
        List<Double> cpuTimes = new ArrayList<>();
        java.lang.management.ThreadMXBean cpu =
            java.lang.management.ManagementFactory.getThreadMXBean();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (times.size() < 5 || System.nanoTime() < deadline) {
          long c0 = cpu.getCurrentThreadCpuTime();
          long t = System.nanoTime();
          Blas.gemm(Transpose.NO, Transpose.NO, 1f, a, b, 0f, c);
          times.add((System.nanoTime() - t) / 1e9);
          cpuTimes.add((cpu.getCurrentThreadCpuTime() - c0) / 1e9);
        }
        double[] sorted = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = sorted[sorted.length / 2];
        double gflops = 2.0 * n * n * n / median / 1e9;
        double cpuMedian = cpuTimes.stream().mapToDouble(Double::doubleValue).sorted()
            .toArray()[sorted.length / 2];
        System.out.printf("%8d %12.5f %12.1f%n", n, median, gflops);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("n", n);
        row.put("median_seconds", median);
        row.put("gflops", gflops);
        if (threads == 1) {
          // one thread: OpenBLAS computes on the calling thread, so its CPU time is the work
          // alone, and this rate holds on a loaded machine where the wall-time rate does not
          row.put("thread_cpu_median_seconds", cpuMedian);
          row.put("thread_cpu_gflops", 2.0 * n * n * n / cpuMedian / 1e9);
        }
        row.put("repeats", sorted.length);
        rows.add(row);
      }
      if (out != null) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("bench", "gemm");
        result.put("blas", Blas.describe());
        result.put("threads", threads);
        result.put("rows", rows);
        write(out, result);
      }
      return 0;
    }
  }

  /**
   * MLP training throughput (issue 5): 784-256-128-10 on Fashion-MNIST as the PyTorch peer
   * trains it. samples/s = training rows / median epoch seconds (epochs after the first).
   */
  @Command(name = "mlp", mixinStandardHelpOptions = true,
      description = "Train 784-256-128-10 (ReLU, softmax CE, SGD lr 0.05 momentum 0.9, batch "
          + "128, L2 λ on weights) on Fashion-MNIST and time each epoch's training loop.")
  static final class Mlp implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "DIR",
        description = "Folder with the four (gzipped or not) IDX files. Default: "
            + "/usr/share/datasets/fashion-mnist, else synthetic data of the same shape.")
    java.nio.file.Path data;

    @Option(names = "--epochs", paramLabel = "N", description = "Default: ${DEFAULT-VALUE}.")
    int epochs = 10;

    @Option(names = "--threads", paramLabel = "T",
        description = "Threads for the BLAS and the trainer. Default: ${DEFAULT-VALUE}.")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--lambda", paramLabel = "λ",
        description = "L2 strength on the weights, (λ/2)‖W‖² (PyTorch weight_decay=λ). "
            + "Default: ${DEFAULT-VALUE}.")
    double lambda = 0;

    @Option(names = "--seed", description = "Default: ${DEFAULT-VALUE}.")
    long seed = 0;

    @Option(names = "--batch-size", paramLabel = "B",
        description = "Rows per mini-batch. Default: ${DEFAULT-VALUE}.")
    int batchSize = 128;

    @Option(names = "--hidden", split = ",", paramLabel = "W1,W2,...",
        description = "Hidden widths. Default: 256,128.")
    int[] hidden = {256, 128};

    @Option(names = "--synthetic", description = "Use synthetic data of Fashion-MNIST's shape.")
    boolean synthetic;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write bench.json.")
    java.nio.file.Path out;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      requireApplies(spec, "--data", !synthetic, "without --synthetic",
          "with --synthetic, which makes data of Fashion-MNIST's shape");
      for (Object[] flag : new Object[][] {{"--epochs", epochs}, {"--threads", threads},
          {"--batch-size", batchSize}}) {
        if ((int) flag[1] < 1) {
          throw new IllegalArgumentException(flag[0] + " must be >= 1, got " + flag[1]);
        }
      }
      for (int w : hidden) {
        if (w < 1) {
          throw new IllegalArgumentException("--hidden: every width must be >= 1, got " + w);
        }
      }
      if (!(lambda >= 0) || Double.isInfinite(lambda)) {
        throw new IllegalArgumentException("--lambda must be a finite number >= 0, got "
            + lambda);
      }
      requireOutput(out);
      Blas.setThreads(threads);
      dev.tikhonov.data.TrainTest tt = synthetic
          ? MlpBench.synthetic(60_000, 10_000, 784, 10, seed + 7) : MlpBench.data(data);
      String shape = tt.train().numFeatures() + "-" + String.join("-",
          java.util.Arrays.stream(hidden).mapToObj(String::valueOf).toList()) + "-"
          + tt.train().numClasses();
      System.out.printf("MLP %s on %s (%d train, %d test), batch %d, %d epochs, %d threads,"
          + " λ = %s%n", shape, tt.train().source(), tt.train().numRows(), tt.test().numRows(),
          batchSize, epochs, threads, lambda);
      MlpBench.Result r = MlpBench.run(tt, epochs, lambda, seed, batchSize, hidden,
          new dev.tikhonov.train.TrainingListener() {
            @Override
            public void onEpoch(dev.tikhonov.train.EpochRecord rec) {
              System.out.printf("  epoch %2d  %7.3f s  train loss %.4f%n", rec.epoch(),
                  rec.seconds(), rec.trainLoss());
            }
          });
      long rss = MlpBench.peakRssBytes();
      System.out.printf("%-24s %12s%n", "measure", "value");
      System.out.printf("%-24s %12.4f%n", "epoch_seconds_median", r.epochSecondsMedian());
      System.out.printf("%-24s %12.4f%n", "epoch_cpu_seconds_median",
          r.epochCpuSecondsMedian());
      System.out.printf("%-24s %12.0f%n", "samples_per_second", r.samplesPerSecond());
      System.out.printf("%-24s %12.1f%n", "peak_rss_mb", rss / 1e6);
      System.out.printf("%-24s %12.4f%n", "test_accuracy", r.testAccuracy());
      System.out.printf("%-24s %12.4f%n", "test_loss", r.testLoss());
      if (out != null) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("bench", "mlp");
        result.put("data", r.dataSource());
        result.put("train_rows", r.trainRows());
        result.put("test_rows", r.testRows());
        result.put("epochs", epochs);
        result.put("threads", threads);
        result.put("lambda", lambda);
        result.put("seed", seed);
        result.put("batch_size", batchSize);
        result.put("hidden", hidden);
        result.put("flops_per_epoch", MlpBench.flopsPerEpoch(tt.train().numRows(),
            tt.train().numFeatures(), hidden, tt.train().numClasses()));
        result.put("epoch_seconds", r.epochSeconds());
        result.put("epoch_seconds_median", r.epochSecondsMedian());
        result.put("epoch_cpu_seconds", r.epochCpuSeconds());
        result.put("epoch_cpu_seconds_median", r.epochCpuSecondsMedian());
        result.put("samples_per_second", r.samplesPerSecond());
        result.put("peak_rss_bytes", rss);
        result.put("test_accuracy", r.testAccuracy());
        result.put("test_loss", r.testLoss());
        result.put("final_train_loss", r.finalTrainLoss());
        result.put("blas", Blas.describe());
        write(out, result);
      }
      return 0;
    }
  }

  /**
   * The linear workloads (issue 5) on the peers' n = 10,000, p = 1,000 problem: lasso and
   * elastic-net (α = 0.5) paths of 100 λ, 10-fold CV of the lasso path, ridge for 100 λ with
   * GCV; seconds per workload.
   */
  @Command(name = "path", mixinStandardHelpOptions = true,
      description = "Time the lasso path, elastic-net path (α = 0.5), 10-fold CV lasso and "
          + "ridge with GCV, 100 λ each, on the peers' synthetic problem.")
  static final class Path implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "DIR",
        description = "Folder with X.f64 (row-major float64), y.f64 and foldid.i32 "
            + "(../shared/peers/make_synth.py). Default: core's synthetic regression of "
            + "that shape (independent features).")
    java.nio.file.Path data;

    @Option(names = "--threads", paramLabel = "T",
        description = "Threads (BLAS and CV folds). Default: ${DEFAULT-VALUE}.")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--refs", paramLabel = "DIR",
        description = "The peers' reference folder (../shared/peers/ref): also report each "
            + "path's worst relative coefficient error against its exact solutions.")
    java.nio.file.Path refs;

    @Option(names = "--only", split = ",", paramLabel = "NAME,...",
        description = "Run only these of lasso_path, enet_path, lasso_cv10, lasso_cv10_rows, "
            + "ridge_gcv, ridge_gcv_svd.")
    List<String> only;

    @Option(names = "--tol", paramLabel = "T",
        description = "Certificate tolerance of the lasso and elastic-net paths (relative "
            + "duality gap). Default: ${DEFAULT-VALUE}.")
    double tolerance = dev.tikhonov.linear.PathSettings.DEFAULT_TOLERANCE;

    @Option(names = "--repeats", paramLabel = "R",
        description = "Time each workload R times and keep the median. Default: "
            + "${DEFAULT-VALUE}.")
    int repeats = 1;

    @Option(names = "--warmup", paramLabel = "W",
        description = "Run each workload W times untimed before the timed repeats (the JIT "
            + "compiles the solvers during the first runs; bench/compare.sh gives glmnet and "
            + "scikit-learn the same untimed first call). The first run's time is reported as "
            + "cold_seconds. Default: ${DEFAULT-VALUE}.")
    int warmup = 0;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write bench.json.")
    java.nio.file.Path out;

    /** The problem in {@code dir}, its refusal naming --data (it named the folder alone). */
    private static PathBench.Problem readProblem(java.nio.file.Path dir) {
      try {
        return PathBench.read(dir);
      } catch (dev.tikhonov.data.InputException e) {
        throw new dev.tikhonov.data.InputException("--data " + e.getMessage(), e);
      }
    }

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      for (Object[] flag : new Object[][] {{"--threads", threads}, {"--repeats", repeats}}) {
        if ((int) flag[1] < 1) {
          throw new IllegalArgumentException(flag[0] + " must be >= 1, got " + flag[1]);
        }
      }
      if (warmup < 0) {
        throw new IllegalArgumentException("--warmup must be >= 0, got " + warmup);
      }
      PathBench.settings(1.0, new double[0], tolerance); // checks --tol before the data are read
      List<String> names = List.of("lasso_path", "enet_path", "lasso_cv10", "lasso_cv10_rows",
          "ridge_gcv", "ridge_gcv_svd");
      if (only != null) {
        for (String o : only) {
          if (!names.contains(o)) {
            throw new IllegalArgumentException("--only " + o + ": expected one of " + names);
          }
        }
      }
      boolean paths = only == null || only.contains("lasso_path") || only.contains("enet_path");
      requireApplies(spec, "--refs", paths, "to the lasso_path and enet_path workloads",
          "with --only " + (only == null ? "" : String.join(",", only)));
      requireApplies(spec, "--tol", paths || only.contains("lasso_cv10")
          || only.contains("lasso_cv10_rows"), "to the lasso and elastic-net workloads",
          "with --only " + (only == null ? "" : String.join(",", only)));
      // The reference files, before the data are read and the fits run.
      for (String name : List.of("lasso", "enet")) {
        if (only == null || only.contains(name + "_path")) {
          PathBench.referenceFile(refs, name);
        }
      }
      requireOutput(out);
      Blas.setThreads(threads);
      long t0 = System.nanoTime();
      PathBench.Problem problem = data != null ? readProblem(data) : PathBench.synthetic(1);
      System.out.printf("paths on %s: n = %d, p = %d, %d threads (data ready in %.1f s)%n",
          problem.source(), problem.x().length, problem.x()[0].length, threads,
          (System.nanoTime() - t0) / 1e9);
      // X's rows (n arrays of p doubles, 80 MB for the peers' problem) were just allocated in
      // the young generation, and the first collections after loading copy them to the old one:
      // a pause of about 0.1 s that fell into a timed fit. Collect now, so the fits are timed
      // without the loading's leftovers (as the peers' scripts have their data in place).
      System.gc();
      Map<String, Object> workloads = new LinkedHashMap<>();
      System.out.printf("%-12s %10s  %s%n", "workload", "seconds", "facts");
      for (String name : names) {
        if (only != null && !only.contains(name)) {
          continue;
        }
        List<PathBench.Timing> runs = new ArrayList<>();
        Double cold = null;
        for (int r = -warmup; r < repeats; r++) {
          PathBench.Timing timing = switch (name) {
            case "lasso_path" -> PathBench.lassoPath(problem, refs, tolerance);
            case "enet_path" -> PathBench.enetPath(problem, refs, tolerance);
            case "lasso_cv10" -> PathBench.lassoCv(problem, threads, tolerance);
            case "lasso_cv10_rows" -> PathBench.lassoCvRows(problem, threads, tolerance);
            case "ridge_gcv" -> PathBench.ridgeGcv(problem,
                dev.tikhonov.linear.RidgeSvdPath.Decomposition.AUTOMATIC);
            default -> PathBench.ridgeGcv(problem,
                dev.tikhonov.linear.RidgeSvdPath.Decomposition.SVD);
          };
          if (cold == null) {
            cold = timing.seconds();
          }
          if (r >= 0) {
            runs.add(timing);
          }
        }
        double[] all = runs.stream().mapToDouble(PathBench.Timing::seconds).toArray();
        double[] sorted = all.clone();
        java.util.Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        PathBench.Timing last = runs.get(runs.size() - 1);
        System.out.printf("%-12s %10.3f  %s%n", name, median, last.facts());
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("seconds", median);
        row.put("seconds_all", all);
        row.put("warmup_runs", warmup);
        row.put("cold_seconds", cold);
        row.putAll(last.facts());
        for (String cpu : List.of("thread_cpu_seconds", "process_cpu_seconds")) {
          if (last.facts().get(cpu) instanceof Double) {  // the median over repeats, like seconds
            double[] times = runs.stream()
                .mapToDouble(r -> (Double) r.facts().get(cpu)).sorted().toArray();
            row.put(cpu, times[times.length / 2]);
          }
        }
        workloads.put(name, row);
      }
      if (out != null) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("bench", "path");
        result.put("data", problem.source());
        result.put("n", problem.x().length);
        result.put("p", problem.x()[0].length);
        result.put("threads", threads);
        result.put("peak_rss_bytes", MlpBench.peakRssBytes());
        result.putAll(workloads);
        write(out, result);
      }
      return 0;
    }
  }

  /**
   * The charts of how cost grows (docs/performance.md, "How cost grows"): reads the scaling.json
   * that bench/scaling.py collects from a {@code compare.sh --only scaling} run. MLP: seconds per
   * epoch against batch size and against hidden width, tikhonov and PyTorch next to the FLOP
   * model (the epoch's FLOPs at the SGEMM rate measured in the same run). Linear: CPU seconds of
   * the lasso path and the 10-fold CV against n and against p, tikhonov and glmnet, next to the
   * n·p² (Gram) and n·p (naive) models each drawn through one measured point; peak RSS against
   * the size of X. Sections absent from the file are skipped.
   */
  @Command(name = "chart", mixinStandardHelpOptions = true,
      description = "Draw the scaling charts (SVG and PNG) from a scaling.json of "
          + "bench/compare.sh --only scaling.")
  static final class Chart implements Callable<Integer> {
    @Option(names = "--in", paramLabel = "FILE", required = true,
        description = "scaling.json written by bench/scaling.py.")
    java.nio.file.Path in;

    @Option(names = "--out", paramLabel = "DIR", required = true,
        description = "Where to write scaling-batch, scaling-width, scaling-linear-n, "
            + "scaling-linear-p and scaling-linear-rss (.svg and .png), for the sections the "
            + "file has.")
    java.nio.file.Path out;

    @Override
    public Integer call() throws java.io.IOException {
      com.fasterxml.jackson.databind.JsonNode root;
      try {
        root = Json.MAPPER.readTree(in.toFile());
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
        throw new IllegalArgumentException("--in " + in + (at == null ? "" : ":"
            + at.getLineNr() + ":" + at.getColumnNr()) + ": not valid JSON: " + Json.problem(e));
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException("--in " + in + ": cannot read it as JSON: "
            + e.getMessage());
      }
      if (root == null || !root.isObject()) {
        throw new IllegalArgumentException("--in " + in + ": expected a JSON object with "
            + "batch, width, linear_n or linear_p lists (bench/scaling.py)");
      }
      requireOutput(out);
      List<String> written = new ArrayList<>();
      double gflops = number(root.path("gemm_gflops"));
      double cpuGflops = number(root.path("gemm_cpu_gflops"));
      if (chart(root.path("batch"), "batch_size", gflops, cpuGflops, "scaling-batch",
          "MLP 784-256-128-10, Fashion-MNIST: seconds per epoch by batch size", "batch size")) {
        written.add("scaling-batch");
      }
      if (chart(root.path("width"), "width", gflops, cpuGflops, "scaling-width",
          "MLP 784-w-w/2-10, batch 128: seconds per epoch by hidden width w", "hidden width w")) {
        written.add("scaling-width");
      }
      if (linear(root.path("linear_n"), "n", "scaling-linear-n",
          "Lasso path (100 λ) and 10-fold CV, p = 100: CPU seconds by n", "n (rows)")) {
        written.add("scaling-linear-n");
      }
      if (linear(root.path("linear_p"), "p", "scaling-linear-p",
          "Lasso path (100 λ) and 10-fold CV, n = 10,000: CPU seconds by p", "p (features)")) {
        written.add("scaling-linear-p");
      }
      if (rss(root.path("linear_n"), root.path("linear_p"))) {
        written.add("scaling-linear-rss");
      }
      if (written.isEmpty()) {
        throw new IllegalArgumentException("--in " + in + ": no batch, width, linear_n or "
            + "linear_p rows to draw");
      }
      System.out.println("wrote " + written.stream().map(w -> out.resolve(w + ".svg").toString())
          .collect(java.util.stream.Collectors.joining(", ")));
      return 0;
    }

    /**
     * Seconds per epoch against {@code xKey}. When both sides' CPU seconds per epoch and the
     * one-thread SGEMM rate by thread CPU time are in the file (a sweep at one thread on a
     * shared machine), those are drawn, since waits for a core inflate wall times; else wall
     * seconds and the wall-time SGEMM rate.
     */
    private boolean chart(com.fasterxml.jackson.databind.JsonNode rows, String xKey,
        double gflops, double cpuGflops, String name, String title, String xTitle) {
      int n = rows.size();
      if (n == 0) {
        return false;
      }
      double[] x = column(rows, xKey);
      double[] tkCpu = column(rows, "tikhonov_epoch_cpu_s");
      double[] torchCpu = column(rows, "torch_epoch_cpu_s");
      boolean cpu = Double.isFinite(cpuGflops)
          && java.util.Arrays.stream(tkCpu).allMatch(v -> Double.isFinite(v) && v > 0)
          && java.util.Arrays.stream(torchCpu).allMatch(v -> Double.isFinite(v) && v > 0);
      double rate = cpu ? cpuGflops : gflops;
      double[] model = new double[n];
      for (int i = 0; i < n; i++) {
        model[i] = number(rows.get(i).path("flops_per_epoch")) / (rate * 1e9);
      }
      Map<String, double[][]> measured = new LinkedHashMap<>();
      measured.put("tikhonov", new double[][] {x, cpu ? tkCpu : column(rows, "tikhonov_epoch_s")});
      measured.put("PyTorch 1.13",
          new double[][] {x, cpu ? torchCpu : column(rows, "torch_epoch_s")});
      Map<String, double[][]> models = new LinkedHashMap<>();
      if (Double.isFinite(rate)) {
        models.put(String.format("FLOPs at %.0f GFLOP/s (SGEMM 1024³%s)", rate,
            cpu ? ", 1 thread, by CPU time" : ""), new double[][] {x, model});
      }
      dev.tikhonov.report.ScalingCharts.write(out, name, title, xTitle,
          cpu ? "CPU seconds per epoch (process)" : "seconds per epoch", measured, models);
      return true;
    }

    /**
     * CPU seconds of both sides' path and CV against {@code xKey}; the models are power laws
     * through the last (largest) point of tikhonov's path: x¹ for n (n·p² and n·p alike at
     * fixed p), and for p both p² (n·p², the covariance/Gram route) and p (n·p per pass, the
     * naive route).
     */
    private boolean linear(com.fasterxml.jackson.databind.JsonNode rows, String xKey,
        String name, String title, String xTitle) {
      int n = rows.size();
      if (n == 0) {
        return false;
      }
      double[] x = column(rows, xKey);
      double[] path = column(rows, "tikhonov_path_cpu_s");
      Map<String, double[][]> measured = new LinkedHashMap<>();
      measured.put("tikhonov path", new double[][] {x, path});
      measured.put("glmnet path", new double[][] {x, column(rows, "glmnet_path_cpu_s")});
      measured.put("tikhonov CV", new double[][] {x, column(rows, "tikhonov_cv_cpu_s")});
      measured.put("cv.glmnet", new double[][] {x, column(rows, "glmnet_cv_cpu_s")});
      Map<String, double[][]> models = new LinkedHashMap<>();
      int anchor = n - 1;
      if (Double.isFinite(path[anchor]) && path[anchor] > 0) {
        if (xKey.equals("n")) {
          models.put("∝ n",
              new double[][] {x, powerLaw(x, x[anchor], path[anchor], 1)});
        } else {
          models.put("∝ p² (Gram)",
              new double[][] {x, powerLaw(x, x[anchor], path[anchor], 2)});
          models.put("∝ p (naive)",
              new double[][] {x, powerLaw(x, x[anchor], path[anchor], 1)});
        }
      }
      dev.tikhonov.report.ScalingCharts.write(out, name, title, xTitle, "CPU seconds",
          measured, models);
      return true;
    }

    /** Peak RSS (MB) of each side's whole process against the number of values in X (n·p). */
    private boolean rss(com.fasterxml.jackson.databind.JsonNode byN,
        com.fasterxml.jackson.databind.JsonNode byP) {
      if (byN.size() == 0 && byP.size() == 0) {
        return false;
      }
      Map<String, double[][]> measured = new LinkedHashMap<>();
      double[] allValues = new double[0];
      for (var sweep : List.of(Map.entry("n sweep", byN),
          Map.entry("p sweep", byP))) {
        com.fasterxml.jackson.databind.JsonNode rows = sweep.getValue();
        if (rows.size() == 0) {
          continue;
        }
        double[] values = new double[rows.size()];
        for (int i = 0; i < values.length; i++) {
          values[i] = rows.get(i).path("n").asDouble() * rows.get(i).path("p").asDouble();
        }
        measured.put("tikhonov, " + sweep.getKey(),
            new double[][] {values, scale(column(rows, "tikhonov_peak_rss_bytes"), 1e-6)});
        measured.put("glmnet, " + sweep.getKey(),
            new double[][] {values, scale(column(rows, "glmnet_peak_rss_bytes"), 1e-6)});
        allValues = java.util.stream.DoubleStream.concat(java.util.Arrays.stream(allValues),
            java.util.Arrays.stream(values)).sorted().distinct().toArray();
      }
      Map<String, double[][]> models = new LinkedHashMap<>();
      models.put("X (8·n·p B)", new double[][] {allValues, scale(allValues, 8e-6)});
      dev.tikhonov.report.ScalingCharts.write(out, "scaling-linear-rss",
          "Peak RSS of each process: n sweep at p = 100, p sweep at n = 10,000",
          "values in X (n·p)", "peak RSS (MB)", measured, models);
      return true;
    }

    private static double[] column(com.fasterxml.jackson.databind.JsonNode rows, String key) {
      double[] v = new double[rows.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = number(rows.get(i).path(key));
      }
      return v;
    }

    /** The node's number, NaN for a missing value or a JSON null (a side that did not run). */
    private static double number(com.fasterxml.jackson.databind.JsonNode node) {
      return node.isNumber() ? node.asDouble() : Double.NaN;
    }

    private static double[] scale(double[] v, double factor) {
      return java.util.Arrays.stream(v).map(a -> a * factor).toArray();
    }

    /** y = y0·(x/x0)^power at every x. */
    static double[] powerLaw(double[] x, double x0, double y0, double power) {
      return java.util.Arrays.stream(x).map(a -> y0 * Math.pow(a / x0, power)).toArray();
    }
  }

  private static void write(java.nio.file.Path out, Map<String, Object> result) {
    Json.write(out.resolve("bench.json"), result);
    System.out.println("wrote " + out.resolve("bench.json"));
  }

  /**
   * Checks, before any work, that the folder given to --out (if any) can be created and
   * written in, and creates it; an {@link dev.tikhonov.data.InputException} names the folder
   * and the problem.
   */
  static void requireOutput(java.nio.file.Path out) {
    if (out != null) {
      dev.tikhonov.report.RunWriter.requireWritableDirectory(out, "output directory (--out)");
      try {
        java.nio.file.Files.createDirectories(out);
      } catch (java.io.IOException e) {
        throw new dev.tikhonov.data.InputException(out + ": cannot create the output directory"
            + " (--out) (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
      }
    }
  }
}
