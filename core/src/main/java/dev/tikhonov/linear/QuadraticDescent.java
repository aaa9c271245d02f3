package dev.tikhonov.linear;

import dev.tikhonov.internal.linear.PenalizedQuadratic;

/**
 * {@link PenalizedQuadratic#minimize}: covariance-mode coordinate descent
 * ({@link GaussianCoordinateDescent} on a {@link CovarianceTracker} over G) warm-started from
 * β, with the path's stopping rule ({@link PathLoop}); the problem, the scaling and the stopping
 * rule are in PenalizedQuadratic's javadoc. Here because the solvers it runs are package-private
 * in this package; it registers itself with PenalizedQuadratic as it is initialized
 * (PenalizedQuadratic loads it by name). Stateless, so thread-safe: each call works on its own
 * state.
 */
final class QuadraticDescent implements PenalizedQuadratic.Minimizer {
  static {
    PenalizedQuadratic.register(new QuadraticDescent());
  }

  private QuadraticDescent() {}

  @Override
  public PenalizedQuadratic.Solution minimize(PenalizedQuadratic problem, double lambda,
      double[] start, double tolerance, int maxPasses) {
    double[] gram = problem.gram();
    double[] linear = problem.linear();
    double constant = problem.constant();
    boolean[] included = problem.included();
    double[] penaltyFactors = problem.penaltyFactors();
    double l1Ratio = problem.l1Ratio();
    int p = linear.length;
    double[] solution = start.clone();
    if (!(constant > 0)) {
      boolean[] nonzero = new boolean[p];
      for (int j = 0; j < p; j++) {
        nonzero[j] = solution[j] != 0;
      }
      return new PenalizedQuadratic.Solution(solution, 0.0, 0, true, nonzero);
    }
    boolean[] moving = new boolean[p];
    double[] variance = new double[p];
    double[] g = new double[p * p];
    double[] c = new double[p];
    for (int j = 0; j < p; j++) {
      moving[j] = included[j] && gram[j * p + j] > 0;
    }
    // The features held fixed enter as a shift of c: c − G_{·,fixed} β_fixed.
    for (int j = 0; j < p; j++) {
      if (!moving[j]) {
        continue;
      }
      variance[j] = gram[j * p + j];
      double shifted = linear[j];
      for (int k = 0; k < p; k++) {
        if (moving[k]) {
          g[j * p + k] = gram[j * p + k];
        } else if (start[k] != 0) {
          shifted -= gram[j * p + k] * start[k];
        }
      }
      c[j] = shifted;
    }
    // ... and d becomes d − 2c_F·β_F + β_FᵀG_FFβ_F.
    double fixed = constant;
    for (int k = 0; k < p; k++) {
      if (moving[k] || start[k] == 0) {
        continue;
      }
      fixed -= 2 * linear[k] * start[k];
      for (int l = 0; l < p; l++) {
        if (!moving[l] && start[l] != 0) {
          fixed += start[k] * gram[k * p + l] * start[l];
        }
      }
    }
    double d = Math.max(fixed, Double.MIN_NORMAL);
    double[] ones = new double[p];
    java.util.Arrays.fill(ones, 1.0);
    double[] zeros = new double[p];
    StandardizedDesign design = DenseDesign.ofMoments(1, zeros, ones, variance, moving);
    CovarianceTracker tracker = new CovarianceTracker(design, g, c, d);
    GaussianCoordinateDescent solver = new GaussianCoordinateDescent(design, tracker,
        penaltyFactors, Box.none(), l1Ratio, 0.0, d, maxPasses, true);
    double[] warm = new double[p];
    for (int j = 0; j < p; j++) {
      warm[j] = moving[j] ? start[j] : 0.0;
    }
    solver.startFrom(warm);
    // The first sweeps stop at glmnet's threshold, or the tolerance if smaller but never below
    // 10⁻¹⁶·d: before any coefficient is known the rounding floor is unknown. The solver now
    // stops at the floor its coefficients reach (GaussianCoordinateDescent), but dropping this
    // minimum changed the tolerance-0 solutions of Spark's multinomial IRLS (its 60-λ path in
    // SparkMultinomialFitTest ended after 5 λ), so it stays. The tightening rounds below go on
    // to the floor.
    double sweep = Math.max(Math.min(Math.max(tolerance, 1e-16), PathLoop.GLMNET_THRESHOLD) * d,
        floor(solver, d));
    double certificate;
    boolean limit = false;
    try {
      solver.solve(lambda, lambda, sweep);
      certificate = solver.certificate(lambda);
      double best = certificate;
      int stalled = 0;
      // The gap is computed to about 10⁻¹⁶·d (it can round to 0), so it stops improving long
      // before the coefficients do: at tolerance 0 the rounds go on to the floor whatever the
      // gap says.
      boolean toFloor = tolerance == 0;
      while ((certificate > tolerance || toFloor)
          && (stalled < PathLoop.STALLED_ROUNDS || toFloor) && sweep > floor(solver, d)) {
        sweep = Math.max(sweep / PathLoop.TIGHTENING, floor(solver, d));
        solver.solve(lambda, lambda, sweep);
        certificate = solver.certificate(lambda);
        stalled = certificate < best ? 0 : stalled + 1;
        best = Math.min(best, certificate);
      }
    } catch (IterationLimitReached e) {
      limit = true;
      certificate = solver.certificate(lambda);
    }
    double[] intercept = new double[1];
    double[][] coefficients = new double[1][p];
    solver.coefficients(intercept, coefficients);
    boolean[] everActive = new boolean[p];
    for (int j = 0; j < p; j++) {
      if (moving[j]) {
        solution[j] = coefficients[0][j];
        everActive[j] = solver.isEverActive(j);
      } else {
        everActive[j] = start[j] != 0;
      }
    }
    return new PenalizedQuadratic.Solution(solution, certificate, solver.passes(),
        !limit && (tolerance == 0 || certificate <= tolerance), everActive);
  }

  private static double floor(PointSolver solver, double constant) {
    return Math.max(solver.roundingThreshold(), 1e-40 * constant);
  }
}
