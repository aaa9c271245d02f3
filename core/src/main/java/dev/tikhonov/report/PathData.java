package dev.tikhonov.report;

import dev.tikhonov.internal.data.DeepCopy;
import dev.tikhonov.internal.data.Indices;
import dev.tikhonov.select.CvMeasure;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A regularization path as path.json stores it: for each λ (decreasing), the coefficients that
 * minimize {@code (1/n) Σ ℓ + λ Σ vⱼ [(1−α)/2 bⱼ² + α|bⱼ|]}, and optionally the cross-validated
 * score at each λ (by its measure, default the deviance) with its standard error, λ_min (best
 * mean: lowest, highest for the AUC) and λ_1se (largest λ within one SE of it). Immutable and
 * thread-safe: the feature names and the arrays, here and in {@code cv}, {@code criteria} and
 * {@code relaxed}, are copied in, and the arrays' accessors return copies; the index accessors
 * ({@link #lambda(int)}, {@link #coef(int, int, int)}, …) read one value without copying, for
 * the loops over λ.
 *
 * @param coef [λ index][class][feature]; one class for gaussian and binomial
 * @param cv the cross-validation; empty when the path was fitted without it
 * @param criteria AIC, BIC and EBIC along the path (path.json's "ic"); empty when the run did
 *     not compute them
 * @param relaxed the relaxed lasso's cross-validation over (λ, γ) (path.json's relaxed.cv, with
 *     relaxed.coef); empty when the path was not relaxed or not cross-validated
 * @param grouped whether a multinomial path's penalty was the grouped one (path.json's
 *     "multinomial_penalty": "grouped"; missing or "ungrouped": each class coefficient alone)
 */
record PathData(
    String family,
    double l1Ratio,
    double[] lambda,
    double[][][] coef,
    double[] df,
    double[] devRatio,
    List<String> featureNames,
    Optional<CrossValidation> cv,
    Optional<Criteria> criteria,
    Optional<RelaxedCv> relaxed,
    boolean grouped) {

  public PathData {
    java.util.Objects.requireNonNull(cv, "cv (Optional.empty() for none)");
    java.util.Objects.requireNonNull(criteria, "criteria (Optional.empty() for none)");
    java.util.Objects.requireNonNull(relaxed, "relaxed (Optional.empty() for none)");
    featureNames = List.copyOf(featureNames);
    lambda = lambda.clone();
    coef = DeepCopy.of(coef);
    df = df.clone();
    devRatio = devRatio.clone();
  }

  /** A path without a relaxed fit's cross-validation. */
  public PathData(String family, double l1Ratio, double[] lambda, double[][][] coef,
      double[] df, double[] devRatio, List<String> featureNames, Optional<CrossValidation> cv,
      Optional<Criteria> criteria) {
    this(family, l1Ratio, lambda, coef, df, devRatio, featureNames, cv, criteria,
        Optional.empty(), false);
  }

  /** An ungrouped path (every family's but a grouped multinomial's). */
  public PathData(String family, double l1Ratio, double[] lambda, double[][][] coef,
      double[] df, double[] devRatio, List<String> featureNames, Optional<CrossValidation> cv,
      Optional<Criteria> criteria, Optional<RelaxedCv> relaxed) {
    this(family, l1Ratio, lambda, coef, df, devRatio, featureNames, cv, criteria, relaxed,
        false);
  }

  /** Reads path.json (or a ridge-vs-lasso path-&lt;model&gt;.json); {@link PathJson} says how. */
  public static PathData read(Path file) {
    return PathJson.read(file);
  }

  /** The λ values, decreasing; a new array. */
  @Override
  public double[] lambda() {
    return lambda.clone();
  }

  /** [λ index][class][feature]; new arrays. */
  @Override
  public double[][][] coef() {
    return DeepCopy.of(coef);
  }

  /** The number of nonzero coefficients per λ; a new array. */
  @Override
  public double[] df() {
    return df.clone();
  }

  /** The deviance ratio per λ; a new array. */
  @Override
  public double[] devRatio() {
    return devRatio.clone();
  }

  /** How many λ the path has. */
  public int numLambdas() {
    return lambda.length;
  }

  /** λ at index {@code i}. */
  public double lambda(int i) {
    return lambda[index("λ", i, lambda.length)];
  }

  /** The df at λ index {@code i}. */
  public double df(int i) {
    return df[index("λ", i, df.length)];
  }

  /** The deviance ratio at λ index {@code i}. */
  public double devRatio(int i) {
    return devRatio[index("λ", i, devRatio.length)];
  }

  /** Class {@code k}'s coefficient of feature {@code j} at λ index {@code i} (the lasso's). */
  public double coef(int i, int k, int j) {
    return coef[index("λ", i, coef.length)][k][j];
  }

  /**
   * Number of features with a nonzero coefficient (in some class) at λ index {@code i} and
   * blend weight γ, γ·coef + (1 − γ)·relaxed.coef: the model the relaxed fit gives there. Without
   * a relaxed fit, or at γ = 1, the lasso's own.
   */
  public int nonzero(int i, double gamma) {
    int count = 0;
    for (int j = 0; j < featureNames.size(); j++) {
      boolean nonzero = false;
      for (int k = 0; k < coef[i].length && !nonzero; k++) {
        nonzero = coefficient(i, gamma, k, j) != 0;
      }
      count += nonzero ? 1 : 0;
    }
    return count;
  }

  /**
   * Class {@code k}'s coefficient of feature {@code j} at λ index {@code i} and blend weight γ:
   * γ·coef + (1 − γ)·relaxed.coef, the relaxed fit's model there; without a relaxed fit, or at
   * γ = 1, the lasso's own.
   */
  public double coefficient(int i, double gamma, int k, int j) {
    double b = coef[i][k][j];
    return relaxed.isEmpty() || gamma == 1 ? b
        : gamma * b + (1 - gamma) * relaxed.get().refitCoef(i, k, j);
  }

  /** Number of classes K in the coefficients (1 unless multinomial). */
  public int numClasses() {
    return coef.length == 0 ? 1 : coef[0].length;
  }

  /**
   * Index of the λ equal to {@code value}, else of the λ closest to it on the log scale (0 when
   * nothing is comparable: a λ of 0 is only ever equal to 0).
   */
  public int indexOf(double value) {
    return indexOf(lambda, value);
  }

  /** {@code i} when it is in 0..size − 1, else an exception naming it and the range. */
  static int index(String what, int i, int size) {
    return Indices.checked(i, size, what, what);
  }

  /** {@link #indexOf(double)} among {@code lambda}. */
  static int indexOf(double[] lambda, double value) {
    int best = 0;
    double bestDistance = Double.POSITIVE_INFINITY;
    for (int i = 0; i < lambda.length; i++) {
      double distance = lambda[i] == value ? 0
          : lambda[i] > 0 && value > 0 ? Math.abs(Math.log(lambda[i] / value))
          : Double.POSITIVE_INFINITY;
      if (distance < bestDistance) {
        best = i;
        bestDistance = distance;
      }
    }
    return best;
  }

  /**
   * Cross-validated score per λ by {@code measure} (path.json's cv.measure; a file written
   * before it was recorded scored by the deviance), mean ± standard error over the folds; λ_min
   * is the smallest mean, or the largest for the AUC. The path's {@code cv}, and each α's of
   * path.json's l1_ratios ({@link L1RatioCurves.Candidate}, on that α's own λ). Immutable and
   * thread-safe: the arrays are copied in and out.
   */
  public record CrossValidation(double[] mean, double[] se, double lambdaMin, double lambda1se,
      CvMeasure measure) {
    public CrossValidation {
      java.util.Objects.requireNonNull(measure, "measure");
      mean = mean.clone();
      se = se.clone();
    }

    /** Scored by the deviance, as every path.json before cv.measure was. */
    public CrossValidation(double[] mean, double[] se, double lambdaMin, double lambda1se) {
      this(mean, se, lambdaMin, lambda1se, CvMeasure.DEVIANCE);
    }

    /** The mean score per λ; a new array. */
    @Override
    public double[] mean() {
      return mean.clone();
    }

    /** Its standard error per λ; a new array. */
    @Override
    public double[] se() {
      return se.clone();
    }

    /** The mean score at λ index {@code i}. */
    public double mean(int i) {
      return mean[index("λ", i, mean.length)];
    }

    /** The standard error at λ index {@code i}. */
    public double se(int i) {
      return se[index("λ", i, se.length)];
    }
  }

  /**
   * The information criteria per λ (select.InformationCriteria: AIC = D + 2·df,
   * BIC = D + log(n)·df, EBIC = BIC + 2γ·log C(P, df)), the effective df behind them and the λ
   * each picks (its minimum). Immutable and thread-safe: the arrays are copied in and out.
   */
  public record Criteria(double[] df, double[] aic, double[] bic, double[] ebic,
      double lambdaAic, double lambdaBic, double lambdaEbic) {
    public Criteria {
      df = df.clone();
      aic = aic.clone();
      bic = bic.clone();
      ebic = ebic.clone();
    }

    /** The effective df per λ; a new array. */
    @Override
    public double[] df() {
      return df.clone();
    }

    /** AIC per λ; a new array. */
    @Override
    public double[] aic() {
      return aic.clone();
    }

    /** BIC per λ; a new array. */
    @Override
    public double[] bic() {
      return bic.clone();
    }

    /** EBIC per λ; a new array. */
    @Override
    public double[] ebic() {
      return ebic.clone();
    }

    /** The effective df at λ index {@code i}. */
    public double df(int i) {
      return df[index("λ", i, df.length)];
    }

    /** AIC at λ index {@code i}. */
    public double aic(int i) {
      return aic[index("λ", i, aic.length)];
    }

    /** BIC at λ index {@code i}. */
    public double bic(int i) {
      return bic[index("λ", i, bic.length)];
    }

    /** EBIC at λ index {@code i}. */
    public double ebic(int i) {
      return ebic[index("λ", i, ebic.length)];
    }
  }

  /**
   * The relaxed lasso's cross-validation (path.json's relaxed.cv, cv.glmnet with
   * {@code relax = TRUE}): for each blend weight γ (the coefficients at (λ, γ) are
   * γ·b^lasso(λ) + (1 − γ)·b^refit(λ)) the score per λ by {@code measure}, mean ± standard
   * error over the folds, over the path's λ; (λ_min, γ_min) the best mean over every pair
   * (lowest, highest for the AUC), (λ_1se, γ_1se) the largest λ, then the largest γ, within one
   * SE of it (glmnet's getOptcv.relaxed). {@code refitCoef} is relaxed.coef, shaped as the
   * path's coef. Immutable and thread-safe: the arrays are copied in and out.
   *
   * @param mean [γ index][λ index]
   * @param se [γ index][λ index]
   */
  public record RelaxedCv(double[] gamma, double[][] mean, double[][] se, double lambdaMin,
      double gammaMin, double lambda1se, double gamma1se, CvMeasure measure,
      double[][][] refitCoef) {
    public RelaxedCv {
      java.util.Objects.requireNonNull(measure, "measure");
      gamma = gamma.clone();
      mean = DeepCopy.of(mean);
      se = DeepCopy.of(se);
      refitCoef = DeepCopy.of(refitCoef);
    }

    /** The γ values; a new array. */
    @Override
    public double[] gamma() {
      return gamma.clone();
    }

    /** [γ index][λ index]; new arrays. */
    @Override
    public double[][] mean() {
      return DeepCopy.of(mean);
    }

    /** [γ index][λ index]; new arrays. */
    @Override
    public double[][] se() {
      return DeepCopy.of(se);
    }

    /** relaxed.coef, [λ index][class][feature]; new arrays. */
    @Override
    public double[][][] refitCoef() {
      return DeepCopy.of(refitCoef);
    }

    /** How many γ were cross-validated. */
    public int numGammas() {
      return gamma.length;
    }

    /** γ at index {@code g}. */
    public double gamma(int g) {
      return gamma[index("γ", g, gamma.length)];
    }

    /** The mean score of γ index {@code g} at λ index {@code i}. */
    public double mean(int g, int i) {
      double[] curve = mean[index("γ", g, mean.length)];
      return curve[index("λ", i, curve.length)];
    }

    /** The standard error of γ index {@code g} at λ index {@code i}. */
    public double se(int g, int i) {
      double[] curve = se[index("γ", g, se.length)];
      return curve[index("λ", i, curve.length)];
    }

    /** The refit's coefficient of class {@code k}, feature {@code j} at λ index {@code i}. */
    public double refitCoef(int i, int k, int j) {
      return refitCoef[index("λ", i, refitCoef.length)][k][j];
    }

    /** Index of {@code value} among the γ (the closest one; 0 when there is none). */
    public int gammaIndex(double value) {
      int best = 0;
      for (int g = 1; g < gamma.length; g++) {
        if (Math.abs(gamma[g] - value) < Math.abs(gamma[best] - value)) {
          best = g;
        }
      }
      return best;
    }
  }
}
