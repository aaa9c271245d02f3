package dev.tikhonov.internal.linear;

import java.util.Arrays;

/**
 * Two facts about DESIGN.md's elastic-net penalty λ Σⱼ vⱼ [ (1−α)/2 · bⱼ² + α · |bⱼ| ] that the
 * single-machine solvers and the distributed ones (the {@code spark} module's IRLS) must
 * compute identically: how far one coordinate is from its optimality (KKT) condition, and the
 * shift of a multinomial feature's class coefficients that minimizes the penalty (the
 * multinomial likelihood does not change when all classes' coefficients of a feature move
 * together, so the solvers center them there, as glmnet's {@code elc} does).
 *
 * <p>Stateless and thread-safe.
 */
public final class ElasticNetPenalty {

  private ElasticNetPenalty() {
  }

  /**
   * vⱼ·λ with 0·∞ = 0, so that unpenalized features stay free at λ = ∞ (the one place the
   * infinite λ appears).
   */
  public static double times(double penaltyFactor, double lambda) {
    return penaltyFactor == 0 ? 0 : penaltyFactor * lambda;
  }

  /**
   * KKT violation of one coordinate with loss gradient {@code gradient} (of the mean loss,
   * d/db̃ⱼ): |∇ⱼ + l2·vⱼ·bⱼ + l1·vⱼ·sign bⱼ| where bⱼ ≠ 0, max(0, |∇ⱼ| − l1·vⱼ) where bⱼ = 0.
   */
  public static double violation(double gradient, double coefficient, double penaltyFactor,
      double l1, double l2) {
    double p1 = times(penaltyFactor, l1);
    if (coefficient == 0) {
      return Math.max(0, Math.abs(gradient) - p1);
    }
    return Math.abs(gradient + times(penaltyFactor, l2) * coefficient
        + Math.copySign(p1, coefficient));
  }

  /**
   * The c minimizing f(c) = Σₖ [(1−α)/2 (aₖ − c)² + α|aₖ − c|] (glmnet's {@code elc}): the mean
   * for α = 0, the median (midpoint of the middle two for even K) for α = 1, otherwise the
   * unique minimizer of this strictly convex piecewise quadratic.
   *
   * @param scratch length-K work array. Modified.
   */
  public static double center(double alpha, double[] a, double[] scratch) {
    int k = a.length;
    double am = 0;
    for (double x : a) {
      am += x;
    }
    am /= k;
    if (alpha == 0 || k == 2) {
      return am;
    }
    System.arraycopy(a, 0, scratch, 0, k);
    Arrays.sort(scratch, 0, k);
    if (scratch[0] == scratch[k - 1]) {
      return scratch[0];
    }
    if (alpha == 1) {
      return k % 2 == 1 ? scratch[k / 2] : 0.5 * (scratch[k / 2 - 1] + scratch[k / 2]);
    }
    // With i values below c, f'(c) = (1−α)K(c − am) + α(2i − K): its zero in the open interval
    // (scratch[i−1], scratch[i]) is the minimizer if it lies there; otherwise it is a kink.
    double ratio = alpha / ((1 - alpha) * k);
    for (int i = 0; i <= k; i++) {
      double c = am + ratio * (k - 2 * i);
      double lower = i == 0 ? Double.NEGATIVE_INFINITY : scratch[i - 1];
      double upper = i == k ? Double.POSITIVE_INFINITY : scratch[i];
      if (c > lower && c < upper) {
        return c;
      }
    }
    double best = scratch[0];
    double bestValue = Double.POSITIVE_INFINITY;
    for (int i = 0; i < k; i++) {
      double c = scratch[i];
      double f = 0;
      for (int m = 0; m < k; m++) {
        double d = scratch[m] - c;
        f += 0.5 * (1 - alpha) * d * d + alpha * Math.abs(d);
      }
      if (f < bestValue) {
        bestValue = f;
        best = c;
      }
    }
    return best;
  }
}
