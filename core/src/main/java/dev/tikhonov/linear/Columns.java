package dev.tikhonov.linear;

import java.util.ArrayList;
import java.util.List;

/**
 * Fits on a subset of the features, for the relaxed lasso's refits on an active set and the
 * adaptive lasso's exclusion of features with an infinite penalty factor: copy those columns
 * out, fit, and put the coefficients back among all p features (0 for the others). Stateless
 * and thread-safe.
 */
public final class Columns {
  private Columns() {}

  /** The columns {@code keep} (0-based, increasing) of every row of x, as a new n×|keep|. */
  public static double[][] select(double[][] x, int[] keep) {
    double[][] out = new double[x.length][keep.length];
    for (int i = 0; i < x.length; i++) {
      double[] row = x[i];
      double[] o = out[i];
      for (int c = 0; c < keep.length; c++) {
        o[c] = row[keep[c]];
      }
    }
    return out;
  }

  /** The names of the columns {@code keep}. */
  public static List<String> names(List<String> names, int[] keep) {
    List<String> out = new ArrayList<>(keep.length);
    for (int j : keep) {
      out.add(names.get(j));
    }
    return out;
  }

  /**
   * A path fitted on the columns {@code keep} as a path over all {@code featureNames}: the
   * coefficient of feature keep[c] is the fit's c-th, every other feature's is 0. Everything
   * else (λ, intercepts, deviance, certificates) is the fit's.
   */
  public static PathSolution expand(PathSolution fit, int[] keep, List<String> featureNames) {
    int m = fit.size();
    int p = featureNames.size();
    double[][][] b = new double[m][][];
    for (int l = 0; l < m; l++) {
      double[][] sub = fit.coefficients(l);
      b[l] = new double[sub.length][p];
      for (int c = 0; c < sub.length; c++) {
        for (int i = 0; i < keep.length; i++) {
          b[l][c][keep[i]] = sub[c][i];
        }
      }
    }
    return new PathSolution(fit.family(), fit.l1Ratio(), fit.multinomialPenalty(),
        fit.lambdas(), fit.intercepts(), b, fit.degreesOfFreedom(), fit.devianceRatio(),
        fit.nullDeviance(), fit.tolerance(), fit.converged(), fit.passes(), fit.certificate(),
        featureNames, fit.classNames(), fit.end());
  }
}
