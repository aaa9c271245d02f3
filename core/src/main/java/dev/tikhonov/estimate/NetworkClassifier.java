package dev.tikhonov.estimate;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.tensor.Kernels;
import dev.tikhonov.tensor.Matrix;
import dev.tikhonov.train.Model;
import dev.tikhonov.train.TrainResult;
import java.util.List;
import java.util.Optional;

/**
 * A fitted network classifier ({@link MlpClassifier}, {@link LogisticRegression}):
 * p(k|x) = softmax(f(x))ₖ with f the network (logits x·W + b for logistic regression), on the
 * standardized inputs when the fit standardized. A linear network's logits a₀ + x·b on the
 * original feature scale are {@link #linearIntercepts()} and {@link #linearCoefficients()}.
 * Immutable and thread-safe.
 */
public final class NetworkClassifier extends NetworkPredictor implements Classifier {
  NetworkClassifier(Model model, Provenance provenance, Optional<TrainResult> training,
      double lambda, double l1Ratio) {
    super(model, provenance, training, lambda, l1Ratio);
  }

  @Override
  public List<String> classNames() {
    return predictions.model().classNames();
  }

  /**
   * The coefficients of the logits ηₖ = a₀ₖ + x·bₖ when the network is linear (no hidden layer,
   * as {@link LogisticRegression} fits), [class][feature]: one vector per class of
   * {@link #classNames()}, each with one coefficient per feature of {@link #featureNames()} on
   * the original feature scale, as {@link LinearClassifier#coefficients()}; p(k|x) =
   * softmax(η)ₖ. Two classes have two vectors (the softmax form): the log-odds of the second
   * class are (a₀₁ − a₀₀) + x·(b₁ − b₀), in the place of a binomial {@link LinearClassifier}'s
   * one vector (the penalty is on both vectors, so not the binomial fit at the same λ). When
   * the fit standardized its inputs (z = (x − m)/s) the network's weights act on z, and
   * bₖⱼ = wⱼₖ/sⱼ. Computed in double from the float32 weights, so softmax(a₀ + x·b) is
   * {@link #predictProba(double[][])} up to float32 rounding. Empty for a network with hidden
   * layers (its weights are {@link #layers()}). New arrays each call.
   */
  public Optional<double[][]> linearCoefficients() {
    return affine().map(a -> a.coefficients());
  }

  /**
   * The intercepts a₀ₖ of {@link #linearCoefficients()}'s logits, one per class, on the
   * original feature scale, as {@link LinearClassifier#intercepts()}: each output's bias, less
   * Σⱼ mⱼ·bₖⱼ when the fit standardized its inputs. Empty for a network with hidden layers.
   */
  public Optional<double[]> linearIntercepts() {
    return affine().map(a -> a.intercepts());
  }

  @Override
  public double[] predict(Dataset data) {
    return toDoubles(predictClasses(data));
  }

  @Override
  public double[] predict(double[][] x) {
    return toDoubles(predictClasses(x));
  }

  @Override
  public int[] predictClasses(Dataset data) {
    return argmax(predictions.outputs(input(data)));
  }

  @Override
  public int[] predictClasses(double[][] x) {
    return argmax(predictions.outputs(input(x)));
  }

  @Override
  public double[][] predictProba(Dataset data) {
    return softmax(predictions.outputs(input(data)));
  }

  @Override
  public double[][] predictProba(double[][] x) {
    return softmax(predictions.outputs(input(x)));
  }

  @Override
  public ClassifierEvaluation evaluate(Dataset data) {
    return evaluate(data, java.util.Optional.empty());
  }

  /**
   * As {@link #evaluate(Dataset)}, row i weighted by the column {@code weightColumn}
   * ({@link Predictor#evaluate(Dataset, String)}).
   */
  @Override
  public ClassifierEvaluation evaluate(Dataset data, String weightColumn) {
    return evaluate(data, java.util.Optional.of(
        java.util.Objects.requireNonNull(weightColumn, "weightColumn")));
  }

  private ClassifierEvaluation evaluate(Dataset data, java.util.Optional<String> weightColumn) {
    Matrix x = input(data);
    int[] labels = Features.labels(classNames(), data);
    double[] w = ObservationColumns.evaluationWeights(data, weightColumn, featureNames());
    Matrix y = Matrix.zeros(labels.length, 1);
    for (int i = 0; i < labels.length; i++) {
      y.put(i, labels[i]);
    }
    return evaluateClasses(x, y, w, classNames());
  }

  /**
   * "MlpClassifier[mlp:4, λ=1e-03, α=0.25, dropout=0.5, 3 classes]": the estimator, the
   * architecture, the penalty, the dropout rate and weight decay (when there are) it was
   * trained with ({@code …, dropout=0.5, weight_decay=1e-03, …}), in
   * at most four significant digits (below 0.01 in scientific form), and the number of classes.
   */
  @Override
  public String toString() {
    return describe() + ", " + classNames().size() + " classes]";
  }

  private static int[] argmax(Matrix logits) {
    int[] out = new int[logits.rows()];
    for (int i = 0; i < out.length; i++) {
      out[i] = Kernels.argmaxRow(logits, i);
    }
    return out;
  }

  /** Row-wise softmax in double, max-subtracted so it cannot overflow. */
  static double[][] softmax(Matrix logits) {
    int k = logits.cols();
    double[][] out = new double[logits.rows()][k];
    for (int i = 0; i < out.length; i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        max = Math.max(max, logits.get(i, c));
      }
      double sum = 0;
      for (int c = 0; c < k; c++) {
        out[i][c] = Math.exp(logits.get(i, c) - max);
        sum += out[i][c];
      }
      for (int c = 0; c < k; c++) {
        out[i][c] /= sum;
      }
    }
    return out;
  }

  static double[] toDoubles(int[] classes) {
    double[] out = new double[classes.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = classes[i];
    }
    return out;
  }
}
