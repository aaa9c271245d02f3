package dev.tikhonov.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tikhonov.nn.Parameter;
import dev.tikhonov.tensor.Matrix;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every optimizer minimizes the convex quadratic {@code f(w) = ½ Σᵢ aᵢ (wᵢ − cᵢ)²} (condition
 * number 16) from w = 0 to its minimizer c.
 */
class ConvergenceTest {
  private static final double[] CURVATURE = {1, 4, 0.25, 2};
  private static final double[] TARGET = {1, -2, 0.5, 3};
  private static final int STEPS = 3000;

  /** Runs {@code config} on f, adding ∇f = a ⊙ (w − c) each step; returns the final w. */
  private static double[] minimize(OptimizerConfig config) {
    Parameter w = new Parameter("w", Parameter.Kind.WEIGHT, Matrix.zeros(1, CURVATURE.length));
    Optimizer optimizer = Optimizer.of(Optimizers.chain(config), List.of(w));
    for (int t = 0; t < STEPS; t++) {
      for (int i = 0; i < CURVATURE.length; i++) {
        w.gradient().put(i, (float) (CURVATURE[i] * (w.value().at(i) - TARGET[i])));
      }
      optimizer.step();
    }
    return w.value().toDoubleArray();
  }

  private static void assertReaches(double[] expected, OptimizerConfig config, double tolerance) {
    double[] w = minimize(config);
    for (int i = 0; i < w.length; i++) {
      assertEquals(expected[i], w[i], tolerance, config.kind() + " coordinate " + i);
    }
  }

  @Test
  void sgd_converges() {
    assertReaches(TARGET, Optimizers.sgd(0.2), 1e-5);
  }

  @Test
  void momentumAndNesterov_converge() {
    assertReaches(TARGET, Optimizers.sgd(0.05).momentum(0.9), 1e-5);
    assertReaches(TARGET, Optimizers.nesterov(0.05, 0.9), 1e-5);
  }

  @Test
  void adamAndRmsprop_withCosineDecay_converge() {
    // Through a cosine schedule, so the schedule is exercised inside a full optimizer.
    assertReaches(
        TARGET,
        Optimizers.adam(1).schedule(LearningRateSchedule.cosine(0.05, STEPS, 0)),
        1e-5);
    assertReaches(
        TARGET,
        Optimizers.rmsprop(1).schedule(LearningRateSchedule.cosine(0.02, STEPS, 0)),
        1e-5);
  }

  @Test
  void sgdWithDecoupledDecay_convergesToTheRidgeMinimizer() {
    // Fixed point of w ← w − lr·(a(w − c) + d·w): w = a·c / (a + d), the minimizer of
    // f + (d/2)‖w‖², so for plain SGD decoupled decay d is L2 with λ = d.
    double d = 0.5;
    double[] ridge = new double[TARGET.length];
    for (int i = 0; i < ridge.length; i++) {
      ridge[i] = CURVATURE[i] * TARGET[i] / (CURVATURE[i] + d);
    }
    assertReaches(ridge, Optimizers.sgd(0.2).weightDecay(d), 1e-5);
  }

  @Test
  void momentumWithDecoupledDecay_convergesToTheRidgeMinimizerOfLambdaOneMinusMuTimesD() {
    // Fixed point: b = ∇f/(1−μ) and b + d·w = 0, so ∇f + (1−μ)·d·w = 0: the decay is not
    // amplified by the velocity the way a coupled L2 gradient is.
    double d = 2.0;
    double mu = 0.75;
    double lambda = (1 - mu) * d;
    double[] ridge = new double[TARGET.length];
    for (int i = 0; i < ridge.length; i++) {
      ridge[i] = CURVATURE[i] * TARGET[i] / (CURVATURE[i] + lambda);
    }
    assertReaches(ridge, Optimizers.sgd(0.05).momentum(mu).weightDecay(d), 1e-5);
  }
}
