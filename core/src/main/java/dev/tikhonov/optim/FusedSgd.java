package dev.tikhonov.optim;

import dev.tikhonov.nn.Parameter;
import dev.tikhonov.tensor.Matrix;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SGD family of {@link Optimizers#chain} in one pass over each parameter: the chain
 *
 * <pre>  [addPenaltyGradient(elastic net)] → [traceMomentum(μ)] → [masked(addDecayedWeights(d))]
 *        → scaleByLearningRate(lr)</pre>
 *
 * <p>and {@link Optimizer#step}'s {@code w ← w + u}, evaluated element by element with the same
 * float32 operations in the same order as the chain's transforms, so the result is bit for bit
 * the chain's:
 *
 * <pre>
 *   u ← g + (λv(1−α)·w + λvα·sign w)            (λ &gt; 0 and v &gt; 0; the L1 term when α &gt; 0)
 *   b ← μ·b + u;  [b ← b without its subnormals]  u ← b  (Nesterov: u ← u + μ·b)
 *   u ← u + d·w                                 (masked parameters only)
 *   w ← w + (−lr(t))·u
 * </pre>
 *
 * <p>The bracket runs at every 16th step, as in {@link TraceMomentum}.
 *
 * <p>Why: the chain makes five passes over every parameter per step (copy, penalty, momentum,
 * scale, add), each reading and writing buffers that do not fit in L2 for an MLP; this makes
 * one, reading g, w, b and writing b, w. Elements are independent, so a step can also be cut
 * into row blocks that threads update at the same time ({@link #update}'s part and parts).
 *
 * <p>The chain stays the definition: this class holds no state of its own, it updates the
 * chain's momentum buffers (same names, same checkpoints), and {@link #of} recognizes only the
 * chains whose every transform it reproduces. Not thread-safe except as {@link #update} says.
 */
final class FusedSgd implements FusedStep {
  private static final int CHUNK = 1024;
  /** Per-thread scratch: [gradient, weight, momentum] chunks. */
  private static final ThreadLocal<float[][]> SCRATCH =
      ThreadLocal.withInitial(() -> new float[3][CHUNK]);

  /** The chain's penalty, decay and schedule (its direction is the momentum below). */
  private final FusedChain frame;
  private final float momentum;
  private final boolean nesterov;
  /** The chain's momentum buffers by parameter, or null without momentum. */
  private final Matrix[] trace;
  /** {@link #update(List, long, int, int)}'s block: from the gradient (made once: no garbage). */
  private final BlockUpdate fromGradient;
  /** {@link #updateFromMomentum(List, long, int, int)}'s block: from the accumulated b. */
  private final BlockUpdate fromMomentum;

  private FusedSgd(FusedChain frame, float momentum, boolean nesterov, Matrix[] trace) {
    this.frame = frame;
    this.momentum = momentum;
    this.nesterov = nesterov;
    this.trace = trace;
    this.fromGradient = (k, p, from, to, penalized, l2, l1, d, rate, flush, scratch) -> update(
        p.gradient().buffer(), p.value().buffer(), trace == null ? null : trace[k].buffer(),
        from, to, penalized, l2, l1, d, rate, flush, scratch);
    this.fromMomentum = (k, p, from, to, penalized, l2, l1, d, rate, flush, scratch) ->
        updateFromMomentum(p.value().buffer(), trace[k].buffer(), from, to, penalized, l2, l1,
            d, rate, flush, scratch);
  }

  /**
   * The fused form of {@code transform} for {@code parameters}, whose chain state is
   * {@code state}; empty unless the transform is a chain of exactly the form in the class
   * comment (any other transform, e.g. clipping or Adam, keeps the chain's own passes).
   */
  static Optional<FusedSgd> of(GradientTransform transform, List<Parameter> parameters,
      TransformState state) {
    Optional<FusedChain> chain = FusedChain.of(transform, parameters);
    if (chain.isEmpty()) {
      return Optional.empty();
    }
    FusedChain frame = chain.get();
    if (frame.direction() == null) {
      return Optional.of(new FusedSgd(frame, 0, false, null));
    }
    if (!(frame.direction() instanceof TraceMomentum m)) {
      return Optional.empty();
    }
    Matrix[] trace = new Matrix[parameters.size()];
    Map<String, Matrix> buffers = state.buffers();
    for (int k = 0; k < trace.length; k++) {
      trace[k] = buffers.get(frame.directionAt() + ".momentum/" + k);
      if (trace[k] == null) {
        return Optional.empty();
      }
    }
    return Optional.of(new FusedSgd(frame, (float) m.momentum(), m.nesterov(), trace));
  }

  /**
   * Part {@code part} of {@code parts} of step {@code step}: rows
   * {@code [⌊R·part/parts⌋, ⌊R·(part+1)/parts⌋)} of every parameter of R rows. Parts touch
   * disjoint elements, so different threads may run different parts of one step at once.
   * Modified: those rows of the parameters' values and of the momentum buffers. Not modified:
   * the gradients.
   */
  @Override
  public void update(List<Parameter> parameters, long step, int part, int parts) {
    forEachBlock(parameters, step, part, parts, fromGradient);
  }

  /**
   * One parameter's block of elements {@code [from, to)} of a step with the step's factors for
   * it: whether the penalty touches it and its λv(1−α) and λvα (ElasticNetPenalty.addGradient's
   * factors, rounded the same way); the decay d, NaN outside the decay's mask (no decay term at
   * all, not a zero one: 0·∞ would be NaN); the signed rate −lr(t); whether the step flushes
   * the momentum's subnormals ({@link StateBuffers#flushesAt}). Primitives, not a record: the
   * step allocates nothing.
   */
  private interface BlockUpdate {
    void apply(int k, Parameter p, int from, int to, boolean penalized, float l2, float l1,
        float d, float rate, boolean flush, float[][] scratch);
  }

  /** Block {@code part} of {@code parts} of every parameter (rows as in {@link #update}). */
  private void forEachBlock(List<Parameter> parameters, long step, int part, int parts,
      BlockUpdate update) {
    float rate = (float) -frame.schedule().at(step);
    boolean flush = trace != null && StateBuffers.flushesAt(step);
    float[][] scratch = SCRATCH.get();
    for (int k = 0, count = parameters.size(); k < count; k++) {
      Parameter p = parameters.get(k);
      update.apply(k, p, FusedChain.blockStart(p, part, parts),
          FusedChain.blockStart(p, part + 1, parts), frame.penalizes(p), frame.l2(p),
          frame.l1(p), frame.decayed()[k] ? frame.decay() : Float.NaN, rate, flush, scratch);
    }
  }

  /** Whether {@link #momentumProducts} is present: momentum, and not Nesterov's. */
  @Override
  public boolean takesMomentumProducts() {
    return trace != null && !nesterov;
  }

  /**
   * The momentum buffers for a caller that accumulates μ·b + g into them itself
   * ({@link MomentumProducts}); empty without momentum, and with Nesterov's, whose update needs
   * the gradient apart from b.
   */
  @Override
  public Optional<MomentumProducts> momentumProducts(List<Parameter> parameters) {
    if (!takesMomentumProducts()) {
      return Optional.empty();
    }
    return Optional.of(new MomentumProducts(momentum, parameters, trace.clone()));
  }

  /**
   * Part {@code part} of {@code parts} of step {@code step} when the caller has already set each
   * momentum buffer's rows to μ·b + g ({@link MomentumProducts}): the rest of the class
   * comment's update, {@code b ← b + (λv(1−α)·w + λvα·sign w)} (penalized parameters), b's
   * subnormals flushed (at every 16th step), then {@code u ← b (+ d·w)} and
   * {@code w ← w + (−lr(t))·u}. Parts touch disjoint elements.
   * Modified: those rows of the values and of the momentum buffers.
   */
  @Override
  public void updateFromMomentum(List<Parameter> parameters, long step, int part, int parts) {
    forEachBlock(parameters, step, part, parts, fromMomentum);
  }

  /** Elements {@code [from, to)} of {@link #updateFromMomentum(List, long, int, int)}. */
  private static void updateFromMomentum(FloatBuffer value, FloatBuffer velocity, int from,
      int to, boolean penalized, float l2, float l1, float d, float rate, boolean flush,
      float[][] scratch) {
    float[] w = scratch[1];
    float[] b = scratch[2];
    boolean decays = !Float.isNaN(d);
    for (int start = from; start < to; start += CHUNK) {
      int len = Math.min(CHUNK, to - start);
      value.get(start, w, 0, len);
      velocity.get(start, b, 0, len);
      if (penalized) {
        addPenaltyGradient(b, w, len, l2, l1);
      }
      if (flush) {
        StateBuffers.flushSubnormals(b, len);
      }
      if (penalized || flush) {
        velocity.put(start, b, 0, len);
      }
      if (decays) {
        for (int j = 0; j < len; j++) {
          w[j] = w[j] + rate * (b[j] + d * w[j]);
        }
      } else {
        for (int j = 0; j < len; j++) {
          w[j] = w[j] + rate * b[j];
        }
      }
      value.put(start, w, 0, len);
    }
  }

  /**
   * {@code u[j] ← u[j] + (l2·w[j] + l1·sign w[j])} for j &lt; len: ElasticNetPenalty.addGradient's
   * float operations, in its order (the L1 term only when l1 ≠ 0).
   */
  static void addPenaltyGradient(float[] u, float[] w, int len, float l2, float l1) {
    if (l1 == 0) {
      for (int j = 0; j < len; j++) {
        u[j] = u[j] + l2 * w[j];
      }
    } else {
      for (int j = 0; j < len; j++) {
        u[j] = u[j] + (l2 * w[j] + l1 * Math.signum(w[j]));
      }
    }
  }

  /**
   * Elements {@code [from, to)}: the class comment's update, with {@link BlockUpdate}'s factors.
   */
  private void update(FloatBuffer gradient, FloatBuffer value, FloatBuffer velocity, int from,
      int to, boolean penalized, float l2, float l1, float d, float rate, boolean flush,
      float[][] scratch) {
    float[] g = scratch[0];
    float[] w = scratch[1];
    float[] b = scratch[2];
    float mu = momentum;
    boolean decays = !Float.isNaN(d);
    for (int start = from; start < to; start += CHUNK) {
      int len = Math.min(CHUNK, to - start);
      // Bulk copies around plain array loops: the JIT vectorizes these, not direct-buffer loops.
      gradient.get(start, g, 0, len);
      value.get(start, w, 0, len);
      if (penalized) {
        addPenaltyGradient(g, w, len, l2, l1);
      }
      if (velocity != null) {
        velocity.get(start, b, 0, len);
        TraceMomentum.chunk(b, g, len, mu, nesterov, flush);
        velocity.put(start, b, 0, len);
      }
      if (decays) {
        for (int j = 0; j < len; j++) {
          g[j] = g[j] + d * w[j];
        }
      }
      for (int j = 0; j < len; j++) {
        w[j] = w[j] + rate * g[j];
      }
      value.put(start, w, 0, len);
    }
  }
}
