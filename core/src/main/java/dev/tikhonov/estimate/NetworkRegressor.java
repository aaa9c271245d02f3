package dev.tikhonov.estimate;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.io.ModelFile;
import dev.tikhonov.tensor.Matrix;
import dev.tikhonov.train.Model;
import dev.tikhonov.train.TrainResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A fitted network regressor ({@link MlpRegressor}, {@link LinearRegression}): ŷ = f(x), the
 * network's single output (x·w + b for linear regression), on the standardized inputs when the
 * fit standardized. Immutable and thread-safe.
 */
public final class NetworkRegressor implements Predictor {
  private final NetworkPredictions predictions;
  private final Provenance provenance;
  private final Optional<TrainResult> training;
  private final double lambda;
  private final double l1Ratio;

  NetworkRegressor(Model model, Provenance provenance, Optional<TrainResult> training,
      double lambda, double l1Ratio) {
    this.predictions = new NetworkPredictions(model);
    this.provenance = provenance;
    this.training = training;
    this.lambda = lambda;
    this.l1Ratio = l1Ratio;
  }

  @Override
  public List<String> featureNames() {
    return predictions.model().featureNames();
  }

  @Override
  public double[] predict(Dataset data) {
    return column(predictions.outputs(Features.floatInput(featureNames(), data)));
  }

  @Override
  public double[] predict(double[][] x) {
    return column(predictions.outputs(Features.floatInput(featureNames().size(), x)));
  }

  @Override
  public Evaluation evaluate(Dataset data) {
    Matrix x = Features.floatInput(featureNames(), data);
    double[] values = Features.values(data);
    Matrix y = Matrix.zeros(values.length, 1);
    for (int i = 0; i < values.length; i++) {
      y.put(i, (float) values[i]);
    }
    return predictions.evaluate(x, y, predictions.model().spec().family().networkLoss(), false,
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

  Model model() {
    return predictions.model();
  }

  @Override
  public String toString() {
    return provenance.estimator() + "[" + predictions.model().spec().describe() + "]";
  }

  private static double[] column(Matrix out) {
    double[] y = new double[out.rows()];
    for (int i = 0; i < y.length; i++) {
      y[i] = out.get(i, 0);
    }
    return y;
  }
}
