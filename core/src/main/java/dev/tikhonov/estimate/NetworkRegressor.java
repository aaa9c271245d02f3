package dev.tikhonov.estimate;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.tensor.Matrix;
import dev.tikhonov.train.Model;
import dev.tikhonov.train.TrainResult;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A fitted network regressor ({@link MlpRegressor}, {@link LinearRegression}): ŷ = f(x), the
 * network's single output (x·w + b for linear regression), on the standardized inputs when the
 * fit standardized. A linear network's ŷ = a₀ + x·b on the original feature scale is
 * {@link #linearIntercept()} and {@link #linearCoefficients()}. Immutable and thread-safe.
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
  public RegressionEvaluation evaluate(Dataset data) {
    return evaluate(data, java.util.Optional.empty());
  }

  /**
   * As {@link #evaluate(Dataset)}, row i weighted by the column {@code weightColumn}
   * ({@link Predictor#evaluate(Dataset, String)}).
   */
  @Override
  public RegressionEvaluation evaluate(Dataset data, String weightColumn) {
    return evaluate(data, java.util.Optional.of(
        java.util.Objects.requireNonNull(weightColumn, "weightColumn")));
  }

  private RegressionEvaluation evaluate(Dataset data,
      java.util.Optional<String> weightColumn) {
    // the targets in double, as the data set holds them: float32 would round 10⁷ + 0.1·t to
    // 10⁷ (its spacing there is 1) and score every prediction against one value
    double[] y = Features.values(data);
    double[] w = ObservationColumns.evaluationWeights(data, weightColumn, featureNames());
    return Evaluation.ofRegressor(y, predict(data), w, penalty());
  }

  /**
   * The coefficients b of ŷ = a₀ + x·b when the network is linear (no hidden layer, as
   * {@link LinearRegression} fits), one per feature of {@link #featureNames()} in its order, on
   * the original feature scale, as {@link LinearModel#coefficients()}: when the fit
   * standardized its inputs ({@code standardize(true)}: z = (x − m)/s, the training rows'
   * means and 1/n standard deviations) the network's weights wⱼ act on zⱼ, and bⱼ = wⱼ/sⱼ; a
   * target standardization ({@code standardizeTarget}) is already folded into the weights.
   * Computed in double from the float32 weights, so a₀ + x·b is {@link #predict(double[][])}
   * up to float32 rounding. Empty for a network with hidden layers, which has no such
   * coefficients (its weights are {@link #layers()}). A new array each call.
   */
  public Optional<double[]> linearCoefficients() {
    return affine().map(a -> a.coefficients()[0]);
  }

  /**
   * The intercept a₀ of ŷ = a₀ + x·{@link #linearCoefficients()} on the original feature scale,
   * as {@link LinearModel#intercept()}: the network's bias, less Σⱼ mⱼ·bⱼ when the fit
   * standardized its inputs. Empty for a network with hidden layers.
   */
  public OptionalDouble linearIntercept() {
    return affine().map(a -> OptionalDouble.of(a.intercepts()[0]))
        .orElse(OptionalDouble.empty());
  }

  /**
   * "MlpRegressor[mlp:3, λ=1e-04, α=0, dropout=0.25]": the estimator, the architecture, the
   * penalty, the dropout rate and weight decay (when there are; {@code weight_decay=1e-03})
   * it was trained with, in at most four
   * significant digits (below 0.01 in scientific form).
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
