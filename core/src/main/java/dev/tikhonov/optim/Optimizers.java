package dev.tikhonov.optim;

import static dev.tikhonov.optim.Transforms.addDecayedWeights;
import static dev.tikhonov.optim.Transforms.clipByGlobalNorm;
import static dev.tikhonov.optim.Transforms.masked;
import static dev.tikhonov.optim.Transforms.scaleByAdam;
import static dev.tikhonov.optim.Transforms.scaleByLearningRate;
import static dev.tikhonov.optim.Transforms.scaleByRms;
import static dev.tikhonov.optim.Transforms.traceMomentum;

import dev.tikhonov.nn.Parameter;
import dev.tikhonov.optim.OptimizerConfig.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * The usual optimizers as chains of {@link Transforms}, in order of increasing complexity; every
 * alias is {@link #build} of a config, so there is one code path. With g the gradient (including
 * any coupled L2 gradient λ·v·w the trainer added), d the decoupled weight decay and t the step:
 *
 * <pre>
 *   sgd       w ← w − lr·(g + d·w)
 *   momentum  b ← μb + g;               w ← w − lr·(b + d·w)
 *   nesterov  b ← μb + g;               w ← w − lr·(g + μb + d·w)
 *   adam      m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;
 *             w ← w − lr·( (m/(1−β₁ᵗ)) / (√(v/(1−β₂ᵗ)) + ε) + d·w )
 *   adamw     adam with d &gt; 0 (PyTorch AdamW, optax adamw)
 *   rmsprop   v ← ρv + (1−ρ)g²;         w ← w − lr·( g/(√v + ε) + d·w )
 * </pre>
 *
 * <p>The chain is {@code [clipByGlobalNorm(c)] → direction → [masked(addDecayedWeights(d),
 * Parameter::isWeight)] → scaleByLearningRate(lr)}, bracketed parts only when c &gt; 0 or
 * d &gt; 0. Decoupled decay sits after the direction, so Adam's per-coordinate rescaling does not
 * touch it, and is multiplied by lr: {@code w ← w − lr·d·w} is PyTorch AdamW's
 * {@code param *= 1 − lr·weight_decay}.
 *
 * <p>Coupled L2 (the λ of the objective) is not an optimizer setting: its gradient λ·v·w is in
 * g, so momentum accumulates it and Adam divides it by √v̂. For plain SGD coupled and decoupled
 * are the same step (λ = d); with momentum μ the velocity amplifies λ by 1/(1−μ) but not d, so
 * decoupled d reaches the minimizer of coupled λ = (1−μ)·d; with Adam they differ in kind:
 * coupled L2 decays weights with large gradient history less
 * (Loshchilov &amp; Hutter, "Decoupled Weight Decay Regularization", 2019), which is why AdamW
 * generalizes better and why an L2 penalty with Adam is not weight decay.
 */
public final class Optimizers {
  private Optimizers() {}

  /** {@code w ← w − lr·g}. */
  public static GradientTransform sgd(LearningRateSchedule schedule) {
    return build(OptimizerConfig.sgd(1).withSchedule(schedule));
  }

  /** PyTorch {@code SGD(momentum=μ)}: {@code b ← μb + g; w ← w − lr·b}. */
  public static GradientTransform momentum(LearningRateSchedule schedule, double momentum) {
    return build(OptimizerConfig.sgdMomentum(1, momentum).withSchedule(schedule));
  }

  /** PyTorch {@code SGD(momentum=μ, nesterov=True)}: {@code b ← μb + g; w ← w − lr·(g + μb)}. */
  public static GradientTransform nesterov(LearningRateSchedule schedule, double momentum) {
    return build(OptimizerConfig.nesterov(1, momentum).withSchedule(schedule));
  }

  /** PyTorch {@code Adam(betas=(β₁, β₂), eps=ε)} with {@code weight_decay=0}. */
  public static GradientTransform adam(
      LearningRateSchedule schedule, double beta1, double beta2, double epsilon) {
    return build(new OptimizerConfig(Kind.ADAM, schedule, 0, beta1, beta2, epsilon, 0, 0));
  }

  /**
   * PyTorch {@code AdamW(betas=(β₁, β₂), eps=ε, weight_decay=d)} with the decay on weights only:
   * optax {@code adamw = chain(scale_by_adam, masked(add_decayed_weights), scale_by_lr)}.
   */
  public static GradientTransform adamw(
      LearningRateSchedule schedule, double beta1, double beta2, double epsilon,
      double weightDecay) {
    return build(
        new OptimizerConfig(Kind.ADAMW, schedule, 0, beta1, beta2, epsilon, weightDecay, 0));
  }

  /** PyTorch {@code RMSprop(alpha=ρ, eps=ε)}: {@code v ← ρv + (1−ρ)g²; w ← w − lr·g/(√v+ε)}. */
  public static GradientTransform rmsprop(
      LearningRateSchedule schedule, double decay, double epsilon) {
    return build(
        new OptimizerConfig(
            Kind.RMSPROP, schedule, 0, OptimizerConfig.DEFAULT_BETA1, decay, epsilon, 0, 0));
  }

  /**
   * The chain for {@code config}: {@code [clip] → direction → [decoupled decay on weights] →
   * −lr(t)}. Chain positions name the state buffers, e.g. momentum without clipping is
   * {@code "0.momentum/i"}, with clipping {@code "1.momentum/i"}.
   */
  public static GradientTransform build(OptimizerConfig config) {
    List<GradientTransform> chain = new ArrayList<>();
    if (config.clipNorm() > 0) {
      chain.add(clipByGlobalNorm(config.clipNorm()));
    }
    switch (config.kind()) {
      case SGD -> { }
      case MOMENTUM -> chain.add(traceMomentum(config.momentum(), false));
      case NESTEROV -> chain.add(traceMomentum(config.momentum(), true));
      case ADAM, ADAMW -> chain.add(
          scaleByAdam(config.beta1(), config.beta2(), config.epsilon()));
      case RMSPROP -> chain.add(scaleByRms(config.beta2(), config.epsilon()));
      default -> throw new AssertionError(config.kind());
    }
    if (config.weightDecay() > 0) {
      chain.add(masked(addDecayedWeights(config.weightDecay()), Parameter::isWeight));
    }
    chain.add(scaleByLearningRate(config.schedule()));
    return Transforms.chain(chain.toArray(GradientTransform[]::new));
  }
}
