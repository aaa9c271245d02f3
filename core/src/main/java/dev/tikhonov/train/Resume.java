package dev.tikhonov.train;

import dev.tikhonov.nn.Dropout;
import dev.tikhonov.nn.Parameter;
import dev.tikhonov.optim.Optimizer;
import dev.tikhonov.tensor.Matrix;
import dev.tikhonov.tensor.Rng;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Taking a {@link TrainingState} from the live loop and putting one back into it. */
final class Resume {
  private Resume() {}

  /** The live state after {@code epoch} (matrices shared, not copied). */
  static TrainingState state(
      int epoch, boolean finished, List<EpochRecord> records, int[] order, Rng shuffleRng,
      List<Dropout> dropouts, Optimizer optimizer, List<Parameter> params, double bestValLoss,
      int bestEpoch, List<Matrix> bestWeights) {
    long[] dropoutStates = new long[dropouts.size()];
    for (int i = 0; i < dropoutStates.length; i++) {
      dropoutStates[i] = dropouts.get(i).rng().state();
    }
    Map<String, Matrix> values = new LinkedHashMap<>();
    Map<String, Matrix> best = new LinkedHashMap<>();
    for (int i = 0; i < params.size(); i++) {
      values.put(params.get(i).name(), params.get(i).value());
      if (bestWeights != null) {
        best.put(params.get(i).name(), bestWeights.get(i));
      }
    }
    return new TrainingState(epoch, finished, records, order, shuffleRng.state(), dropoutStates,
        optimizer.stepCount(), values, optimizer.stateBuffers(), bestValLoss, bestEpoch, best);
  }

  /**
   * Copies {@code state} into the live objects. Modified: the parameters' values, the
   * optimizer, the generators, {@code order}.
   */
  static void restore(TrainingState state, List<Parameter> params, Optimizer optimizer,
      Rng shuffleRng, List<Dropout> dropouts, int[] order) {
    if (state.order().length != order.length) {
      throw new IllegalArgumentException("the checkpoint was taken on " + state.order().length
          + " training rows, these data have " + order.length);
    }
    boolean[] seen = new boolean[order.length];
    for (int v : state.order()) {
      if (v < 0 || v >= order.length || seen[v]) {
        throw new IllegalArgumentException("the checkpoint's row order is not a permutation");
      }
      seen[v] = true;
    }
    if (state.dropoutStates().length != dropouts.size()) {
      throw new IllegalArgumentException("the checkpoint has " + state.dropoutStates().length
          + " dropout generators, the network " + dropouts.size());
    }
    copyInto(state.parameters(), params, "parameter");
    System.arraycopy(state.order(), 0, order, 0, order.length);
    shuffleRng.restore(state.shuffleState());
    for (int i = 0; i < dropouts.size(); i++) {
      dropouts.get(i).rng().restore(state.dropoutStates()[i]);
    }
    optimizer.restoreState(state.optimizerState());
    optimizer.restoreStepCount(state.stepCount());
  }

  /** The best weights of {@code state} as fresh matrices in parameter order, or null. */
  static List<Matrix> best(TrainingState state, List<Parameter> params) {
    if (state.bestParameters().isEmpty()) {
      return null;
    }
    List<Matrix> out = new ArrayList<>();
    for (Parameter p : params) {
      out.add(p.value().copy());
    }
    List<Parameter> shadows = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      shadows.add(new Parameter(params.get(i).name(), params.get(i).kind(), out.get(i)));
    }
    copyInto(state.bestParameters(), shadows, "best parameter");
    return out;
  }

  private static void copyInto(Map<String, Matrix> saved, List<Parameter> params, String what) {
    if (saved.size() != params.size()) {
      throw new IllegalArgumentException("the checkpoint has " + saved.size() + " " + what
          + "s, the network " + params.size());
    }
    for (Parameter p : params) {
      Matrix m = saved.get(p.name());
      if (m == null) {
        throw new IllegalArgumentException("the checkpoint lacks " + what + " " + p.name());
      }
      if (m.rows() != p.value().rows() || m.cols() != p.value().cols()) {
        throw new IllegalArgumentException(what + " " + p.name() + " has shape " + m.shape()
            + " in the checkpoint, the network needs " + p.value().shape());
      }
      p.value().copyFrom(m);
    }
  }
}
