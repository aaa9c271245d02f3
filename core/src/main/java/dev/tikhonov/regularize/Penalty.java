package dev.tikhonov.regularize;

import dev.tikhonov.nn.Parameter;
import dev.tikhonov.tensor.Matrix;
import java.util.List;

/**
 * The penalty term of docs/objective.md's objective, added to the mean data loss:
 *
 * <pre>  R(w) = λ · Σⱼ vⱼ [ (1−α)/2 · wⱼ² + α · |wⱼ| ]</pre>
 *
 * where vⱼ is each parameter's {@link Parameter#penaltyFactor()} (1 for weights, 0 for biases by
 * default). Coupled: its gradient is added to the data gradient before the optimizer, so
 * momentum and Adam see it (PyTorch's {@code weight_decay} on a mean cross-entropy, for α = 0;
 * on {@code MSELoss}, the mean of (y−ŷ)² without tikhonov's ½, {@code weight_decay} = 2λ at
 * twice the learning rate: docs/objective.md).
 *
 * <p>tikhonov's only implementation, {@code ElasticNetPenalty}, is immutable and thread-safe;
 * {@code addGradient} writes {@code out} (by default the parameters' gradients), which
 * concurrent callers must not share.
 */
public interface Penalty {
  /** R(w), accumulated in double. */
  double value(List<Parameter> parameters);

  /** Adds ∂R/∂w to each parameter's gradient (subgradient sign(w), 0 at 0, for the L1 part). */
  default void addGradient(List<Parameter> parameters) {
    addGradient(parameters, parameters.stream().map(Parameter::gradient).toList());
  }

  /**
   * Adds ∂R/∂w of {@code parameters.get(i)} to {@code out.get(i)} (same shapes). Modified:
   * {@code out}.
   */
  void addGradient(List<Parameter> parameters, List<Matrix> out);

  /** Whether R is identically zero (λ = 0), so that adding its gradient can be skipped. */
  boolean isZero();

  /** No penalty (λ = 0). */
  static Penalty none() {
    return new ElasticNetPenalty(0, 0);
  }

  /** Ridge / L2: {@code (λ/2)‖w‖²}. */
  static Penalty l2(double lambda) {
    return new ElasticNetPenalty(lambda, 0);
  }

  /** Lasso / L1: {@code λ‖w‖₁}. */
  static Penalty l1(double lambda) {
    return new ElasticNetPenalty(lambda, 1);
  }

  /** Elastic net with L1 share α. */
  static Penalty elasticNet(double lambda, double l1Ratio) {
    return new ElasticNetPenalty(lambda, l1Ratio);
  }
}
