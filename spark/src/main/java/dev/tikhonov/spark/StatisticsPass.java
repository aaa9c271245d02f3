package dev.tikhonov.spark;

import dev.tikhonov.select.FoldStatistics;
import static org.apache.spark.sql.functions.lit;

import dev.tikhonov.data.InputException;
import dev.tikhonov.internal.data.Numbers;
import dev.tikhonov.linear.GaussianStatistics;
import dev.tikhonov.loss.Family;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.Locale;
import java.util.Objects;
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
 * The one distributed pass of the gaussian elastic net: the {@link GaussianStatistics} of every
 * cross-validation fold's rows, from which the full path and every fold's path follow on the
 * driver ({@link FoldStatistics}).
 *
 * <p>Each task folds its partition's rows into K accumulators (Welford's update, p(p+1)/2
 * multiply-adds per row, K·p(p+1)/2 doubles of memory), and the partitions' results are merged
 * by {@link OrderedTreeAggregate} in partition order: the same input, partitioned the same way,
 * gives bit-identical statistics whatever order the tasks finish in and after any task retry.
 * (Partitioned differently, only the rounding of the merges changes.)
 *
 * <p>The same pass sums the rows' hashes for the training data's fingerprint
 * ({@link DataFingerprint}): a partition's result carries that record after its K statistics
 * records, and the merge adds them (integer sums: the fingerprint does not depend on the
 * partitioning at all).
 *
 * <p>The same pass gathers each feature's largest magnitude on each fold's rows of positive
 * weight (a record of K·p doubles after the K statistics, merged by max), so that a feature too
 * small to square is refused by the largest over the rows a set of statistics sums, never by a
 * partition's: a feature whose values all lie below 2⁻⁴⁰⁰ (about 3.9e-121; near 1e-301, say)
 * has squared deviations that underflow, and the statistics would read it as constant (a
 * coefficient of 0 without a word). The whole data's largest decides for the total
 * ({@link #pathPass}); with cross-validation ({@link #pass}) each fold's training rows' largest
 * decides too, as those rows' statistics fit the fold's path. The message names the feature
 * (and the fold) and the exact power of two 2ᵏ that takes its largest into [1, 2): the fit on
 * the feature multiplied by 2ᵏ has its coefficient multiplied by 2ᵏ, the rest unchanged
 * ({@link GaussianStatistics}, "Tiny columns"). A feature of order 1 that is tiny in one
 * partition or on one fold's held-out rows is squared at its own scale and taken.
 *
 * <p>A row's fold is the value of the fold column (a whole number in 1..K), or else
 * {@link RandomFolds#fold}, a seeded hash of the row's label and features. Rows are checked as
 * they are read; a bad one stops the pass with an {@link InputException} that names the column,
 * the partition and the row's position in it (a distributed pass knows no global row number).
 *
 * @param featuresCol a column of {@code org.apache.spark.ml.linalg.Vector}
 * @param labelCol a numeric column
 * @param weightCol a numeric column of weights ≥ 0, or empty for weight 1
 * @param foldCol a numeric column of fold ids 1..numFolds, or empty for {@link RandomFolds}
 * @param numFolds K ≥ 2
 * @param seed the seed of the random folds
 * @param maxFeatures the largest p the pass accepts (a task stops at its first row beyond it,
 *     before allocating anything)
 * @param aggregationDepth depth of the merge tree (≥ 1)
 * @param family GAUSSIAN (any finite label), BINOMIAL (labels must be 0 or 1; the binomial
 *     IRLS starts from these statistics, {@link SingleResponseIrls}), POISSON (labels must be
 *     counts, finite numbers ≥ 0; {@link SingleResponseIrls}) or MULTINOMIAL (labels must be
 *     class indices, whole numbers in 0..{@value MultinomialPass#MAX_CLASS};
 *     {@link MultinomialIrls})
 */
record StatisticsPass(String featuresCol, String labelCol, Optional<String> weightCol,
    Optional<String> foldCol, int numFolds, long seed, int maxFeatures, int aggregationDepth,
    Family family) {

  /** The message of a pass over no rows (PathJob names its file instead). */
  static final String NO_ROWS = "the data have no rows";

  /** The gaussian pass (any finite label). */
  StatisticsPass(String featuresCol, String labelCol, Optional<String> weightCol,
      Optional<String> foldCol, int numFolds, long seed, int maxFeatures, int aggregationDepth) {
    this(featuresCol, labelCol, weightCol, foldCol, numFolds, seed, maxFeatures,
        aggregationDepth, Family.GAUSSIAN);
  }

  StatisticsPass {
    Objects.requireNonNull(featuresCol, "featuresCol");
    Objects.requireNonNull(labelCol, "labelCol");
    Objects.requireNonNull(weightCol, "weightCol");
    Objects.requireNonNull(foldCol, "foldCol");
    Objects.requireNonNull(family, "family");
    if (numFolds < 2) {
      throw new InputException("numFolds must be at least 2, got " + numFolds);
    }
    if (maxFeatures < 1 || aggregationDepth < 1) {
      throw new IllegalArgumentException("maxFeatures and aggregationDepth must be positive");
    }
  }

  /**
   * What the pass gives: the statistics of all rows; every fold's, from {@link #pass} (a path
   * without cross-validation, {@link #pathPass}, has none); and the rows' fingerprint sums
   * ({@link DataFingerprint#of} makes the fingerprint from them and the column names).
   */
  record Output(GaussianStatistics total, Optional<FoldStatistics> folds,
      byte[] fingerprintSums) {

    /** Every fold's statistics (a pass of {@link StatisticsPass#pass}). */
    FoldStatistics statistics() {
      return folds.orElseThrow(() -> new IllegalStateException("a path pass has no folds"));
    }
  }

  /** Runs the pass: one Spark job that reads {@code data} once. */
  FoldStatistics run(Dataset<?> data) {
    return pass(data).statistics();
  }

  /**
   * Runs the pass ({@link #run}), with the fingerprint sums of the rows.
   *
   * @throws dev.tikhonov.select.FoldException for a fold without rows of positive weight
   */
  Output pass(Dataset<?> data) {
    Merged merged = foldsOf(data);
    FoldStatistics statistics = FoldStatistics.of(Arrays.asList(merged.folds()));
    requireSquarableTraining(merged, statistics);
    return checked(statistics.total(), Optional.of(statistics), merged);
  }

  /**
   * The pass of a path without cross-validation: the statistics of all rows, which need no
   * fold to have rows. The rows are still accumulated by fold and the folds merged in fold
   * order ({@link GaussianStatistics#plus}, an empty fold its identity), so where every fold
   * has rows the total is {@link #pass}'s bit for bit.
   */
  Output pathPass(Dataset<?> data) {
    Merged merged = foldsOf(data);
    GaussianStatistics[] folds = merged.folds();
    GaussianStatistics total = folds[0];
    for (int k = 1; k < folds.length; k++) {
      total = total.plus(folds[k]);
    }
    return checked(total, Optional.empty(), merged);
  }

  /** The output, once the total and every fold are finite ({@link #requireFinite}). */
  private Output checked(GaussianStatistics total, Optional<FoldStatistics> folds,
      Merged merged) {
    requireFinite(total);
    for (GaussianStatistics part : merged.folds()) {
      requireFinite(part);
    }
    return new Output(total, folds, merged.fingerprintSums());
  }

  /**
   * Every fold's statistics, each feature's largest magnitude on each fold's rows of positive
   * weight (fold k's feature j at {@code (k - 1)·p + j}; null without rows) and the fingerprint
   * sums of the rows, as the pass merged them.
   */
  private record Merged(GaussianStatistics[] folds, double[] largest, byte[] fingerprintSums) {}

  /**
   * Refuses a feature whose largest magnitude on some fold's training rows (the rows outside
   * it) is below 2⁻⁴⁰⁰ while the whole data's is not ({@link Numbers#tooSmallToSquare}): that
   * fold's training statistics would read it as constant, and its path would leave it out
   * (core's ElasticNetCV fits such folds from the rows; the pass has only statistics). The
   * message names the fold and the power of two 2ᵏ that takes those rows' largest into [1, 2),
   * when the whole data's largest times 2ᵏ stays below 2⁴⁰⁰ (squares below 2⁸⁰⁰); else no
   * power of two holds both, and it names the ways out instead.
   */
  private void requireSquarableTraining(Merged merged, FoldStatistics statistics) {
    double[] largest = merged.largest();
    if (largest == null) {
      return;
    }
    int p = statistics.numFeatures();
    for (int f = 0; f < numFolds; f++) {
      for (int j = 0; j < p; j++) {
        double training = 0;
        double all = 0;
        for (int g = 0; g < numFolds; g++) {
          all = Math.max(all, largest[g * p + j]);
          if (g != f) {
            training = Math.max(training, largest[g * p + j]);
          }
        }
        if (Numbers.tooSmallToSquare(training)) {
          throw new InputException(trainingMessage(j, f + 1, training, all,
              statistics.training(f + 1).count(), statistics.total().count()));
        }
      }
    }
  }

  private String trainingMessage(int j, int fold, double training, double all,
      long trainingRows, long rows) {
    String what = "column '" + featuresCol + "', feature " + (j + 1) + " (vector index " + j
        + "), on the training rows of fold " + fold + " of 1.." + numFolds
        + " (every row outside fold " + fold + ")";
    int k = Numbers.unitPowerOfTwo(training);
    if (Math.getExponent(all) + k < 400) {
      return Numbers.tooSmallToSquareMessage(what, training, trainingRows);
    }
    return String.format(Locale.ROOT, "%s: its largest magnitude over all %d rows is %.3g,"
        + " below 2^-400 (about 3.9e-121), where over all %d rows it is %.3g: sufficient"
        + " statistics cannot hold its spread on those rows, and no power of two scales both"
        + " into range (2^%d would take %.3g past 2^400); give fold ids that put its large"
        + " values in two folds or more, or cross-validate on one machine"
        + " (ElasticNetCV fits such folds from the rows)", what, trainingRows, training, rows,
        all, k, all);
  }

  /** The Spark job: every fold's statistics, refused when there are no rows of weight > 0. */
  private Merged foldsOf(Dataset<?> data) {
    Column weight = weightCol.map(c -> Columns.column(c).cast("double")).orElse(lit(1.0));
    Column fold = foldCol.map(c -> Columns.column(c).cast("double")).orElse(lit(0.0));
    JavaRDD<Row> rows = data.select(Columns.column(featuresCol),
        Columns.column(labelCol).cast("double"), weight, fold).toJavaRDD();
    RowFolder folder = new RowFolder(featuresCol, labelCol, weightCol.orElse(""),
        foldCol.orElse(""), numFolds, seed, maxFeatures, family);
    JavaRDD<byte[][]> partials = rows.mapPartitionsWithIndex(folder, true);
    String column = featuresCol; // the merge runs in tasks: it captures the name, not this
    byte[][] merged = SparkFailures.unwrap(
        () -> OrderedTreeAggregate.reduce(partials, (a, b) -> merge(column, a, b),
            new byte[0][], aggregationDepth));
    GaussianStatistics[] folds = StatisticsCodec.decode(statisticsOf(merged));
    if (folds == null) {
      throw new InputException(NO_ROWS);
    }
    if (weightCol.isPresent() && Arrays.stream(folds).allMatch(f -> f.weightSum() == 0)) {
      // Else the first fold would be named as empty, which is true of every fold.
      throw new InputException("column '" + weightCol.get() + "': every weight is 0 ("
          + Arrays.stream(folds).mapToLong(GaussianStatistics::count).sum() + " rows); a fit"
          + " needs a row of positive weight");
    }
    double[] largest = largestOf(merged);
    double[] all = largest == null ? null : allFolds(largest, folds[0].numFeatures());
    int tiny = all == null ? -1 : Numbers.firstTooSmallToSquare(all);
    if (tiny >= 0) {
      throw new InputException(Numbers.tooSmallToSquareMessage("column '" + featuresCol
          + "', feature " + (tiny + 1) + " (vector index " + tiny + ")", all[tiny],
          Arrays.stream(folds).mapToLong(GaussianStatistics::count).sum()));
    }
    return new Merged(folds, largest, merged[merged.length - 1]);
  }

  /** Each feature's largest magnitude over all folds, from the folds' (fold-major, K·p). */
  private static double[] allFolds(double[] largest, int p) {
    double[] all = new double[p];
    for (int i = 0; i < largest.length; i++) {
      all[i % p] = Math.max(all[i % p], largest[i]);
    }
    return all;
  }

  /** The largest-magnitudes record's tag ("TKLM"). */
  private static final int LARGEST_MAGIC = 0x544B4C4D;

  /**
   * Each fold's features' largest magnitudes as a record: the tag, then K·p little-endian
   * doubles (fold-major).
   */
  static byte[] encodeLargest(double[] largest) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 + 8 * largest.length)
        .order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(LARGEST_MAGIC);
    for (double v : largest) {
      b.putDouble(v);
    }
    return b.array();
  }

  private static boolean isLargest(byte[] record) {
    return record.length >= 4 && (record.length - 4) % 8 == 0
        && java.nio.ByteBuffer.wrap(record).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt()
        == LARGEST_MAGIC;
  }

  /** The largest magnitudes of a result (before its fingerprint), or null without them. */
  static double[] largestOf(byte[][] partial) {
    int end = partial.length;
    if (end > 0 && DataFingerprint.isRecord(partial[end - 1])) {
      end--;
    }
    if (end == 0 || !isLargest(partial[end - 1])) {
      return null;
    }
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(partial[end - 1])
        .order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.getInt();
    double[] largest = new double[(partial[end - 1].length - 4) / 8];
    for (int j = 0; j < largest.length; j++) {
      largest[j] = b.getDouble();
    }
    return largest;
  }

  /**
   * Refuses statistics whose moments overflowed: a feature (or label) with values about 10¹⁵⁴
   * or more apart has squared deviations beyond double precision's 1.8·10³⁰⁸. Every value was
   * finite, so nothing else said so, and the fit treated an infinite variance as a feature
   * scaled away: at 10²⁰⁰ times its spread a feature came out with coefficient 0, without a
   * word, where the same feature at its own scale mattered.
   */
  private void requireFinite(GaussianStatistics s) {
    int p = s.numFeatures();
    double[] scatter = s.featureScatter();
    for (int j = 0; j < p; j++) {
      boolean finite = Double.isFinite(s.featureMeans()[j]);
      for (int k = 0; k < p && finite; k++) {
        finite = Double.isFinite(scatter[j * p + k]);
      }
      if (!finite) {
        throw new InputException("column '" + featuresCol + "', feature " + (j + 1)
            + " (vector index " + j + "): " + OVERFLOW);
      }
    }
    boolean label = Double.isFinite(s.targetMean()) && Double.isFinite(s.targetScatter());
    for (double v : s.featureTargetScatter()) {
      label &= Double.isFinite(v);
    }
    if (!label) {
      throw new InputException("column '" + labelCol + "': " + OVERFLOW);
    }
  }

  private static final String OVERFLOW = "the (weighted) sum of squared deviations from its mean"
      + " overflows double precision (values about 1e154 or more apart); rescale it";

  /**
   * A result without its fingerprint record (the last, when there is one) and its largest
   * magnitudes (the one before it, when there is one).
   */
  private static byte[][] statisticsOf(byte[][] partial) {
    int end = partial.length;
    if (end > 0 && DataFingerprint.isRecord(partial[end - 1])) {
      end--;
    }
    if (end > 0 && isLargest(partial[end - 1])) {
      end--;
    }
    return end == partial.length ? partial : Arrays.copyOf(partial, end);
  }

  /**
   * ⊕ of two partitions' results, fold by fold, and their fingerprint sums added when both
   * carry them; "no rows" is the identity.
   */
  static byte[][] merge(String featuresCol, byte[][] left, byte[][] right) {
    GaussianStatistics[] a = StatisticsCodec.decode(statisticsOf(left));
    GaussianStatistics[] b = StatisticsCodec.decode(statisticsOf(right));
    if (a == null) {
      return right;
    }
    if (b == null) {
      return left;
    }
    if (a[0].numFeatures() != b[0].numFeatures()) {
      // Each partition checked its own rows: here two partitions disagree.
      throw new InputException("column '" + featuresCol + "' holds vectors of "
          + a[0].numFeatures() + " elements in some partitions and of " + b[0].numFeatures()
          + " in others; every row needs the same number");
    }
    GaussianStatistics[] sum = new GaussianStatistics[a.length];
    for (int k = 0; k < a.length; k++) {
      sum[k] = a[k].plus(b[k]);
    }
    byte[][] merged = StatisticsCodec.encode(sum);
    double[] largestA = largestOf(left);
    double[] largestB = largestOf(right);
    if (largestA != null && largestB != null) {
      double[] largest = new double[largestA.length];
      for (int j = 0; j < largest.length; j++) {
        largest[j] = Math.max(largestA[j], largestB[j]);
      }
      merged = Arrays.copyOf(merged, merged.length + 1);
      merged[merged.length - 1] = encodeLargest(largest);
    }
    if (DataFingerprint.isRecord(left[left.length - 1])
        && DataFingerprint.isRecord(right[right.length - 1])) {
      merged = Arrays.copyOf(merged, merged.length + 1);
      merged[merged.length - 1] = DataFingerprint.merge(left[left.length - 1],
          right[right.length - 1]);
    }
    return merged;
  }

  /** The task: a partition's rows into K accumulators. */
  private record RowFolder(String featuresCol, String labelCol, String weightCol, String foldCol,
      int numFolds, long seed, int maxFeatures, Family family)
      implements Function2<Integer, Iterator<Row>, Iterator<byte[][]>> {

    @Override
    public Iterator<byte[][]> call(Integer partition, Iterator<Row> rows) {
      GaussianStatistics.Accumulator[] folds = null;
      DataFingerprint.Sums fingerprint = new DataFingerprint.Sums();
      double[] dense = null;
      double[] largest = null;
      long position = 0;
      while (rows.hasNext()) {
        Row row = rows.next();
        position++;
        if (row.isNullAt(0)) {
          throw bad(featuresCol, partition, position, "is null (expected a vector)");
        }
        Vector features = (Vector) row.get(0);
        int p = features.size();
        if (folds == null) {
          if (p > maxFeatures) {
            throw new InputException(DriverLimit.message(featuresCol, p, numFolds, maxFeatures));
          }
          folds = new GaussianStatistics.Accumulator[numFolds];
          for (int k = 0; k < numFolds; k++) {
            folds[k] = new GaussianStatistics.Accumulator(p);
          }
          dense = new double[p];
          largest = new double[numFolds * p];
        } else if (p != dense.length) {
          throw bad(featuresCol, partition, position, "has " + p + " elements; the rows before "
              + "it have " + dense.length);
        }
        if (row.isNullAt(1)) {
          throw bad(labelCol, partition, position, "is null (expected a finite number)");
        }
        double label = row.getDouble(1);
        double weight = 1.0;
        if (!weightCol.isEmpty()) {
          if (row.isNullAt(2)) {
            throw bad(weightCol, partition, position,
                "is null (expected a finite number ≥ 0)");
          }
          weight = row.getDouble(2);
        }
        int fold;
        if (foldCol.isEmpty()) {
          fold = RandomFolds.fold(seed, numFolds, label, features);
        } else {
          double id = row.isNullAt(3) ? Double.NaN : row.getDouble(3);
          if (!(id >= 1 && id <= numFolds && id == Math.rint(id))) {
            throw bad(foldCol, partition, position, "is " + (row.isNullAt(3) ? "null" : id)
                + ", expected a fold id in 1.." + numFolds + " (numFolds)");
          }
          fold = (int) id;
        }
        if (!Double.isFinite(label)) {
          throw bad(labelCol, partition, position, label + " is not a finite number");
        }
        if (family == Family.BINOMIAL && label != 0 && label != 1) {
          throw bad(labelCol, partition, position, "is " + label + ", expected a class 0 or 1"
              + " (family binomial)");
        }
        if (family == Family.MULTINOMIAL && !(label >= 0 && label <= MultinomialPass.MAX_CLASS
            && label == Math.rint(label))) {
          throw bad(labelCol, partition, position, "is " + label + ", expected a class index:"
              + " a whole number in 0.." + MultinomialPass.MAX_CLASS + " (family multinomial)");
        }
        if (family == Family.POISSON && !(label >= 0)) {
          throw bad(labelCol, partition, position, "is " + label + ", expected a count: a"
              + " finite number ≥ 0 (family poisson)");
        }
        if (!(weight >= 0) || Double.isInfinite(weight)) {
          throw bad(weightCol, partition, position, weight
              + " is not a weight (expected a finite number ≥ 0)");
        }
        toDense(features, dense);
        for (int j = 0; j < p; j++) {
          if (!Double.isFinite(dense[j])) {
            throw bad(featuresCol, partition, position, "feature " + (j + 1) + " (vector index "
                + j + ") is " + dense[j] + ", not a finite number");
          }
        }
        folds[fold - 1].add(dense, label, weight);
        if (weight > 0) { // the rows the statistics sum
          int at = (fold - 1) * p;
          for (int j = 0; j < p; j++) {
            largest[at + j] = Math.max(largest[at + j], Math.abs(dense[j]));
          }
        }
        fingerprint.add(dense, label, weight);
      }
      if (folds == null) {
        return Collections.singletonList(new byte[0][]).iterator();
      }
      GaussianStatistics[] statistics = new GaussianStatistics[numFolds];
      for (int k = 0; k < numFolds; k++) {
        statistics[k] = folds[k].toStatistics();
      }
      byte[][] records = Arrays.copyOf(StatisticsCodec.encode(statistics), numFolds + 2);
      records[numFolds] = encodeLargest(largest);
      records[numFolds + 1] = fingerprint.encode();
      return Collections.singletonList(records).iterator();
    }

    private static InputException bad(String column, int partition, long position,
        String what) {
      return new InputException("column '" + column + "', row " + position + " of partition "
          + partition + ": " + what);
    }

    private static void toDense(Vector features, double[] out) {
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
