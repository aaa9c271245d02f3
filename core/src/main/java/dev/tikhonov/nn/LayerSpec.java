package dev.tikhonov.nn;

/**
 * A serializable description of one layer: {@code type} is "dense", "relu" or "dropout";
 * {@code inputs}/{@code outputs} are widths (dense only); {@code rate} is the dropout
 * probability p (dropout only). Immutable, so thread-safe.
 */
public record LayerSpec(String type, int inputs, int outputs, double rate) {
  public static LayerSpec dense(int inputs, int outputs) {
    return new LayerSpec("dense", inputs, outputs, 0);
  }

  public static LayerSpec relu() {
    return new LayerSpec("relu", 0, 0, 0);
  }

  public static LayerSpec dropout(double rate) {
    return new LayerSpec("dropout", 0, 0, rate);
  }
}
