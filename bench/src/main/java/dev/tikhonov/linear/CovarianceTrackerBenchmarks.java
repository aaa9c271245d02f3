package dev.tikhonov.linear;

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
 * The kernel of the dense end of a Gram-route path (issue 13): one coordinate pass with every
 * feature active, as {@link GaussianCoordinateDescent} makes it, on {@link CovarianceTracker}
 * over the Gram matrix (1/n)ZᵀZ of an equicorrelated (ρ = 0.5) n = 2p design: for each k, read
 * the gradient g_k, then move b_k by ±10⁻³ (the sign alternates between invocations, so the
 * work never converges away), which updates all p gradients, g ← g − δ·(1/n)Zᵀz_k. In the
 * package of the tracker (package-private); the same source times another core's tracker with
 * {@code JMH_CORE=its.jar bench/jmh.sh CovarianceTrackerBenchmarks}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CovarianceTrackerBenchmarks {

  /** The tracker with every feature active. */
  @State(Scope.Benchmark)
  public static class Pass {
    @Param({"1000"})
    public int p;

    CovarianceTracker tracker;
    double sign = 1;

    @Setup
    public void setup() {
      int n = 2 * p;
      Random random = new Random(7);
      double[][] x = new double[n][p];
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        double common = random.nextGaussian();
        for (int j = 0; j < p; j++) {
          x[i][j] = Math.sqrt(0.5) * common + Math.sqrt(0.5) * random.nextGaussian();
        }
        y[i] = x[i][0] - x[i][1] + random.nextGaussian();
      }
      DenseDesign design = StandardizedDesign.of(x, true, false);
      double mean = 0;
      for (double v : y) {
        mean += v / n;
      }
      double[] target = new double[n];
      for (int i = 0; i < n; i++) {
        target[i] = y[i] - mean;
      }
      tracker = new CovarianceTracker(design, target, true);
      for (int k = 0; k < p; k++) {
        tracker.activate(k);
      }
    }
  }

  /** One pass of p moves, each after reading its gradient; returns the sum of the gradients. */
  @Benchmark
  public double densePass(Pass s) {
    double sum = 0;
    double delta = 1e-3 * s.sign;
    for (int k = 0; k < s.p; k++) {
      sum += s.tracker.gradient(k);
      s.tracker.moveAll(k, delta);
    }
    s.sign = -s.sign;
    return sum;
  }
}
