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
 * {@code instanceof} away ({@code if (e instanceof ClassifierEvaluation c) c.accuracy()}).
 *
 * <p>{@link Predictor#evaluate(dev.tikhonov.data.Dataset)} counts every row once, whatever
 * weights the fit used; {@link Predictor#evaluate(dev.tikhonov.data.Dataset, String)} weights
 * row i by wᵢ ≥ 0 (scikit-learn's {@code sample_weight}): every mean below becomes
 * Σ wᵢ(·)/Σ wᵢ, every mean of the targets the weighted one, and a row of weight 0 counts for
 * nothing. Weights all 1 give the unweighted evaluation bit for bit. Immutable, so thread-safe.
 *
 * <ul>
 *   <li>{@link #loss()}: (1/n) Σ ℓ(yᵢ, f(xᵢ)) (weighted: Σ wᵢℓ(yᵢ, f(xᵢ)) / Σ wᵢ),
 *       docs/objective.md's ℓ: ½(y − ŷ)² (so the loss of a regressor is half its mean squared
 *       error), −log p(y|x) (a classifier's log loss, scikit-learn's {@code log_loss}), or the
 *       Poisson μ − y·log μ; no penalty.
 *   <li>{@link #penalty()}: λ Σ vⱼ[(1−α)/2 wⱼ² + α|wⱼ|] (0 when λ = 0), for a multinomial
 *       model fitted with the grouped penalty λ Σⱼ vⱼ[(1−α)/2 ‖wⱼ‖₂² + α‖wⱼ‖₂] over each
 *       feature's class weights ({@link LinearClassifier}), so that
 *       {@code loss + penalty} is the objective on these rows. Not for a network fitted to a
 *       standardized target ({@code standardizeTarget(true)}): its objective is on z = (y −
 *       μ)/σ, while its saved output layer, rescaled to predict y, carries σ, so both the loss
 *       (in y's units) and the penalty (of the rescaled weights) differ from what training
 *       minimized; the training history holds that objective.
 * </ul>
 */
public abstract sealed class Evaluation permits ClassifierEvaluation, RegressionEvaluation {
  private final int rows;
  private final double weightSum;
  private final double loss;
  private final double penalty;

  Evaluation(int rows, double weightSum, double loss, double penalty) {
    if (rows < 1) {
      throw new IllegalArgumentException("an evaluation needs at least one row, got " + rows);
    }
    this.rows = rows;
    this.weightSum = weightSum;
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
    return new ClassifierEvaluation(rows, rows, loss, penalty, accuracy,
        OptionalDouble.empty(), Optional.empty(), Optional.empty());
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
    return ofTwoClasses(ones(secondClassScore.length), loss, accuracy, penalty,
        secondClassScore, secondClass, Optional.empty());
  }

  /**
   * As {@link #ofTwoClasses(double, double, double, double[], boolean[])} with row weights
   * and the rows of the confusion matrix when there is one (counted when asked for): the AUC
   * ranks pairs by wᵢwⱼ, and is empty when either class has no weight.
   */
  static ClassifierEvaluation ofTwoClasses(double[] weights, double loss, double accuracy,
      double penalty, double[] secondClassScore, boolean[] secondClass,
      Optional<ConfusionRows> confusion) {
    int n = secondClassScore.length;
    if (secondClass.length != n) {
      throw new IllegalArgumentException(n + " scores but " + secondClass.length + " labels");
    }
    for (double score : secondClassScore) {
      if (Double.isNaN(score)) {
        throw new IllegalArgumentException("a score is NaN");
      }
    }
    double area = CvMeasure.areaUnderCurve(secondClassScore, secondClass, weights);
    double sum = sum(weights);
    if (Double.isNaN(area)) {
      return new ClassifierEvaluation(n, sum, loss, penalty, accuracy, OptionalDouble.empty(),
          Optional.empty(), confusion);
    }
    return new ClassifierEvaluation(n, sum, loss, penalty, accuracy, OptionalDouble.of(area),
        Optional.of(RocCurve.of(secondClassScore, secondClass, weights)), confusion);
  }

  /**
   * A classifier's evaluation of {@code weights.length} rows of these weights, with the rows of
   * their confusion matrix (counted when asked for).
   */
  static ClassifierEvaluation ofClassifier(double[] weights, double loss, double accuracy,
      double penalty, ConfusionRows confusion) {
    return new ClassifierEvaluation(weights.length, sum(weights), loss, penalty, accuracy,
        OptionalDouble.empty(), Optional.empty(), Optional.of(confusion));
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
    return ofRegressor(y, predicted, ones(y.length), penalty);
  }

  /** As {@link #ofRegressor(double[], double[], double)}, row i weighted by {@code w[i]}. */
  static RegressionEvaluation ofRegressor(double[] y, double[] predicted, double[] w,
      double penalty) {
    requireSameLength(y, predicted);
    double sum = sum(w);
    double mse = sumOfSquares(y, predicted, w) / sum;
    return new RegressionEvaluation(y.length, sum, 0.5 * mse, penalty, mse,
        meanAbsolute(y, predicted, w), rSquared(y, predicted, w), OptionalDouble.empty(),
        OptionalDouble.empty());
  }

  /**
   * A Poisson model's evaluation from its counts and linear predictors η = log μ: the loss
   * (1/n) Σ (μᵢ − yᵢηᵢ), MSE, MAE and R² of μ, the mean Poisson deviance and D². The y·log μ
   * terms are taken from η, so a row whose μ underflows to 0 costs a large finite y·|η| rather
   * than 0·log 0 = NaN.
   *
   * @param counts the targets y ≥ 0, at least one
   * @param linearPredictor η, one per count
   * @param penalty the model's penalty term
   */
  public static RegressionEvaluation ofCounts(double[] counts, double[] linearPredictor,
      double penalty) {
    requireSameLength(counts, linearPredictor);
    return ofCounts(counts, linearPredictor, ones(counts.length), penalty);
  }

  /**
   * As {@link #ofCounts(double[], double[], double)}, row i weighted by {@code w[i]}: the
   * deviances Σ wᵢdᵢ, the null model's mean the weighted ȳ_w = Σ wᵢyᵢ / Σ wᵢ (scikit-learn's
   * {@code d2_tweedie_score(power=1, sample_weight=w)}).
   */
  static RegressionEvaluation ofCounts(double[] counts, double[] linearPredictor, double[] w,
      double penalty) {
    requireSameLength(counts, linearPredictor);
    int n = counts.length;
    double[] mu = new double[n];
    double loss = 0;
    double deviance = 0;
    double sum = sum(w);
    double mean = mean(counts, w, sum);
    double nullDeviance = 0;
    for (int i = 0; i < n; i++) {
      double y = counts[i];
      double eta = linearPredictor[i];
      mu[i] = Math.exp(eta);
      loss += w[i] * (mu[i] - y * eta);
      double yLogY = y > 0 ? y * Math.log(y) : 0;
      deviance += w[i] * (2 * (yLogY - y * eta - (y - mu[i])));
      nullDeviance += w[i] * (2 * (yLogY - (y > 0 ? y * Math.log(mean) : 0) - (y - mean)));
    }
    double mse = sumOfSquares(counts, mu, w) / sum;
    return new RegressionEvaluation(n, sum, loss / sum, penalty, mse,
        meanAbsolute(counts, mu, w), rSquared(counts, mu, w),
        OptionalDouble.of(deviance / sum), nullDeviance > 0 && !allEqual(counts, w)
            ? OptionalDouble.of(1 - deviance / nullDeviance) : OptionalDouble.empty());
  }

  /** Number of rows scored. */
  public final int rows() {
    return rows;
  }

  /**
   * Σ wᵢ over the rows scored, the denominator of every mean: {@link #rows()} for an
   * unweighted evaluation.
   */
  public final double weightSum() {
    return weightSum;
  }

  /** The mean data loss (1/n) Σ ℓ(yᵢ, f(xᵢ)) (weighted: Σ wᵢℓᵢ / Σ wᵢ), without the penalty. */
  public final double loss() {
    return loss;
  }

  /**
   * The model's penalty term λ Σ vⱼ[(1−α)/2 wⱼ² + α|wⱼ|] (grouped multinomial: λ Σⱼ vⱼ[(1−α)/2
   * ‖wⱼ‖₂² + α‖wⱼ‖₂]).
   */
  public final double penalty() {
    return penalty;
  }

  /** loss + penalty. */
  public final double objective() {
    return loss + penalty;
  }

  /** Whether {@code other}'s rows, loss and penalty are these (the kinds compare the rest). */
  final boolean sameBase(Evaluation other) {
    return rows == other.rows && Double.compare(weightSum, other.weightSum) == 0
        && Double.compare(loss, other.loss) == 0
        && Double.compare(penalty, other.penalty) == 0;
  }

  /** The hash of the rows, loss and penalty, for the kinds' {@code hashCode}. */
  final int baseHash() {
    return Objects.hash(rows, weightSum, loss, penalty);
  }

  /**
   * The kind's name, "[rows=200, loss=0.1234, penalty=0.01, " then the kind's scores ({@code
   * scores}, each ", name=value") and "]": one format for both kinds, each naming its own type.
   */
  final String text(String scores) {
    return getClass().getSimpleName() + "[rows=" + rows
        + (weightSum == rows ? "" : ", weight sum=" + weightSum) + ", loss=" + loss
        + ", penalty=" + penalty + scores + "]";
  }

  /** ", name=value", or "" for an empty value. */
  static String score(String name, OptionalDouble value) {
    return value.isPresent() ? score(name, value.getAsDouble()) : "";
  }

  /** ", name=value". */
  static String score(String name, double value) {
    return ", " + name + "=" + value;
  }

  private static double meanAbsolute(double[] y, double[] predicted, double[] w) {
    double sum = 0;
    for (int i = 0; i < y.length; i++) {
      sum += w[i] * Math.abs(y[i] - predicted[i]);
    }
    return sum / sum(w);
  }

  /**
   * R² = 1 − Σwᵢ(yᵢ − ŷᵢ)² / Σwᵢ(yᵢ − ȳ_w)²; empty when every y of positive weight is the same:
   * tested on the values, not on the denominator = 0, which the rounding of ȳ misses (ten rows
   * of 0.1 have ȳ = 0.10000000000000002, a Σ of 1.9e-33, and an R² of −1.2e38 where it has no
   * value).
   */
  private static OptionalDouble rSquared(double[] y, double[] predicted, double[] w) {
    if (allEqual(y, w)) {
      return OptionalDouble.empty();
    }
    double mean = mean(y, w, sum(w));
    double total = 0;
    for (int i = 0; i < y.length; i++) {
      total += w[i] * ((y[i] - mean) * (y[i] - mean));
    }
    return total > 0 ? OptionalDouble.of(1 - sumOfSquares(y, predicted, w) / total)
        : OptionalDouble.empty();
  }

  /** Whether every value of positive weight is the same (true for none). */
  private static boolean allEqual(double[] values, double[] w) {
    double first = Double.NaN;
    for (int i = 0; i < values.length; i++) {
      if (w[i] > 0) {
        if (Double.isNaN(first)) {
          first = values[i];
        } else if (values[i] != first) {
          return false;
        }
      }
    }
    return true;
  }

  /** Σ wᵢ(yᵢ − ŷᵢ)², each term wᵢ·e² (so weights 1 add the unweighted terms exactly). */
  private static double sumOfSquares(double[] y, double[] predicted, double[] w) {
    double sum = 0;
    for (int i = 0; i < y.length; i++) {
      double e = y[i] - predicted[i];
      sum += w[i] * (e * e);
    }
    return sum;
  }

  /** Σ wᵢyᵢ / {@code weightSum}. */
  private static double mean(double[] y, double[] w, double weightSum) {
    double sum = 0;
    for (int i = 0; i < y.length; i++) {
      sum += w[i] * y[i];
    }
    return sum / weightSum;
  }

  static double sum(double[] w) {
    double sum = 0;
    for (double v : w) {
      sum += v;
    }
    return sum;
  }

  /** n weights of 1: the unweighted evaluation's. */
  static double[] ones(int n) {
    double[] w = new double[n];
    Arrays.fill(w, 1);
    return w;
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
