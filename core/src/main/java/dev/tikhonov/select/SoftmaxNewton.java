package dev.tikhonov.select;

/**
 * Newton's method for a {@link SoftmaxLayer}'s f: the step H⁻¹g by a Cholesky solve with
 * {@link Curvature#FULL}, else by conjugate gradients on Hessian-vector products preconditioned
 * by the approximate curvature (Newton-CG: the exact Newton step without forming H), and the
 * minimization built on it. Stateless; thread-safe.
 */
final class SoftmaxNewton {
  /** Conjugate gradients stop when ‖r‖ ≤ this · ‖g‖. */
  private static final double CG_TOLERANCE = 1e-13;
  /**
   * At most this many conjugate-gradient steps (or 2d + 20 if fewer): with a curvature
   * preconditioner it needs tens; a truncated solve is still a descent direction.
   */
  private static final int MAX_CG_STEPS = 500;

  private SoftmaxNewton() {}

  /**
   * The minimizer of f and how it was reached.
   *
   * @param theta the parameters
   * @param objective f there
   * @param iterations Newton steps taken
   * @param converged whether ½gᵀH⁻¹g fell below the tolerance
   */
  record Minimum(double[] theta, double objective, int iterations, boolean converged) {}

  /**
   * H⁻¹g at the state's θ: {@code factor.solve(g)} when the factor is the exact Hessian
   * (FULL), else conjugate gradients with H·v products preconditioned by {@code factor}.
   */
  static double[] step(SoftmaxLayer layer, SoftmaxLayer.State state, double tau, double[] g,
      SoftmaxLayer.CurvatureFactor factor, Curvature curvature) {
    if (curvature == Curvature.FULL) {
      return factor.solve(g);
    }
    int d = g.length;
    double[] s = new double[d];
    double[] r = g.clone();
    double[] z = factor.solve(r);
    double[] p = z.clone();
    double rz = SoftmaxLayer.dot(r, z);
    double limit = CG_TOLERANCE * Math.sqrt(SoftmaxLayer.dot(g, g));
    for (int iteration = 0, limitSteps = Math.min(2 * d + 20, MAX_CG_STEPS);
        iteration < limitSteps; iteration++) {
      if (Math.sqrt(SoftmaxLayer.dot(r, r)) <= limit) {
        break;
      }
      double[] hp = layer.hessianVector(state, tau, p);
      double alpha = rz / SoftmaxLayer.dot(p, hp);
      for (int j = 0; j < d; j++) {
        s[j] += alpha * p[j];
        r[j] -= alpha * hp[j];
      }
      z = factor.solve(r);
      double next = SoftmaxLayer.dot(r, z);
      double beta = next / rz;
      rz = next;
      for (int j = 0; j < d; j++) {
        p[j] = z[j] + beta * p[j];
      }
    }
    return s;
  }

  /**
   * Minimizes f from {@code start} (not modified) by Newton steps θ ← θ − t·H⁻¹g, computed as
   * {@link #step} with the chosen curvature. t is found by backtracking (Armijo) while f still
   * resolves the decrease; below that, whole steps are taken as long as the Newton decrement
   * ½gᵀH⁻¹g keeps falling. Stops when the decrement is below {@code tolerance}·max(1, |f|), or
   * after {@code maxIterations}.
   */
  static Minimum minimize(SoftmaxLayer layer, double[] start, double tau, Curvature curvature,
      double tolerance, int maxIterations) {
    double[] theta = start.clone();
    SoftmaxLayer.State state = layer.state(theta);
    double f = layer.objective(state, tau);
    double[] previousTheta = null;
    double previousF = Double.NaN;
    double previousDecrement = Double.POSITIVE_INFINITY;
    int iterations = 0;
    while (true) {
      double[] g = layer.gradient(state, tau);
      double[] step = step(layer, state, tau, g, layer.curvature(state, tau, curvature),
          curvature);
      double decrement = 0.5 * SoftmaxLayer.dot(g, step);
      double scale = Math.max(1.0, Math.abs(f));
      if (previousTheta != null && !(decrement < previousDecrement)) {
        // A whole step in the rounding regime that did not help: keep the point before it.
        return new Minimum(previousTheta, previousF, iterations, true);
      }
      if (decrement <= tolerance * scale) {
        return new Minimum(theta, f, iterations, true);
      }
      if (iterations >= maxIterations) {
        return new Minimum(theta, f, iterations, false);
      }
      iterations++;
      if (decrement <= 1e-9 * scale) {
        // f cannot resolve this step's decrease (≈ the decrement) any more: take it whole,
        // Newton converging quadratically here.
        previousTheta = theta.clone();
        previousF = f;
        previousDecrement = decrement;
        for (int j = 0; j < theta.length; j++) {
          theta[j] -= step[j];
        }
        state = layer.state(theta);
        f = layer.objective(state, tau);
        continue;
      }
      previousTheta = null;
      double t = 1.0;
      double[] trial = new double[theta.length];
      SoftmaxLayer.State trialState;
      double trialF;
      while (true) {
        for (int j = 0; j < theta.length; j++) {
          trial[j] = theta[j] - t * step[j];
        }
        trialState = layer.state(trial);
        trialF = layer.objective(trialState, tau);
        if (trialF <= f - 1e-4 * t * 2 * decrement || t < 1e-10) {
          break;
        }
        t /= 2;
      }
      if (!(trialF < f)) {
        return new Minimum(theta, f, iterations, false);
      }
      theta = trial;
      state = trialState;
      f = trialF;
    }
  }
}
