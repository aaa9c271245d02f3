package dev.tikhonov.optim;

import dev.tikhonov.nn.Parameter;
import dev.tikhonov.tensor.Blas;
import dev.tikhonov.tensor.Matrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Applies a {@link GradientTransform} to a fixed list of parameters, one step at a time:
 *
 * <pre>  t ← t + 1;   u ← ∂J/∂w;   u ← chain(u; t);   w ← w + u</pre>
 *
 * <p>All state (the update buffers and every transform's buffers) is allocated in {@link #of};
 * {@link #step()} allocates nothing. The caller computes the gradients first (including any
 * coupled penalty gradient, e.g. {@code Penalty.addGradient}) and zeroes them afterwards.
 */
public final class Optimizer {
  private final List<Parameter> parameters;
  private final TransformState state;
  private final List<Matrix> updates;
  private long stepCount;

  private Optimizer(List<Parameter> parameters, TransformState state, List<Matrix> updates) {
    this.parameters = parameters;
    this.state = state;
    this.updates = updates;
  }

  /** Initializes {@code chain}'s state for {@code parameters} (order fixes buffer names). */
  public static Optimizer of(GradientTransform chain, List<Parameter> parameters) {
    Objects.requireNonNull(chain, "chain");
    List<Parameter> params = List.copyOf(parameters);
    List<Matrix> updates = new ArrayList<>(params.size());
    for (Parameter p : params) {
      updates.add(Matrix.zeros(p.value().rows(), p.value().cols()));
    }
    return new Optimizer(params, chain.init(params), List.copyOf(updates));
  }

  /**
   * One step: copies each gradient into its update buffer, runs the chain with step number
   * {@code stepCount() + 1}, adds the updates to the values and increments the step count.
   * Modified: the parameters' values, this optimizer's state. Not modified: the gradients.
   */
  public void step() {
    long step = stepCount + 1;
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
