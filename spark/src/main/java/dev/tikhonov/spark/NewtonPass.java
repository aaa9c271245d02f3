package dev.tikhonov.spark;

import dev.tikhonov.internal.data.DeepCopy;
import static org.apache.spark.sql.functions.lit;

import dev.tikhonov.data.InputException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One distributed pass of the single-response IRLS ({@link SingleResponseIrls}, binomial or
 * Poisson, {@link IrlsFamily}): for every fit in flight (the fit on all rows, id 0, and fold k's
 * fit on the rows outside fold k, id k), at that fit's current intercept a₀ and coefficients b
 * (original scale), the sums over the fit's rows of
 *
 * <pre>
 *   ηᵢ = a₀ + xᵢ·b,  μᵢ = μ(ηᵢ)  (binomial: σ(ηᵢ), 0 or 1 beyond ±log(1/pmin − 1), glmnet's
 *                                 rule; Poisson: e^ηᵢ),
 *   vᵢ = wᵢ V(μᵢ),  rᵢ = wᵢ(yᵢ − μᵢ),  x̃ᵢ = xᵢ − m   (V(μ) = μ(1 − μ) or μ; m the data's mean,
 *                                                    from the first pass)
 *
 *   n, W = Σw, V = Σv, R = Σr, Q = Σ_{v&gt;0} r²/v, L = Σ w·dᵢ/2  (dᵢ the row's deviance;
 *   binomial: p̃ clamped to [pmin, 1 − pmin]), Σ v x̃ (p), Σ r x̃ (p), Σ v x̃x̃ᵀ (upper triangle,
 *   p(p+1)/2)
 * </pre>
 *
 * from which the driver forms the weighted Gram matrix and the gradient of the Newton step, the
 * exact gradient for the KKT certificate and the deviance ({@link Sums}). Each row is read once
 * for all fits: a row of fold k adds to fit 0 and to every fit j ≠ k, a dot product of p and
 * p(p+1)/2 multiply-adds per fit. Centering by μ keeps the raw sums' cancellation to the size of
 * the fits' weighted means relative to the spread (O(1)), not of the data's offset. Partial sums
 * are merged by {@link OrderedTreeAggregate} in partition order, so the same input partitioned
 * the same way gives the same bits, whatever the scheduling.
 *
 * <p>Stateless apart from its settings; the task closure carries the fits' coefficients.
 */
record NewtonPass(String featuresCol, String labelCol, Optional<String> weightCol,
    Optional<String> foldCol, int numFolds, long seed, int aggregationDepth) {

  /** glmnet's {@code pmin} (the core's BinomialSolver.PMIN). */
  static final double PMIN = 1e-9;
  /** ±log(1/pmin − 1): beyond it p is 0 or 1 and the row's weight 0. */
  static final double FMAX = Math.log(1 / PMIN - 1);

  /** Index of the scalar sums in a fit's array: n, W, V, R, Q, L; then Σvx̃, Σrx̃, Σvx̃x̃ᵀ. */
  static final int COUNT = 0;
  static final int WEIGHT = 1;
  static final int V = 2;
  static final int R = 3;
  static final int Q = 4;
  static final int LOSS = 5;
  static final int HEADER = 6;

  /**
   * The sums of one fit, decoded.
   *
   * @param count rows n
   * @param weight W = Σw
   * @param v V = Σv
   * @param r R = Σr
   * @param q Q = Σ r²/v over rows with v &gt; 0
   * @param loss L = Σ w·ℓ
   * @param vx Σ v x̃
   * @param rx Σ r x̃
   * @param vxx Σ v x̃x̃ᵀ, p×p row-major (both triangles)
   */
  record Sums(long count, double weight, double v, double r, double q, double loss, double[] vx,
      double[] rx, double[] vxx) {}

  /**
   * The rows the passes read: (features, label, weight, fold id) as doubles, 1.0 without a
   * weight column and 0.0 without a fold column. Planned once; each pass is one job over it.
   */
  JavaRDD<Row> rows(Dataset<?> data) {
    Column weight = weightCol.map(c -> Columns.column(c).cast("double")).orElse(lit(1.0));
    Column fold = foldCol.map(c -> Columns.column(c).cast("double")).orElse(lit(0.0));
    return data.select(Columns.column(featuresCol),
        Columns.column(labelCol).cast("double"), weight, fold).toJavaRDD();
  }

  /**
   * Runs the pass for the fits {@code fits} (ids 0..K) at intercepts {@code a0} and coefficients
   * {@code b} (original scale), centering by {@code center}: one Spark job that reads the rows
   * ({@link #rows}) once. Returns the sums of each fit, in the order of {@code fits}.
   */
  Sums[] run(JavaRDD<Row> rows, IrlsFamily family, int[] fits, double[] a0, double[][] b,
      double[] center) {
    RowSums task = new RowSums(family, foldCol.isPresent(), numFolds, seed, fits.clone(),
        a0.clone(), DeepCopy.of(b), center.clone());
    JavaRDD<byte[][]> partials = rows.mapPartitionsWithIndex(task, true);
    byte[][] merged = SparkFailures.unwrap(() -> OrderedTreeAggregate.reduce(partials,
        NewtonPass::merge, new byte[0][], aggregationDepth));
    int p = center.length;
    Sums[] out = new Sums[fits.length];
    for (int t = 0; t < fits.length; t++) {
      double[] s = merged.length == 0 ? new double[size(p)] : decode(merged[t]);
      out[t] = sums(s, p);
    }
    return out;
  }

  /**
   * What the scoring pass sums per held-out row, weighted by the row's weight: its value at its
   * linear predictor η = a₀ + x·b ({@code eta}, one element) and label {@code y}. Serializable:
   * it goes to the executors with the pass's task.
   */
  @FunctionalInterface
  interface HeldOutValue extends java.io.Serializable {
    double of(double y, double[] eta);
  }

  /**
   * The cross-validation's scoring pass: for every fold k and λ index l, Σ over fold k's rows of
   * w·v at η = a₀ + x·b of fold k's fit at l, v the row's {@code value}
   * ({@link IrlsCrossValidation#heldOutValue}: by default the deviance, {@link
   * IrlsFamily#heldOutDeviance}, binomial −2·log p̂(y) with p̂ = σ(η) clamped to
   * [10⁻⁵, 1 − 10⁻⁵], Poisson 2[y log(y/μ) − (y − μ)], cv.glmnet's, as the core's
   * {@code PathSolution.deviance}; or another measure's row value, the gaussian MAE's
   * |y − η| among them), and fold k's Σw. One Spark job; {@code a0[k − 1][l]},
   * {@code b[k − 1][l]} are fold k's fit at l.
   *
   * @return [k − 1][l] for l &lt; m, and [k − 1][m] = Σw of fold k
   */
  double[][] heldOut(JavaRDD<Row> rows, HeldOutValue value, double[][] a0, double[][][] b) {
    int m = a0[0].length;
    HeldOutSums task = new HeldOutSums(value, foldCol.isPresent(), numFolds, seed, a0, b);
    JavaRDD<byte[][]> partials = rows.mapPartitionsWithIndex(task, true);
    byte[][] merged = SparkFailures.unwrap(() -> OrderedTreeAggregate.reduce(partials,
        NewtonPass::merge, new byte[0][], aggregationDepth));
    double[][] out = new double[numFolds][];
    for (int k = 0; k < numFolds; k++) {
      out[k] = merged.length == 0 ? new double[m + 1] : decode(merged[k]);
    }
    return out;
  }

  /**
   * The cross-validation's AUC pass (a binomial path scored by cv.glmnet's
   * {@code type.measure = "auc"}): for every fold k and λ index l, the AUC of fold k's held-out
   * rows at η = a₀ + x·b of fold k's fit at l ({@code a0[k − 1][l]}, {@code b[k − 1][l]}),
   * {@link dev.tikhonov.select.CvMeasure#areaUnderCurve} (pairs weighted by the rows' weights,
   * ties ½), and fold k's Σw. An exact AUC ranks a fold's rows, which no sum can: one Spark job
   * with a shuffle, every held-out row sent once per λ to the task of its (fold, λ), where they
   * are sorted (n·m small records; a task holds one fold's rows at one λ). NaN where a fold's
   * held-out rows of positive weight are all of one class.
   *
   * @return [k − 1][l] for l &lt; m, and [k − 1][m] = Σw of fold k
   */
  double[][] heldOutAuc(JavaRDD<Row> rows, double[][] a0, double[][][] b) {
    int m = a0[0].length;
    int k = numFolds;
    AucRows emit = new AucRows(foldCol.isPresent(), numFolds, seed, a0, b);
    java.util.Map<Integer, double[]> byGroup = SparkFailures.unwrap(() -> rows
        .flatMapToPair(emit).groupByKey().mapValues(NewtonPass::aucOf).collectAsMap());
    double[][] out = new double[k][m + 1];
    for (Map.Entry<Integer, double[]> e : byGroup.entrySet()) {
      int fold = e.getKey() / m;
      int l = e.getKey() % m;
      out[fold][l] = e.getValue()[0];
      out[fold][m] = e.getValue()[1];
    }
    return out;
  }

  /** One (fold, λ) group's (η, y, w) triples → {its AUC, its Σw}. */
  private static double[] aucOf(Iterable<double[]> group) {
    java.util.List<double[]> rows = new java.util.ArrayList<>();
    group.forEach(rows::add);
    int n = rows.size();
    double[] eta = new double[n];
    boolean[] second = new boolean[n];
    double[] w = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double[] r = rows.get(i);
      eta[i] = r[0];
      second[i] = r[1] == 1;
      w[i] = r[2];
      sum += r[2];
    }
    return new double[] {dev.tikhonov.select.CvMeasure.areaUnderCurve(eta, second, w), sum};
  }

  /** Each held-out row as m records: key (fold − 1)·m + l, value (η at l, y, w). */
  private record AucRows(boolean foldColumn, int numFolds, long seed, double[][] a0,
      double[][][] b)
      implements org.apache.spark.api.java.function.PairFlatMapFunction<Row, Integer,
          double[]> {

    @Override
    public Iterator<scala.Tuple2<Integer, double[]>> call(Row row) {
      int m = a0[0].length;
      Vector features = (Vector) row.get(0);
      double y = row.getDouble(1);
      double w = row.getDouble(2);
      int fold = foldColumn ? (int) row.getDouble(3)
          : RandomFolds.fold(seed, numFolds, y, features);
      double[] x = new double[features.size()];
      RowSums.toDense(features, x);
      java.util.List<scala.Tuple2<Integer, double[]>> out = new java.util.ArrayList<>(m);
      for (int l = 0; l < m; l++) {
        double e = a0[fold - 1][l];
        double[] bl = b[fold - 1][l];
        for (int j = 0; j < x.length; j++) {
          e += x[j] * bl[j];
        }
        out.add(new scala.Tuple2<>((fold - 1) * m + l, new double[] {e, y, w}));
      }
      return out.iterator();
    }
  }

  /** The scoring task: per fold, Σ w·value at each λ and Σ w. */
  private record HeldOutSums(HeldOutValue value, boolean foldColumn, int numFolds, long seed,
      double[][] a0, double[][][] b)
      implements Function2<Integer, Iterator<Row>, Iterator<byte[][]>> {

    @Override
    public Iterator<byte[][]> call(Integer partition, Iterator<Row> rows) {
      int m = a0[0].length;
      double[][] sums = null;
      double[] x = null;
      double[] eta = new double[1];
      while (rows.hasNext()) {
        Row row = rows.next();
        Vector features = (Vector) row.get(0);
        if (sums == null) {
          sums = new double[numFolds][m + 1];
          x = new double[features.size()];
        }
        double y = row.getDouble(1);
        double w = row.getDouble(2);
        int fold = foldColumn ? (int) row.getDouble(3)
            : RandomFolds.fold(seed, numFolds, y, features);
        RowSums.toDense(features, x);
        double[] s = sums[fold - 1];
        for (int l = 0; l < m; l++) {
          double e = a0[fold - 1][l];
          double[] bl = b[fold - 1][l];
          for (int j = 0; j < x.length; j++) {
            e += x[j] * bl[j];
          }
          eta[0] = e;
          s[l] += w * value.of(y, eta);
        }
        s[m] += w;
      }
      return encoded(sums);
    }
  }

  static int size(int p) {
    return HEADER + 2 * p + p * (p + 1) / 2;
  }

  static Sums sums(double[] s, int p) {
    double[] vx = Arrays.copyOfRange(s, HEADER, HEADER + p);
    double[] rx = Arrays.copyOfRange(s, HEADER + p, HEADER + 2 * p);
    double[] vxx = new double[p * p];
    int o = HEADER + 2 * p;
    for (int j = 0; j < p; j++) {
      for (int k = j; k < p; k++) {
        double value = s[o++];
        vxx[j * p + k] = value;
        vxx[k * p + j] = value;
      }
    }
    return new Sums((long) s[COUNT], s[WEIGHT], s[V], s[R], s[Q], s[LOSS], vx, rx, vxx);
  }

  /** Element-wise sum, fit by fit; an empty outer array (no rows) is the identity. */
  static byte[][] merge(byte[][] left, byte[][] right) {
    if (left.length == 0) {
      return right;
    }
    if (right.length == 0) {
      return left;
    }
    byte[][] out = new byte[left.length][];
    for (int t = 0; t < left.length; t++) {
      double[] a = decode(left[t]);
      double[] b = decode(right[t]);
      if (a.length != b.length) {
        throw new InputException("feature vectors of different sizes in the same column: every"
            + " row needs the same number");
      }
      for (int i = 0; i < a.length; i++) {
        a[i] += b[i];
      }
      out[t] = encode(a);
    }
    return out;
  }

  /**
   * A partition's result: each fit's (or fold's) sums {@link #encode encoded}, or one empty
   * array of arrays when the partition had no rows ({@code sums} null).
   */
  static Iterator<byte[][]> encoded(double[][] sums) {
    if (sums == null) {
      return Collections.singletonList(new byte[0][]).iterator();
    }
    byte[][] out = new byte[sums.length][];
    for (int t = 0; t < sums.length; t++) {
      out[t] = encode(sums[t]);
    }
    return Collections.singletonList(out).iterator();
  }

  /** Raw IEEE 754 doubles, little-endian (as {@link StatisticsCodec}: no Java serialization). */
  static byte[] encode(double[] values) {
    ByteBuffer buffer = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asDoubleBuffer().put(values);
    return buffer.array();
  }

  static double[] decode(byte[] bytes) {
    double[] values = new double[bytes.length / 8];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(values);
    return values;
  }

  /** {@code features} as p doubles. Modifies {@code out}. */
  static void toDense(Vector features, double[] out) {
    RowSums.toDense(features, out);
  }

  /** The task: a partition's rows into one array of sums per fit. */
  private record RowSums(IrlsFamily family, boolean foldColumn, int numFolds, long seed, int[] fits, double[] a0,
      double[][] b, double[] center)
      implements Function2<Integer, Iterator<Row>, Iterator<byte[][]>> {

    @Override
    public Iterator<byte[][]> call(Integer partition, Iterator<Row> rows) {
      int p = center.length;
      int f = fits.length;
      double[][] sums = null;
      double[] x = new double[p];
      double[] xc = new double[p];
      while (rows.hasNext()) {
        Row row = rows.next();
        Vector features = (Vector) row.get(0);
        if (features.size() != p) {
          throw new InputException("feature vectors of " + features.size() + " and " + p
              + " elements in the same column: every row needs the same number");
        }
        if (sums == null) {
          sums = new double[f][size(p)];
        }
        double y = row.getDouble(1);
        double w = row.getDouble(2);
        int fold = foldColumn ? (int) row.getDouble(3)
            : RandomFolds.fold(seed, numFolds, y, features);
        toDense(features, x);
        for (int j = 0; j < p; j++) {
          xc[j] = x[j] - center[j];
        }
        for (int t = 0; t < f; t++) {
          if (fits[t] != 0 && fits[t] == fold) {
            continue;
          }
          double eta = a0[t];
          double[] bt = b[t];
          for (int j = 0; j < p; j++) {
            eta += x[j] * bt[j];
          }
          double mu = family.mean(eta);
          double v = w * family.variance(mu);
          double r = w * (y - mu);
          double[] s = sums[t];
          s[COUNT] += 1;
          s[WEIGHT] += w;
          s[V] += v;
          s[R] += r;
          if (v > 0) {
            s[Q] += r * r / v;
          }
          s[LOSS] += w * family.halfDeviance(y, eta, mu);
          int o = HEADER + 2 * p;
          for (int j = 0; j < p; j++) {
            double xj = xc[j];
            s[HEADER + j] += v * xj;
            s[HEADER + p + j] += r * xj;
            double vxj = v * xj;
            for (int k = j; k < p; k++) {
              s[o++] += vxj * xc[k];
            }
          }
        }
      }
      return encoded(sums);
    }

    static void toDense(Vector features, double[] out) {
      if (features instanceof DenseVector d) {
        System.arraycopy(d.values(), 0, out, 0, out.length);
      } else {
        SparseVector s = (SparseVector) features;
        Arrays.fill(out, 0.0);
        int[] indices = s.indices();
        double[] values = s.values();
        for (int i = 0; i < indices.length; i++) {
          out[indices[i]] = values[i];
        }
      }
    }
  }
}
