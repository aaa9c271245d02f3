package dev.tikhonov.spark;

import dev.tikhonov.data.InputException;
import java.io.Serializable;

/**
 * One setting of a {@link SparkSweep}: the L2 strength λ, the inverted-dropout rate and the
 * seed of one training run. λ is DESIGN.md's: the run minimizes the mean cross-entropy plus
 * {@code (λ/2) Σ‖W‖²} over the weight matrices (biases unpenalized), which is PyTorch's
 * {@code SGD(weight_decay=λ)} on the weights; scikit-learn's {@code MLPClassifier(alpha=a)} is
 * λ = a/n. The constructor throws an {@link InputException} naming the setting when λ or the
 * dropout rate is out of range. Immutable and thread-safe.
 *
 * @param lambda λ ≥ 0, finite
 * @param dropout inverted dropout rate p ∈ [0, 1) after each hidden ReLU (0 = none)
 * @param seed seeds the initialization, the shuffling and the dropout masks
 */
public record SweepSetting(double lambda, double dropout, long seed) implements Serializable {
  private static final long serialVersionUID = 1L;

  public SweepSetting {
    if (!(lambda >= 0 && lambda < Double.POSITIVE_INFINITY)) {
      throw new InputException("setting (λ=" + lambda + ", dropout=" + dropout + ", seed="
          + seed + "): λ must be a finite number ≥ 0, got " + lambda);
    }
    if (!(dropout >= 0 && dropout < 1)) {
      throw new InputException("setting (λ=" + lambda + ", dropout=" + dropout + ", seed="
          + seed + "): the dropout rate must be in [0, 1), got " + dropout);
    }
  }

  /** A file-name-safe label: {@code lambda-0.01_dropout-0.2_seed-1}. */
  public String label() {
    return "lambda-" + lambda + "_dropout-" + dropout + "_seed-" + seed;
  }
}
