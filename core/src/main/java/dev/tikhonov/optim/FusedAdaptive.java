package dev.tikhonov.optim;

import dev.tikhonov.nn.Parameter;
import dev.tikhonov.regularize.ElasticNetPenalty;
import dev.tikhonov.tensor.Matrix;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Adam, AdamW and RMSprop of {@link Optimizers#chain} in one pass over each parameter: the chain
 *
 * <pre>  [addPenaltyGradient(elastic net)] → scaleByAdam(β₁, β₂, ε) | scaleByRms(ρ, ε)
 *        → [masked(addDecayedWeights(d))] → scaleByLearningRate(lr)</pre>
 *
 * <p>and {@link Optimizer#step}'s {@code w ← w + u}, element by element with the same float32
 * operations in the same order as the chain's transforms (the Adam and RMSprop kernels are
 * theirs: {@link ScaleByAdam#chunk}, {@link ScaleByRms#chunk}), so bit for bit the chain's
 * step, subnormal flushes included. Why: the chain makes a pass per transform over every
 * parameter, and runs on one thread after the data-parallel step's products while the other
 * waits; this makes one pass, in row blocks that the step's threads update at once
 * ({@link #update}'s part and parts), as {@link FusedSgd} does for the SGD family.
 *
 * <p>The chain stays the definition: this class holds no state of its own, it updates the
 * chain's buffers (same names, same checkpoints), and {@link #of} recognizes only the chains
 * whose every transform it reproduces (not clipping, which needs the norm of every parameter).
 * Not thread-safe except as {@link #update} says.
 */
final class FusedAdaptive implements FusedStep {
  private static final int CHUNK = 1024;
  /** Per-thread scratch: [gradient, weight, first moment, second moment] chunks. */
  private static final ThreadLocal<float[][]> SCRATCH =
      ThreadLocal.withInitial(() -> new float[4][CHUNK]);

  private final ElasticNetPenalty penalty;
  /** Adam's (β₁, β₂, ε), or RMSprop's (NaN, ρ, ε). */
  private final double beta1;
  private final double beta2;
  private final double epsilon;
  /** Adam's m by parameter, or null for RMSprop. */
  private final Matrix[] first;
  /** Adam's v or RMSprop's v by parameter. */
  private final Matrix[] second;
  private final float decay;
  /** decayed[k]: whether parameter k is in the decay's mask. */
  private final boolean[] decayed;
  private final LearningRateSchedule schedule;

  private FusedAdaptive(ElasticNetPenalty penalty, double beta1, double beta2, double epsilon,
      Matrix[] first, Matrix[] second, float decay, boolean[] decayed,
      LearningRateSchedule schedule) {
    this.penalty = penalty;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    this.first = first;
    this.second = second;
    this.decay = decay;
    this.decayed = decayed;
    this.schedule = schedule;
  }

  /**
   * The fused form of {@code transform} for {@code parameters}, whose chain state is
   * {@code state}; empty unless the transform is a chain of exactly the form in the class
   * comment.
   */
  static Optional<FusedAdaptive> of(GradientTransform transform, List<Parameter> parameters,
      TransformState state) {
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
    if (at >= steps.size()) {
      return Optional.empty();
    }
    Map<String, Matrix> buffers = state.buffers();
    double beta1;
    double beta2;
    double epsilon;
    Matrix[] first = null;
    Matrix[] second;
    if (steps.get(at) instanceof ScaleByAdam adam) {
      beta1 = adam.beta1();
      beta2 = adam.beta2();
      epsilon = adam.epsilon();
      first = buffers(buffers, at + ".adam.m/", parameters.size());
      second = buffers(buffers, at + ".adam.v/", parameters.size());
    } else if (steps.get(at) instanceof ScaleByRms rms) {
      beta1 = Double.NaN;
      beta2 = rms.decay();
      epsilon = rms.epsilon();
      second = buffers(buffers, at + ".rms.v/", parameters.size());
    } else {
      return Optional.empty();
    }
    if (second == null || (first == null && !Double.isNaN(beta1))) {
      return Optional.empty();
    }
    at++;
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
    return Optional.of(new FusedAdaptive(penalty, beta1, beta2, epsilon, first, second, decay,
        decayed, scale.schedule()));
  }

  /** The buffers {@code prefix + k} for every parameter k, or null when one is missing. */
  private static Matrix[] buffers(Map<String, Matrix> buffers, String prefix, int count) {
    Matrix[] out = new Matrix[count];
    for (int k = 0; k < count; k++) {
      out[k] = buffers.get(prefix + k);
      if (out[k] == null) {
        return null;
      }
    }
    return out;
  }

  @Override
  public void update(List<Parameter> parameters, long step, int part, int parts) {
    float rate = (float) -schedule.at(step);
    boolean flush = StateBuffers.flushesAt(step);
    boolean adam = first != null;
    // ScaleByAdam's and ScaleByRms's factors, computed as they compute them
    float b1 = adam ? (float) beta1 : 0;
    float c1 = adam ? (float) (1 - beta1) : 0;
    float b2 = (float) beta2;
    float c2 = (float) (1 - beta2);
    float ic1 = adam ? ScaleByAdam.inverseCorrection1(beta1, step) : 0;
    float isc2 = adam ? ScaleByAdam.inverseSqrtCorrection2(beta2, step) : 0;
    float eps = (float) epsilon;
    float[][] scratch = SCRATCH.get();
    float[] g = scratch[0];
    float[] w = scratch[1];
    float[] m = scratch[2];
    float[] v = scratch[3];
    for (int k = 0, count = parameters.size(); k < count; k++) {
      Parameter p = parameters.get(k);
      int rows = p.value().rows();
      int cols = p.value().cols();
      int from = (int) ((long) rows * part / parts) * cols;
      int to = (int) ((long) rows * (part + 1) / parts) * cols;
      boolean penalized = penalty != null && penalty.lambda() != 0 && p.penaltyFactor() != 0;
      double factor = p.penaltyFactor();
      float l2 = penalized ? (float) (penalty.lambda() * factor * (1 - penalty.l1Ratio())) : 0;
      float l1 = penalized ? (float) (penalty.lambda() * factor * penalty.l1Ratio()) : 0;
      boolean decays = decayed[k];
      FloatBuffer gradient = p.gradient().buffer();
      FloatBuffer value = p.value().buffer();
      FloatBuffer firstMoment = adam ? first[k].buffer() : null;
      FloatBuffer secondMoment = second[k].buffer();
      for (int start = from; start < to; start += CHUNK) {
        int len = Math.min(CHUNK, to - start);
        gradient.get(start, g, 0, len);
        value.get(start, w, 0, len);
        if (penalized) {
          FusedSgd.addPenaltyGradient(g, w, len, l2, l1);
        }
        secondMoment.get(start, v, 0, len);
        if (adam) {
          firstMoment.get(start, m, 0, len);
          ScaleByAdam.chunk(m, v, g, len, b1, c1, b2, c2, ic1, isc2, eps, flush);
          firstMoment.put(start, m, 0, len);
        } else {
          ScaleByRms.chunk(v, g, len, b2, c2, eps, flush);
        }
        secondMoment.put(start, v, 0, len);
        if (decays) {
          for (int j = 0; j < len; j++) {
            g[j] = g[j] + decay * w[j];
          }
        }
        for (int j = 0; j < len; j++) {
          w[j] = w[j] + rate * g[j];
        }
        value.put(start, w, 0, len);
      }
    }
  }
}
