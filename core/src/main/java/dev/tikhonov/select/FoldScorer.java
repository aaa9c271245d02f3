package dev.tikhonov.select;

import dev.tikhonov.data.SparseMatrix;
import dev.tikhonov.linear.PathSolution;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How a cross-validation scores one fold's held-out rows at one λ of the fold's path, by a
 * {@link CvMeasure}: the weighted mean of a row-wise value, or the fold's AUC. Called from
 * several threads at once: implementations only read.
 */
@FunctionalInterface
interface FoldScorer {

  /**
   * The score of {@code rows} under the path at λ index {@code l}, rows weighted by
   * {@code weights} (indexed like all rows; empty for all 1) whose sum over {@code rows} is
   * {@code weightSum} (&gt; 0).
   */
  double score(PathSolution path, int l, int[] rows, double[] weights, double weightSum);

  /**
   * Why {@code rows} cannot be scored, whatever the fit ("its held-out rows are all of one
   * class"), or empty: checked for every fold before any is fitted.
   */
  default Optional<String> unscorable(int[] rows, double[] weights) {
    return Optional.empty();
  }

  /** The linear predictors (offset included; one, or K for multinomial) of one row. */
  @FunctionalInterface
  interface Etas {
    double[] of(PathSolution path, int l, int row);
  }

  /** The weighted mean of a row-wise loss over the rows. */
  static FoldScorer byRows(HeldOutLoss loss) {
    return (path, l, rows, weights, weightSum) -> {
      double s = 0;
      if (weights.length == 0) {
        for (int i : rows) {
          s += loss.loss(path, l, i);
        }
      } else {
        for (int i : rows) {
          if (weights[i] != 0) {
            s += weights[i] * loss.loss(path, l, i);
          }
        }
      }
      return s / weightSum;
    };
  }

  /**
   * The scorer of {@code measure} for targets {@code y} (classes named by {@code classNames},
   * empty for "the first" and "the second"): {@code deviance} for
   * {@link CvMeasure#DEVIANCE} (the path's own, {@link PathSolution#deviance}), else the measure
   * on {@code etas}; only the one used is made.
   */
  static FoldScorer of(CvMeasure measure, Supplier<Etas> etas, Supplier<HeldOutLoss> deviance,
      double[] y, List<String> classNames) {
    if (measure == CvMeasure.DEVIANCE) {
      return byRows(deviance.get());
    }
    Etas e = etas.get();
    return measure == CvMeasure.AUC ? new Auc(e, y, classNames)
        : byRows((path, l, i) -> measure.rowValue(path.family(), e.of(path, l, i), y[i]));
  }

  /** η of row i of a dense x, plus its offset ({@code offsets} empty for none). */
  static Etas dense(double[][] x, double[] offsets) {
    return (path, l, i) -> {
      double[] eta = new double[path.numOutputs()];
      for (int k = 0; k < eta.length; k++) {
        eta[k] = path.linearPredictor(x[i], l, k) + (offsets.length == 0 ? 0 : offsets[i]);
      }
      return eta;
    };
  }

  /** η of row i of a sparse x (rows by one O(entries) transpose). */
  static Etas sparse(SparseMatrix x) {
    SparseMatrix rows = x.transpose();
    int[] start = rows.sharedColumnPointers();
    int[] columns = rows.sharedRowIndices();
    double[] values = rows.sharedValues();
    return (path, l, i) -> {
      double[] eta = new double[path.numOutputs()];
      for (int k = 0; k < eta.length; k++) {
        eta[k] = path.linearPredictor(columns, values, start[i], start[i + 1], l, k);
      }
      return eta;
    };
  }

  /**
   * A fold's weighted AUC: Σ over pairs (i of the second class, j of the first) of
   * wᵢwⱼ·(1[ηᵢ &gt; ηⱼ] + ½·1[ηᵢ = ηⱼ]) / (W₁·W₀), by one sort of the fold's η.
   */
  record Auc(Etas etas, double[] y, List<String> classNames) implements FoldScorer {

    @Override
    public Optional<String> unscorable(int[] rows, double[] weights) {
      double[] w = classWeights(rows, weights);
      // both positive: scorable; both 0: every row has weight 0, which the run refuses as such
      if ((w[0] > 0) == (w[1] > 0)) {
        return Optional.empty();
      }
      String of = className(w[1] > 0 ? 1 : 0);
      if (rows.length == 1) {
        return Optional.of("its only held-out row is of " + of + ", so its AUC (which ranks"
            + " rows of one class against the other) is not defined");
      }
      return Optional.of("its " + (weights.length == 0 ? rows.length + " held-out rows are"
          : "held-out rows of positive weight are") + " all of " + of
          + ", so their AUC (which ranks rows of one class against the other) is not defined");
    }

    /** "class 'malignant'", or "the second class" without names. */
    private String className(int k) {
      return classNames.size() == 2 ? "class '" + classNames.get(k) + "'"
          : k == 1 ? "the second class" : "the first class";
    }

    private double[] classWeights(int[] rows, double[] weights) {
      double[] w = new double[2];
      for (int i : rows) {
        w[y[i] == 1 ? 1 : 0] += weights.length == 0 ? 1 : weights[i];
      }
      return w;
    }

    @Override
    public double score(PathSolution path, int l, int[] rows, double[] weights,
        double weightSum) {
      int n = rows.length;
      double[] eta = new double[n];
      boolean[] second = new boolean[n];
      double[] w = new double[n];
      for (int t = 0; t < n; t++) {
        int i = rows[t];
        eta[t] = etas.of(path, l, i)[0];
        second[t] = y[i] == 1;
        w[t] = weights.length == 0 ? 1 : weights[i];
      }
      return CvMeasure.areaUnderCurve(eta, second, w);
    }
  }
}
