package dev.tikhonov.spark;

import dev.tikhonov.linear.GaussianStatistics;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.select.CrossValidation;
import dev.tikhonov.select.FoldStatistics;
import dev.tikhonov.select.KFold;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The rates of docs/spark.md's cost model, on the peers' n = 10,000, p = 1,000 set
 * (/var/tmp/peers-data/synth): the pass's per-row update ({@code GaussianStatistics.Accumulator},
 * one thread) and the driver's K + 1 paths from the statistics ({@code CrossValidation.gaussian},
 * 2 threads). Not a test: {@code bench/spark-cv.sh --cost} runs it.
 */
public final class StatisticsCostBench {
  private StatisticsCostBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "/var/tmp/peers-data/synth");
    int n = 10_000;
    int p = 1_000;
    ByteBuffer xb = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("X.f64")))
        .order(ByteOrder.LITTLE_ENDIAN);
    double[][] x = new double[n][p];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        x[i][j] = xb.getDouble();
      }
    }
    ByteBuffer yb = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("y.f64")))
        .order(ByteOrder.LITTLE_ENDIAN);
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = yb.getDouble();
    }
    ByteBuffer fb = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("foldid.i32")))
        .order(ByteOrder.LITTLE_ENDIAN);
    int[] folds = new int[n];
    for (int i = 0; i < n; i++) {
      folds[i] = fb.getInt();
    }
    // The task's per-row update (weighted Welford, plain Java), one thread.
    for (int repeat = 0; repeat < 3; repeat++) {
      GaussianStatistics.Accumulator[] accumulators = new GaussianStatistics.Accumulator[10];
      for (int k = 0; k < 10; k++) {
        accumulators[k] = new GaussianStatistics.Accumulator(p);
      }
      int rows = 3000;
      long t = System.nanoTime();
      for (int i = 0; i < rows; i++) {
        accumulators[folds[i] - 1].add(x[i], y[i], 1.0);
      }
      double seconds = (System.nanoTime() - t) / 1e9;
      System.out.printf("pass: %d rows of p = %d in %.3f s: %.3g s per row, %.2f Gflop/s "
          + "(p² flops per row)%n", rows, p, seconds, seconds / rows,
          (double) rows * p * p / seconds / 1e9);
    }
    FoldStatistics statistics = FoldStatistics.of(x, y, KFold.of(folds));
    java.util.List<String> names = dev.tikhonov.data.Dataset.defaultNames(p);
    for (int repeat = 0; repeat < 2; repeat++) {
      long t = System.nanoTime();
      CrossValidation.Fit fit = CrossValidation.gaussian(statistics, PathSettings.lasso(), names,
          CrossValidation.Alignment.INTERPOLATE, 2);
      System.out.printf("driver: the path and 10 fold paths from statistics, p = %d, %d λ: "
          + "%.2f s (2 threads)%n", p, fit.path().size(), (System.nanoTime() - t) / 1e9);
      double[] lambdas = new double[100];
      for (int l = 0; l < 100; l++) {
        lambdas[l] = fit.path().lambdas()[0] * Math.pow(1e-4, l / 99.0);
      }
      t = System.nanoTime();
      CrossValidation.gaussian(statistics, PathSettings.lasso().withLambdas(lambdas), names,
          CrossValidation.Alignment.INTERPOLATE, 2);
      System.out.printf("driver: 100 given λ: %.2f s%n", (System.nanoTime() - t) / 1e9);
    }
    long t = System.nanoTime();
    for (int k = 1; k <= 10; k++) {
      statistics.training(k);
    }
    System.out.printf("driver: the 10 training merges: %.2f s%n", (System.nanoTime() - t) / 1e9);
  }
}
