package dev.tikhonov.spark;

import dev.tikhonov.data.InputException;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.loss.Family;
import dev.tikhonov.select.CvMeasure;
import java.util.Arrays;
import java.util.Iterator;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;

/**
 * The distributed passes of the multinomial IRLS ({@link MultinomialIrls}) over the rows of
 * {@link NewtonPass#rows} (features, label = class index 0..C−1, weight, fold id). For every fit
 * in flight (id 0 on all rows, id k on the rows outside fold k) at its current intercepts u꜀ at
 * the centre μ and coefficients b꜀ (original scale), one Newton pass sums over the fit's rows
 *
 * <pre>
 *   η꜀ = u꜀ + (x − μ)·b꜀ (clipped to ±250, glmnet's exmx),  p꜀ = e^{η꜀}/Σₖ e^{ηₖ},  z = (1, x − μ),
 *   n, W = Σw, L = −Σ w·log p_y (exact: η_y − max η − log Σ e^{η − max η}),
 *   per class c:   R꜀ = Σ w(y꜀ − p꜀),  Σ w(y꜀ − p꜀)(x − μ)                  (the gradient),
 *   per pair c ≤ d: Σ w(δ꜀ₔp꜀ − p꜀pₔ) zzᵀ (upper triangle, (p+1)(p+2)/2)   (the Hessian),
 * </pre>
 *
 * μ the data's mean (from the statistics pass). The intercepts are the driver's, u꜀ = a₀꜀ + μ·b꜀
 * less a common shift that keeps η near the core's linear predictors: the softmax does not see
 * the shift, the clip does ({@code MultinomialIrls}). The sums are the exact gradient and the
 * exact Hessian of the weighted multinomial loss in the intercepts and coefficients of all
 * classes, its diagonal blocks (c = d, weights w·p꜀(1 − p꜀)) and the cross-class blocks
 * (weights −w·p꜀pₔ). That is
 * C(C+1)/2·(p+1)(p+2)/2 multiply-adds per row and fit (C = 3, p = 10: 396). Partial sums merge by
 * {@link OrderedTreeAggregate} in partition order (the same bits after a task retry). Two further
 * passes: {@link #classes} (the class weights per fold, which give C and the null models) and
 * {@link #heldOut} (the cross-validation's scoring). Stateless apart from its settings; the task
 * closures carry the coefficients.
 *
 * @param rows the binomial pass's settings, whose {@link NewtonPass#rows} these passes read
 */
record MultinomialPass(NewtonPass rows) {

  /** The largest class index a label may hold (C ≤ 1000). */
  static final int MAX_CLASS = 999;
  /** glmnet's {@code exmx}. */
  private static final double EXMX = 250;
  private static final int HEADER = 3;

  /**
   * A fit's sums, decoded.
   *
   * @param count n
   * @param weight W = Σw
   * @param loss L = −Σ w·log p_y
   * @param r R꜀ = Σ w(y꜀ − p꜀), per class
   * @param rx Σ w(y꜀ − p꜀)(x − μ), per class (p each)
   * @param hessian the N×N Hessian, N = C(p + 1), row-major, class c's intercept at index
   *     c(p + 1) and its coefficient j at c(p + 1) + 1 + j: Σ w(δ꜀ₔp꜀ − p꜀pₔ) zzᵀ, z = (1, x − μ)
   */
  record Sums(long count, double weight, double loss, double[] r, double[][] rx,
      double[] hessian) {
    /** V꜀ = Σ w p꜀(1 − p꜀), the curvature of class c's intercept. */
    double v(int c, int p) {
      int i = c * (p + 1);
      return hessian[i * r.length * (p + 1) + i];
    }
  }

  /** Per fold k (index k − 1) and class c, Σw at [2c] and the row count at [2c + 1]. */
  record Classes(double[][] perFold) {
    int numClasses() {
      int c = 0;
      for (double[] f : perFold) {
        c = Math.max(c, f.length / 2);
      }
      return c;
    }

    /** Σw of class c on the rows of fold k (1-based). */
    double weight(int fold, int c) {
      double[] f = perFold[fold - 1];
      return 2 * c < f.length ? f[2 * c] : 0.0;
    }
  }

  /** The class pass: Σw and the count of every class in every fold. One Spark job. */
  Classes classes(JavaRDD<Row> data) {
    NewtonPass s = rows;
    ClassSums task = new ClassSums(s.foldCol().isPresent(), s.numFolds(), s.seed());
    JavaRDD<byte[][]> partials = data.mapPartitionsWithIndex(task, true);
    byte[][] merged = SparkFailures.unwrap(() -> OrderedTreeAggregate.reduce(partials,
        MultinomialPass::mergePadded, new byte[0][], s.aggregationDepth()));
    double[][] perFold = new double[s.numFolds()][];
    for (int k = 0; k < perFold.length; k++) {
      perFold[k] = merged.length == 0 ? new double[0] : NewtonPass.decode(merged[k]);
    }
    return new Classes(perFold);
  }

  /**
   * The Newton pass for the fits {@code fits} at intercepts {@code u[t][c]} at the centre and
   * coefficients {@code b[t][c]} (original scale), η = u + (x − center)·b: one Spark job.
   * Returns each fit's sums in the order of {@code fits}.
   */
  Sums[] run(JavaRDD<Row> data, int[] fits, double[][] u, double[][][] b, double[] center) {
    NewtonPass s = rows;
    int numClasses = u[0].length;
    RowSums task = new RowSums(s.foldCol().isPresent(), s.numFolds(), s.seed(), fits.clone(),
        u, b, center.clone());
    JavaRDD<byte[][]> partials = data.mapPartitionsWithIndex(task, true);
    byte[][] merged = SparkFailures.unwrap(() -> OrderedTreeAggregate.reduce(partials,
        NewtonPass::merge, new byte[0][], s.aggregationDepth()));
    int p = center.length;
    Sums[] out = new Sums[fits.length];
    for (int t = 0; t < fits.length; t++) {
      double[] v = merged.length == 0 ? new double[size(p, numClasses)]
          : NewtonPass.decode(merged[t]);
      out[t] = sums(v, p, numClasses);
    }
    return out;
  }

  /**
   * The cross-validation's scoring pass: for every fold k and λ index l, Σ over fold k's rows
   * of w·v, v the row's value by {@code measure} at the linear predictors η꜀ of fold k's fit at
   * l ({@code a0[k − 1][l][c]}, {@code b[k − 1][l][c]}): for the deviance −2·log p̂_y, p̂ the
   * softmax clamped to [10⁻⁵, 1 − 10⁻⁵] (cv.glmnet, the core's {@code PathSolution.deviance}),
   * else {@link CvMeasure#rowValue}; and fold k's Σw at index m. One Spark job.
   *
   * @throws IllegalArgumentException for a measure without a multinomial row value (the AUC)
   */
  double[][] heldOut(JavaRDD<Row> data, double[][][] a0, double[][][][] b, CvMeasure measure) {
    if (measure == CvMeasure.AUC || !measure.appliesTo(Family.MULTINOMIAL)) {
      throw new IllegalArgumentException("'" + measure.id() + "' has no value per row of a"
          + " multinomial path");
    }
    NewtonPass s = rows;
    int m = a0[0].length;
    HeldOutSums task = new HeldOutSums(measure, s.foldCol().isPresent(), s.numFolds(),
        s.seed(), a0, b);
    JavaRDD<byte[][]> partials = data.mapPartitionsWithIndex(task, true);
    byte[][] merged = SparkFailures.unwrap(() -> OrderedTreeAggregate.reduce(partials,
        NewtonPass::merge, new byte[0][], s.aggregationDepth()));
    double[][] out = new double[s.numFolds()][];
    for (int k = 0; k < out.length; k++) {
      out[k] = merged.length == 0 ? new double[m + 1] : NewtonPass.decode(merged[k]);
    }
    return out;
  }

  /** One Hessian block's upper triangle: (p+1)(p+2)/2. */
  static int block(int p) {
    return (p + 1) * (p + 2) / 2;
  }

  /** A fit's array: n, W, L; R꜀; Σr꜀(x − μ); the C(C+1)/2 blocks c ≤ d. */
  static int size(int p, int numClasses) {
    return HEADER + numClasses * (p + 1) + numClasses * (numClasses + 1) / 2 * block(p);
  }

  private static Sums sums(double[] s, int p, int numClasses) {
    double[] r = Arrays.copyOfRange(s, HEADER, HEADER + numClasses);
    double[][] rx = new double[numClasses][];
    for (int c = 0; c < numClasses; c++) {
      int o = HEADER + numClasses + c * p;
      rx[c] = Arrays.copyOfRange(s, o, o + p);
    }
    int q = p + 1;
    int n = numClasses * q;
    double[] hessian = new double[n * n];
    int t = HEADER + numClasses * (p + 1);
    for (int c = 0; c < numClasses; c++) {
      for (int d = c; d < numClasses; d++) {
        for (int j = 0; j < q; j++) {
          for (int k = j; k < q; k++) {
            double value = s[t++];
            int row = c * q + j;
            int column = d * q + k;
            hessian[row * n + column] = value;
            hessian[column * n + row] = value;
            // The block (d, c) is the transpose of (c, d): its (j, k) and (k, j) entries too.
            hessian[(c * q + k) * n + d * q + j] = value;
            hessian[(d * q + j) * n + c * q + k] = value;
          }
        }
      }
    }
    return new Sums((long) s[0], s[1], s[2], r, rx, hessian);
  }

  /** Element-wise sum, fold by fold, the shorter array padded with zeros (classes unseen). */
  static byte[][] mergePadded(byte[][] left, byte[][] right) {
    if (left.length == 0) {
      return right;
    }
    if (right.length == 0) {
      return left;
    }
    byte[][] out = new byte[left.length][];
    for (int k = 0; k < left.length; k++) {
      double[] a = NewtonPass.decode(left[k]);
      double[] b = NewtonPass.decode(right[k]);
      double[] sum = Arrays.copyOf(a.length >= b.length ? a : b, Math.max(a.length, b.length));
      double[] other = a.length >= b.length ? b : a;
      for (int i = 0; i < other.length; i++) {
        sum[i] += other[i];
      }
      out[k] = NewtonPass.encode(sum);
    }
    return out;
  }

  private static int fold(boolean foldColumn, int numFolds, long seed, Row row, double y,
      Vector features) {
    return foldColumn ? (int) row.getDouble(3) : RandomFolds.fold(seed, numFolds, y, features);
  }

  /** The class pass's task: per fold, Σw and count by class. */
  private record ClassSums(boolean foldColumn, int numFolds, long seed)
      implements Function2<Integer, Iterator<Row>, Iterator<byte[][]>> {
    @Override
    public Iterator<byte[][]> call(Integer partition, Iterator<Row> data) {
      double[][] sums = null;
      while (data.hasNext()) {
        Row row = data.next();
        Vector features = (Vector) row.get(0);
        double y = row.getDouble(1);
        double w = row.getDouble(2);
        if (sums == null) {
          sums = new double[numFolds][0];
        }
        int k = fold(foldColumn, numFolds, seed, row, y, features) - 1;
        int c = (int) y;
        if (2 * c + 1 >= sums[k].length) {
          sums[k] = Arrays.copyOf(sums[k], 2 * c + 2);
        }
        sums[k][2 * c] += w;
        sums[k][2 * c + 1] += 1;
      }
      return NewtonPass.encoded(sums);
    }
  }

  /**
   * Softmax of η (clipped to ±{@code clip}) into {@code out}; returns log Σ e^{η − max} + max,
   * the log-normaliser.
   */
  private static double softmax(double[] eta, double clip, double[] out) {
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < eta.length; c++) {
      eta[c] = Math.max(-clip, Math.min(clip, eta[c]));
      max = Math.max(max, eta[c]);
    }
    double sum = 0;
    for (int c = 0; c < eta.length; c++) {
      out[c] = Math.exp(eta[c] - max);
      sum += out[c];
    }
    for (int c = 0; c < eta.length; c++) {
      out[c] /= sum;
    }
    return max + Math.log(sum);
  }

  /** The Newton pass's task: a partition's rows into one array of sums per fit. */
  private record RowSums(boolean foldColumn, int numFolds, long seed, int[] fits, double[][] u,
      double[][][] b, double[] center)
      implements Function2<Integer, Iterator<Row>, Iterator<byte[][]>> {

    @Override
    public Iterator<byte[][]> call(Integer partition, Iterator<Row> data) {
      int p = center.length;
      int f = fits.length;
      int numClasses = u[0].length;
      int block = block(p);
      double[][] sums = null;
      double[] x = new double[p];
      double[] xc = new double[p];
      double[] z = new double[p + 1];
      z[0] = 1;
      double[] eta = new double[numClasses];
      double[] prob = new double[numClasses];
      while (data.hasNext()) {
        Row row = data.next();
        Vector features = (Vector) row.get(0);
        if (features.size() != p) {
          throw new InputException("feature vectors of " + features.size() + " and " + p
              + " elements in the same column: every row needs the same number");
        }
        if (sums == null) {
          sums = new double[f][size(p, numClasses)];
        }
        double y = row.getDouble(1);
        double w = row.getDouble(2);
        int label = (int) y;
        int fold = fold(foldColumn, numFolds, seed, row, y, features);
        NewtonPass.toDense(features, x);
        for (int j = 0; j < p; j++) {
          xc[j] = x[j] - center[j];
          z[j + 1] = xc[j];
        }
        for (int t = 0; t < f; t++) {
          if (fits[t] != 0 && fits[t] == fold) {
            continue;
          }
          for (int c = 0; c < numClasses; c++) {
            double e = u[t][c];
            double[] bc = b[t][c];
            for (int j = 0; j < p; j++) {
              e += xc[j] * bc[j];
            }
            eta[c] = e;
          }
          double normaliser = softmax(eta, EXMX, prob);
          double[] s = sums[t];
          s[0] += 1;
          s[1] += w;
          s[2] -= w * (eta[label] - normaliser);
          for (int c = 0; c < numClasses; c++) {
            double r = w * ((label == c ? 1 : 0) - prob[c]);
            s[HEADER + c] += r;
            int o = HEADER + numClasses + c * p;
            for (int j = 0; j < p; j++) {
              s[o + j] += r * xc[j];
            }
          }
          int o = HEADER + numClasses * (p + 1);
          for (int c = 0; c < numClasses; c++) {
            for (int d = c; d < numClasses; d++) {
              double h = c == d ? w * prob[c] * (1 - prob[c]) : -w * prob[c] * prob[d];
              if (h == 0) {
                o += block;
                continue;
              }
              for (int j = 0; j <= p; j++) {
                double hz = h * z[j];
                for (int k = j; k <= p; k++) {
                  s[o++] += hz * z[k];
                }
              }
            }
          }
        }
      }
      return NewtonPass.encoded(sums);
    }
  }

  /** The scoring task: per fold, Σ w·value at each λ and Σw. */
  private record HeldOutSums(CvMeasure measure, boolean foldColumn, int numFolds, long seed,
      double[][][] a0, double[][][][] b)
      implements Function2<Integer, Iterator<Row>, Iterator<byte[][]>> {

    @Override
    public Iterator<byte[][]> call(Integer partition, Iterator<Row> data) {
      int m = a0[0].length;
      int numClasses = a0[0][0].length;
      double[][] sums = null;
      double[] x = null;
      double[] eta = new double[numClasses];
      double[] prob = new double[numClasses];
      while (data.hasNext()) {
        Row row = data.next();
        Vector features = (Vector) row.get(0);
        if (sums == null) {
          sums = new double[numFolds][m + 1];
          x = new double[features.size()];
        }
        double y = row.getDouble(1);
        double w = row.getDouble(2);
        int fold = fold(foldColumn, numFolds, seed, row, y, features);
        NewtonPass.toDense(features, x);
        double[] s = sums[fold - 1];
        for (int l = 0; l < m; l++) {
          for (int c = 0; c < numClasses; c++) {
            double e = a0[fold - 1][l][c];
            double[] bc = b[fold - 1][l][c];
            for (int j = 0; j < x.length; j++) {
              e += x[j] * bc[j];
            }
            eta[c] = e;
          }
          if (measure != CvMeasure.DEVIANCE) {
            s[l] += w * measure.rowValue(Family.MULTINOMIAL, eta, y);
            continue;
          }
          softmax(eta, Double.POSITIVE_INFINITY, prob);
          double py = Math.min(Math.max(prob[(int) y], PathSolution.PROBABILITY_CLAMP),
              1 - PathSolution.PROBABILITY_CLAMP);
          s[l] += w * (-2 * Math.log(py));
        }
        s[m] += w;
      }
      return NewtonPass.encoded(sums);
    }
  }
}
