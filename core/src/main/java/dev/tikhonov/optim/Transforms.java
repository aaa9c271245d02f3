package dev.tikhonov.optim;

import dev.tikhonov.nn.Parameter;
import dev.tikhonov.regularize.Penalty;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The building blocks of every optimizer, in the optax style. Each factory returns a
 * {@link GradientTransform}; its state rewrites the update buffers {@code u} in place, and
 * {@link Optimizer#step()} starts from {@code u = ∂J/∂w} and ends with {@code w ← w + u}.
 *
 * <p>Update formulas (t = step from 1, w = the parameter's current value):
 *
 * <ul>
 *   <li>{@link #chain}: apply the transforms in order
 *   <li>{@link #masked}: apply {@code inner} only where the mask holds
 *   <li>{@link #addPenaltyGradient}: {@code u ← u + ∇R(w)}, the coupled penalty
 *   <li>{@link #addDecayedWeights}: {@code u ← u + d·w}
 *   <li>{@link #traceMomentum}: {@code b ← μ·b + u}; {@code u ← b}
 *   <li>{@link #traceNesterovMomentum}: {@code b ← μ·b + u}; {@code u ← u + μ·b}
 *       (both momentums set b's subnormal entries to zero at every 16th step, before u is
 *       formed: docs/optimizers.md, "Subnormal momentum is flushed")
 *   <li>{@link #scaleByAdam}: {@code m ← β₁m + (1−β₁)u, v ← β₂v + (1−β₂)u²,
 *       u ← (m/(1−β₁ᵗ)) / (√(v/(1−β₂ᵗ)) + ε)}
 *   <li>{@link #scaleByRms}: {@code v ← ρv + (1−ρ)u², u ← u/(√v + ε)}
 *   <li>{@link #scaleByLearningRate}: {@code u ← −lr(t)·u}
 *   <li>{@link #scale}: {@code u ← c·u}
 *   <li>{@link #clipByGlobalNorm}: {@code u ← u·min(1, c/‖u‖₂)}, the norm over all parameters
 * </ul>
 *
 * <p>Where {@code addDecayedWeights} sits is the difference between coupled L2 and decoupled
 * weight decay (Loshchilov &amp; Hutter): placed before {@code scaleByAdam} it is an L2 gradient
 * that Adam rescales per coordinate (PyTorch {@code Adam(weight_decay=d)}); placed right before
 * {@code scaleByLearningRate} it shrinks every weight by {@code lr·d} per step regardless of the
 * gradient history (PyTorch {@code AdamW}). See {@link Optimizers}.
 *
 * <p>Stateless: its methods may be called from any thread. The transforms they return are
 * immutable; each {@code init} allocates a new state, which is not thread-safe.
 */
public final class Transforms {
  private Transforms() {}

  /** Applies {@code transforms} in order; state buffers are prefixed {@code "position."}. */
  public static GradientTransform chain(GradientTransform... transforms) {
    for (GradientTransform t : transforms) {
      Objects.requireNonNull(t, "transform");
    }
    return new Chain(List.of(transforms));
  }

  /**
   * Applies {@code inner} to the parameters for which {@code mask} is true (evaluated once, when
   * the optimizer is built); the others' updates pass through untouched. For example
   * {@code masked(addDecayedWeights(d), Parameter::isWeight)} decays weights but not biases.
   */
  public static GradientTransform masked(GradientTransform inner, Predicate<Parameter> mask) {
    return new Masked(Objects.requireNonNull(inner, "inner"), Objects.requireNonNull(mask, "mask"));
  }

  /**
   * {@code u ← u + ∇R(w)}, the gradient of the objective's coupled penalty
   * {@code R(w) = λ Σ vⱼ[(1−α)/2 wⱼ² + α|wⱼ|]} with each parameter's factor vⱼ (0 for biases by
   * default): {@code λ vⱼ [(1−α) wⱼ + α sign(wⱼ)]}. Stateless.
   */
  public static GradientTransform addPenaltyGradient(Penalty penalty) {
    return new AddPenaltyGradient(penalty);
  }

  /** {@code u ← u + d·w}, d ≥ 0. */
  public static GradientTransform addDecayedWeights(double weightDecay) {
    return new AddDecayedWeights(weightDecay);
  }

  /**
   * PyTorch SGD momentum, dampening 0: {@code b ← μ·b + u; u ← b}, except that at every 16th
   * step the entries of b below 2⁻¹²⁶ in magnitude are set to zero before {@code u ← b} (they
   * slow every multiplication that reads them on Intel processors; PyTorch keeps them). μ ∈
   * [0, 1). Buffers {@code "momentum/i"}.
   */
  public static GradientTransform traceMomentum(double momentum) {
    return new TraceMomentum(momentum, false);
  }

  /**
   * PyTorch SGD momentum with {@code nesterov=True}, dampening 0: {@code b ← μ·b + u;
   * u ← u + μ·b}, b's subnormals set to zero at every 16th step as in {@link #traceMomentum}.
   * μ ∈ [0, 1). Buffers {@code "momentum/i"}.
   */
  public static GradientTransform traceNesterovMomentum(double momentum) {
    return new TraceMomentum(momentum, true);
  }

  /**
   * PyTorch Adam's rescaling with bias correction; β₁, β₂ ∈ [0, 1), ε &gt; 0. Buffers
   * {@code "adam.m/i"}, {@code "adam.v/i"}.
   */
  public static GradientTransform scaleByAdam(double beta1, double beta2, double epsilon) {
    return new ScaleByAdam(beta1, beta2, epsilon);
  }

  /**
   * PyTorch RMSprop's rescaling ({@code alpha = decay}, not centered): {@code v ← ρv + (1−ρ)u²;
   * u ← u/(√v + ε)}. Buffers {@code "rms.v/i"}.
   */
  public static GradientTransform scaleByRms(double decay, double epsilon) {
    return new ScaleByRms(decay, epsilon);
  }

  /** {@code u ← −lr(t)·u}; the optimizer reports {@code lr(t)} as its learning rate. */
  public static GradientTransform scaleByLearningRate(LearningRateSchedule schedule) {
    return new ScaleByLearningRate(schedule);
  }

  /** {@code u ← factor·u}. */
  public static GradientTransform scale(double factor) {
    return new Scale(factor);
  }

  /** {@code u ← u·min(1, maxNorm/‖u‖₂)} over all parameters together; maxNorm &gt; 0. */
  public static GradientTransform clipByGlobalNorm(double maxNorm) {
    return new ClipByGlobalNorm(maxNorm);
  }
}
