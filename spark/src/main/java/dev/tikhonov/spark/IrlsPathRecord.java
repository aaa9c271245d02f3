package dev.tikhonov.spark;

import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.loss.Family;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * The λ one distributed IRLS fit ({@link SingleResponseIrls}, {@link MultinomialIrls}) has
 * finished, and the rule that ends its path, as the core's path driver ends a single-machine
 * path: every λ fitted; the classes separated (no working weight left); or, for glmnet's default
 * sequence after at least 5 λ, glmnet's deviance rule: the deviance ratio exceeds 0.999, or it
 * grew by less than 10⁻⁵ since the previous λ (binomial, multinomial: {@code lognet}), or by
 * less than 10⁻⁴ of itself over the last 4 λ (Poisson: {@code fishnet}); before that rule,
 * glmnet's {@code dfmax} ({@code PathSettings.maxFeatures}): the λ just recorded has more
 * features with a nonzero coefficient (in any class) than the limit; or before a λ whose fit
 * exceeded glmnet's {@code pmax} ({@link #endBefore}). A λ is converged when its certificate is
 * at most the tolerance.
 *
 * <p>Coefficients are stored per class (one row for the binomial), on the original scale. Not
 * thread-safe: one per fit in flight, on the driver.
 */
final class IrlsPathRecord {
  private final Family family;
  private final double[] lambdas;
  private final boolean defaultSequence;
  private final double tolerance;
  private final OptionalInt maxFeatures;
  private final List<double[]> intercepts = new ArrayList<>();
  private final List<double[][]> coefficients = new ArrayList<>();
  private final List<Double> ratios = new ArrayList<>();
  private final List<Double> certificates = new ArrayList<>();
  private final List<Integer> passes = new ArrayList<>();
  private double previousRatio;
  private PathSolution.End end;

  IrlsPathRecord(Family family, double[] lambdas, boolean defaultSequence, double tolerance,
      OptionalInt maxFeatures) {
    this.family = family;
    this.lambdas = lambdas;
    this.defaultSequence = defaultSequence;
    this.tolerance = tolerance;
    this.maxFeatures = maxFeatures;
  }

  /** Records the next λ's solution (arrays kept, not copied), its certificate and passes. */
  void record(double[] intercept, double[][] classCoefficients, double certificate,
      double ratio, int passesTaken) {
    intercepts.add(intercept);
    coefficients.add(classCoefficients);
    ratios.add(ratio);
    certificates.add(certificate);
    passes.add(passesTaken);
  }

  /**
   * The path ends before the next λ, whose fit is not recorded, for {@code why} (the limit on
   * the features ever active, {@link IrlsLambdaLoop}).
   */
  void endBefore(PathSolution.End why) {
    end = why;
  }

  /** Whether the path ends after the λ just recorded, whose deviance ratio is {@code ratio}. */
  boolean stop(double ratio, boolean exhausted) {
    int done = coefficients.size();
    int m = lambdas.length;
    if (exhausted) {
      end = new PathSolution.End(PathSolution.Ending.NO_WEIGHTS_LEFT, "after λ #" + done
          + " every fitted probability is 0 or 1 (the classes are separated): nothing is"
          + " left to fit");
      return true;
    }
    if (done == m) {
      end = new PathSolution.End(PathSolution.Ending.ALL_LAMBDAS, "all " + m + " λ fitted");
      return true;
    }
    if (defaultSequence && done >= Math.min(5, m) && maxFeatures.isPresent()) {
      // As the core's PathLoop: glmnet's dfmax, before its deviance rule.
      int df = PathSolution.nonzeroFeatures(coefficients.get(done - 1));
      if (df > maxFeatures.getAsInt()) {
        end = PathSolution.End.featureLimit(done, m, df, maxFeatures.getAsInt());
        return true;
      }
    }
    if (defaultSequence && done >= Math.min(5, m)) {
      // As the core's PathLoop: fishnet compares with the ratio 4 λ back, relative to the
      // ratio, with a threshold 10 times lognet's.
      boolean poisson = family == Family.POISSON;
      double change = poisson ? ratio - ratios.get(done - 5) : ratio - previousRatio;
      double limit = poisson ? 1e-4 : 1e-5;
      if (change < limit * (poisson ? ratio : 1.0) || ratio > 0.999) {
        end = new PathSolution.End(PathSolution.Ending.DEVIANCE_RULE, String.format(
            Locale.ROOT, "glmnet's rule stopped the default sequence after %d of %d λ: the"
                + " deviance ratio %s", done, m, ratio > 0.999 ? "exceeds 0.999"
                : "grew by less than " + limit));
        return true;
      }
    }
    previousRatio = ratio;
    return false;
  }

  /**
   * The recorded λ as the core's path result; df counts the features with a nonzero
   * coefficient in any class.
   */
  PathSolution path(double alpha, double nullDeviance, List<String> names,
      List<String> classNames) {
    int m = coefficients.size();
    int[] df = new int[m];
    double[] ratio = new double[m];
    boolean[] ok = new boolean[m];
    int[] spent = new int[m];
    double[] certificate = new double[m];
    for (int i = 0; i < m; i++) {
      df[i] = PathSolution.nonzeroFeatures(coefficients.get(i));
      ratio[i] = ratios.get(i);
      certificate[i] = certificates.get(i);
      ok[i] = certificate[i] <= tolerance;
      spent[i] = passes.get(i);
    }
    return new PathSolution(family, alpha, Arrays.copyOf(lambdas, m),
        intercepts.toArray(new double[0][]), coefficients.toArray(new double[0][][]), df, ratio,
        nullDeviance, tolerance, ok, spent, certificate, names, classNames, end);
  }
}
