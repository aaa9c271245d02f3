package dev.tikhonov.linear;

/** KKT conditions of the gaussian elastic net, checked from scratch on the original data. */
final class Optimality {
  private Optimality() {}

  /**
   * The largest relative KKT violation at λ index l. With g = Xᵀr/n on the residual
   * r = y − a₀ − Xb, s_j the column standard deviation (1 when not standardized) and v_j the
   * normalized penalty factors, a nonzero b_j needs g_j = λv_js_j(α sign b_j + (1−α)s_j b_j)
   * and a zero one |g_j| ≤ λαv_js_j; with an intercept the residuals also sum to 0. Each
   * violation is divided by its own scale λ·max(α, 10⁻³)·v_j·s_j (s_j for an unpenalized
   * feature, 1 for the intercept), so 1e-6 means "a millionth of the penalty's pull on that
   * coefficient". At λ = 0 the violations are returned unscaled.
   */
  static double kktViolation(double[][] x, double[] y, PathSolution path, int l,
      PathSettings settings) {
    int n = x.length;
    int p = x[0].length;
    double lambda = path.lambda(l);
    double alpha = path.l1Ratio();
    double unit = lambda > 0 ? lambda * Math.max(alpha, 1e-3) : 1.0;
    double[] b = path.coefficients(l)[0];
    double a0 = path.intercept(l, 0);
    double[] v = settings.normalizedPenaltyFactors(p);
    double[] r = new double[n];
    double sumR = 0;
    for (int i = 0; i < n; i++) {
      double eta = a0;
      for (int j = 0; j < p; j++) {
        eta += x[i][j] * b[j];
      }
      r[i] = y[i] - eta;
      sumR += r[i];
    }
    double worst = settings.intercept() ? Math.abs(sumR / n) / unit : 0.0;
    for (int j = 0; j < p; j++) {
      double mean = 0;
      for (int i = 0; i < n; i++) {
        mean += x[i][j] / n;
      }
      double var = 0;
      double g = 0;
      for (int i = 0; i < n; i++) {
        var += (x[i][j] - mean) * (x[i][j] - mean) / n;
        g += x[i][j] * r[i] / n;
      }
      if (var == 0) {
        continue; // constant columns are excluded from the model
      }
      double s = settings.standardize() ? Math.sqrt(var) : 1.0;
      double violation;
      if (b[j] != 0) {
        violation = Math.abs(
            g - lambda * v[j] * s * (alpha * Math.signum(b[j]) + (1 - alpha) * s * b[j]));
      } else {
        violation = Math.max(0, Math.abs(g) - lambda * alpha * v[j] * s);
      }
      double scale = unit * (v[j] > 0 ? v[j] * s : s);
      worst = Math.max(worst, violation / scale);
    }
    return worst;
  }
}
