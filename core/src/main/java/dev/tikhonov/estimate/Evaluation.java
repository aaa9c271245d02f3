package dev.tikhonov.estimate;

import dev.tikhonov.select.CvMeasure;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A model's score on labelled data: the mean data loss and the penalty (DESIGN.md's objective),
 * and the scores of the model's kind. Every row counts once (an evaluation is not weighted,
 * whatever weights the fit used). Immutable, so thread-safe.
 *
 * <ul>
 *   <li>{@link #loss()}: (1/n) Σ ℓ(yᵢ, f(xᵢ)), DESIGN.md's ℓ: ½(y − ŷ)² (so the loss of a
 *       regressor is half its mean squared error), −log p(y|x), or the Poisson μ − y·log μ; no
 *       penalty.
 *   <li>{@link #penalty()}: λ Σ vⱼ[(1−α)/2 wⱼ² + α|wⱼ|] (0 when λ = 0), so that
 *       {@code loss + penalty} is the objective on these rows. Not for a network fitted to a
 *       standardized target ({@code standardizeTarget(true)}): its objective is on z = (y −
 *       μ)/σ, while its saved output layer, rescaled to predict y, carries σ, so both the loss
 *       (in y's units) and the penalty (of the rescaled weights) differ from what training
 *       minimized; the training history holds that objective.
 *   <li>{@link #accuracy()} (classifiers): the fraction of rows whose most probable class is the
 *       label.
 *   <li>{@link #auc()} (two-class classifiers): the area under the ROC curve, the fraction of
 *       pairs (a row of the second class, a row of the first) whose second-class score ranks the
 *       second-class row higher, a tie counting ½: scikit-learn's {@code roc_auc_score},
 *       glmnet's {@code assess.glmnet(...)$auc}, Spark MLlib's {@code areaUnderROC}.
 *   <li>{@link #roc()} (two-class classifiers, when the AUC is defined): the ROC curve itself
 *       ({@link RocCurve}), whose trapezoid area is the AUC: glmnet's {@code roc.glmnet}.
 *   <li>{@link #meanSquaredError()} (regressors, counts too): (1/n) Σ (yᵢ − ŷᵢ)², scikit-learn's
 *       {@code mean_squared_error}.
 *   <li>{@link #rSquared()} (regressors, counts too): R² = 1 − Σ(yᵢ − ŷᵢ)² / Σ(yᵢ − ȳ)² with ȳ
 *       the mean of the evaluated rows, scikit-learn's {@code r2_score} (and a regressor's
 *       {@code score}); negative for a model worse than predicting ȳ.
 *   <li>{@link #devianceExplained()} (Poisson counts): D² = 1 − D/D₀ with the Poisson deviance
 *       D = 2 Σ [yᵢ log(yᵢ/μᵢ) − (yᵢ − μᵢ)] (y log y = 0 at y = 0) and D₀ the same with every
 *       μᵢ = ȳ: glmnet's {@code dev.ratio} on the training rows, scikit-learn's
 *       {@code d2_tweedie_score(power=1)}. (For a gaussian model D² is R².)
 * </ul>
 *
 * R², D² and the AUC are empty when the evaluated targets give them no value: all rows with the
 * same y (Σ(yᵢ − ȳ)² = 0, also where the rounding of ȳ leaves it a few ulps above 0), all counts
 * the same (D₀ = 0; all 0 among them), or all rows of one class.
 */
public final class Evaluation {
  private final int rows;
  private final double loss;
  private final double penalty;
  private final OptionalDouble accuracy;
  private final OptionalDouble auc;
  private final OptionalDouble meanSquaredError;
  private final OptionalDouble meanAbsoluteError;
  private final OptionalDouble rSquared;
  private final OptionalDouble devianceExplained;
  private final java.util.Optional<RocCurve> roc;

  private Evaluation(int rows, double loss, double penalty, OptionalDouble accuracy,
      OptionalDouble auc, OptionalDouble meanSquaredError, OptionalDouble meanAbsoluteError,
      OptionalDouble rSquared, OptionalDouble devianceExplained) {
    this(rows, loss, penalty, accuracy, auc, meanSquaredError, meanAbsoluteError, rSquared,
        devianceExplained, java.util.Optional.empty());
  }

  private Evaluation(int rows, double loss, double penalty, OptionalDouble accuracy,
      OptionalDouble auc, OptionalDouble meanSquaredError, OptionalDouble meanAbsoluteError,
      OptionalDouble rSquared, OptionalDouble devianceExplained,
      java.util.Optional<RocCurve> roc) {
    if (rows < 1) {
      throw new IllegalArgumentException("an evaluation needs at least one row, got " + rows);
    }
    this.rows = rows;
    this.loss = loss;
    this.penalty = penalty;
    this.accuracy = accuracy;
    this.auc = auc;
    this.meanSquaredError = meanSquaredError;
    this.meanAbsoluteError = meanAbsoluteError;
    this.rSquared = rSquared;
    this.devianceExplained = devianceExplained;
    this.roc = roc;
  }

  /**
   * A classifier's evaluation on {@code rows} rows.
   *
   * @param loss the mean cross-entropy −(1/n) Σ log p(yᵢ|xᵢ)
   * @param accuracy the fraction of rows classified right, in [0, 1]
   * @param penalty the model's penalty term
   */
  public static Evaluation ofClassifier(int rows, double loss, double accuracy, double penalty) {
    return new Evaluation(rows, loss, penalty, OptionalDouble.of(accuracy),
        OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
        OptionalDouble.empty(), OptionalDouble.empty());
  }

  /**
   * A two-class classifier's evaluation: as {@link #ofClassifier}, with the {@link #auc()} of
   * the rows' scores (empty when the rows are all of one class).
   *
   * @param loss the mean cross-entropy −(1/n) Σ log p(yᵢ|xᵢ)
   * @param accuracy the fraction of rows classified right, in [0, 1]
   * @param penalty the model's penalty term
   * @param secondClassScore each row's score for the second class: its probability or any
   *     increasing function of it (the log-odds η, which tells apart rows whose probabilities
   *     round to the same double); not NaN
   * @param secondClass whether each row is of the second class
   */
  public static Evaluation ofTwoClasses(double loss, double accuracy, double penalty,
      double[] secondClassScore, boolean[] secondClass) {
    int n = secondClassScore.length;
    if (secondClass.length != n) {
      throw new IllegalArgumentException(n + " scores but " + secondClass.length + " labels");
    }
    double[] ones = new double[n];
    Arrays.fill(ones, 1);
    for (double score : secondClassScore) {
      if (Double.isNaN(score)) {
        throw new IllegalArgumentException("a score is NaN");
      }
    }
    double area = CvMeasure.areaUnderCurve(secondClassScore, secondClass, ones);
    return new Evaluation(n, loss, penalty, OptionalDouble.of(accuracy),
        Double.isNaN(area) ? OptionalDouble.empty() : OptionalDouble.of(area),
        OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
        OptionalDouble.empty(), Double.isNaN(area) ? java.util.Optional.empty()
            : java.util.Optional.of(RocCurve.of(secondClassScore, secondClass, ones)));
  }

  /**
   * A real-valued regressor's evaluation from its targets and predictions: loss ½·MSE, MSE,
   * MAE and R².
   *
   * @param y the targets, at least one
   * @param predicted ŷ, one per target
   * @param penalty the model's penalty term
   */
  public static Evaluation ofRegressor(double[] y, double[] predicted, double penalty) {
    requireSameLength(y, predicted);
    double mse = sumOfSquares(y, predicted) / y.length;
    return new Evaluation(y.length, 0.5 * mse, penalty, OptionalDouble.empty(),
        OptionalDouble.empty(), OptionalDouble.of(mse),
        OptionalDouble.of(meanAbsolute(y, predicted)), rSquared(y, predicted),
        OptionalDouble.empty());
  }

  /**
   * A Poisson model's evaluation from its counts and linear predictors η = log μ: the loss
   * (1/n) Σ (μᵢ − yᵢηᵢ), MSE, MAE and R² of μ, and D². The y·log μ terms are taken from η, so a row
   * whose μ underflows to 0 costs a large finite y·|η| rather than 0·log 0 = NaN.
   *
   * @param counts the targets y ≥ 0, at least one
   * @param linearPredictor η, one per count
   * @param penalty the model's penalty term
   */
  public static Evaluation ofCounts(double[] counts, double[] linearPredictor, double penalty) {
    requireSameLength(counts, linearPredictor);
    int n = counts.length;
    double[] mu = new double[n];
    double loss = 0;
    double deviance = 0;
    double mean = mean(counts);
    double nullDeviance = 0;
    for (int i = 0; i < n; i++) {
      double y = counts[i];
      double eta = linearPredictor[i];
      mu[i] = Math.exp(eta);
      loss += mu[i] - y * eta;
      double yLogY = y > 0 ? y * Math.log(y) : 0;
      deviance += 2 * (yLogY - y * eta - (y - mu[i]));
      nullDeviance += 2 * (yLogY - (y > 0 ? y * Math.log(mean) : 0) - (y - mean));
    }
    double mse = sumOfSquares(counts, mu) / n;
    return new Evaluation(n, loss / n, penalty, OptionalDouble.empty(), OptionalDouble.empty(),
        OptionalDouble.of(mse),
        OptionalDouble.of(meanAbsolute(counts, mu)), rSquared(counts, mu),
        nullDeviance > 0 && !allEqual(counts) ? OptionalDouble.of(1 - deviance / nullDeviance)
            : OptionalDouble.empty());
  }

  /** Number of rows scored. */
  public int rows() {
    return rows;
  }

  /** The mean data loss (1/n) Σ ℓ(yᵢ, f(xᵢ)), without the penalty. */
  public double loss() {
    return loss;
  }

  /** The model's penalty term λ Σ vⱼ[(1−α)/2 wⱼ² + α|wⱼ|]. */
  public double penalty() {
    return penalty;
  }

  /** loss + penalty. */
  public double objective() {
    return loss + penalty;
  }

  /** The fraction of rows classified right (classifiers only). */
  public OptionalDouble accuracy() {
    return accuracy;
  }

  /**
   * The area under the ROC curve (two-class classifiers; empty for more classes, for other
   * models and when every row is of one class): the fraction of pairs (i of the second class, j
   * of the first) with sᵢ &gt; sⱼ, plus half those with sᵢ = sⱼ, s the second class's score
   * (for a model of this library, its log-odds). 1 ranks every pair right, ½ is chance.
   */
  public OptionalDouble auc() {
    return auc;
  }

  /**
   * The ROC curve of the same scores (present exactly when {@link #auc()} is): its trapezoid
   * area is the AUC, up to rounding.
   */
  public java.util.Optional<RocCurve> roc() {
    return roc;
  }

  /** (1/n) Σ (yᵢ − ŷᵢ)² (regressors and count models). */
  public OptionalDouble meanSquaredError() {
    return meanSquaredError;
  }

  /** (1/n) Σ |yᵢ − ŷᵢ| (regressors and count models). */
  public OptionalDouble meanAbsoluteError() {
    return meanAbsoluteError;
  }

  /**
   * R² = 1 − Σ(yᵢ − ŷᵢ)² / Σ(yᵢ − ȳ)² (regressors and count models; empty when every row has
   * the same y).
   */
  public OptionalDouble rSquared() {
    return rSquared;
  }

  /**
   * D² = 1 − D/D₀, the fraction of Poisson deviance explained (count models; empty when every
   * count is the same, all 0 among them).
   */
  public OptionalDouble devianceExplained() {
    return devianceExplained;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Evaluation e && rows == e.rows && Double.compare(loss, e.loss) == 0
        && Double.compare(penalty, e.penalty) == 0 && accuracy.equals(e.accuracy)
        && auc.equals(e.auc)
        && meanSquaredError.equals(e.meanSquaredError)
        && meanAbsoluteError.equals(e.meanAbsoluteError) && rSquared.equals(e.rSquared)
        && devianceExplained.equals(e.devianceExplained) && roc.equals(e.roc);
  }

  @Override
  public int hashCode() {
    return Objects.hash(rows, loss, penalty, accuracy, auc, meanSquaredError,
        meanAbsoluteError, rSquared, devianceExplained);
  }

  /**
   * "Evaluation[rows=200, loss=0.1234, penalty=0.01, R²=0.87, MSE=0.2468, MAE=0.391]", present
   * scores only.
   */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("Evaluation[rows=").append(rows).append(", loss=")
        .append(loss).append(", penalty=").append(penalty);
    append(s, "accuracy", accuracy);
    append(s, "AUC", auc);
    append(s, "R²", rSquared);
    append(s, "MSE", meanSquaredError);
    append(s, "MAE", meanAbsoluteError);
    append(s, "D²", devianceExplained);
    return s.append(']').toString();
  }

  private static void append(StringBuilder s, String name, OptionalDouble value) {
    if (value.isPresent()) {
      s.append(", ").append(name).append('=').append(value.getAsDouble());
    }
  }

  private static double meanAbsolute(double[] y, double[] predicted) {
    double sum = 0;
    for (int i = 0; i < y.length; i++) {
      sum += Math.abs(y[i] - predicted[i]);
    }
    return sum / y.length;
  }

  /**
   * Empty when every y is the same: tested on the values, not on Σ(yᵢ − ȳ)² = 0, which the
   * rounding of ȳ misses (ten rows of 0.1 have ȳ = 0.10000000000000002, a Σ of 1.9e-33, and an
   * R² of −1.2e38 where it has no value).
   */
  private static OptionalDouble rSquared(double[] y, double[] predicted) {
    if (allEqual(y)) {
      return OptionalDouble.empty();
    }
    double mean = mean(y);
    double total = 0;
    for (double v : y) {
      total += (v - mean) * (v - mean);
    }
    return total > 0 ? OptionalDouble.of(1 - sumOfSquares(y, predicted) / total)
        : OptionalDouble.empty();
  }

  /** Whether every value equals the first (true for none). */
  private static boolean allEqual(double[] values) {
    for (double v : values) {
      if (v != values[0]) {
        return false;
      }
    }
    return true;
  }

  private static double sumOfSquares(double[] y, double[] predicted) {
    double sum = 0;
    for (int i = 0; i < y.length; i++) {
      double e = y[i] - predicted[i];
      sum += e * e;
    }
    return sum;
  }

  private static double mean(double[] y) {
    double sum = 0;
    for (double v : y) {
      sum += v;
    }
    return sum / y.length;
  }

  private static void requireSameLength(double[] y, double[] predicted) {
    Objects.requireNonNull(y, "y");
    Objects.requireNonNull(predicted, "predicted");
    if (y.length != predicted.length) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "%d targets but %d predictions", y.length, predicted.length));
    }
  }
}
