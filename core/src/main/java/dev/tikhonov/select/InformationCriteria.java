package dev.tikhonov.select;

import dev.tikhonov.linear.Family;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.linear.RidgeSvdPath;
import org.bytedeco.openblas.global.openblas;

/**
 * AIC and BIC along a gaussian path with effective degrees of freedom, the error variance
 * profiled out (σ̂² = RSS/n):
 *
 * <pre>
 *   AIC = n·log(RSS/n) + 2·df        BIC = n·log(RSS/n) + log(n)·df
 *   df  = #{j : bⱼ ≠ 0}                                        (lasso, α = 1)
 *       = tr( X_A (X_AᵀX_A + nλ(1−α)V_A)⁻¹ X_Aᵀ )               (elastic net, A the active set)
 *       = Σ d²/(d² + nλ)                                       (ridge, d the singular values)
 * </pre>
 *
 * with X_A the centered (and, when the fit standardized, scaled) active columns and V_A their
 * penalty factors. The intercept is left out of df: it is in every model, so it shifts both
 * criteria by the same constant and does not change which λ they pick.
 *
 * <p>An immutable value (do not modify the arrays); thread-safe.
 *
 * @param degreesOfFreedom effective degrees of freedom per λ
 * @param rss residual sum of squares per λ
 * @param aic AIC per λ
 * @param bic BIC per λ
 * @param n number of rows
 */
public record InformationCriteria(double[] degreesOfFreedom, double[] rss, double[] aic,
    double[] bic, int n) {

  /** Index of the λ with the smallest AIC. */
  public int bestAic() {
    return argmin(aic);
  }

  /** Index of the λ with the smallest BIC. */
  public int bestBic() {
    return argmin(bic);
  }

  /** For a gaussian elastic-net path fitted with {@code settings} on (x, y). */
  public static InformationCriteria of(
      PathSolution path, double[][] x, double[] y, PathSettings settings) {
    if (path.family() != Family.GAUSSIAN) {
      throw new IllegalArgumentException("AIC/BIC are implemented for gaussian paths only");
    }
    int n = x.length;
    int p = x[0].length;
    double[] mean = new double[p];
    double[] scale = new double[p];
    for (int j = 0; j < p; j++) {
      double s = 0;
      for (double[] row : x) {
        s += row[j];
      }
      mean[j] = s / n;
      double v = 0;
      for (double[] row : x) {
        v += (row[j] - mean[j]) * (row[j] - mean[j]);
      }
      scale[j] = settings.standardize() && v > 0 ? Math.sqrt(v / n) : 1.0;
    }
    double[] v = settings.normalizedPenaltyFactors(p);
    int m = path.size();
    double[] df = new double[m];
    double[] rss = new double[m];
    for (int l = 0; l < m; l++) {
      double[] b = path.coefficients()[l][0];
      double a0 = path.intercepts()[l][0];
      double r = 0;
      for (int i = 0; i < n; i++) {
        double eta = a0;
        for (int j = 0; j < p; j++) {
          eta += x[i][j] * b[j];
        }
        r += (y[i] - eta) * (y[i] - eta);
      }
      rss[l] = r;
      df[l] = activeSetTrace(x, mean, scale, v, b, path.lambdas()[l] * (1 - path.l1Ratio()));
    }
    return fromRss(df, rss, n);
  }

  /** For a closed-form ridge path (df = Σ d²/(d² + nλ)). */
  public static InformationCriteria of(RidgeSvdPath path, int n) {
    double[] rss = new double[path.lambdas().length];
    for (int l = 0; l < rss.length; l++) {
      rss[l] = path.trainingMse()[l] * n;
    }
    return fromRss(path.degreesOfFreedom().clone(), rss, n);
  }

  private static InformationCriteria fromRss(double[] df, double[] rss, int n) {
    double[] aic = new double[df.length];
    double[] bic = new double[df.length];
    for (int l = 0; l < df.length; l++) {
      double fit = n * Math.log(rss[l] / n);
      aic[l] = fit + 2 * df[l];
      bic[l] = fit + Math.log(n) * df[l];
    }
    return new InformationCriteria(df, rss, aic, bic, n);
  }

  /**
   * tr((G + μV)⁻¹ G) = |A| − μ·tr((G + μV)⁻¹ V) over the active set, G = Z_AᵀZ_A/n; equals
   * |A| when μ = λ(1−α) = 0 (the lasso).
   */
  private static double activeSetTrace(double[][] x, double[] mean, double[] scale,
      double[] penalty, double[] b, double ridge) {
    int[] active = java.util.stream.IntStream.range(0, b.length).filter(j -> b[j] != 0).toArray();
    int a = active.length;
    if (a == 0 || ridge == 0) {
      return a;
    }
    int n = x.length;
    double[] gram = new double[a * a];
    for (int s = 0; s < a; s++) {
      for (int t = s; t < a; t++) {
        int js = active[s];
        int jt = active[t];
        double sum = 0;
        for (double[] row : x) {
          sum += (row[js] - mean[js]) / scale[js] * (row[jt] - mean[jt]) / scale[jt];
        }
        gram[s * a + t] = sum / n;
        gram[t * a + s] = sum / n;
      }
    }
    double[] system = gram.clone();
    double[] diagonal = new double[a * a];
    for (int s = 0; s < a; s++) {
      system[s * a + s] += ridge * penalty[active[s]];
      diagonal[s * a + s] = penalty[active[s]];
    }
    // Solve (G + μV) W = V; then df = |A| − μ tr(W).
    int info = openblas.LAPACKE_dposv(openblas.LAPACK_COL_MAJOR, (byte) 'U', a, a, system, a,
        diagonal, a);
    if (info != 0) {
      throw new IllegalStateException("active-set system not positive definite (info " + info
          + ")");
    }
    double trace = 0;
    for (int s = 0; s < a; s++) {
      trace += diagonal[s * a + s];
    }
    return a - ridge * trace;
  }

  private static int argmin(double[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      if (values[i] < values[best]) {
        best = i;
      }
    }
    return best;
  }
}
