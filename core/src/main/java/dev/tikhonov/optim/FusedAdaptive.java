package dev.tikhonov.optim;

import dev.tikhonov.nn.Parameter;
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

  /** The chain's penalty, decay and schedule (its direction is Adam's or RMSprop's). */
  private final FusedChain frame;
  /** Adam's (β₁, β₂, ε), or RMSprop's (NaN, ρ, ε). */
  private final double beta1;
  private final double beta2;
  private final double epsilon;
  /** Adam's m by parameter, or null for RMSprop. */
  private final Matrix[] first;
  /** Adam's v or RMSprop's v by parameter. */
  private final Matrix[] second;

  private FusedAdaptive(FusedChain frame, double beta1, double beta2, double epsilon,
      Matrix[] first, Matrix[] second) {
    this.frame = frame;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    this.first = first;
    this.second = second;
  }

  /**
   * The fused form of {@code transform} for {@code parameters}, whose chain state is
   * {@code state}; empty unless the transform is a chain of exactly the form in the class
   * comment.
   */
  static Optional<FusedAdaptive> of(GradientTransform transform, List<Parameter> parameters,
      TransformState state) {
    Optional<FusedChain> chain = FusedChain.of(transform, parameters);
    if (chain.isEmpty()) {
      return Optional.empty();
    }
    FusedChain frame = chain.get();
    Map<String, Matrix> buffers = state.buffers();
    String at = frame.directionAt() + ".";
    int count = parameters.size();
    if (frame.direction() instanceof ScaleByAdam adam) {
      Matrix[] first = buffers(buffers, at + "adam.m/", count);
      Matrix[] second = buffers(buffers, at + "adam.v/", count);
      return first == null || second == null ? Optional.empty() : Optional.of(new FusedAdaptive(
          frame, adam.beta1(), adam.beta2(), adam.epsilon(), first, second));
    }
    if (frame.direction() instanceof ScaleByRms rms) {
      Matrix[] second = buffers(buffers, at + "rms.v/", count);
      return second == null ? Optional.empty() : Optional.of(new FusedAdaptive(frame, Double.NaN,
          rms.decay(), rms.epsilon(), null, second));
    }
    return Optional.empty();
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
    float rate = (float) -frame.schedule().at(step);
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
      int from = FusedChain.blockStart(p, part, parts);
      int to = FusedChain.blockStart(p, part + 1, parts);
      boolean penalized = frame.penalizes(p);
      float l2 = frame.l2(p);
      float l1 = frame.l1(p);
      boolean decays = frame.decayed()[k];
      float decay = frame.decay();
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
