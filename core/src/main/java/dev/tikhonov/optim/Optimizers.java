package dev.tikhonov.optim;

import static dev.tikhonov.optim.Transforms.addDecayedWeights;
import static dev.tikhonov.optim.Transforms.addPenaltyGradient;
import static dev.tikhonov.optim.Transforms.clipByGlobalNorm;
import static dev.tikhonov.optim.Transforms.masked;
import static dev.tikhonov.optim.Transforms.scaleByAdam;
import static dev.tikhonov.optim.Transforms.scaleByLearningRate;
import static dev.tikhonov.optim.Transforms.scaleByRms;
import static dev.tikhonov.optim.Transforms.traceMomentum;
import static dev.tikhonov.optim.Transforms.traceNesterovMomentum;

import dev.tikhonov.nn.Parameter;
import dev.tikhonov.optim.OptimizerConfig.Kind;
import dev.tikhonov.regularize.Penalty;
import java.util.ArrayList;
import java.util.List;

/**
 * The usual optimizers, in order of increasing complexity, as configs
 * ({@code Optimizers.sgd(0.05).momentum(0.9)}) that {@link #chain} turns into chains of
 * {@link Transforms}: one code path for every optimizer, used by the library and the CLI alike. With g the gradient (including
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
 * <p>The chain is {@code [clipByGlobalNorm(c)] → [addPenaltyGradient(R)] → direction →
 * [masked(addDecayedWeights(d), Parameter::isWeight)] → scaleByLearningRate(lr)}, bracketed
 * parts only when c &gt; 0, λ &gt; 0 or d &gt; 0. Decoupled decay sits after the direction, so Adam's per-coordinate rescaling does not
 * touch it, and is multiplied by lr: {@code w ← w − lr·d·w} is PyTorch AdamW's
 * {@code param *= 1 − lr·weight_decay}.
 *
 * <p>Coupled L2 (the λ of the objective) is a step of the chain, before the direction: its
 * gradient λ·v·w joins g, so momentum accumulates it and Adam divides it by √v̂. For plain SGD coupled and decoupled
 * are the same step (λ = d); with momentum μ the velocity amplifies λ by 1/(1−μ) but not d, so
 * decoupled d reaches the minimizer of coupled λ = (1−μ)·d; with Adam they differ in kind:
 * coupled L2 decays weights with large gradient history less
 * (Loshchilov &amp; Hutter, "Decoupled Weight Decay Regularization", 2019), which is why AdamW
 * generalizes better and why an L2 penalty with Adam is not weight decay.
 *
 * <p>Stateless: its methods may be called from any thread. The chains it returns are immutable
 * and may be shared; each optimizer gets its own, not thread-safe, state from {@code init}.
 */
public final class Optimizers {
  private Optimizers() {}

  /** Plain SGD, {@code w ← w − lr·g} (PyTorch {@code SGD(lr)}). */
  public static OptimizerConfig sgd(double learningRate) {
    return OptimizerConfig.of(Kind.SGD, learningRate);
  }

  /** SGD with Nesterov momentum μ (PyTorch {@code SGD(momentum=μ, nesterov=True)}). */
  public static OptimizerConfig nesterov(double learningRate, double momentum) {
    return sgd(learningRate).momentum(momentum).nesterov();
  }

  /** Adam with PyTorch's defaults β = (0.9, 0.999), ε = 1e-8. */
  public static OptimizerConfig adam(double learningRate) {
    return OptimizerConfig.of(Kind.ADAM, learningRate);
  }

  /**
   * AdamW (PyTorch's defaults β = (0.9, 0.999), ε = 1e-8) with decoupled decay d on the weights:
   * optax {@code adamw = chain(scale_by_adam, masked(add_decayed_weights), scale_by_lr)}.
   */
  public static OptimizerConfig adamW(double learningRate, double weightDecay) {
    return OptimizerConfig.of(Kind.ADAMW, learningRate).weightDecay(weightDecay);
  }

  /** RMSprop with PyTorch's defaults ρ = 0.99 ({@code alpha}), ε = 1e-8. */
  public static OptimizerConfig rmsprop(double learningRate) {
    return OptimizerConfig.of(Kind.RMSPROP, learningRate);
  }

  /** The chain for {@code config} without a coupled penalty: {@link #chain(OptimizerConfig, Penalty)}. */
  public static GradientTransform chain(OptimizerConfig config) {
    return chain(config, Penalty.none());
  }

  /**
   * The chain for {@code config} with the objective's coupled penalty:
   * {@code [clip] → [add ∇R(w)] → direction → [decoupled decay on weights] → −lr(t)}, bracketed
   * parts only when c &gt; 0, λ &gt; 0, d &gt; 0. The penalty gradient enters where optax's
   * {@code add_decayed_weights} sits for coupled L2: after clipping (PyTorch clips the data
   * gradient, its {@code weight_decay} is added inside the step) and before the direction, so
   * momentum accumulates it and Adam rescales it. Chain positions name the state buffers, e.g.
   * momentum alone is {@code "0.momentum/i"}, after a penalty {@code "1.momentum/i"}.
   */
  public static GradientTransform chain(OptimizerConfig config, Penalty penalty) {
    List<GradientTransform> chain = new ArrayList<>();
    if (config.clipNorm() > 0) {
      chain.add(clipByGlobalNorm(config.clipNorm()));
    }
    if (!penalty.isZero()) {
      chain.add(addPenaltyGradient(penalty));
    }
    switch (config.kind()) {
      case SGD -> { }
      case MOMENTUM -> chain.add(traceMomentum(config.momentum()));
      case NESTEROV -> chain.add(traceNesterovMomentum(config.momentum()));
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
