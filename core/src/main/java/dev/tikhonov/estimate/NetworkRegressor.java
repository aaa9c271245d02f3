package dev.tikhonov.estimate;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.tensor.Matrix;
import dev.tikhonov.train.Model;
import dev.tikhonov.train.TrainResult;
import java.util.Optional;

/**
 * A fitted network regressor ({@link MlpRegressor}, {@link LinearRegression}): ŷ = f(x), the
 * network's single output (x·w + b for linear regression), on the standardized inputs when the
 * fit standardized. Immutable and thread-safe.
 */
public final class NetworkRegressor extends NetworkPredictor {
  NetworkRegressor(Model model, Provenance provenance, Optional<TrainResult> training,
      double lambda, double l1Ratio) {
    super(model, provenance, training, lambda, l1Ratio);
  }

  @Override
  public double[] predict(Dataset data) {
    return column(predictions.outputs(input(data)));
  }

  @Override
  public double[] predict(double[][] x) {
    return column(predictions.outputs(input(x)));
  }

  @Override
  public Evaluation evaluate(Dataset data) {
    // the targets in double, as the data set holds them: float32 would round 10⁷ + 0.1·t to
    // 10⁷ (its spacing there is 1) and score every prediction against one value
    return Evaluation.ofRegressor(Features.values(data), predict(data), penalty());
  }

  /**
   * "MlpRegressor[mlp:3, λ=0.0, α=0.0, dropout=0.25]": the estimator, the architecture, the
   * penalty and the dropout rate (when there is one) it was trained with.
   */
  @Override
  public String toString() {
    return describe() + "]";
  }

  private static double[] column(Matrix out) {
    double[] y = new double[out.rows()];
    for (int i = 0; i < y.length; i++) {
      y[i] = out.get(i, 0);
    }
    return y;
  }
}
