package dev.tikhonov.linear;

/** KKT conditions of the gaussian elastic net, checked on the original scale of the data. */
final class Optimality {
  private Optimality() {}

  /**
   * The largest KKT violation at λ index l, divided by max(λ, 1e-300): with g = Xᵀr/n on the
   * residual r = y − a₀ − Xb and s_j the column standard deviation (1 when not standardized),
   * a nonzero b_j needs g_j = λvⱼs_j(α sign b_j + (1−α)s_j b_j) and a zero one |g_j| ≤ λαvⱼs_j;
   * with an intercept the residuals also sum to 0.
   */
  static double kktViolation(double[][] x, double[] y, GlmPath path, int l,
      ElasticNetConfig config) {
    int n = x.length;
    int p = x[0].length;
    double lambda = path.lambda()[l];
    double alpha = path.l1Ratio();
    double[] b = path.coef()[l][0];
    double a0 = path.intercept()[l][0];
    double[] v = config.scaledPenaltyFactors(p);
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
    double worst = config.intercept() ? Math.abs(sumR / n) : 0.0;
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
      double s = config.standardize() ? Math.sqrt(var) : 1.0;
      double violation;
      if (b[j] != 0) {
        violation = Math.abs(
            g - lambda * v[j] * s * (alpha * Math.signum(b[j]) + (1 - alpha) * s * b[j]));
      } else {
        violation = Math.max(0, Math.abs(g) - lambda * alpha * v[j] * s);
      }
      worst = Math.max(worst, violation);
    }
    return worst;
  }
}
