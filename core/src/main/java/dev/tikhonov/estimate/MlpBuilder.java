package dev.tikhonov.estimate;

import java.util.List;

/**
 * The setters the two MLP builders add to {@link NetworkBuilder}'s: hidden layers (default 256,
 * 128, the network of docs/experiments.md) and dropout. Not thread-safe (a builder is used by
 * one thread); what it builds is immutable.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class MlpBuilder<B extends MlpBuilder<B>> extends NetworkBuilder<B> {
  MlpBuilder() {
    hiddenLayers = List.of(256, 128);
  }

  MlpBuilder(NetworkSettings s) {
    super(s);
  }

  /** Widths of the hidden ReLU layers, input side first (default 256, 128). */
  public B hiddenLayers(int... widths) {
    if (widths.length == 0) {
      throw new IllegalArgumentException("an MLP needs at least one hidden layer");
    }
    hiddenLayers = java.util.Arrays.stream(widths).boxed().toList();
    return self();
  }

  /** Inverted dropout rate p ∈ [0, 1) after each hidden ReLU; identity at prediction. */
  public B dropout(double p) {
    dropout = p;
    return self();
  }
}
