package dev.tikhonov.nn;

import dev.tikhonov.tensor.Rng;
import java.util.ArrayList;
import java.util.List;

/**
 * The shape of a model: {@code linear} (one dense layer: linear regression, or logistic/softmax
 * regression with cross-entropy), or an MLP with the given hidden widths, ReLU after each hidden
 * layer and optional inverted dropout after each ReLU.
 *
 * @param hidden hidden layer widths; empty for a linear model
 * @param dropout dropout rate p after each hidden ReLU (0 = none)
 */
public record Architecture(List<Integer> hidden, double dropout) {
  public Architecture {
    hidden = List.copyOf(hidden);
    for (int h : hidden) {
      if (h < 1) {
        throw new IllegalArgumentException("hidden layer widths must be >= 1, got " + h);
      }
    }
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
    }
    if (hidden.isEmpty() && dropout > 0) {
      throw new IllegalArgumentException("dropout needs hidden layers (it follows each ReLU)");
    }
  }

  public static Architecture linear() {
    return new Architecture(List.of(), 0);
  }

  public static Architecture mlp(double dropout, int... hidden) {
    List<Integer> h = new ArrayList<>();
    for (int w : hidden) {
      h.add(w);
    }
    return new Architecture(h, dropout);
  }

  /**
   * Builds the network. Initialization draws from {@code initRng}; dropout masks from
   * {@code dropoutRng} (one split per dropout layer).
   */
  public Sequential build(int inputs, int outputs, Initializer init, Rng initRng, Rng dropoutRng) {
    List<Layer> layers = new ArrayList<>();
    int width = inputs;
    int index = 0;
    for (int h : hidden) {
      layers.add(new Dense("dense" + index++, width, h, init, initRng));
      layers.add(new ReLU());
      if (dropout > 0) {
        layers.add(new Dropout(dropout, dropoutRng.split()));
      }
      width = h;
    }
    layers.add(new Dense("dense" + index, width, outputs, init, initRng));
    return new Sequential(inputs, layers);
  }

  /** "linear" or "mlp:256,128". */
  public String describe() {
    if (hidden.isEmpty()) {
      return "linear";
    }
    return "mlp:" + String.join(",", hidden.stream().map(String::valueOf).toList());
  }
}
