package dev.tikhonov.optim;

import dev.tikhonov.nn.Parameter;
import dev.tikhonov.regularize.ElasticNetPenalty;
import java.util.List;
import java.util.Optional;

/**
 * The frame of a chain that a {@link FusedStep} can fuse, as {@link Optimizers#chain} builds it:
 *
 * <pre>  [addPenaltyGradient(elastic net)] → [direction] → [masked(addDecayedWeights(d))]
 *        → scaleByLearningRate(lr)</pre>
 *
 * <p>{@link #of} takes a chain apart into these; each fused form then checks its direction
 * (momentum, or none, for {@link FusedSgd}; Adam's or RMSprop's rescaling for
 * {@link FusedAdaptive}). Immutable, but {@code decayed} is shared: do not modify it.
 *
 * @param penalty the coupled penalty, or null without one
 * @param direction the transform between penalty and decay, or null without one
 * @param directionAt its position in the chain (which names its state buffers)
 * @param decay the decoupled decay d (0 without one)
 * @param decayed decayed[k]: whether parameter k is in the decay's mask
 * @param schedule the learning rate's schedule
 */
record FusedChain(ElasticNetPenalty penalty, GradientTransform direction, int directionAt,
    float decay, boolean[] decayed, LearningRateSchedule schedule) {

  /** {@code transform}'s frame for {@code parameters}; empty when it is not of that form. */
  static Optional<FusedChain> of(GradientTransform transform, List<Parameter> parameters) {
    if (!(transform instanceof Chain chain)) {
      return Optional.empty();
    }
    List<GradientTransform> steps = chain.transforms();
    int at = 0;
    ElasticNetPenalty penalty = null;
    if (at < steps.size() && steps.get(at) instanceof AddPenaltyGradient add) {
      if (!(add.penalty() instanceof ElasticNetPenalty p)) {
        return Optional.empty();
      }
      penalty = p;
      at++;
    }
    GradientTransform direction = null;
    int directionAt = at;
    if (at < steps.size() && !(steps.get(at) instanceof Masked)
        && !(steps.get(at) instanceof ScaleByLearningRate)) {
      direction = steps.get(at);
      at++;
    }
    float decay = 0;
    boolean[] decayed = new boolean[parameters.size()];
    if (at < steps.size() && steps.get(at) instanceof Masked masked
        && masked.inner() instanceof AddDecayedWeights d) {
      decay = (float) d.weightDecay();
      for (int k = 0; k < decayed.length; k++) {
        decayed[k] = masked.mask().test(parameters.get(k));
      }
      at++;
    }
    if (at != steps.size() - 1 || !(steps.get(at) instanceof ScaleByLearningRate scale)) {
      return Optional.empty();
    }
    return Optional.of(new FusedChain(penalty, direction, directionAt, decay, decayed,
        scale.schedule()));
  }

  /**
   * Elements {@code [from, to)} of parameter {@code p}'s row block {@code part} of
   * {@code parts}: rows {@code [⌊R·part/parts⌋, ⌊R·(part+1)/parts⌋)} of its R rows.
   */
  static int blockStart(Parameter p, int part, int parts) {
    return (int) ((long) p.value().rows() * part / parts) * p.value().cols();
  }

  /** Whether the penalty touches {@code p} (λ ≠ 0 and its factor ≠ 0). */
  boolean penalizes(Parameter p) {
    return penalty != null && penalty.lambda() != 0 && p.penaltyFactor() != 0;
  }

  /** λv(1−α) for {@code p}, rounded as ElasticNetPenalty.addGradient rounds it (0 untouched). */
  float l2(Parameter p) {
    return penalizes(p)
        ? (float) (penalty.lambda() * p.penaltyFactor() * (1 - penalty.l1Ratio())) : 0;
  }

  /** λvα for {@code p}, rounded as ElasticNetPenalty.addGradient rounds it (0 untouched). */
  float l1(Parameter p) {
    return penalizes(p) ? (float) (penalty.lambda() * p.penaltyFactor() * penalty.l1Ratio()) : 0;
  }
}
