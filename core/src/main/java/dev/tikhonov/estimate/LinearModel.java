package dev.tikhonov.estimate;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fitted linear regression, ŷ = a₀ + x·b, or a Poisson regression, ŷ = μ = exp(a₀ + x·b)
 * (the family {@code poisson}), in double precision on the original scale of the features
 * ({@link ElasticNet} with the gaussian or poisson family, {@link Ridge}, {@link RidgeCV},
 * {@link ElasticNetCV}). Its loss is ½(y − ŷ)² (gaussian) or μ − y·log μ (poisson) and its
 * penalty λ Σ vⱼ[(1−α)/2 (sⱼbⱼ)² + α|sⱼbⱼ|]
 * with sⱼ the scale the fit penalized (1/n standard deviations when it standardized).
 * Immutable and thread-safe.
 */
public final class LinearModel implements Predictor {
  private final LinearParameters parameters;
  private final Provenance provenance;

  LinearModel(LinearParameters parameters, Provenance provenance) {
    this.parameters = parameters;
    this.provenance = provenance;
  }

  /** The family: gaussian (ŷ = η) or poisson (ŷ = exp η). */
  public dev.tikhonov.loss.Family family() {
    return parameters.family();
  }

  /**
   * The linear predictor η = a₀ + x·b of each row (for gaussian the same as {@link #predict};
   * for poisson log μ).
   */
  public double[] linearPredictor(double[][] x) {
    return first(parameters.linearPredictorOfRows(x));
  }

  /**
   * η = o + a₀ + x·b of raw rows with their offsets (a model fitted with an offset column).
   *
   * @throws InputException for a model fitted without an offset column, rows of another width,
   *     offsets of another length, values that are not finite
   */
  public double[] linearPredictor(double[][] x, double[] offsets) {
    return first(parameters.linearPredictorOfRows(x, offsets));
  }

  /**
   * η of every row of {@code data} (glmnet's {@code predict(type = "link")}); a model fitted
   * with an offset column takes each row's offset from that column of {@code data}.
   */
  public double[] linearPredictor(Dataset data) {
    return first(parameters.linearPredictor(data));
  }

  /**
   * Predictions of raw rows with their offsets, for a model fitted with an offset column
   * ({@link #offsetColumn}): ŷ = o + a₀ + x·b (gaussian) or exp(o + a₀ + x·b) (poisson).
   *
   * @throws InputException for a model fitted without an offset column (it never learned with
   *     offsets; {@link #predict(double[][])}), rows of another width, offsets of another length
   */
  public double[] predict(double[][] x, double[] offsets) {
    return response(parameters.linearPredictorOfRows(x, offsets));
  }

  /** The column whose values the model adds to η (glmnet's offset), when it was fitted so. */
  public java.util.Optional<String> offsetColumn() {
    return parameters.offsetColumn();
  }

  private static double[] first(double[][] eta) {
    double[] out = new double[eta.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = eta[i][0];
    }
    return out;
  }

  /** a₀. */
  public double intercept() {
    return parameters.intercepts()[0];
  }

  /** b, one per feature, on the original scale. */
  public double[] coefficients() {
    return parameters.coefficients()[0];
  }

  /**
   * b by feature name: {@link #featureNames()}'s names in their order, each with its
   * coefficient on the original scale (a weight or offset column the model took out of the
   * features is not among them). Unmodifiable; a new map each call.
   */
  public Map<String, Double> coefficientsByName() {
    List<String> names = featureNames();
    double[] b = coefficients();
    Map<String, Double> out = new LinkedHashMap<>();
    for (int j = 0; j < b.length; j++) {
      out.put(names.get(j), b[j]);
    }
    return Collections.unmodifiableMap(out);
  }

  /** The λ the model was fitted at. */
  @Override
  public double lambda() {
    return parameters.lambda();
  }

  /** α. */
  @Override
  public double l1Ratio() {
    return parameters.l1Ratio();
  }

  /** Number of nonzero coefficients. */
  public int nonzeroCoefficients() {
    int count = 0;
    for (double b : coefficients()) {
      if (b != 0) {
        count++;
      }
    }
    return count;
  }

  @Override
  public List<String> featureNames() {
    return parameters.featureNames();
  }

  @Override
  public double[] predict(Dataset data) {
    return response(parameters.linearPredictor(data));
  }

  @Override
  public double[] predict(double[][] x) {
    return response(parameters.linearPredictorOfRows(x));
  }

  private double[] response(double[][] eta) {
    double[][] x = eta;
    boolean poisson = parameters.family() == dev.tikhonov.loss.Family.POISSON;
    double[] y = new double[x.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = poisson ? Math.exp(eta[i][0]) : eta[i][0];
      if (!Double.isFinite(y[i])) {
        throw new dev.tikhonov.data.RowException(i + 1, "the prediction is " + y[i]
            + "; the row's values are too large for this model");
      }
    }
    return y;
  }

  /**
   * The mean loss: ½(y − ŷ)² (gaussian) or μ − y·η with η = log μ (poisson; the y·log μ term
   * taken from η, so a row whose μ underflows to 0 costs y·|η|, not ∞ or 0·log 0 = NaN).
   *
   * @throws InputException for a row whose prediction is not finite, or a negative count
   *     (poisson)
   */
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
    double[] y = Features.values(data);
    double[] w = ObservationColumns.evaluationWeights(data, weightColumn,
        parameters.inputColumns());
    double[][] eta = parameters.linearPredictor(data);
    double[] yhat = response(eta);
    if (parameters.family() != dev.tikhonov.loss.Family.POISSON) {
      return Evaluation.ofRegressor(y, yhat, w, parameters.penalty());
    }
    for (int i = 0; i < y.length; i++) {
      if (!(y[i] >= 0)) {
        // as the poisson path refuses it: the loss μ − y·log μ has no minimum for y < 0; a
        // RowException, so that a caller that read the rows from a file names its line
        throw dev.tikhonov.data.RowException.inTarget(i + 1, "count " + y[i]
            + " is not a finite number ≥ 0 (the poisson family models counts)");
      }
    }
    return Evaluation.ofCounts(y, first(eta), w, parameters.penalty());
  }

  @Override
  public Provenance provenance() {
    return provenance;
  }

  @Override
  public void save(Path file) {
    LinearModelFiles.save(parameters, provenance, file);
  }

  LinearParameters parameters() {
    return parameters;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LinearModel m && parameters.equals(m.parameters);
  }

  @Override
  public int hashCode() {
    return parameters.hashCode();
  }

  /**
   * "ElasticNet[gaussian, λ=0.05, α=1, 3 of 6 coefficients nonzero]" (λ and α in at most four
   * significant digits, below 0.01 in scientific form: "λ=1e-04").
   */
  @Override
  public String toString() {
    return parameters.describe(provenance.estimator(), nonzeroCoefficients()) + "]";
  }
}
