package dev.tikhonov.linear;

import java.util.Objects;

/**
 * An elastic-net penalized quadratic given by its moments, no rows: the subproblem of one
 * proximal Newton (IRLS) step when the data live elsewhere (the Spark module's distributed
 * binomial fit computes the moments in one pass and solves here on the driver),
 *
 * <pre>
 *   minimize over β   ½ βᵀGβ − cᵀβ + ½d + λ Σⱼ vⱼ [ (1−α)/2 · βⱼ² + α · |βⱼ| ]
 * </pre>
 *
 * with G = {@code gram} (p×p, row-major, symmetric positive semidefinite), c = {@code linear},
 * d = {@code constant}, v = {@code penaltyFactors}, α = {@code l1Ratio}. It is the gaussian
 * objective (1/2n)‖y − Zβ‖² + λ·penalty written with G = (1/n)ZᵀZ, c = (1/n)Zᵀy and
 * d = (1/n)‖y‖² (so d ≥ cᵀG⁺c must hold: it is a squared norm), and it is solved by the same
 * covariance-mode coordinate descent as {@link ElasticNetPath#fit(GaussianStatistics,
 * PathSettings, java.util.List)} ({@link GaussianCoordinateDescent} on a
 * {@link CovarianceTracker} over G), warm-started from a given β, with the same stopping rule
 * as the path ({@link PathLoop}): sweeps to glmnet's threshold, then tightened tenfold until
 * the relative duality gap (P − D)/d is at most the tolerance or double precision's floor is
 * reached. The gap bounds the coefficients' error only by about √gap, so a tolerance of 0 (run
 * to the floor, sweeps that move nothing but the last bits, even where the gap has stopped
 * improving) is what an outer Newton loop that certifies its own KKT conditions wants.
 *
 * <p>A feature outside {@code included}, or with Gⱼⱼ = 0 (no curvature: the model is flat or
 * unbounded along it), is not moved: it keeps its starting value. Immutable (the arrays are
 * kept, not copied: do not modify them) and thread-safe; each {@link #minimize} call works on
 * its own state.
 *
 * @param gram G, p×p row-major
 * @param linear c, p
 * @param constant d ≥ cᵀG⁺c (at d = 0, where c must vanish, {@link #minimize} returns its start)
 * @param included the features that may move
 * @param penaltyFactors vⱼ ≥ 0 (normalized as the path normalizes them)
 * @param l1Ratio α in [0, 1]
 */
public record PenalizedQuadratic(double[] gram, double[] linear, double constant,
    boolean[] included, double[] penaltyFactors, double l1Ratio) {

  /**
   * The minimizer found, on the scale of β. An immutable value ({@code coefficients} is not
   * copied: do not modify it); thread-safe.
   *
   * @param coefficients β
   * @param certificate the relative duality gap (P − D)/d at β (for λ = 0 the largest scaled
   *     gradient, as {@link GaussianCoordinateDescent#certificate})
   * @param passes coordinate passes spent
   * @param converged the certificate is at most the tolerance (at tolerance 0: the sweeps
   *     reached the floor) and the pass budget held
   */
  public record Solution(double[] coefficients, double certificate, int passes,
      boolean converged) {}

  public PenalizedQuadratic {
    Objects.requireNonNull(gram, "gram");
    int p = linear.length;
    if (gram.length != p * p || included.length != p || penaltyFactors.length != p) {
      throw new IllegalArgumentException("gram must be p×p and included, penaltyFactors p long,"
          + " p = " + p);
    }
    if (!(l1Ratio >= 0 && l1Ratio <= 1)) {
      throw new IllegalArgumentException("l1Ratio must be in [0, 1], got " + l1Ratio);
    }
  }

  /**
   * Minimizes at {@code lambda} from {@code start}.
   *
   * @param start β to start from (p values; not modified)
   * @param tolerance the relative duality gap to reach
   * @param maxPasses the budget of coordinate passes
   */
  public Solution minimize(double lambda, double[] start, double tolerance, int maxPasses) {
    int p = linear.length;
    if (start.length != p) {
      throw new IllegalArgumentException(start.length + " starting values for " + p
          + " features");
    }
    double[] solution = start.clone();
    if (!(constant > 0)) {
      return new Solution(solution, 0.0, 0, true);
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
    for (int j = 0; j < p; j++) {
      if (moving[j]) {
        solution[j] = coefficients[0][j];
      }
    }
    return new Solution(solution, certificate, solver.passes(),
        !limit && (tolerance == 0 || certificate <= tolerance));
  }

  private static double floor(PointSolver solver, double constant) {
    return Math.max(solver.roundingThreshold(), 1e-40 * constant);
  }
}
