package dev.tikhonov.select;

import dev.tikhonov.data.InputException;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.loss.Family;
import java.util.Arrays;
import java.util.Locale;

/**
 * What a cross-validation scores each fold's held-out rows by: cv.glmnet's {@code type.measure},
 * with its definitions. Per held-out row i with target y, linear predictor η (plus the row's
 * offset), mean μ (η for gaussian, e^η for poisson) and class probabilities p (binomial:
 * p = P(second class) = 1/(1 + e^−η)):
 *
 * <pre>
 *   DEVIANCE               gaussian (y − η)², poisson 2[y log(y/μ) − (y − μ)],
 *                          binomial and multinomial −2 log p_y, p clamped to [1e-5, 1 − 1e-5]
 *   MEAN_SQUARED_ERROR     gaussian and poisson (y − μ)²; binomial 2(y − p)²;
 *                          multinomial Σ_k (1[y = k] − p_k)²
 *   MEAN_ABSOLUTE_ERROR    gaussian and poisson |y − μ|; binomial 2|y − p|;
 *                          multinomial Σ_k |1[y = k] − p_k|
 *   MISCLASSIFICATION      1 when the most probable class is not y (binomial: the second class
 *                          when p &gt; 0.5; multinomial: the first of the most probable), else 0
 *   AUC                    per fold, not per row: the probability that a held-out row of the
 *                          second class has a larger η than one of the first (ties count ½),
 *                          each pair weighted by the rows' weights
 * </pre>
 *
 * A fold's score is the weighted mean of its rows' values (its AUC for {@code AUC}); the folds
 * are then averaged and λ_min, λ_1se chosen as {@link CvResult} says, with the best mean the
 * smallest, except for {@code AUC}, where it is the largest ({@link #largerIsBetter}; λ_1se is
 * then the largest λ whose mean AUC is at least the best minus its standard error, as
 * cv.glmnet's {@code getOptcv.glmnet} does by negating the AUC).
 *
 * <p>Which family takes which (cv.glmnet's): gaussian and poisson the deviance, MSE and MAE
 * (for gaussian the deviance is the MSE); multinomial also the misclassification rate; binomial
 * all five. Two differences from cv.glmnet, both where glmnet's own answer is random or not a
 * number: the AUC counts ties (such as every row at λ_max, where only the intercept is fitted)
 * as ½ where cv.glmnet breaks them at random, and it ranks the rows by η rather than by the
 * probability rounded to a double (p = 1 for η &gt; 37); cv.glmnet falls back to the deviance
 * when a fold has fewer than 10 rows, where this scores the AUC of any fold that holds rows of
 * both classes and refuses one that does not. Thread-safe, as enum constants are.
 */
public enum CvMeasure {
  /** The family's deviance (the MSE for gaussian): cv.glmnet's default. */
  DEVIANCE("deviance"),
  /** The mean squared error of the mean or of the class probabilities. */
  MEAN_SQUARED_ERROR("mse"),
  /** The mean absolute error of the mean or of the class probabilities. */
  MEAN_ABSOLUTE_ERROR("mae"),
  /** The share of held-out rows whose most probable class is not theirs (classes only). */
  MISCLASSIFICATION("class"),
  /** The area under the ROC curve of each fold (binomial only); larger is better. */
  AUC("auc");

  private final String id;

  CvMeasure(String id) {
    this.id = id;
  }

  /** cv.glmnet's name: "deviance", "mse", "mae", "class" or "auc" (run files use it too). */
  public String id() {
    return id;
  }

  /** The measure whose {@link #id} is {@code id}, ignoring case. */
  public static CvMeasure ofId(String id) {
    for (CvMeasure m : values()) {
      if (m.id.equalsIgnoreCase(id.strip())) {
        return m;
      }
    }
    throw InputException.about("measure", ": '" + id + "' is not a cross-validation measure;"
        + " expected one of " + String.join(", ", ids()));
  }

  /** Every measure's {@link #id}, in declaration order. */
  public static java.util.List<String> ids() {
    return Arrays.stream(values()).map(CvMeasure::id).toList();
  }

  /** Whether a larger mean is better: only {@link #AUC}'s; every other measure is a loss. */
  public boolean largerIsBetter() {
    return this == AUC;
  }

  /** Whether cross-validation of {@code family} can score by this measure (see the class). */
  public boolean appliesTo(Family family) {
    return switch (this) {
      case DEVIANCE, MEAN_SQUARED_ERROR, MEAN_ABSOLUTE_ERROR -> true;
      case MISCLASSIFICATION -> family.isClassification();
      case AUC -> family == Family.BINOMIAL;
    };
  }

  /**
   * This measure, when {@code family} takes it.
   *
   * @throws InputException naming the setting "measure" and the measures the family takes
   */
  public CvMeasure requireAppliesTo(Family family) {
    if (!appliesTo(family)) {
      String name = family.name().toLowerCase(Locale.ROOT);
      String why = this == AUC ? "the AUC ranks two classes: it is for the binomial family"
          : "a misclassification rate needs classes: it is for the binomial and multinomial"
              + " families";
      throw InputException.about("measure", ": '" + id + "' does not apply to a " + name
          + " path (" + why + "); a " + name + " path takes " + String.join(", ",
              Arrays.stream(values()).filter(m -> m.appliesTo(family)).map(CvMeasure::id)
                  .toList()));
    }
    return this;
  }

  /**
   * What the mean is called for {@code family}, as cv.glmnet's plots name it: "mean squared
   * error", "binomial deviance", "misclassification rate", "AUC", ...
   */
  public String label(Family family) {
    return switch (this) {
      case DEVIANCE -> family == Family.GAUSSIAN ? "mean squared error"
          : family.name().toLowerCase(Locale.ROOT) + " deviance";
      case MEAN_SQUARED_ERROR -> "mean squared error";
      case MEAN_ABSOLUTE_ERROR -> "mean absolute error";
      case MISCLASSIFICATION -> "misclassification rate";
      case AUC -> "AUC";
    };
  }

  /**
   * The value of one held-out row for a row-wise measure (every one but {@link #AUC}), as the
   * class comment defines it: {@code eta} holds the row's linear predictors, offset included
   * (one, or K for multinomial), {@code target} is y or the class index as a double. A fold's
   * score is the weighted mean of its rows' values; for a cross-validation that scores its
   * folds itself (the Spark module's).
   *
   * @throws IllegalArgumentException for {@link #AUC}, which scores a fold, not a row, and for
   *     a measure the family does not take
   */
  public double rowValue(Family family, double[] eta, double target) {
    if (this == AUC || !appliesTo(family)) {
      throw new IllegalArgumentException("'" + id + "' has no value per row of a "
          + family.name().toLowerCase(Locale.ROOT) + " path");
    }
    if (family == Family.GAUSSIAN || family == Family.POISSON) {
      if (this == DEVIANCE && family == Family.POISSON) {
        return PathSolution.poissonDeviance(target, eta[0]);
      }
      double mean = family == Family.POISSON ? Math.exp(eta[0]) : eta[0];
      double r = target - mean;
      return this == MEAN_ABSOLUTE_ERROR ? Math.abs(r) : r * r;
    }
    double[] p = probabilities(family, eta);
    int y = (int) target;
    if (this == DEVIANCE) {
      double py = Math.min(Math.max(p[y], PathSolution.PROBABILITY_CLAMP),
          1 - PathSolution.PROBABILITY_CLAMP);
      return -2 * Math.log(py);
    }
    if (this == MISCLASSIFICATION) {
      if (family == Family.BINOMIAL) {
        // cv.glmnet: y₁·1[p > 0.5] + y₂·1[p ≤ 0.5], p the second class's probability
        return (p[1] > 0.5) == (y == 1) ? 0 : 1;
      }
      int best = 0;
      for (int k = 1; k < p.length; k++) {
        if (p[k] > p[best]) {
          best = k;
        }
      }
      return best == y ? 0 : 1;
    }
    double s = 0;
    for (int k = 0; k < p.length; k++) {
      double r = (k == y ? 1 : 0) - p[k];
      s += this == MEAN_ABSOLUTE_ERROR ? Math.abs(r) : r * r;
    }
    return s;
  }

  /**
   * The weighted AUC of {@link #AUC}: Σ over pairs (i with {@code second[i]}, j without) of
   * wᵢwⱼ·(1[scoreᵢ &gt; scoreⱼ] + ½·1[scoreᵢ = scoreⱼ]) / (W₁·W₀), by one sort of the scores; for
   * a cross-validation that gathers its folds' held-out rows itself (the Spark module's).
   *
   * @param score each row's score (its linear predictor η)
   * @param second whether the row is of the second class
   * @param weight each row's weight (≥ 0)
   * @return NaN when either class has no weight (the AUC is not defined)
   */
  public static double areaUnderCurve(double[] score, boolean[] second, double[] weight) {
    int n = score.length;
    if (second.length != n || weight.length != n) {
      throw new IllegalArgumentException(n + " scores, " + second.length + " labels and "
          + weight.length + " weights");
    }
    Integer[] order = new Integer[n];
    for (int t = 0; t < n; t++) {
      order[t] = t;
    }
    Arrays.sort(order, (a, b) -> Double.compare(score[a], score[b]));
    double below = 0;
    double area = 0;
    double totalFirst = 0;
    double totalSecond = 0;
    for (int start = 0; start < n; ) {
      int end = start;
      double first = 0;
      double secondWeight = 0;
      while (end < n && score[order[end]] == score[order[start]]) {
        int i = order[end];
        if (second[i]) {
          secondWeight += weight[i];
        } else {
          first += weight[i];
        }
        end++;
      }
      area += secondWeight * (below + first / 2);
      below += first;
      totalFirst += first;
      totalSecond += secondWeight;
      start = end;
    }
    return totalFirst > 0 && totalSecond > 0 ? area / (totalFirst * totalSecond) : Double.NaN;
  }

  /** The class probabilities of η: (1 − σ(η), σ(η)) for binomial, the softmax for multinomial. */
  private static double[] probabilities(Family family, double[] eta) {
    if (family == Family.BINOMIAL) {
      double e = eta[0];
      // glmnet's response 1/(1 + e^−η), and its complement
      double p1 = 1 / (1 + Math.exp(-e));
      return new double[] {1 - p1, p1};
    }
    double max = Double.NEGATIVE_INFINITY;
    for (double e : eta) {
      max = Math.max(max, e);
    }
    double[] p = new double[eta.length];
    double sum = 0;
    for (int k = 0; k < eta.length; k++) {
      p[k] = Math.exp(eta[k] - max);
      sum += p[k];
    }
    for (int k = 0; k < eta.length; k++) {
      p[k] /= sum;
    }
    return p;
  }
}
