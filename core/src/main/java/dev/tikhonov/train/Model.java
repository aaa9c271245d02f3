package dev.tikhonov.train;

import dev.tikhonov.nn.Layer;
import dev.tikhonov.nn.Sequential;
import dev.tikhonov.tensor.Kernels;
import dev.tikhonov.tensor.Matrix;
import java.util.List;

/**
 * A trained network with what it needs to predict on raw inputs: its spec, feature and class
 * names, and the per-feature standardization fitted on the training data (identity when
 * {@code featureMean} is null): {@code x' = (x − mean) / scale} before the network.
 *
 * <p>Not thread-safe: {@code predict} runs the network's forward pass, which writes its layer
 * buffers, and the network and the standardization arrays are shared, not copied. For
 * concurrent prediction give each thread a model over {@code network().forInference()}.
 */
public record Model(
    ModelSpec spec,
    Sequential network,
    List<String> featureNames,
    List<String> classNames,
    double[] featureMean,
    double[] featureScale) {
  /** "Model[mlp 784-256-10 …, 784 features, 10 classes, standardized]" (the spec's description). */
  @Override
  public String toString() {
    return "Model[" + spec.describe() + ", " + featureNames.size() + " features, "
        + (classNames.isEmpty() ? "regression" : classNames.size() + " classes")
        + (featureMean == null ? "" : ", standardized") + "]";
  }

  public Model {
    featureNames = List.copyOf(featureNames);
    classNames = List.copyOf(classNames);
    if ((featureMean == null) != (featureScale == null)) {
      throw new IllegalArgumentException("standardization needs both mean and scale");
    }
  }

  /** Network outputs for raw inputs: logits (classification) or predictions (regression). */
  public Matrix predict(Matrix x) {
    Matrix input = standardize(x);
    return network.forward(input, Layer.Mode.INFER).copy();
  }

  /** Class index of each row (classification). */
  public int[] predictClasses(Matrix x) {
    Matrix out = predict(x);
    int[] classes = new int[out.rows()];
    for (int i = 0; i < classes.length; i++) {
      classes[i] = Kernels.argmaxRow(out, i);
    }
    return classes;
  }

  /** The standardized copy of {@code x} the network sees (x itself when no standardization). */
  public Matrix standardize(Matrix x) {
    if (featureMean == null) {
      return x;
    }
    Matrix out = x.copy();
    int p = x.cols();
    for (int i = 0; i < out.size(); i++) {
      int j = i % p;
      out.put(i, (float) ((out.at(i) - featureMean[j]) / featureScale[j]));
    }
    return out;
  }
}
