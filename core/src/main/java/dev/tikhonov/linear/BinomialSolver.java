package dev.tikhonov.linear;

/**
 * Proximal Newton for the two-class logistic loss ℓ = −[y·η − log(1 + e^η)], y ∈ {0, 1}, η the
 * log-odds of class 1 (glmnet's {@code lognet} two-class path, Newton Hessian).
 *
 * <p>One outer step: pᵢ = σ(η̃ᵢ), working weights vᵢ = pᵢ(1 − pᵢ)/n and working residual
 * rᵢ = (yᵢ − pᵢ)/n, then coordinate descent on the weighted least-squares model. As in glmnet,
 * a linear predictor beyond ±log(1/pmin − 1) gives p = 0 or 1 and weight 0 (pmin = 10⁻⁹), so
 * separated points stop pulling the coefficients to infinity.
 */
final class BinomialSolver implements ProximalNewtonSolver {

  /** glmnet's {@code pmin}: probabilities are kept in [pmin, 1 − pmin]. */
  static final double PMIN = 1e-9;

  private static final double VMIN = (1 + PMIN) * PMIN * (1 - PMIN);
  private static final double FMAX = Math.log(1 / PMIN - 1);

  private final ProximalNewtonDesign design;
  private final ProximalNewtonCoordinateDescent cd;
  private final double[] penalty;
  private final double alpha;
  private final double[] y;
  private final int n;
  private final int p;
  private final double w;

  private final double[] intercept = new double[1];
  private final double[] b;
  private final double[] bOld;
  private final double[] q;
  private final double[] v;
  private final double[] r;
  private final double[] eta;
  private final double[] xv;
  private final double[] absGradient;
  private double weightSum;
  private final double nullDeviance;
  private boolean exhausted;
  /** True when absGradient holds the final gradient of every feature outside the strong set. */
  private boolean outsideGradientFresh;

  /**
   * @param y 0/1 per row; both values must occur
   * @param penalty normalized penalty factors vpⱼ
   * @param tol convergence threshold relative to the null deviance
   */
  BinomialSolver(
      ProximalNewtonDesign design, double[] y, double[] penalty, double alpha, double tol,
      int maxPasses) {
    this.design = design;
    this.penalty = penalty;
    this.alpha = alpha;
    this.y = y;
    this.n = design.rows;
    this.p = design.cols;
    this.w = 1.0 / n;
    this.cd = new ProximalNewtonCoordinateDescent(design, penalty, maxPasses);
    this.b = new double[p];
    this.bOld = new double[p];
    this.q = new double[n];
    this.v = new double[n];
    this.r = new double[n];
    this.eta = new double[n];
    this.xv = new double[p];
    this.absGradient = new double[p];

    double q0 = 0;
    for (double yi : y) {
      q0 += w * yi;
    }
    if (q0 <= PMIN || q0 >= 1 - PMIN) {
      throw new IllegalArgumentException("binomial target must contain both classes");
    }
    // Start at the intercept-only model: logit of the class-1 share.
    double b0 = Math.log(q0 / (1 - q0));
    intercept[0] = b0;
    for (int i = 0; i < n; i++) {
      q[i] = q0;
      v[i] = w * q0 * (1 - q0);
      r[i] = w * (y[i] - q0);
    }
    weightSum = q0 * (1 - q0);
    nullDeviance = -(b0 * q0 + Math.log(1 - q0));
    cd.setThreshold(tol * nullDeviance);
    for (int j = 0; j < p; j++) {
      if (design.included[j]) {
        absGradient[j] = Math.abs(design.dot(j, r));
      }
    }
  }

  @Override
  public void fitPoint(double lambda, double previousLambda) {
    double l1 = penaltyPart(alpha, lambda);
    double l2 = penaltyPart(1 - alpha, lambda);
    double strongThreshold =
        Double.isInfinite(lambda) ? penaltyPart(alpha, lambda)
            : alpha * (2 * lambda - previousLambda);
    for (int j = 0; j < p; j++) {
      if (design.included[j] && !cd.strong[j]
          && absGradient[j] > ProximalNewtonCoordinateDescent.times(penalty[j], strongThreshold)) {
        cd.strong[j] = true;
      }
    }
    outsideGradientFresh = false;
    double threshold = cd.threshold();
    while (true) {
      cd.checkPasses();
      double b0Old = intercept[0];
      for (int a = 0; a < cd.numActive; a++) {
        int k = cd.active[a];
        bOld[k] = b[k];
      }
      for (int j = 0; j < p; j++) {
        if (cd.strong[j]) {
          xv[j] = design.weightedSquares(j, v);
        }
      }
      cd.solve(b, 0, intercept, 0, xv, v, weightSum, l1, l2, r);

      updateProbabilities();
      if (weightSum <= VMIN) {
        exhausted = true;
        return;
      }
      double d0 = intercept[0] - b0Old;
      boolean converged = weightSum * d0 * d0 <= threshold;
      for (int a = 0; converged && a < cd.numActive; a++) {
        int k = cd.active[a];
        double d = b[k] - bOld[k];
        converged = xv[k] * d * d <= threshold;
      }
      if (converged && !addKktViolators(l1)) {
        outsideGradientFresh = true;
        return;
      }
    }
  }

  /** η̃, p, v and r at the current coefficients. */
  private void updateProbabilities() {
    java.util.Arrays.fill(eta, intercept[0]);
    for (int a = 0; a < cd.numActive; a++) {
      int k = cd.active[a];
      if (b[k] != 0) {
        design.addScaledColumn(k, b[k], eta);
      }
    }
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double f = eta[i];
      double qi = f < -FMAX ? 0 : f > FMAX ? 1 : 1 / (1 + Math.exp(-f));
      q[i] = qi;
      double vi = w * qi * (1 - qi);
      v[i] = vi;
      sum += vi;
      r[i] = w * (y[i] - qi);
    }
    weightSum = sum;
  }

  /** The KKT check over features outside the strong set; true if any joined it. */
  private boolean addKktViolators(double l1) {
    boolean added = false;
    for (int j = 0; j < p; j++) {
      if (!design.included[j] || cd.strong[j]) {
        continue;
      }
      absGradient[j] = Math.abs(design.dot(j, r));
      if (absGradient[j] > ProximalNewtonCoordinateDescent.times(penalty[j], l1)) {
        cd.strong[j] = true;
        added = true;
      }
    }
    return added;
  }

  /** share·λ with share·∞ = 0 when share = 0. */
  static double penaltyPart(double share, double lambda) {
    return share == 0 ? 0 : share * lambda;
  }

  @Override
  public double lambdaMax() {
    return ProximalNewtonSolver.lambdaMax(design.included, penalty, absGradient, alpha);
  }

  @Override
  public double devianceRatio() {
    double dev = 0;
    for (int i = 0; i < n; i++) {
      double pi = Math.min(Math.max(PMIN, q[i]), 1 - PMIN);
      dev -= w * (y[i] * Math.log(pi) + (1 - y[i]) * Math.log(1 - pi));
    }
    return (nullDeviance - dev) / nullDeviance;
  }

  @Override
  public double nullDeviance() {
    return nullDeviance;
  }

  @Override
  public double kktViolation(double lambda) {
    double l1 = penaltyPart(alpha, lambda);
    double l2 = penaltyPart(1 - alpha, lambda);
    double sum = 0;
    for (double ri : r) {
      sum += ri;
    }
    double worst = Math.abs(sum);
    for (int j = 0; j < p; j++) {
      if (!design.included[j]) {
        continue;
      }
      if (!cd.strong[j] && outsideGradientFresh) {
        // The last KKT check just computed it, and bⱼ = 0 outside the strong set: no second
        // pass over the (memory-bound) columns.
        worst = Math.max(worst, violation(absGradient[j], 0, penalty[j], l1, l2));
        continue;
      }
      double g = design.dot(j, r);
      absGradient[j] = Math.abs(g);
      worst = Math.max(worst, violation(-g, b[j], penalty[j], l1, l2));
    }
    return worst;
  }

  /** KKT violation of one coordinate with loss gradient {@code grad}. */
  static double violation(double grad, double bj, double vp, double l1, double l2) {
    double p1 = ProximalNewtonCoordinateDescent.times(vp, l1);
    if (bj == 0) {
      return Math.max(0, Math.abs(grad) - p1);
    }
    return Math.abs(grad + ProximalNewtonCoordinateDescent.times(vp, l2) * bj
        + Math.copySign(p1, bj));
  }

  @Override
  public boolean exhausted() {
    return exhausted;
  }

  @Override
  public int numVectors() {
    return 1;
  }

  @Override
  public void coefficients(double[] interceptOut, double[][] coefOut) {
    interceptOut[0] = intercept[0];
    System.arraycopy(b, 0, coefOut[0], 0, p);
  }
}
