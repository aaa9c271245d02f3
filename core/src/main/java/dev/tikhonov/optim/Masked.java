package dev.tikhonov.optim;

import dev.tikhonov.nn.Parameter;
import dev.tikhonov.tensor.Matrix;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Applies {@code inner} to the parameters where {@code mask} holds and leaves the other updates
 * untouched (optax {@code masked}). The mask is evaluated once, at {@link #init}.
 */
record Masked(GradientTransform inner, Predicate<Parameter> mask) implements GradientTransform {
  @Override
  public TransformState init(List<Parameter> parameters) {
    List<Parameter> selected = new ArrayList<>();
    List<Integer> indices = new ArrayList<>();
    for (int i = 0; i < parameters.size(); i++) {
      if (mask.test(parameters.get(i))) {
        selected.add(parameters.get(i));
        indices.add(i);
      }
    }
    TransformState innerState = inner.init(List.copyOf(selected));
    int[] index = indices.stream().mapToInt(Integer::intValue).toArray();
    // The inner state names buffers by index into the selection; map them back to the full list.
    Map<String, Matrix> buffers = new LinkedHashMap<>();
    for (Map.Entry<String, Matrix> e : innerState.buffers().entrySet()) {
      buffers.put(renumber(e.getKey(), index), e.getValue());
    }
    // One reusable list of the selected update buffers: update() refills it, never reallocates.
    List<Matrix> selectedUpdates = new ArrayList<>(Collections.nCopies(index.length, null));
    return new State(innerState, index, selectedUpdates, Collections.unmodifiableMap(buffers));
  }

  private static String renumber(String name, int[] index) {
    int slash = name.lastIndexOf('/');
    if (slash >= 0) {
      try {
        int local = Integer.parseInt(name.substring(slash + 1));
        if (local >= 0 && local < index.length) {
          return name.substring(0, slash + 1) + index[local];
        }
      } catch (NumberFormatException e) {
        // Not an indexed name: keep it as the inner transform gave it.
      }
    }
    return name;
  }

  private static final class State implements TransformState, LearningRateSource {
    private final TransformState inner;
    private final int[] index;
    private final List<Matrix> selectedUpdates;
    private final Map<String, Matrix> buffers;
    private List<Parameter> lastParameters;
    private List<Parameter> selectedParameters;

    State(TransformState inner, int[] index, List<Matrix> selectedUpdates,
        Map<String, Matrix> buffers) {
      this.inner = inner;
      this.index = index;
      this.selectedUpdates = selectedUpdates;
      this.buffers = buffers;
    }

    @Override
    public void update(List<Parameter> parameters, long step, List<Matrix> out) {
      if (parameters != lastParameters) {
        // The optimizer passes the same list every step, so this runs once.
        List<Parameter> selected = new ArrayList<>(index.length);
        for (int i : index) {
          selected.add(parameters.get(i));
        }
        selectedParameters = List.copyOf(selected);
        lastParameters = parameters;
      }
      for (int k = 0; k < index.length; k++) {
        selectedUpdates.set(k, out.get(index[k]));
      }
      inner.update(selectedParameters, step, selectedUpdates);
    }

    @Override
    public Map<String, Matrix> buffers() {
      return buffers;
    }

    @Override
    public double learningRate(long step) {
      return LearningRateSource.of(inner, step);
    }
  }
}
