package dev.tikhonov.train;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.loss.Loss;
import dev.tikhonov.nn.Layer;
import dev.tikhonov.nn.Sequential;
import dev.tikhonov.tensor.Kernels;
import dev.tikhonov.tensor.Matrix;

/**
 * Mean data loss (no penalty) and accuracy of a network on a data set, in inference mode
 * (dropout off), computed in chunks of rows.
 *
 * <p>Immutable, so thread-safe. {@code of} runs the network's forward pass, which writes its
 * layer buffers: concurrent evaluations need separate networks
 * ({@code Sequential.forInference()}).
 *
 * @param loss mean data loss
 * @param accuracy fraction of rows whose arg-max output is the label; NaN for regression
 */
record Evaluation(double loss, double accuracy) {
  private static final int CHUNK = 1024;

  static Evaluation of(Sequential network, Loss lossFunction, Dataset data) {
    return of(network, lossFunction, data.features(), data.targetMatrix(),
        data.isClassification());
  }

  /**
   * On the rows of {@code features} and {@code targets}; with a weighted loss
   * ({@link WeightedLoss}, whose last target column is w̃ᵢ of mean 1) the loss is Σ w̃ᵢℓᵢ / n
   * and the accuracy Σ w̃ᵢ·1[correct] / n: weighted means.
   */
  static Evaluation of(Sequential network, Loss lossFunction, Matrix features, Matrix targets,
      boolean classification) {
    int n = features.rows();
    if (n == 0) {
      throw new IllegalArgumentException("cannot evaluate on an empty data set");
    }
    boolean weighted = lossFunction instanceof WeightedLoss;
    double lossSum = 0;
    double correct = 0;
    for (int from = 0; from < n; from += CHUNK) {
      int to = Math.min(n, from + CHUNK);
      Matrix x = features.rowRange(from, to);
      Matrix y = targets.rowRange(from, to);
      Matrix out = network.forward(x, Layer.Mode.INFER);
      lossSum += lossFunction.sum(out, y);
      if (classification) {
        for (int i = 0; i < to - from; i++) {
          if (Kernels.argmaxRow(out, i) == (int) y.get(i, 0)) {
            correct += weighted ? y.get(i, y.cols() - 1) : 1;
          }
        }
      }
    }
    return new Evaluation(lossSum / n, classification ? correct / n : Double.NaN);
  }
}
