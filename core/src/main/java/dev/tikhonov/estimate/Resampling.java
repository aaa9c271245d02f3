package dev.tikhonov.estimate;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.select.GridSearch;
import dev.tikhonov.select.KFold;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * How a cross-validation splits the training rows: K folds ({@link #kFold}, each row held out
 * once, cv.glmnet's random fold ids; {@link #givenFolds}, cv.glmnet's {@code foldid}),
 * or one fixed train/test split fitted with several seeds
 * ({@link #repeatedSeeds}; its standard error then measures the seeds' noise only, not the
 * data's). Each split is scored on its held-out rows and weighted by their number
 * ({@link dev.tikhonov.select.CvSummary}). Immutable and thread-safe.
 */
public final class Resampling {
  /**
   * One train/test split of row indices (0-based, increasing) and the seed its fits use (empty:
   * the estimator's own). Immutable (the row arrays are copied in and out), so thread-safe.
   *
   * @param trainRows the rows the split's fits train on
   * @param testRows the held-out rows they are scored on
   * @param seed the seed of the split's fits ({@link #repeatedSeeds}); empty for the
   *     estimator's own
   */

  public record Split(int[] trainRows, int[] testRows, OptionalLong seed) {
    /** "Split[80 train rows, 20 test rows, seed 3]". */
    @Override
    public String toString() {
      return "Split[" + trainRows.length + " train rows, " + testRows.length + " test rows"
          + (seed.isPresent() ? ", seed " + seed.getAsLong() : "") + "]";
    }

    public Split {
      trainRows = trainRows.clone();
      testRows = testRows.clone();
    }

    @Override
    public int[] trainRows() {
      return trainRows.clone();
    }

    @Override
    public int[] testRows() {
      return testRows.clone();
    }
  }

  private final int numFolds;
  private final long seed;
  private final double testFraction;
  private final long[] seeds;
  /** The given fold id of each row, 1..K ({@link #givenFolds}); empty for random folds. */
  private final int[] foldIds;

  private Resampling(int numFolds, long seed, double testFraction, long[] seeds,
      int[] foldIds) {
    this.numFolds = numFolds;
    this.seed = seed;
    this.testFraction = testFraction;
    this.seeds = seeds;
    this.foldIds = foldIds;
  }

  /** K-fold cross-validation with random fold ids seeded by {@code seed} (K ≥ 2). */
  public static Resampling kFold(int numFolds, long seed) {
    if (numFolds < 2) {
      throw new IllegalArgumentException("numFolds must be >= 2, got " + numFolds);
    }
    return new Resampling(numFolds, seed, 0, new long[0], new int[0]);
  }

  /**
   * K-fold cross-validation on these folds (cv.glmnet's {@code foldid}, scikit-learn's
   * {@code PredefinedSplit} counted from 1): row i is held out in fold {@code foldIds[i]}, K the
   * largest id; one id per row of the data it splits, in their order ({@link #splits} refuses
   * another count). The ids are copied in.
   *
   * @throws InputException about {@code foldIds} for an id below 1, one fold only, or a fold of
   *     1..K without rows
   */
  public static Resampling givenFolds(int... foldIds) {
    KFold folds = LinearCvBuilder.givenFolds(foldIds, foldIds.length);
    return new Resampling(folds.numFolds(), 0, 0, new long[0], folds.foldIds());
  }

  /**
   * One seeded split with {@code testFraction} of the rows held out, fitted once per seed in
   * {@code seeds} (at least 2, distinct).
   */
  public static Resampling repeatedSeeds(double testFraction, long splitSeed, long... seeds) {
    if (!(testFraction > 0 && testFraction < 1)) {
      throw new IllegalArgumentException("testFraction must be in (0, 1), got " + testFraction);
    }
    if (seeds.length < 2) {
      throw new IllegalArgumentException("repeated seeds must be at least 2 for a standard"
          + " error, got " + seeds.length);
    }
    java.util.Optional<String> twice = dev.tikhonov.internal.data.Repeats.first(
        java.util.Arrays.stream(seeds).boxed().toList(), s -> s);
    if (twice.isPresent()) {
      throw new IllegalArgumentException("repeated seeds must be distinct; " + twice.get());
    }
    return new Resampling(0, splitSeed, testFraction, seeds.clone(), new int[0]);
  }

  /** K for k-fold cross-validation; 0 for repeated seeds on one split. */
  int numFolds() {
    return numFolds;
  }

  /**
   * Refuses repeated seeds on one split for a linear cross-validation (ElasticNetCV's,
   * RidgeCV's), whose fits do not vary with a seed.
   *
   * @throws IllegalArgumentException naming {@code Resampling.kFold(k, seed)} as the remedy
   */
  static void requireFolds(Resampling value) {
    java.util.Objects.requireNonNull(value, "resampling");
    if (value.numFolds() == 0) {
      throw new IllegalArgumentException("resampling: a linear cross-validation fits k folds"
          + " (cv.glmnet's); " + value.describe() + " is for networks, whose fits vary with"
          + " the seed; use Resampling.kFold(k, seed)");
    }
  }

  /** The seed of the fold assignment or of the one split (0 for given folds). */
  long seed() {
    return seed;
  }

  /** The given fold ids ({@link #givenFolds}), a copy; empty for random folds. */
  int[] foldIds() {
    return foldIds.clone();
  }

  /** The number of splits: K, or the number of seeds. */
  public int size() {
    return numFolds > 0 ? numFolds : seeds.length;
  }

  /**
   * Refuses splits whose training rows leave a regression fit nothing to fit (one target value:
   * the networks refuse it, as the paths do), before any fit runs, as a {@link
   * dev.tikhonov.select.FoldException} naming the split: "split 2 of 5 (its training rows): the
   * target is constant (5.0): nothing to fit" (with repeated seeds, whose splits are one split,
   * "the split (its training rows)"). It surfaced from one fit with no split named.
   * A target of one value on all rows is the {@link dev.tikhonov.data.ConstantTargetException}
   * of a single fit instead (other splits cannot help), and for k folds a target that differs
   * from the others' one value in a single row is {@link FoldFeasibility}'s refusal. For
   * classes the same holds of rows of one class ("split 2 of 5 (its training rows): the rows
   * are all of class "a" …"); the networks train on folds that lack some other class.
   */
  static void requireVaryingTargets(Dataset data, List<Split> splits) {
    NetworkFit.requireVaryingTarget(data);
    if (!splits.isEmpty() && splits.get(0).seed().isEmpty()) {
      FoldFeasibility.requireVariesInTwoRows(data, "rows to search on");
    }
    for (int s = 0; s < splits.size(); s++) {
      Split split = splits.get(s);
      int[] rows = split.trainRows;
      if (rows.length == 0) {
        continue;
      }
      java.util.OptionalDouble value = NetworkFit.constantTarget(data, rows);
      if (value.isEmpty()) {
        continue;
      }
      String problem = NetworkFit.constantTargetProblem(data, value.getAsDouble());
      if (split.seed().isPresent()) {
        throw new dev.tikhonov.select.FoldException(s + 1, splits.size(), "the split (its"
            + " training rows): " + problem);
      }
      throw new dev.tikhonov.select.FoldException(s + 1, splits.size(), "split " + (s + 1)
          + " of " + splits.size() + " (its training rows): " + problem);
    }
  }

  /**
   * Refuses, before any fit, splits that a search weighting its rows by {@code weightColumn}
   * could not fit or score: the column's own refusals (missing, a weight below 0 or not finite
   * naming its row of {@code data}, weights all 0; an {@link InputException} about
   * "weightColumn"), then a split whose held-out rows all have weight 0 (its weighted score
   * Σ wᵢℓᵢ / Σ wᵢ would be 0/0) or whose training rows do (nothing to fit), as a {@link
   * dev.tikhonov.select.FoldException} naming the split and its rows: "split 3 of 5: every one
   * of its 12 held-out rows has weight 0 (weight column "w"), so the split cannot be scored"
   * (with repeated seeds "the split: …"), "split 3 of 5 (its training rows): every one of its
   * 48 rows has weight 0 (weight column "w"): nothing to fit". The split's evaluation said
   * "every weight of DATA is 0", false of the data, after the other splits' fits. Nothing when
   * {@code weightColumn} is empty.
   */
  static void requireWeightedSplits(Dataset data, List<Split> splits,
      java.util.Optional<String> weightColumn) {
    if (weightColumn.isEmpty()) {
      return;
    }
    double[] w = ObservationColumns.evaluationWeights(data, weightColumn, List.of());
    String column = " (weight column \"" + weightColumn.get() + "\")";
    for (int s = 0; s < splits.size(); s++) {
      Split split = splits.get(s);
      String name = split.seed().isPresent() ? "the split" : "split " + (s + 1) + " of "
          + splits.size();
      if (!(weightOf(w, split.trainRows) > 0)) {
        throw new dev.tikhonov.select.FoldException(s + 1, splits.size(), name + " (its"
            + " training rows): " + everyOne(split.trainRows.length, "row") + " has weight 0"
            + column + ": nothing to fit");
      }
      if (!(weightOf(w, split.testRows) > 0)) {
        throw new dev.tikhonov.select.FoldException(s + 1, splits.size(), name + ": "
            + everyOne(split.testRows.length, "held-out row") + " has weight 0" + column
            + ", so " + (split.seed().isPresent() ? "it" : "the split") + " cannot be scored");
      }
    }
  }

  private static double weightOf(double[] w, int[] rows) {
    double sum = 0;
    for (int i : rows) {
      sum += w[i];
    }
    return sum;
  }

  /** "every one of its 12 held-out rows", or "its only held-out row". */
  private static String everyOne(int n, String row) {
    return n == 1 ? "its only " + row : "every one of its " + n + " " + row + "s";
  }

  /**
   * The splits of {@code data}'s rows. InputException when there are more folds than rows
   * ({@link InputException#about} {@code numFolds}), given fold ids not one per row (about
   * {@code foldIds}: "59 fold ids for 60 rows"), or too few rows for both sides of a split.
   */
  public List<Split> splits(Dataset data) {
    // The first step of GridSearchCV's and MlpPathCV's fits.
    int n = java.util.Objects.requireNonNull(data, "train").numRows();
    List<Split> out = new ArrayList<>();
    if (numFolds > 0) {
      if (numFolds > n && foldIds.length == 0) {
        // about numFolds, as KFold's refusal: a caller that sets it by another name (the
        // CLI's flag) names it so
        throw InputException.about("numFolds", " (" + numFolds + ") is more than the " + n
            + (n == 1 ? " row" : " rows") + " to search on (" + data.source() + "): every fold"
            + " needs a row" + (n >= 2 ? "; use at most " + n : ", and cross-validation needs"
            + " at least 2 folds, so at least 2 rows"));
      }
      KFold folds = foldIds.length > 0 ? LinearCvBuilder.givenFolds(foldIds, n)
          : KFold.random(n, numFolds, seed);
      for (int f = 1; f <= numFolds; f++) {
        out.add(new Split(folds.trainRows(f), folds.testRows(f), OptionalLong.empty()));
      }
      return out;
    }
    GridSearch.Split split;
    try {
      split = GridSearch.holdout(n, testFraction, seed).get(0);
    } catch (IllegalArgumentException e) {
      throw new InputException(data.source() + ": " + n + " rows cannot be split into a"
          + " training and a test part with test fraction " + testFraction, e);
    }
    for (long s : seeds) {
      out.add(new Split(split.trainRows(), split.validationRows(), OptionalLong.of(s)));
    }
    return out;
  }

  /** The settings by snake_case name, for provenance and run files. */
  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    if (numFolds > 0) {
      m.put("resampling", "k-fold");
      m.put("folds", numFolds);
      if (foldIds.length > 0) {
        m.put("fold_ids", "given");
      } else {
        m.put("fold_seed", seed);
      }
    } else {
      m.put("resampling", "repeated seeds");
      m.put("test_fraction", testFraction);
      m.put("split_seed", seed);
      m.put("seeds", seeds.clone());
    }
    return m;
  }

  /** "5-fold", "5 given folds" or "3 seeds on one 20 % split". */
  public String describe() {
    return foldIds.length > 0 ? numFolds + " given folds" : numFolds > 0 ? numFolds + "-fold"
        : seeds.length + " seeds on one split holding out " + testFraction;
  }

  @Override
  public String toString() {
    return "Resampling[" + describe() + "]";
  }
}
