package dev.tikhonov.io;

import java.util.List;

/**
 * A generalized linear model as the double-precision ONNX graph {@link OnnxExport#toBytes(
 * OnnxLinear)} writes: η = b + x·W on the original feature scale, W {@code [p, K]}, b
 * {@code [K]}; a classifier adds probabilities = softmax(η) over the K columns. Immutable
 * (arrays copied in and out), so thread-safe.
 *
 * @param name short description for the graph's name and doc string (e.g. "binomial")
 * @param weight W, one row per feature, one column per output
 * @param bias b, one per output
 * @param featureNames one name per row of W
 * @param classNames one per output for a classifier (whose outputs are logits, with
 *     probabilities), empty for a regressor (whose outputs are predictions)
 */
public record OnnxLinear(
    String name,
    double[][] weight,
    double[] bias,
    List<String> featureNames,
    List<String> classNames) {
  /** "OnnxLinear[name, classifier, 3 outputs × 4 features]". */
  @Override
  public String toString() {
    return "OnnxLinear[" + name + ", " + (classifier() ? "classifier" : "regressor") + ", "
        + bias.length + " outputs × " + weight.length + " features]";
  }

  public OnnxLinear {
    bias = bias.clone();
    double[][] copy = new double[weight.length][];
    for (int j = 0; j < copy.length; j++) {
      copy[j] = weight[j].clone();
      if (copy[j].length != bias.length) {
        throw new IllegalArgumentException("weight row " + j + " has " + copy[j].length
            + " columns for " + bias.length + " outputs");
      }
    }
    weight = copy;
    featureNames = List.copyOf(featureNames);
    classNames = List.copyOf(classNames);
    if (featureNames.size() != weight.length) {
      throw new IllegalArgumentException(featureNames.size() + " feature names for "
          + weight.length + " weight rows");
    }
    if (!classNames.isEmpty() && classNames.size() != bias.length) {
      throw new IllegalArgumentException(classNames.size() + " class names for " + bias.length
          + " outputs");
    }
  }

  @Override
  public double[][] weight() {
    double[][] copy = new double[weight.length][];
    for (int j = 0; j < copy.length; j++) {
      copy[j] = weight[j].clone();
    }
    return copy;
  }

  /** Whether the outputs are logits with probabilities: a classifier names its classes. */
  public boolean classifier() {
    return !classNames.isEmpty();
  }

  @Override
  public double[] bias() {
    return bias.clone();
  }
}
