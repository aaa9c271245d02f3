package dev.tikhonov;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.loss.SoftmaxCrossEntropy;
import dev.tikhonov.loss.SquaredError;
import dev.tikhonov.nn.Architecture;
import dev.tikhonov.nn.Initializer;
import dev.tikhonov.nn.Layer;
import dev.tikhonov.nn.Parameter;
import dev.tikhonov.nn.Sequential;
import dev.tikhonov.optim.Optimizer;
import dev.tikhonov.optim.OptimizerConfig;
import dev.tikhonov.optim.Optimizers;
import dev.tikhonov.regularize.Penalty;
import dev.tikhonov.tensor.Matrix;
import dev.tikhonov.tensor.Rng;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rows of docs/objective.md's conversion table whose peers are not installed here (Keras,
 * optax, the Laplace library): each peer's objective or update is written out in double from
 * the source lines cited at each test, and compared with tikhonov's objective (its loss classes
 * and {@link Penalty}) or its optimizer ({@link Optimizers}) at the converted setting. Each test
 * also shows that a wrong factor breaks the equality.
 *
 * <p>Sources (public repositories, the commit read):
 * <ul>
 *   <li>keras-team/keras {@code keras/src/regularizers/regularizers.py} (ac2ee342): {@code L2}:
 *       {@code return self.l2 * ops.sum(ops.square(x))}; {@code L1}:
 *       {@code return self.l1 * ops.sum(ops.absolute(x))}; {@code L1L2}: the sum of both.
 *   <li>{@code keras/src/trainers/trainer.py} (01a4a576), {@code Trainer.compute_loss}: the
 *       compiled loss plus {@code _aggregate_additional_loss(loss)} = {@code ops.sum(loss)} of
 *       each regularization loss, {@code total_loss = ops.sum(losses)}: the penalty is added
 *       to the batch's loss, not divided by the batch size. The compiled loss is reduced with
 *       {@code "sum_over_batch_size"}: a mean.
 *   <li>{@code keras/src/losses/losses.py}, {@code mean_squared_error}:
 *       {@code return ops.mean(ops.square(y_true - y_pred), axis=-1)}: no ½.
 *   <li>{@code keras/src/optimizers/base_optimizer.py} (001750db),
 *       {@code _backend_apply_gradients}: {@code self._apply_weight_decay(trainable_variables)}
 *       then {@code self._backend_update_step(...)}; {@code _apply_weight_decay}:
 *       {@code variable.assign(variable - variable * wd * lr)} for every trainable variable
 *       not excluded by {@code exclude_from_weight_decay} (biases included by default).
 *   <li>{@code keras/src/optimizers/adam.py} (13de96ae), {@code update_step}:
 *       {@code alpha = lr * ops.sqrt(1 - beta_2_power) / (1 - beta_1_power)}, m and v as
 *       PyTorch's, {@code variable -= m * alpha / (ops.sqrt(v) + self.epsilon)}: ε is added
 *       before the bias correction of v (PyTorch and optax add it after).
 *   <li>google-deepmind/optax {@code optax/_src/alias.py} (47fe6554), {@code adamw}:
 *       {@code chain(scale_by_adam(...), transform.add_decayed_weights(weight_decay, mask),
 *       transform.scale_by_learning_rate(learning_rate))}; {@code transform.py}
 *       {@code add_decayed_weights}: {@code g + weight_decay * p};
 *       {@code scale_by_learning_rate}: {@code m = -1 if flip_sign else 1 ...
 *       scale(m * learning_rate)}; {@code scale_by_adam}:
 *       {@code mu_hat / (sqrt(nu_hat + eps_root) + eps)}. {@code mask=None} decays every leaf.
 *   <li>aleximmer/Laplace {@code laplace/curvature/curvature.py}, {@code CurvatureInterface}:
 *       regression {@code MSELoss(reduction='sum')} with {@code self.factor = 0.5},
 *       classification {@code CrossEntropyLoss(reduction='sum')}; {@code laplace/baselaplace.py}
 *       (02de587c): {@code log_likelihood = -self._H_factor * self.loss - c},
 *       {@code _H_factor = 1 / sigma2 / self.temperature}; the prior is N(0, 1/δ) on every
 *       parameter ({@code prior_precision_diag}), log-prior −½·δ·Σθ².
 * </ul>
 */
class SourceCitedConversionsTest {
  private static final int N = 12;
  private static final int P = 4;
  private static final int K = 3;
  /** The network computes in float32 and both sides sum in double: equal to ~1e-10. */
  private static final double EXACT = 1e-8;

  /** Inputs, class labels, regression targets and a linear network with random weights. */
  private record Problem(Matrix x, Matrix labels, Matrix targets, Sequential network) {
    static Problem of(int outputs, long seed) {
      Rng rng = new Rng(seed);
      Matrix x = Matrix.zeros(N, P);
      Matrix labels = Matrix.zeros(N, 1);
      Matrix targets = Matrix.zeros(N, outputs);
      for (int i = 0; i < N; i++) {
        for (int j = 0; j < P; j++) {
          x.set(i, j, (float) rng.nextGaussian());
        }
        labels.put(i, rng.nextInt(K));
        for (int k = 0; k < outputs; k++) {
          targets.set(i, k, (float) (2 * rng.nextGaussian()));
        }
      }
      Sequential network = Architecture.mlp(0, 5).build(P, outputs,
          Initializer.pytorchDefault(), rng, new Rng(seed + 1));
      return new Problem(x, labels, targets, network);
    }

    Matrix output() {
      return network.forward(x, Layer.Mode.INFER);
    }

    /** Σ over the weights (not biases) of f(w). */
    double sumOverWeights(java.util.function.DoubleUnaryOperator f) {
      double sum = 0;
      for (Parameter p : network.weights()) {
        for (int i = 0; i < p.value().size(); i++) {
          sum += f.applyAsDouble(p.value().at(i));
        }
      }
      return sum;
    }

    /** Keras's categorical cross-entropy, mean over the batch, in double. */
    double kerasCrossEntropy() {
      Matrix z = output();
      double sum = 0;
      for (int i = 0; i < N; i++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < K; k++) {
          max = Math.max(max, z.get(i, k));
        }
        double s = 0;
        for (int k = 0; k < K; k++) {
          s += Math.exp(z.get(i, k) - max);
        }
        sum += max + Math.log(s) - z.get(i, (int) labels.at(i));
      }
      return sum / N;
    }

    /** Keras's mean_squared_error, mean over the batch: mean of (y − ŷ)², no ½. */
    double kerasMeanSquaredError() {
      Matrix z = output();
      double sum = 0;
      for (int i = 0; i < z.size(); i++) {
        double r = targets.at(i) - z.at(i);
        sum += r * r;
      }
      return sum / z.size();
    }

    /** tikhonov's J = mean ℓ + R(w) with ℓ softmax cross-entropy. */
    double crossEntropyObjective(Penalty penalty) {
      Matrix z = output();
      return new SoftmaxCrossEntropy().lossAndGradient(z, labels, Matrix.zeros(N, K))
          + penalty.value(network.parameters());
    }

    /** tikhonov's J = mean ½(y − ŷ)² + R(w) (one output). */
    double squaredErrorObjective(Penalty penalty) {
      Matrix z = output();
      return new SquaredError().lossAndGradient(z, targets, Matrix.zeros(N, z.cols()))
          + penalty.value(network.parameters());
    }
  }

  private static void assertSame(double expected, double actual, String what) {
    assertEquals(expected, actual, EXACT * Math.abs(expected), what);
  }

  private static void assertDifferent(double expected, double actual, String what) {
    assertTrue(Math.abs(expected - actual) > 1e-4 * Math.abs(expected),
        what + ": " + expected + " vs " + actual);
  }

  /**
   * Keras's loss with {@code kernel_regularizer=l2(c)}, {@code l1(c)}, {@code l1_l2(l1=a,
   * l2=b)} on cross-entropy is tikhonov's J at λ = 2c; λ = c, α = 1; λ = a + 2b,
   * α = a/(a + 2b), at any weights (so the same minimizer and the same gradient steps).
   */
  @Test
  void kerasRegularizers_onCrossEntropy_equalTheObjectiveAtTheTablesLambda() {
    double c = 0.07;
    double a = 0.03;
    double b = 0.05;
    for (long seed = 1; seed <= 3; seed++) {
      Problem q = Problem.of(K, seed);
      double sumSquares = q.sumOverWeights(w -> w * w);
      double sumAbs = q.sumOverWeights(Math::abs);
      double ce = q.kerasCrossEntropy();
      double kerasL2 = ce + c * sumSquares;
      assertSame(kerasL2, q.crossEntropyObjective(Penalty.l2(2 * c)), "l2(c) at λ = 2c");
      assertDifferent(kerasL2, q.crossEntropyObjective(Penalty.l2(c)), "l2(c) at λ = c");
      double kerasL1 = ce + c * sumAbs;
      assertSame(kerasL1, q.crossEntropyObjective(Penalty.l1(c)), "l1(c) at λ = c");
      assertDifferent(kerasL1, q.crossEntropyObjective(Penalty.l1(2 * c)), "l1(c) at λ = 2c");
      double kerasL1L2 = ce + a * sumAbs + b * sumSquares;
      assertSame(kerasL1L2, q.crossEntropyObjective(
          Penalty.elasticNet(a + 2 * b, a / (a + 2 * b))), "l1_l2 at λ = a + 2b");
      assertDifferent(kerasL1L2, q.crossEntropyObjective(
          Penalty.elasticNet(a + b, a / (a + b))), "l1_l2 at λ = a + b");
    }
  }

  /**
   * With Keras's mean_squared_error (no ½) the loss is twice tikhonov's J at half the
   * cross-entropy λ: l2(c) is λ = c, l1(c) is λ = c/2, l1_l2(a, b) is λ = (a + 2b)/2 with the
   * same α; the same minimizer, and Keras's gradient is twice ours (its learning rate lr is
   * tikhonov's 2·lr for SGD).
   */
  @Test
  void kerasRegularizers_onMeanSquaredError_areHalfTheCrossEntropyLambda() {
    double c = 0.07;
    double a = 0.03;
    double b = 0.05;
    for (long seed = 1; seed <= 3; seed++) {
      Problem q = Problem.of(1, seed);
      double sumSquares = q.sumOverWeights(w -> w * w);
      double sumAbs = q.sumOverWeights(Math::abs);
      double mse = q.kerasMeanSquaredError();
      double kerasL2 = mse + c * sumSquares;
      assertSame(kerasL2, 2 * q.squaredErrorObjective(Penalty.l2(c)), "l2(c), MSE, at λ = c");
      assertDifferent(kerasL2, 2 * q.squaredErrorObjective(Penalty.l2(2 * c)),
          "l2(c), MSE, at λ = 2c");
      double kerasL1 = mse + c * sumAbs;
      assertSame(kerasL1, 2 * q.squaredErrorObjective(Penalty.l1(c / 2)), "l1(c), MSE");
      double kerasL1L2 = mse + a * sumAbs + b * sumSquares;
      assertSame(kerasL1L2, 2 * q.squaredErrorObjective(
          Penalty.elasticNet((a + 2 * b) / 2, a / (a + 2 * b))), "l1_l2, MSE");
    }
  }

  /**
   * The Laplace library's negative log joint, −log p(y|θ) − log p(θ) with the prior of
   * precision δ on every parameter, is (n/σ²)·J at λ = δσ²/n with the biases penalized too
   * (penalty factor 1): δ/n for classification (σ = 1) and for regression with σ = 1.
   */
  @Test
  void laplacePriorPrecision_isDeltaSigmaSquaredOverN() {
    double delta = 3.0;
    for (long seed = 1; seed <= 3; seed++) {
      Problem q = Problem.of(K, seed);
      for (Parameter p : q.network().parameters()) {
        p.setPenaltyFactor(1);       // prior_precision puts the prior on the biases too
      }
      double allSquares = 0;
      for (Parameter p : q.network().parameters()) {
        allSquares += p.value().sumOfSquares();
      }
      // Classification: factor 1, CrossEntropyLoss(reduction='sum'), σ = 1.
      double negLogJoint = N * q.kerasCrossEntropy() + 0.5 * delta * allSquares;
      assertSame(negLogJoint, N * q.crossEntropyObjective(Penalty.l2(delta / N)),
          "classification at λ = δ/n");
      assertDifferent(negLogJoint, N * q.crossEntropyObjective(Penalty.l2(delta / (2 * N))),
          "classification at λ = δ/2n");
      // Regression: (1/σ²)·0.5·Σ(y − f)², the constant c aside.
      Problem r = Problem.of(1, seed);
      double rSquares = 0;
      for (Parameter p : r.network().parameters()) {
        p.setPenaltyFactor(1);
        rSquares += p.value().sumOfSquares();
      }
      double sigma = 0.5;
      double regression = 0.5 * N * r.kerasMeanSquaredError() / (sigma * sigma)
          + 0.5 * delta * rSquares;
      double lambda = delta * sigma * sigma / N;
      assertSame(regression, N / (sigma * sigma) * r.squaredErrorObjective(Penalty.l2(lambda)),
          "regression at λ = δσ²/n");
      assertDifferent(regression, N / (sigma * sigma)
          * r.squaredErrorObjective(Penalty.l2(delta / N)), "regression, σ ≠ 1, at λ = δ/n");
    }
  }

  // ---- decoupled decay: the peers' update loops in double, against tikhonov's AdamW ----

  private static final int STEPS = 6;

  /** The data gradient of element i at step t: varied signs and scales. */
  private static double gradient(int t, int i) {
    return Math.sin(1.3 * i + 0.7 * t) * (1 + 0.4 * i);
  }

  /** An update of one tensor in double: {@code param} is modified in place. */
  private interface Step {
    void step(double[] param, double[] grad, int t);
  }

  /**
   * optax.adamw(lr, weight_decay=d, mask): chain(scale_by_adam, add_decayed_weights,
   * scale_by_learning_rate), applied by {@code apply_updates} (p + u).
   */
  private static Step optaxAdamW(double lr, double d, double eps, double[] mu, double[] nu) {
    double b1 = 0.9;
    double b2 = 0.999;
    return (p, g, t) -> {
      for (int i = 0; i < p.length; i++) {
        mu[i] = b1 * mu[i] + (1 - b1) * g[i];
        nu[i] = b2 * nu[i] + (1 - b2) * g[i] * g[i];
        double muHat = mu[i] / (1 - Math.pow(b1, t));
        double nuHat = nu[i] / (1 - Math.pow(b2, t));
        double u = muHat / (Math.sqrt(nuHat) + eps);  // scale_by_adam, eps_root = 0
        u = u + d * p[i];                            // add_decayed_weights
        p[i] += -lr * u;                             // scale_by_learning_rate, apply_updates
      }
    };
  }

  /** keras.optimizers.AdamW(lr, weight_decay=d, epsilon): decay, then Adam's update_step. */
  private static Step kerasAdamW(double lr, double d, double eps, double[] m, double[] v) {
    double b1 = 0.9;
    double b2 = 0.999;
    return (p, g, t) -> {
      double alpha = lr * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
      for (int i = 0; i < p.length; i++) {
        p[i] = p[i] - p[i] * d * lr;                 // _apply_weight_decay
        m[i] += (g[i] - m[i]) * (1 - b1);
        v[i] += (g[i] * g[i] - v[i]) * (1 - b2);
        p[i] -= m[i] * alpha / (Math.sqrt(v[i]) + eps);
      }
    };
  }

  /**
   * Runs tikhonov's {@code config} on a weight and a bias and the peer's loop on the weight
   * (with decay d) and on the bias (decay 0: optax's mask, Keras's
   * {@code exclude_from_weight_decay(var_names=["bias"])}); returns the largest deviation.
   */
  private static double deviation(OptimizerConfig config, java.util.function.IntFunction<Step>
      peerWithDecayOf) {
    Parameter weight = new Parameter("w", Parameter.Kind.WEIGHT,
        Matrix.of(2, 3, 0.5, -1.2, 2.0, 0.3, -0.7, 1.1));
    Parameter bias = new Parameter("b", Parameter.Kind.BIAS, Matrix.of(1, 3, 0.8, -0.4, 0.05));
    Optimizer optimizer = Optimizer.of(Optimizers.chain(config), List.of(weight, bias));
    double[] w = weight.value().toDoubleArray();
    double[] b = bias.value().toDoubleArray();
    Step peerW = peerWithDecayOf.apply(w.length);
    Step peerB = peerWithDecayOf.apply(-b.length);
    double worst = 0;
    for (int t = 1; t <= STEPS; t++) {
      double[] gw = new double[w.length];
      double[] gb = new double[b.length];
      for (int i = 0; i < w.length; i++) {
        weight.gradient().put(i, (float) gradient(t, i));
        gw[i] = weight.gradient().at(i);
      }
      for (int i = 0; i < b.length; i++) {
        bias.gradient().put(i, (float) gradient(t, 10 + i));
        gb[i] = bias.gradient().at(i);
      }
      optimizer.step();
      peerW.step(w, gw, t);
      peerB.step(b, gb, t);
      for (int i = 0; i < w.length; i++) {
        worst = Math.max(worst, Math.abs(w[i] - weight.value().at(i)));
      }
      for (int i = 0; i < b.length; i++) {
        worst = Math.max(worst, Math.abs(b[i] - bias.value().at(i)));
      }
    }
    return worst;
  }

  @Test
  void optaxAdamW_isAdamwWithWeightDecayD() {
    double lr = 0.05;
    double d = 0.5;
    // A size n > 0 builds the weight's loop with decay d, −n the bias's without.
    java.util.function.DoubleFunction<java.util.function.IntFunction<Step>> optax =
        decay -> n -> optaxAdamW(lr, n > 0 ? decay : 0, 1e-8, new double[Math.abs(n)],
            new double[Math.abs(n)]);
    assertTrue(deviation(Optimizers.adamW(lr, d), optax.apply(d)) < 1e-5, "optax adamw");
    assertTrue(deviation(Optimizers.adamW(lr, d), optax.apply(2 * d)) > 1e-3,
        "decay 2d is distinguishable");
    assertTrue(deviation(Optimizers.adamW(lr, d), optax.apply(d / lr)) > 1e-3,
        "decay not scaled by the learning rate is distinguishable");
  }

  /**
   * Keras's AdamW decays with lr·d like PyTorch and optax; its ε (default 1e-7) sits before the
   * bias correction, so with tikhonov's ε = 1e-7 the two agree while ε ≪ √v̂ (here to 1e-6).
   */
  @Test
  void kerasAdamW_isAdamwWithWeightDecayD() {
    double lr = 0.05;
    double d = 0.5;
    java.util.function.DoubleFunction<java.util.function.IntFunction<Step>> keras =
        decay -> n -> kerasAdamW(lr, n > 0 ? decay : 0, 1e-7, new double[Math.abs(n)],
            new double[Math.abs(n)]);
    OptimizerConfig adamw = Optimizers.adamW(lr, d).epsilon(1e-7);
    assertTrue(deviation(adamw, keras.apply(d)) < 1e-5, "keras AdamW");
    assertTrue(deviation(adamw, keras.apply(2 * d)) > 1e-3, "decay 2d is distinguishable");
  }
}
