package dev.tikhonov.optim;

import dev.tikhonov.nn.Parameter;
import dev.tikhonov.tensor.Blas;
import dev.tikhonov.tensor.Matrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Applies a {@link GradientTransform} to a fixed list of parameters, one step at a time:
 *
 * <pre>  t ← t + 1;   u ← ∂J/∂w;   u ← chain(u; t);   w ← w + u</pre>
 *
 * <p>All state (the update buffers and every transform's buffers) is allocated in {@link #of};
 * {@link #step()} allocates nothing. The caller computes the gradients first; a coupled penalty
 * is a step of the chain ({@link Optimizers#chain}).
 *
 * <p>The SGD family of {@link Optimizers#chain} (plain, momentum, Nesterov) and Adam, AdamW and
 * RMSprop, with or without an elastic-net penalty and decoupled decay, any learning-rate
 * schedule, run fused: one pass over each parameter instead of one per transform, bit for bit
 * the chain's result ({@code FusedSgd}, {@code FusedAdaptive}); such a step can also be split
 * into row blocks run by several threads at once ({@link #canStepInParts}). Any other chain
 * (with clipping, or transforms of one's own) runs transform by transform. The system
 * property {@code tikhonov.optimizer.fused=false}, read when an optimizer is built, turns the
 * fused pass off (to measure one against the other). Not thread-safe, except that the parts of
 * one step may run concurrently.
 */
public final class Optimizer {
  private final List<Parameter> parameters;
  private final TransformState state;
  private final List<Matrix> updates;
  /** The one-pass form of the chain, or null when the chain has none ({@link FusedStep}). */
  private final FusedStep fused;
  private long stepCount;

  private Optimizer(List<Parameter> parameters, TransformState state, List<Matrix> updates,
      FusedStep fused) {
    this.parameters = parameters;
    this.state = state;
    this.updates = updates;
    this.fused = fused;
  }

  /** Initializes {@code chain}'s state for {@code parameters} (order fixes buffer names). */
  public static Optimizer of(GradientTransform chain, List<Parameter> parameters) {
    Objects.requireNonNull(chain, "chain");
    List<Parameter> params = List.copyOf(parameters);
    TransformState state = chain.init(params);
    FusedStep fused = "false".equals(System.getProperty("tikhonov.optimizer.fused")) ? null
        : FusedSgd.of(chain, params, state).<FusedStep>map(f -> f)
            .or(() -> FusedAdaptive.of(chain, params, state)).orElse(null);
    List<Matrix> updates = new ArrayList<>(params.size());
    if (fused == null) {
      for (Parameter p : params) {
        updates.add(Matrix.zeros(p.value().rows(), p.value().cols()));
      }
    }
    return new Optimizer(params, state, List.copyOf(updates), fused);
  }

  /** The chain run transform by transform, never fused: the reference in tests. */
  static Optimizer chainOnly(GradientTransform chain, List<Parameter> parameters) {
    List<Parameter> params = List.copyOf(parameters);
    List<Matrix> updates = new ArrayList<>(params.size());
    for (Parameter p : params) {
      updates.add(Matrix.zeros(p.value().rows(), p.value().cols()));
    }
    return new Optimizer(params, chain.init(params), List.copyOf(updates), null);
  }

  /**
   * Whether a step can be taken in parts ({@link #stepPart}) that threads run at the same time:
   * true for the fused chains (the SGD family, Adam, AdamW, RMSprop), whose update is element
   * by element.
   */
  public boolean canStepInParts() {
    return fused != null;
  }

  /**
   * Part {@code part} of {@code parts} of step {@code stepCount() + 1}: the update of rows
   * {@code [⌊R·part/parts⌋, ⌊R·(part+1)/parts⌋)} of every parameter of R rows, with the same
   * floats as {@link #step()} gives them. Different parts of one step may run on different
   * threads at once; after all of them, {@link #completeStepInParts()} counts the step.
   * Modified: those rows of the values and of this optimizer's state.
   *
   * @throws IllegalStateException unless {@link #canStepInParts()}
   */
  public void stepPart(int part, int parts) {
    if (fused == null) {
      throw new IllegalStateException("this optimizer's chain cannot step in parts");
    }
    checkPart(part, parts);
    fused.update(parameters, stepCount + 1, part, parts);
  }

  /**
   * The momentum buffers, for a caller that accumulates each step's gradient into them itself
   * ({@link MomentumProducts}, then {@link #stepPartFromMomentum}); empty unless the chain is
   * the fused SGD family with (non-Nesterov) momentum.
   */
  public Optional<MomentumProducts> momentumProducts() {
    return fused == null ? Optional.empty() : fused.momentumProducts(parameters);
  }

  /**
   * Part {@code part} of {@code parts} of step {@code stepCount() + 1} (rows as in
   * {@link #stepPart}) after the caller has set those rows of every momentum buffer to
   * {@code μ·b + ∂J/∂w} ({@link MomentumProducts}): adds the penalty's gradient to b, then
   * updates the values as {@link #step()} would from that b. Equal to {@link #step()} up to the
   * rounding {@link MomentumProducts} describes. After every part, {@link #completeStepInParts()}
   * counts the step. Modified: those rows of the values and of the momentum buffers.
   *
   * @throws IllegalStateException unless {@link #momentumProducts()} is present
   */
  public void stepPartFromMomentum(int part, int parts) {
    if (fused == null || !fused.takesMomentumProducts()) {
      throw new IllegalStateException("this optimizer's chain has no momentum to accumulate");
    }
    checkPart(part, parts);
    fused.updateFromMomentum(parameters, stepCount + 1, part, parts);
  }

  private void checkPart(int part, int parts) {
    if (parts < 1 || part < 0 || part >= parts) {
      throw new IllegalArgumentException("part " + part + " of " + parts);
    }
  }

  /** Counts a step whose every part ({@link #stepPart}) has run. */
  public void completeStepInParts() {
    if (fused == null) {
      throw new IllegalStateException("this optimizer's chain cannot step in parts");
    }
    stepCount++;
  }

  /**
   * One step: copies each gradient into its update buffer, runs the chain with step number
   * {@code stepCount() + 1}, adds the updates to the values and increments the step count (the
   * fused chains do the same in one pass). Modified: the parameters' values, this
   * optimizer's state. Not modified: the gradients.
   */
  public void step() {
    long step = stepCount + 1;
    if (fused != null) {
      fused.update(parameters, step, 0, 1);
      stepCount = step;
      return;
    }
    for (int i = 0, n = parameters.size(); i < n; i++) {
      updates.get(i).copyFrom(parameters.get(i).gradient());
    }
    state.update(parameters, step, updates);
    for (int i = 0, n = parameters.size(); i < n; i++) {
      // numpy: w += u
      Blas.axpy(1f, updates.get(i), parameters.get(i).value());
    }
    stepCount = step;
  }

  /** Steps taken so far (0 before the first step). */
  public long stepCount() {
    return stepCount;
  }

  /** Sets the step count, e.g. from a checkpoint, together with {@link #restoreState}. */
  public void restoreStepCount(long steps) {
    if (steps < 0) {
      throw new IllegalArgumentException("step count must be >= 0, got " + steps);
    }
    this.stepCount = steps;
  }

  /**
   * Every transform's live state buffers by unique, stable name (e.g. {@code "1.momentum/0"}:
   * chain position 1, parameter 0), in a fixed order. Writing into them changes the state;
   * checkpoints save them and {@link #restoreState} copies them back.
   */
  public Map<String, Matrix> stateBuffers() {
    return state.buffers();
  }

  /**
   * Copies saved buffers into {@link #stateBuffers()}; {@code saved} must have exactly the same
   * names and shapes. Modified: this optimizer's state.
   */
  public void restoreState(Map<String, Matrix> saved) {
    Map<String, Matrix> live = state.buffers();
    if (!live.keySet().equals(saved.keySet())) {
      throw new IllegalArgumentException(
          "optimizer state names differ: expected " + live.keySet() + ", got " + saved.keySet());
    }
    for (Map.Entry<String, Matrix> e : live.entrySet()) {
      Matrix source = saved.get(e.getKey());
      if (source.rows() != e.getValue().rows() || source.cols() != e.getValue().cols()) {
        throw new IllegalArgumentException(
            "optimizer state " + e.getKey() + " has shape " + source.shape() + ", expected "
                + e.getValue().shape());
      }
      e.getValue().copyFrom(source);
    }
  }

  /**
   * The learning rate of the last step taken (of step 1 before any step), from the chain's
   * {@link Transforms#scaleByLearningRate} schedule; NaN if the chain has none.
   */
  public double learningRate() {
    return LearningRateSource.of(state, Math.max(1, stepCount));
  }

  /** The parameters, in the order that names the state buffers. */
  public List<Parameter> parameters() {
    return parameters;
  }
}
