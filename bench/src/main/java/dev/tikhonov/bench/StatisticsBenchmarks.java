package dev.tikhonov.bench;

import dev.tikhonov.linear.ElasticNetPath;
import dev.tikhonov.linear.GaussianStatistics;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.linear.RidgeSvdPath;
import dev.tikhonov.tensor.Blas;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The fits that read the rows only through two-pass statistics since issue 13's third session
 * (docs/performance-log.md): the corrected two-pass sufficient statistics of x and y
 * ({@code twoPassStatistics}: the means, then one {@code dsyrk} and one {@code dgemv} per block
 * of centered rows), the gaussian lasso path on the Gram route (100 λ down to 1e-4·λ_max,
 * standardize off, as {@code bench path}), and ridge for 100 λ with GCV and LOO by
 * eigendecomposition. Data: an equicorrelated (ρ = 0.5) n×p design, y = x₀ − x₁ + 0.5·x₂ +
 * noise. Public API only, so {@code JMH_CORE=other/tikhonov.jar bench/jmh.sh
 * StatisticsBenchmarks} times another build's core with this source (before/after figures).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StatisticsBenchmarks {

  /** The data and the λ sequences, made once. */
  @State(Scope.Benchmark)
  public static class Data {
    @Param({"10000"})
    public int n;

    @Param({"1000"})
    public int p;

    @Param({"1"})
    public int threads;

    double[][] x;
    double[] y;
    int[] rows;
    List<String> names;
    PathSettings lasso;
    double[] ridgeLambdas;

    @Setup
    public void setup() {
      Blas.setThreads(threads);
      Random random = new Random(11);
      x = new double[n][p];
      y = new double[n];
      rows = new int[n];
      for (int i = 0; i < n; i++) {
        double common = random.nextGaussian();
        for (int j = 0; j < p; j++) {
          x[i][j] = Math.sqrt(0.5) * common + Math.sqrt(0.5) * random.nextGaussian();
        }
        y[i] = x[i][0] - x[i][1] + 0.5 * x[i][2] + random.nextGaussian();
        rows[i] = i;
      }
      names = new ArrayList<>();
      for (int j = 0; j < p; j++) {
        names.add("x" + j);
      }
      double lambdaMax = ElasticNetPath.fit(x, y,
          PathSettings.of(1.0).withStandardize(false).withNumLambdas(1), names).lambda(0);
      lasso = PathSettings.of(1.0).withStandardize(false)
          .withLambdas(ElasticNetPath.geometricSequence(lambdaMax, 1e-4, 100));
      ridgeLambdas = ElasticNetPath.geometricSequence(lambdaMax / 1e-3, 1e-4, 100);
    }
  }

  @Benchmark
  public GaussianStatistics twoPassStatistics(Data d) {
    return GaussianStatistics.twoPass(d.x, d.y, d.rows);
  }

  @Benchmark
  public PathSolution lassoPath(Data d) {
    return ElasticNetPath.fit(d.x, d.y, d.lasso, d.names);
  }

  @Benchmark
  public RidgeSvdPath ridgePath(Data d) {
    return RidgeSvdPath.fit(d.x, d.y, d.ridgeLambdas);
  }
}
