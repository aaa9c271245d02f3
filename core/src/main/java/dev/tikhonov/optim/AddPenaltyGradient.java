package dev.tikhonov.optim;

import dev.tikhonov.nn.Parameter;
import dev.tikhonov.regularize.Penalty;
import java.util.List;
import java.util.Objects;

/**
 * {@code u ← u + ∇R(w)}: the gradient of the objective's coupled penalty
 * {@code R(w) = λ Σ vⱼ[(1−α)/2 wⱼ² + α|wⱼ|]}, i.e. {@code λ vⱼ [(1−α) wⱼ + α sign(wⱼ)]}, with w the
 * parameter's current value. Stateless.
 */
record AddPenaltyGradient(Penalty penalty) implements GradientTransform {
  AddPenaltyGradient {
    Objects.requireNonNull(penalty, "penalty");
  }

  @Override
  public TransformState init(List<Parameter> parameters) {
    return (params, step, out) -> penalty.addGradient(params, out);
  }
}
