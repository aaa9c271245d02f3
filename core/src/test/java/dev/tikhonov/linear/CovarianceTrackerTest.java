package dev.tikhonov.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The delayed block updates of {@link CovarianceTracker}: whatever mix of moves (every gradient,
 * active set only, dense or gathered) and reads, every gradient it reports equals
 * {@code c − G·b} computed directly from the coefficients moved so far.
 */
class CovarianceTrackerTest {

  /** A random positive definite G = AᵀA/n (p×p, row-major) from n rows. */
  private static double[] randomGram(Random random, int n, int p) {
    double[][] a = new double[n][p];
    for (double[] row : a) {
      for (int j = 0; j < p; j++) {
        row[j] = random.nextGaussian();
      }
    }
    double[] g = new double[p * p];
    for (int j = 0; j < p; j++) {
      for (int k = 0; k < p; k++) {
        double s = 0;
        for (double[] row : a) {
          s += row[j] * row[k];
        }
        g[j * p + k] = s / n;
      }
    }
    return g;
  }

  private static CovarianceTracker tracker(double[] gram, double[] c, int p) {
    double[] variance = new double[p];
    double[] ones = new double[p];
    boolean[] included = new boolean[p];
    for (int j = 0; j < p; j++) {
      variance[j] = gram[j * p + j];
      ones[j] = 1;
      included[j] = true;
    }
    DenseDesign design = DenseDesign.ofMoments(1, new double[p], ones, variance, included);
    return new CovarianceTracker(design, gram, c.clone(), 1.0);
  }

  /** max_j |gradient(j) − (c − G b)_j|. */
  private static double worstError(CovarianceTracker tracker, double[] gram, double[] c,
      double[] b) {
    int p = c.length;
    double worst = 0;
    for (int j = 0; j < p; j++) {
      double expected = c[j];
      for (int k = 0; k < p; k++) {
        expected -= gram[j * p + k] * b[k];
      }
      worst = Math.max(worst, Math.abs(tracker.gradient(j) - expected));
    }
    return worst;
  }

  @Test
  void gradient_afterAnyMixOfMoves_equalsDirectComputation() {
    Random random = new Random(13);
    for (int p : new int[] {3, 7, 40}) {
      double[] gram = randomGram(random, 2 * p + 5, p);
      double[] c = new double[p];
      for (int j = 0; j < p; j++) {
        c[j] = random.nextGaussian();
      }
      CovarianceTracker tracker = tracker(gram, c, p);
      double[] b = new double[p];
      int[] active = new int[p];
      int numActive = 0;
      boolean[] isActive = new boolean[p];
      int checks = 0;
      for (int step = 0; step < 400; step++) {
        int k = random.nextInt(p);
        if (!isActive[k]) {
          isActive[k] = true;
          active[numActive++] = k;
          tracker.activate(k);
        }
        double delta = random.nextGaussian();
        int kind = random.nextInt(4);
        if (kind == 0) {
          // A run of active-set passes: dense or gathered depending on how many are active.
          tracker.beginActivePasses(b, active, numActive);
          for (int m = 0; m < 1 + random.nextInt(9); m++) {
            int l = active[random.nextInt(numActive)];
            double d = random.nextGaussian();
            b[l] += d;
            tracker.moveActive(l, d, active, numActive);
            // The active gradients are current at every step, pending block or not.
            double expected = c[l];
            for (int j = 0; j < p; j++) {
              expected -= gram[l * p + j] * b[j];
            }
            assertEquals(expected, tracker.gradient(l), 1e-12 * (1 + Math.abs(expected)));
          }
          tracker.endActivePasses(b, active, numActive);
        } else {
          b[k] += delta;
          tracker.moveAll(k, delta);
        }
        if (random.nextInt(3) == 0) {
          assertTrue(worstError(tracker, gram, c, b) < 1e-11, "p = " + p + ", step " + step
              + ": " + worstError(tracker, gram, c, b));
          checks++;
        }
      }
      assertTrue(checks > 50);
      assertTrue(worstError(tracker, gram, c, b) < 1e-11);
    }
  }

  @Test
  void refresh_withMovesPending_recomputesFromCoefficients() {
    Random random = new Random(5);
    int p = 9;
    double[] gram = randomGram(random, 30, p);
    double[] c = new double[p];
    for (int j = 0; j < p; j++) {
      c[j] = random.nextGaussian();
    }
    CovarianceTracker tracker = tracker(gram, c, p);
    double[] b = new double[p];
    int[] active = new int[p];
    for (int k = 0; k < p; k++) {
      active[k] = k;
      tracker.activate(k);
    }
    // Six moves: one block applied, two still pending when refresh is asked for.
    for (int m = 0; m < 6; m++) {
      int k = m % p;
      b[k] += 0.5 + m;
      tracker.moveAll(k, 0.5 + m);
    }
    double meanSquare = tracker.refresh(b, active, p);
    assertTrue(worstError(tracker, gram, c, b) < 1e-12);
    // (1/n)‖r‖² = d − 2cᵀb + bᵀGb with d = 1.
    double expected = 1.0;
    for (int j = 0; j < p; j++) {
      expected -= 2 * c[j] * b[j];
      for (int k = 0; k < p; k++) {
        expected += b[j] * gram[j * p + k] * b[k];
      }
    }
    assertEquals(expected, meanSquare, 1e-10 * Math.abs(expected));
  }
}
