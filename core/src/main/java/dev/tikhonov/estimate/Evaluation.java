package dev.tikhonov.estimate;

import dev.tikhonov.select.CvMeasure;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A model's score on labelled data: the mean data loss and the penalty (docs/objective.md's
 * objective), and, in its two kinds, the scores of the model's kind: {@link ClassifierEvaluation}
 * (what a {@link Classifier}'s {@code evaluate} returns: accuracy, for two classes the AUC) and
 * {@link RegressionEvaluation} (a {@link LinearModel}'s or {@link NetworkRegressor}'s: MSE, MAE,
 * R², for counts D²). A {@link Predictor} of unknown kind returns this type; its scores are one
 * {@code instanceof} away ({@code if (e instanceof ClassifierEvaluation c) c.accuracy()}). Every
 * row counts once (an evaluation is not weighted, whatever weights the fit used). Immutable, so
 * thread-safe.
 *
 * <ul>
 *   <li>{@link #loss()}: (1/n) Σ ℓ(yᵢ, f(xᵢ)), docs/objective.md's ℓ: ½(y − ŷ)² (so the loss of a
 *       regressor is half its mean squared error), −log p(y|x) (a classifier's log loss,
 *       scikit-learn's {@code log_loss}), or the Poisson μ − y·log μ; no penalty.
 *   <li>{@link #penalty()}: λ Σ vⱼ[(1−α)/2 wⱼ² + α|wⱼ|] (0 when λ = 0), so that
 *       {@code loss + penalty} is the objective on these rows. Not for a network fitted to a
 *       standardized target ({@code standardizeTarget(true)}): its objective is on z = (y −
 *       μ)/σ, while its saved output layer, rescaled to predict y, carries σ, so both the loss
 *       (in y's units) and the penalty (of the rescaled weights) differ from what training
 *       minimized; the training history holds that objective.
 * </ul>
 */
public abstract sealed class Evaluation permits ClassifierEvaluation, RegressionEvaluation {
  private final int rows;
  private final double loss;
  private final double penalty;

  Evaluation(int rows, double loss, double penalty) {
    if (rows < 1) {
      throw new IllegalArgumentException("an evaluation needs at least one row, got " + rows);
    }
    this.rows = rows;
    this.loss = loss;
    this.penalty = penalty;
  }

  /**
   * A classifier's evaluation on {@code rows} rows.
   *
   * @param loss the mean cross-entropy −(1/n) Σ log p(yᵢ|xᵢ)
   * @param accuracy the fraction of rows classified right, in [0, 1]
   * @param penalty the model's penalty term
   */
  public static ClassifierEvaluation ofClassifier(int rows, double loss, double accuracy,
      double penalty) {
    return new ClassifierEvaluation(rows, loss, penalty, accuracy, OptionalDouble.empty(),
        Optional.empty());
  }

  /**
   * A two-class classifier's evaluation: as {@link #ofClassifier}, with the
   * {@link ClassifierEvaluation#auc()} of the rows' scores (empty when the rows are all of one
   * class).
   *
   * @param loss the mean cross-entropy −(1/n) Σ log p(yᵢ|xᵢ)
   * @param accuracy the fraction of rows classified right, in [0, 1]
   * @param penalty the model's penalty term
   * @param secondClassScore each row's score for the second class: its probability or any
   *     increasing function of it (the log-odds η, which tells apart rows whose probabilities
   *     round to the same double); not NaN
   * @param secondClass whether each row is of the second class
   */
  public static ClassifierEvaluation ofTwoClasses(double loss, double accuracy, double penalty,
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
    if (Double.isNaN(area)) {
      return new ClassifierEvaluation(n, loss, penalty, accuracy, OptionalDouble.empty(),
          Optional.empty());
    }
    return new ClassifierEvaluation(n, loss, penalty, accuracy, OptionalDouble.of(area),
        Optional.of(RocCurve.of(secondClassScore, secondClass, ones)));
  }

  /**
   * A real-valued regressor's evaluation from its targets and predictions: loss ½·MSE, MSE,
   * MAE and R².
   *
   * @param y the targets, at least one
   * @param predicted ŷ, one per target
   * @param penalty the model's penalty term
   */
  public static RegressionEvaluation ofRegressor(double[] y, double[] predicted,
      double penalty) {
    requireSameLength(y, predicted);
    double mse = sumOfSquares(y, predicted) / y.length;
    return new RegressionEvaluation(y.length, 0.5 * mse, penalty, mse,
        meanAbsolute(y, predicted), rSquared(y, predicted), OptionalDouble.empty());
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
  public static RegressionEvaluation ofCounts(double[] counts, double[] linearPredictor,
      double penalty) {
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
    return new RegressionEvaluation(n, loss / n, penalty, mse, meanAbsolute(counts, mu),
        rSquared(counts, mu),
        nullDeviance > 0 && !allEqual(counts) ? OptionalDouble.of(1 - deviance / nullDeviance)
            : OptionalDouble.empty());
  }

  /** Number of rows scored. */
  public final int rows() {
    return rows;
  }

  /** The mean data loss (1/n) Σ ℓ(yᵢ, f(xᵢ)), without the penalty. */
  public final double loss() {
    return loss;
  }

  /** The model's penalty term λ Σ vⱼ[(1−α)/2 wⱼ² + α|wⱼ|]. */
  public final double penalty() {
    return penalty;
  }

  /** loss + penalty. */
  public final double objective() {
    return loss + penalty;
  }

  /** Whether {@code other}'s rows, loss and penalty are these (the kinds compare the rest). */
  final boolean sameBase(Evaluation other) {
    return rows == other.rows && Double.compare(loss, other.loss) == 0
        && Double.compare(penalty, other.penalty) == 0;
  }

  /** The hash of the rows, loss and penalty, for the kinds' {@code hashCode}. */
  final int baseHash() {
    return Objects.hash(rows, loss, penalty);
  }

  /**
   * The kind's name, "[rows=200, loss=0.1234, penalty=0.01, " then the kind's scores ({@code
   * scores}, each ", name=value") and "]": one format for both kinds, each naming its own type.
   */
  final String text(String scores) {
    return getClass().getSimpleName() + "[rows=" + rows + ", loss=" + loss + ", penalty="
        + penalty + scores + "]";
  }

  /** ", name=value", or "" for an empty value. */
  static String score(String name, OptionalDouble value) {
    return value.isPresent() ? score(name, value.getAsDouble()) : "";
  }

  /** ", name=value". */
  static String score(String name, double value) {
    return ", " + name + "=" + value;
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
