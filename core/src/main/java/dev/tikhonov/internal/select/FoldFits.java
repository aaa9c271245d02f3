package dev.tikhonov.internal.select;

import dev.tikhonov.linear.PathSolution;

/**
 * Not API. Which of a fold's own fits a cross-validation scores at the full path's λ, the one
 * rule of the core's {@code CrossValidation} (and its statistics and relaxed variants) and the
 * {@code spark} module's fold scoring: glmnet drops the λ its {@code maxit} interrupts and
 * returns the fits before it, and cv.glmnet predicts every λ from there on with the last of
 * those ({@code lambda.interp} clamps), counting the fold in N at every λ
 * (ref/make_cv_short_fold.R). Stateless, so thread-safe.
 */
public final class FoldFits {
  private FoldFits() {}

  /**
   * How many of a fold's own fits {@code path} (not interpolated) a cross-validation of m λ
   * scores, the last of them standing in for the λ after: all of them (at most m), less the
   * last when the budget of passes cut it short and a fit precedes it.
   */
  public static int scored(PathSolution path, int m) {
    int fits = Math.min(path.size(), m);
    return cutShort(path) && path.size() <= m && fits > 1 ? fits - 1 : fits;
  }

  /**
   * Where to interpolate a fold's own path {@code own} for the full path's {@code lambdas}
   * ({@link PathSolution#interpolate}): at them, but when the budget of passes cut its last fit
   * short, no lower than the λ before it, so that the fit there stands in below it.
   */
  public static double[] interpolationLambdas(PathSolution own, double[] lambdas) {
    if (!cutShort(own) || own.size() < 2) {
      return lambdas;
    }
    double floor = own.lambda(own.size() - 2);
    double[] s = lambdas.clone();
    for (int t = 0; t < s.length; t++) {
      s[t] = Math.max(s[t], floor);
    }
    return s;
  }

  /** Whether the budget of passes cut the path's last fit short (it is not a solution). */
  private static boolean cutShort(PathSolution path) {
    return path.end().reason() == PathSolution.Ending.ITERATION_LIMIT;
  }
}
