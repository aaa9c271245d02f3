package dev.tikhonov.nn;

/**
 * A serializable description of one layer: {@code type} is "dense", "relu" or "dropout";
 * {@code inputs}/{@code outputs} are widths (dense only); {@code rate} is the dropout
 * probability p (dropout only). Immutable, so thread-safe.
 *
 * @param type "dense", "relu" or "dropout"
 * @param inputs a dense layer's input width; 0 for the others
 * @param outputs a dense layer's output width; 0 for the others
 * @param rate a dropout layer's probability p ∈ [0, 1) of zeroing a unit; 0 for the others
 */
public record LayerSpec(String type, int inputs, int outputs, double rate) {
  /** A dense layer from {@code inputs} to {@code outputs} units. */
  public static LayerSpec dense(int inputs, int outputs) {
    return new LayerSpec("dense", inputs, outputs, 0);
  }

  /** A ReLU. */
  public static LayerSpec relu() {
    return new LayerSpec("relu", 0, 0, 0);
  }

  /** Inverted dropout zeroing a unit with probability {@code rate}. */
  public static LayerSpec dropout(double rate) {

    return new LayerSpec("dropout", 0, 0, rate);
  }
}
