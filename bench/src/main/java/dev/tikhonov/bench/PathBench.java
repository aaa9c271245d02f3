package dev.tikhonov.bench;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.data.Synthetic;
import dev.tikhonov.linear.ElasticNetPath;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.linear.RidgeSvdPath;
import dev.tikhonov.loss.Family;
import dev.tikhonov.select.CrossValidation;
import dev.tikhonov.select.FoldStatistics;
import dev.tikhonov.select.KFold;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The linear workloads of issue 5 on the peers' synthetic problem (../shared/peers/make_synth.py:
 * n = 10,000, p = 1,000, equicorrelated ρ = 0.5, 20 true nonzeros, X column-centred, y centred
 * with unit variance, 10 fold ids), fitted as ../shared/peers/glmnet_linear.R fits them
 * (standardize = FALSE, intercept, all 100 λ of glmnet's default sequence; the tolerance is
 * tikhonov's certificate tolerance, default {@link PathSettings#DEFAULT_TOLERANCE}, where glmnet
 * runs at its {@code thresh = 1e-7}):
 *
 * <ul>
 *   <li>{@code lasso_path}: α = 1, λ_max = max|xⱼᵀy|/n down to 1e-4·λ_max, 100 λ;
 *   <li>{@code enet_path}: the same with α = 0.5 (λ_max divided by α);
 *   <li>{@code lasso_cv10}: the lasso path on all rows plus one per fold, same λ, MSE, as
 *       ElasticNetCV runs it (from per-fold sufficient statistics: one BLAS pass over X);
 *   <li>{@code lasso_cv10_rows}: the same CV with each of the 11 paths fitted on its rows;
 *   <li>{@code ridge_gcv}: closed-form ridge for glmnet's α = 0 sequence (λ_max / 0.001), with
 *       GCV and leave-one-out scores for every λ, as RidgeSvdPath decides (n ≥ 4p: one
 *       eigendecomposition of ZᵀZ);
 *   <li>{@code ridge_gcv_svd}: the same by the SVD of Z.
 * </ul>
 */
final class PathBench {
  static final int N = 10_000;
  static final int P = 1_000;
  static final int NLAMBDA = 100;
  static final double LAMBDA_MIN_RATIO = 1e-4;
  /**
   * CPU time of the fitting thread: on a shared machine wall time counts the waits for a core,
   * this does not (the coordinate descent runs on this one thread; the Gram matrix's BLAS call
   * uses its workers too, whose time is left out).
   */
  private static final java.lang.management.ThreadMXBean CPU =
      java.lang.management.ManagementFactory.getThreadMXBean();

  private PathBench() {}

  /** CPU nanoseconds of this whole process (all threads), or −1 where the JVM cannot say. */
  static long processCpuNanos() {
    return MlpBench.processCpuNanos();
  }

  /** Adds thread_cpu_seconds (the fitting thread) and process_cpu_seconds (all threads). */
  private static void cpuFacts(Map<String, Object> facts, long threadStart, long processStart) {
    facts.put("thread_cpu_seconds", (CPU.getCurrentThreadCpuTime() - threadStart) / 1e9);
    long process = processCpuNanos();
    facts.put("process_cpu_seconds", process < 0 || processStart < 0 ? -1.0
        : (process - processStart) / 1e9);
  }

  /** The problem: rows of x, y and 1-based fold ids. */
  record Problem(double[][] x, double[] y, int[] foldIds, String source) {
    List<String> names() {
      List<String> names = new ArrayList<>(x[0].length);
      for (int j = 1; j <= x[0].length; j++) {
        names.add("x" + j);
      }
      return names;
    }
  }

  /** Reads X.f64 (row-major float64 n×p), y.f64 and foldid.i32 from {@code dir}. */
  static Problem read(Path dir) {
    try {
      double[] y = doubles(dir.resolve("y.f64"));
      int n = y.length;
      Path xFile = dir.resolve("X.f64");
      long bytes = Files.size(xFile);
      if (n == 0 || bytes % (8L * n) != 0) {
        throw new InputException(xFile + ": " + bytes + " bytes is not n = " + n
            + " rows (the targets in y.f64) of float64 values");
      }
      int p = (int) (bytes / (8L * n));
      // row by row through one buffer, so reading holds X once (not the file's bytes as well)
      double[][] x = new double[n][p];
      try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(xFile)) {
        int rowsPerChunk = Math.max(1, (1 << 22) / (8 * p));
        ByteBuffer buffer = ByteBuffer.allocate(rowsPerChunk * 8 * p)
            .order(ByteOrder.LITTLE_ENDIAN);
        for (int first = 0; first < n; first += rowsPerChunk) {
          int rows = Math.min(rowsPerChunk, n - first);
          buffer.clear().limit(rows * 8 * p);
          while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
              throw new InputException(xFile + ": ended before row " + (first + 1));
            }
          }
          buffer.flip();
          java.nio.DoubleBuffer doubles = buffer.asDoubleBuffer();
          for (int i = 0; i < rows; i++) {
            doubles.get(x[first + i]);
          }
        }
      }
      Path foldFile = dir.resolve("foldid.i32");
      byte[] raw = Files.readAllBytes(foldFile);
      if (raw.length != 4 * n) {
        throw new InputException(foldFile + ": expected " + n + " int32 fold ids, found "
            + raw.length + " bytes");
      }
      int[] folds = new int[n];
      ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(folds);
      return new Problem(x, y, folds, dir.toString());
    } catch (IOException e) {
      throw new InputException(dir + ": cannot read the synthetic problem (X.f64, y.f64, "
          + "foldid.i32): " + e.getMessage(), e);
    }
  }

  private static double[] doubles(Path file) throws IOException {
    byte[] raw = Files.readAllBytes(file);
    if (raw.length % 8 != 0) {
      throw new InputException(file + ": " + raw.length + " bytes is not a whole number of "
          + "float64 values");
    }
    double[] out = new double[raw.length / 8];
    ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(out);
    return out;
  }

  /**
   * Without the peers' files: core's {@link Synthetic#regression()} at the peers' shape (n =
   * 10,000, p = 1,000, 20 informative features, noise for a signal-to-noise ratio of about 3)
   * with random folds ({@link KFold#random}). Its features are independent where the peers'
   * are equicorrelated (ρ = 0.5), so its times are not the peers' problem's: compare.sh always
   * passes the peers' data.
   */
  static Problem synthetic(long seed) {
    Dataset data = Synthetic.regression().rows(N).features(P).informative(20).noise(16)
        .seed(seed).build().data();
    return new Problem(data.featureRows(), data.targets(), KFold.random(N, 10, seed).foldIds(),
        data.source());
  }

  /**
   * glmnet's default sequence with standardize = FALSE for this α, as core's path derives it
   * (λ_max = max_j |x̃ⱼᵀ(y − ȳ)| / (n·max(α, 0.001)), then {@value #NLAMBDA} values down to
   * {@value #LAMBDA_MIN_RATIO}·λ_max): read off a one-λ path's first λ.
   */
  static double[] lambdas(Problem problem, double alpha) {
    double lambdaMax = ElasticNetPath.fit(problem.x(), problem.y(),
        PathSettings.of(alpha).withStandardize(false).withNumLambdas(1), problem.names())
        .lambda(0);
    return ElasticNetPath.geometricSequence(lambdaMax, LAMBDA_MIN_RATIO, NLAMBDA);
  }

  /** One timed workload: seconds and a few facts that show it did the work. */
  record Timing(String name, double seconds, Map<String, Object> facts) {}

  static PathSettings settings(double alpha, double[] lambdas, double tolerance) {
    return PathSettings.of(alpha).withStandardize(false).withLambdas(lambdas)
        .withTolerance(tolerance);
  }

  static Timing lassoPath(Problem problem, Path refs, double tolerance) {
    double[] lambdas = lambdas(problem, 1.0);
    long cpu = CPU.getCurrentThreadCpuTime();
    long processCpu = processCpuNanos();
    long t = System.nanoTime();
    PathSolution path = ElasticNetPath.fit(problem.x(), problem.y(),
        settings(1.0, lambdas, tolerance), problem.names());
    double s = (System.nanoTime() - t) / 1e9;
    Map<String, Object> facts = pathFacts(path);
    cpuFacts(facts, cpu, processCpu);
    compare(path, refs, "lasso", facts);
    return new Timing("lasso_path", s, facts);
  }

  static Timing enetPath(Problem problem, Path refs, double tolerance) {
    double[] lambdas = lambdas(problem, 0.5);
    long cpu = CPU.getCurrentThreadCpuTime();
    long processCpu = processCpuNanos();
    long t = System.nanoTime();
    PathSolution path = ElasticNetPath.fit(problem.x(), problem.y(),
        settings(0.5, lambdas, tolerance), problem.names());
    double s = (System.nanoTime() - t) / 1e9;
    Map<String, Object> facts = pathFacts(path);
    cpuFacts(facts, cpu, processCpu);
    compare(path, refs, "enet", facts);
    return new Timing("enet_path", s, facts);
  }

  /**
   * {@code refs}/coef_NAME.csv, the exact coefficients of the NAME path; checked to be a
   * readable file (null refs: nothing to check, returns null).
   *
   * @throws InputException naming the file and what the folder must hold
   */
  static Path referenceFile(Path refs, String name) {
    if (refs == null) {
      return null;
    }
    Path file = refs.resolve("coef_" + name + ".csv");
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new InputException(file + ": " + (Files.exists(file) ? "not a readable file"
          : "no such file") + " (the folder given to --refs must hold " + file.getFileName()
          + ", the exact coefficients of the " + name + " path)");
    }
    return file;
  }

  /**
   * With the peers' reference folder (../shared/peers/ref), the worst relative coefficient
   * error against the exact solutions {@code coef_NAME.csv} (rows lambda_index, lambda, j,
   * coef; j = 0 the intercept): max over the listed λ of max_j |b − b_ref| / max_j |b_ref|,
   * the peers README's criterion (glmnet itself is at about 1e-3 there).
   */
  static void compare(PathSolution path, Path refs, String name, Map<String, Object> facts) {
    if (refs == null) {
      return;
    }
    Path file = referenceFile(refs, name);
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new InputException(file + ": cannot read the reference coefficients: "
          + e.getMessage(), e);
    }
    Map<Integer, double[]> reference = new java.util.TreeMap<>();
    int p = path.numFeatures();
    for (int k = 1; k < lines.size(); k++) {
      String[] cells = lines.get(k).split(",");
      if (cells.length < 4) {
        continue;
      }
      int index = Integer.parseInt(cells[0].trim());
      int j = Integer.parseInt(cells[2].trim());
      reference.computeIfAbsent(index, i -> new double[p + 1])[j] =
          Double.parseDouble(cells[3].trim());
    }
    double worst = 0;
    for (Map.Entry<Integer, double[]> e : reference.entrySet()) {
      int l = e.getKey() - 1;
      double[] ref = e.getValue();
      double scale = 0;
      double error = Math.abs(path.intercept(l, 0) - ref[0]);
      for (int j = 0; j <= p; j++) {
        scale = Math.max(scale, Math.abs(ref[j]));
      }
      for (int j = 1; j <= p; j++) {
        error = Math.max(error, Math.abs(path.coefficient(l, 0, j - 1) - ref[j]));
      }
      worst = Math.max(worst, error / scale);
    }
    facts.put("max_relative_coef_error_vs_exact", worst);
    facts.put("reference_lambda_indices", reference.keySet().toString());
  }

  /**
   * The 10-fold CV as ElasticNetCV runs it for n ≥ p: every fold's sufficient statistics from one
   * BLAS pass over X ({@link FoldStatistics#of}), then the 11 paths from statistics
   * ({@link CrossValidation#gaussian}); {@link #lassoCvRows} is the same CV fitted on the rows.
   */
  static Timing lassoCv(Problem problem, int threads, double tolerance) {
    double[] lambdas = lambdas(problem, 1.0);
    KFold folds = KFold.of(problem.foldIds());
    long cpu = CPU.getCurrentThreadCpuTime();
    long processCpu = processCpuNanos();
    long t = System.nanoTime();
    FoldStatistics statistics = FoldStatistics.of(problem.x(), problem.y(), folds);
    double statisticsSeconds = (System.nanoTime() - t) / 1e9;
    CrossValidation.Fit fit = CrossValidation.gaussian(statistics,
        settings(1.0, lambdas, tolerance), problem.names(),
        CrossValidation.Alignment.SAME_LAMBDAS, threads);
    double s = (System.nanoTime() - t) / 1e9;
    Map<String, Object> facts = cvFacts(fit, folds);
    cpuFacts(facts, cpu, processCpu);
    facts.put("statistics_seconds", statisticsSeconds);
    return new Timing("lasso_cv10", s, facts);
  }

  /** The 10-fold CV on the rows: 11 path fits, each building its design and Gram matrix. */
  static Timing lassoCvRows(Problem problem, int threads, double tolerance) {
    double[] lambdas = lambdas(problem, 1.0);
    KFold folds = KFold.of(problem.foldIds());
    long t = System.nanoTime();
    CrossValidation.Fit fit = CrossValidation.path(Family.GAUSSIAN, problem.x(), problem.y(),
        settings(1.0, lambdas, tolerance), problem.names(), List.of(), folds,
        CrossValidation.Alignment.SAME_LAMBDAS, threads);
    double s = (System.nanoTime() - t) / 1e9;
    return new Timing("lasso_cv10_rows", s, cvFacts(fit, folds));
  }

  private static Map<String, Object> cvFacts(CrossValidation.Fit fit, KFold folds) {
    Map<String, Object> facts = pathFacts(fit.path());
    facts.put("lambda_min", fit.cv().lambdaMin());
    facts.put("lambda_1se", fit.cv().lambda1se());
    facts.put("index_min", fit.cv().indexMin());
    facts.put("index_1se", fit.cv().index1se());
    facts.put("cv_mean_at_min", fit.cv().mean(fit.cv().indexMin()));
    facts.put("folds", folds.numFolds());
    return facts;
  }

  /** Ridge for glmnet's α = 0 sequence with GCV and LOO, decomposed as RidgeSvdPath decides. */
  static Timing ridgeGcv(Problem problem, RidgeSvdPath.Decomposition decomposition) {
    double[] lambdas = lambdas(problem, 0.0);
    long t = System.nanoTime();
    RidgeSvdPath path = RidgeSvdPath.fit(problem.x(), problem.y(), lambdas, decomposition);
    int best = path.bestGcv();
    double s = (System.nanoTime() - t) / 1e9;
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("decomposition", decomposition.name().toLowerCase(java.util.Locale.ROOT));
    facts.put("n_lambda", lambdas.length);
    facts.put("lambda_gcv", path.lambdas()[best]);
    facts.put("lambda_loo", path.lambdas()[path.bestLoo()]);
    facts.put("gcv_min", path.gcv()[best]);
    return new Timing(decomposition == RidgeSvdPath.Decomposition.SVD ? "ridge_gcv_svd"
        : "ridge_gcv", s, facts);
  }

  private static Map<String, Object> pathFacts(PathSolution path) {
    Map<String, Object> facts = new LinkedHashMap<>();
    int last = path.size() - 1;
    facts.put("n_lambda", path.size());
    facts.put("df_last", path.degreesOfFreedom(last));
    facts.put("dev_ratio_last", path.devianceRatio(last));
    double worst = 0;
    int passes = 0;
    for (int l = 0; l < path.size(); l++) {
      if (!Double.isNaN(path.certificate(l))) {
        worst = Math.max(worst, path.certificate(l));
      }
      passes += path.passes(l);
    }
    facts.put("tolerance", path.tolerance());
    facts.put("max_relative_duality_gap", worst);
    facts.put("all_converged", path.allConverged());
    facts.put("passes", passes);
    return facts;
  }
}
