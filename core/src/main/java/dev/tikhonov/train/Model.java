package dev.tikhonov.train;

import dev.tikhonov.data.Standardizer;
import dev.tikhonov.nn.Layer;
import dev.tikhonov.nn.Sequential;
import dev.tikhonov.tensor.Kernels;
import dev.tikhonov.tensor.Matrix;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A trained network with what it needs to predict on raw inputs: its spec, feature and class
 * names, and the per-feature standardization fitted on the training data, when there is one:
 * {@code x' = (x − mean) / scale} before the network ({@link Standardizer}); without one the
 * network takes x as it is.
 *
 * <p>Not thread-safe: {@code predict} runs the network's forward pass, which writes its layer
 * buffers, and the network is shared, not copied. For concurrent prediction give each thread a
 * model over {@code network().forInference()}.
 *
 * @param spec the architecture, family and initializer the network was built from
 * @param network the trained network (shared, not copied)
 * @param featureNames the input columns' names, in the network's input order
 * @param classNames the class labels in the order of the network's outputs; empty for a
 *     regression (the gaussian family)
 * @param standardizer the standardization the network's inputs went through in training, with

 *     one column per feature; empty when they went in as they are
 */
public record Model(
    ModelSpec spec,
    Sequential network,
    List<String> featureNames,
    List<String> classNames,
    Optional<Standardizer> standardizer) {
  /** "Model[mlp 784-256-10 …, 784 features, 10 classes, standardized]" (the spec's description). */
  @Override
  public String toString() {
    return "Model[" + spec.describe() + ", " + featureNames.size() + " features, "
        + (classNames.isEmpty() ? "regression" : classNames.size() + " classes")
        + (standardizer.isPresent() ? ", standardized" : "") + "]";
  }

  public Model {
    featureNames = List.copyOf(featureNames);
    classNames = List.copyOf(classNames);
    Objects.requireNonNull(standardizer, "standardizer");
    if (standardizer.isPresent() && standardizer.get().numFeatures() != featureNames.size()) {
      throw new IllegalArgumentException("a standardizer of " + standardizer.get().numFeatures()
          + " columns for " + featureNames.size() + " features");
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
    return standardizer.isPresent() ? standardizer.get().transform(x) : x;
  }
}
