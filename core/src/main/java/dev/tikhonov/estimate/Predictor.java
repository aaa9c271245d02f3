package dev.tikhonov.estimate;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A fitted model: what every estimator returns. Regression models predict values; classifiers
 * (see {@link Classifier}) predict class indices and probabilities.
 *
 * <p>Input columns: a Dataset whose feature names were given (a CSV header, a names list; see
 * {@link Dataset#hasNamedFeatures()}) is matched to {@link #featureNames()} by name, extra
 * columns (an id, the target) ignored and a missing one an {@code InputException}. A Dataset
 * whose names stand for positions ({@code Dataset.of(x, y)} without names, LIBSVM files, IDX
 * images) and a {@code double[][]} are the model's features by position and must have exactly
 * as many columns; this holds for a loaded model too, whatever data it was fitted on. Inputs
 * must be finite, and a prediction that is not finite (an input far outside the training
 * range) is an {@code InputException} naming the row. A null argument, or a null row of
 * {@code x}, is a {@code NullPointerException} whose message names the parameter ({@code data},
 * {@code x}, {@code x: row 2 is null}, {@code file}).
 *
 * <p>Implementations are immutable and thread-safe: many threads may predict with one model at
 * once and get exactly the single-threaded results.
 */
public interface Predictor {
  /**
   * The prediction for every row: the value (regression; the mean for count models) or the
   * class index 0..K−1 (classification) as a double.
   */
  double[] predict(Dataset data);

  /** {@link #predict(Dataset)} for rows of raw feature values in the model's column order. */
  double[] predict(double[][] x);

  /**
   * The prediction for one row of raw feature values in the model's column order,
   * {@code predict(new double[][] {row})[0]} (Smile's {@code predict(double[] x)}): for a
   * request that brings one row at a time.
   *
   * <p>A network computes in float32 and its products round by how many rows go through at
   * once, so a row's prediction alone and among other rows can differ in the seventh
   * significant digit; a linear model's are the same.
   *
   * @throws InputException as {@link #predict(double[][])} for its input row 1
   * @throws NullPointerException with the message {@code row} when {@code row} is null
   */
  default double predict(double[] row) {
    return predict(new double[][] {Objects.requireNonNull(row, "row")})[0];
  }

  /**
   * The mean data loss (1/n) Σ ℓ(yᵢ, f(xᵢ)) on {@code data} — ½(y − ŷ)² for regression,
   * −log p(yᵢ|xᵢ) for classifiers, μ − y·log μ for counts — the model's penalty term (so
   * loss + penalty is the objective's value there) and the scores of the model's kind: accuracy
   * for classifiers, MSE and R² for regressors and count models, D² for counts (see
   * {@link Evaluation}). Class labels are matched to the model's classes by name. The models
   * narrow the return type to their kind's evaluation, whose scores are plain values:
   * {@link Classifier#evaluate} returns a {@link ClassifierEvaluation}, {@link LinearModel}'s and
   * {@link NetworkRegressor}'s a {@link RegressionEvaluation}; this one is always one of the two.
   *
   * @throws dev.tikhonov.data.InputException naming the data when they have no rows (a mean over
   *     none has no value), a column is missing, the target is of the other kind, or (a
   *     classifier's) a label is not one of the model's classes
   */
  Evaluation evaluate(Dataset data);

  /**
   * {@link #evaluate(Dataset)} with row i weighted by wᵢ, the value of {@code data}'s column
   * {@code weightColumn} (scikit-learn's {@code score(X, y, sample_weight=w)} and metrics'
   * {@code sample_weight}): the mean loss Σ wᵢℓᵢ / Σ wᵢ, accuracy Σ wᵢ·1[ŷᵢ = yᵢ] / Σ wᵢ, the
   * AUC over pairs weighted wᵢwⱼ, MSE and MAE weighted means, R² = 1 − Σ wᵢ(yᵢ − ŷᵢ)² /
   * Σ wᵢ(yᵢ − ȳ_w)² and D² with the weighted mean ȳ_w = Σ wᵢyᵢ / Σ wᵢ (see {@link Evaluation});
   * the penalty unchanged. Weights all 1 give {@code evaluate(data)} bit for bit, and integer
   * weights the evaluation of each row repeated that many times (up to rounding). The column is
   * read by name and is not one of the model's inputs: a model fitted with
   * {@code weightColumn(c)} took c out of its features, so it is evaluated weighted by the same
   * column of new data, {@code evaluate(test, c)}.
   *
   * @throws dev.tikhonov.data.InputException as {@link #evaluate(Dataset)}, and about
   *     {@code weightColumn} when {@code data} has no such (named) column, the model reads it as
   *     an input, a weight is negative or not finite (naming its row, 1-based) or every weight
   *     is 0
   */
  Evaluation evaluate(Dataset data, String weightColumn);

  /** The feature names the model was fitted on, in its column order. */
  List<String> featureNames();

  /**
   * The penalty strength λ ≥ 0 the model was fitted with, in the objective every model shares,
   * J(θ) = (1/n) Σᵢ ℓ(yᵢ, f(xᵢ; θ)) + λ · Σⱼ vⱼ [(1−α)/2 · wⱼ² + α · |wⱼ|] (weights only;
   * docs/objective.md), so one λ means the same for a linear model and a network; a model
   * chosen by cross-validation has the chosen λ. Kept in the model file: a model loaded as a
   * {@code Predictor} answers it without a cast to its class.
   */
  double lambda();

  /** The L1 share α ∈ [0, 1] of the penalty in {@link #lambda()}'s objective (0 = pure L2). */
  double l1Ratio();

  /** What produced this model: estimator, settings, seed, data fingerprint, library version. */
  Provenance provenance();

  /**
   * Writes the model to {@code file} atomically (a temporary file renamed into place): the
   * safetensors layout with a JSON header (docs/model-files.md); never Java serialization.
   * Missing parent directories are created; an existing file is replaced, a read-only one too
   * when its directory is writable (the rename replaces the directory's entry, as {@code mv}
   * does). {@link #load} reads it back into a model that predicts identically.
   *
   * @throws InputException naming the file when it cannot be written (a directory there, no
   *     permission, a full disk), with the system's reason
   */
  void save(Path file);

  /** Reads any model file tikhonov writes; a bad file is an {@code InputException}. */
  static Predictor load(Path file) {
    return ModelFiles.load(file);
  }

  /**
   * Reads a model file as the model type {@code type} expects, so that its own accessors need
   * no cast: {@code Predictor.load(file, LinearModel.class).coefficients()}. {@code type} is a
   * model class ({@link LinearModel}, {@link LinearClassifier}, {@link NetworkClassifier},
   * {@link NetworkRegressor}) or an interface they implement ({@link Classifier}).
   *
   * @param <M> the model type asked for
   * @throws InputException for a bad file, or one that holds another kind of
   *     model (the message names the kind it holds and the estimator that fitted it)
   */
  static <M extends Predictor> M load(Path file, Class<M> type) {
    Objects.requireNonNull(type, "type");
    Predictor p = load(file);
    if (type.isInstance(p)) {
      return type.cast(p);
    }
    throw new InputException(file + ": holds a "
        + (p instanceof Classifier ? "classifier" : "regression model") + " ("
        + p.getClass().getSimpleName() + " fitted by " + p.provenance().estimator()
        + "), not a " + type.getSimpleName());
  }
}
