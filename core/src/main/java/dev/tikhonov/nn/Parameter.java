package dev.tikhonov.nn;

import dev.tikhonov.tensor.Matrix;

/**
 * A trainable tensor with its gradient and its role in the penalty.
 *
 * <p>The penalty of docs/objective.md, {@code λ Σⱼ vⱼ [(1−α)/2 wⱼ² + α|wⱼ|]}, applies to this
 * parameter with factor {@code vⱼ = penaltyFactor()}: 1 for weights and 0 for biases by default,
 * so biases are never penalized unless a user asks.
 *
 * <p>Not thread-safe: the optimizer writes its value and back-propagation its gradient in place,
 * and {@code setPenaltyFactor} changes its factor; only the name and kind are fixed.
 */
public final class Parameter {
  /**
   * Whether a parameter is a weight (penalized by default) or a bias (not). Thread-safe, as enum
   * constants are.
   */
  public enum Kind {
    /** A weight matrix: penalty factor 1 by default. */
    WEIGHT,
    /** A bias row: penalty factor 0 by default (never penalized unless a user asks). */
    BIAS
  }

  private final String name;
  private final Kind kind;
  private final Matrix value;
  private final Matrix gradient;
  private double penaltyFactor;

  /**
   * A parameter holding {@code value} (shared, not copied: the optimizer updates it in place),
   * with a zero gradient of the same shape and the default penalty factor of its kind.
   */
  public Parameter(String name, Kind kind, Matrix value) {
    this.name = name;
    this.kind = kind;
    this.value = value;
    this.gradient = Matrix.zeros(value.rows(), value.cols());
    this.penaltyFactor = kind == Kind.WEIGHT ? 1.0 : 0.0;
  }

  /** The name in model and checkpoint files, "dense0.weight". */
  public String name() {
    return name;
  }

  /** Whether it is a weight or a bias. */
  public Kind kind() {
    return kind;
  }

  /** Whether it is a weight ({@link Kind#WEIGHT}). */
  public boolean isWeight() {

    return kind == Kind.WEIGHT;
  }

  /** The live value. */
  public Matrix value() {
    return value;
  }

  /** The live gradient of the objective with respect to {@link #value()}. */
  public Matrix gradient() {
    return gradient;
  }

  /** vⱼ in the penalty: 1 for weights, 0 for biases unless changed. */
  public double penaltyFactor() {
    return penaltyFactor;
  }

  /** Sets vⱼ ≥ 0 (0 = unpenalized). */
  public void setPenaltyFactor(double factor) {
    if (!(factor >= 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("penalty factor must be finite and >= 0, got " + factor);
    }
    this.penaltyFactor = factor;
  }

  @Override
  public String toString() {
    return name + "[" + value.shape() + ", " + kind + "]";
  }
}
