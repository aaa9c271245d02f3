package dev.tikhonov.estimate;

import dev.tikhonov.select.CvMeasure;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings every cross-validated search shares ({@link MlpPathCV}, {@link GridSearchCV}):
 * how rows are resampled, what each split's held-out rows are scored by, which candidate the
 * scores pick, how many fits run at once, and the weight column of candidates of your own.
 * Defaults: {@code Resampling.kFold(5, 0)},
 * {@link CvMeasure#DEVIANCE} (the held-out loss), {@link SelectionRule#ONE_STANDARD_ERROR},
 * threads = the machine's cores. Not thread-safe; what a builder builds is immutable.
 *
 * @param <B> the concrete builder, returned by each setter
 */
public abstract class SearchBuilder<B extends SearchBuilder<B>> {
  Resampling resampling = Resampling.kFold(5, 0);
  SelectionRule rule = SelectionRule.ONE_STANDARD_ERROR;
  CvMeasure measure = CvMeasure.DEVIANCE;
  int threads = Runtime.getRuntime().availableProcessors();
  /** The column the search was told weights the rows ({@link #weightColumn}); none by default. */
  Optional<String> weightColumn = Optional.empty();

  SearchBuilder() {
  }

  /**
   * The column of the data whose values wᵢ ≥ 0 weight the rows, for candidates whose weights
   * the search cannot see: a {@link GridSearchCV.Candidate} or {@link Estimator} of your own
   * that fits weighted by this column (and, as the package's estimators do, does not read it as
   * a feature). Each split's held-out score is then the weighted evaluation
   * e_k = Σ wᵢℓᵢ / Σ wᵢ over its held-out rows ({@link Predictor#evaluate(
   * dev.tikhonov.data.Dataset, String)}), and the mean and standard error over the K splits
   * weight split k by its held-out Σ wᵢ, cv.glmnet's convention ({@link GridSearchCV}'s class
   * comment). A split whose held-out rows all have weight 0 is refused before any fit.
   *
   * <p>The package's estimators with a weight column (Ridge, RidgeCV, ElasticNet, ElasticNetCV,
   * RelaxedLasso, the networks' {@code weightColumn}, an {@link MlpGrid}'s or {@link MlpPath}'s
   * weighted base, a search of them) weight the search without this setting. Mixed weighting
   * is refused by {@code build()} (an {@code IllegalArgumentException}): one of them unweighted
   * or weighted by another column than {@code value}, since every candidate is scored on the
   * same held-out rows by the same weights. Default: none (candidates of your own count every
   * row once).
   */
  public B weightColumn(String value) {
    weightColumn = Optional.of(Objects.requireNonNull(value, "weightColumn"));
    return self();
  }

  /** The splits each candidate is scored on (default: 5 seeded folds). */
  public B resampling(Resampling value) {
    resampling = Objects.requireNonNull(value, "resampling");
    return self();
  }

  /**
   * What each split's held-out rows are scored by (default: {@link CvMeasure#DEVIANCE}, the
   * mean data loss: cross-entropy for classifiers, ½(y − ŷ)² for regressors). A classifier's
   * search also takes {@link CvMeasure#MISCLASSIFICATION} (1 − accuracy), a regressor's
   * {@link CvMeasure#MEAN_SQUARED_ERROR} and {@link CvMeasure#MEAN_ABSOLUTE_ERROR}; which
   * applies is checked by {@code build()} for an {@link MlpPath}'s or {@link MlpGrid}'s networks,
   * otherwise when the search starts, before any fit (an {@code InputException} about "measure"
   * either way). The rule picks by the means of these scores, smaller better.
   */
  public B measure(CvMeasure value) {
    measure = Objects.requireNonNull(value, "measure");
    return self();
  }

  /** Which candidate the mean held-out scores pick (default: the one-SE rule). */
  public B rule(SelectionRule value) {
    rule = Objects.requireNonNull(value, "rule");
    return self();
  }

  /** Fits run at once, one core each (≥ 1; default: the machine's cores). */
  public B threads(int value) {
    if (value < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + value);
    }
    threads = value;
    return self();
  }

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }
}
