package dev.tikhonov.estimate;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.io.ModelFile;
import dev.tikhonov.tensor.Kernels;
import dev.tikhonov.tensor.Matrix;
import dev.tikhonov.train.Model;
import dev.tikhonov.train.TrainResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A fitted network classifier ({@link MlpClassifier}, {@link LogisticRegression}):
 * p(k|x) = softmax(f(x))ₖ with f the network (logits x·W + b for logistic regression), on the
 * standardized inputs when the fit standardized. Immutable and thread-safe.
 */
public final class NetworkClassifier implements Classifier {
  private final NetworkPredictions predictions;
  private final Provenance provenance;
  private final Optional<TrainResult> training;
  private final double lambda;
  private final double l1Ratio;

  NetworkClassifier(Model model, Provenance provenance, Optional<TrainResult> training,
      double lambda, double l1Ratio) {
    this.predictions = new NetworkPredictions(model);
    this.provenance = provenance;
    this.training = training;
    this.lambda = lambda;
    this.l1Ratio = l1Ratio;
  }

  @Override
  public List<String> classNames() {
    return predictions.model().classNames();
  }

  @Override
  public List<String> featureNames() {
    return predictions.model().featureNames();
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
    return argmax(predictions.outputs(Features.floatInput(featureNames(), data)));
  }

  @Override
  public int[] predictClasses(double[][] x) {
    return argmax(predictions.outputs(Features.floatInput(featureNames().size(), x)));
  }

  @Override
  public double[][] predictProba(Dataset data) {
    return softmax(predictions.outputs(Features.floatInput(featureNames(), data)));
  }

  @Override
  public double[][] predictProba(double[][] x) {
    return softmax(predictions.outputs(Features.floatInput(featureNames().size(), x)));
  }

  @Override
  public Evaluation evaluate(Dataset data) {
    Matrix x = Features.floatInput(featureNames(), data);
    int[] labels = Features.labels(classNames(), data);
    Matrix y = Matrix.zeros(labels.length, 1);
    for (int i = 0; i < labels.length; i++) {
      y.put(i, labels[i]);
    }
    return predictions.evaluate(x, y, predictions.model().spec().family().networkLoss(), true,
        lambda, l1Ratio);
  }

  /** Copies of the dense layers' weights and biases, input side first. */
  public List<LayerWeights> layers() {
    return LayerWeights.of(predictions.model().network());
  }

  /** ‖w‖₂ over all weight matrices (biases excluded). */
  public double weightNorm() {
    return predictions.model().network().weightNorm();
  }

  @Override
  public Provenance provenance() {
    return provenance;
  }

  /** The training run's record (per-epoch history, early stopping); empty for a loaded model. */
  public Optional<TrainResult> training() {
    return training;
  }

  @Override
  public void save(Path file) {
    ModelFile.save(predictions.model(), file, provenance.toMap());
  }

  /** The engine's model (network, spec, standardizer), for export and run files. */
  Model model() {
    return predictions.model();
  }

  @Override
  public String toString() {
    return provenance.estimator() + "[" + predictions.model().spec().describe() + ", "
        + classNames().size() + " classes]";
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
