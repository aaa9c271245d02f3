package dev.tikhonov.select;

import dev.tikhonov.data.InputException;
import dev.tikhonov.data.SparseMatrix;
import dev.tikhonov.internal.train.Tasks;
import dev.tikhonov.linear.ElasticNetPath;
import dev.tikhonov.linear.Observations;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.linear.Shortfall;
import dev.tikhonov.loss.Family;
import dev.tikhonov.tensor.Blas;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * K-fold cross-validation over a whole regularization path, as cv.glmnet: the path is first
 * fitted on all rows to fix the λ sequence, then on each fold's training rows, and every λ of
 * the full sequence is scored on the held-out fold by a {@link CvMeasure}: by default the
 * family's deviance (MSE for gaussian, −2·log p̂ for binomial and multinomial), or the MSE, the
 * MAE, the misclassification rate or the AUC (cv.glmnet's {@code type.measure}; see
 * {@link CvResult} for the mean, the standard error, λ_min and λ_1se). Folds run in parallel on
 * {@code threads} threads.
 *
 * <p>{@link Alignment#INTERPOLATE} is what cv.glmnet (4.x) really does: each fold fits its own
 * default λ sequence and is evaluated at the full data's λ by linear interpolation
 * ({@link PathSolution#interpolate}); {@link Alignment#FRACTION} is cv.glmnet's {@code alignment
 * = "fraction"}: each fold's own default sequence, its l-th λ scored against the full path's
 * l-th (the same fraction of the way along the path); {@link Alignment#SAME_LAMBDAS} fits each
 * fold at exactly the full data's λ. A λ sequence of your own is always kept for the folds, as
 * cv.glmnet does (the three then agree).
 *
 * <p>With observation weights wᵢ (cv.glmnet's {@code weights}) every fit takes them, a fold's
 * held-out loss is the weighted mean Σwᵢ·lossᵢ / Σwᵢ over its rows and its weight in the mean
 * and standard error is its weight sum Σwᵢ (cv.glmnet's {@code cvcompute}); offsets enter every
 * fit and the held-out rows' linear predictors ({@code newoffset}).
 *
 * <p>Unlike cv.glmnet, folds are always scored as groups (glmnet switches to per-row scoring
 * when a fold has fewer than 3 rows). Stateless and thread-safe.
 */
public final class CrossValidation {
  private CrossValidation() {}

  /**
   * How fold fits are lined up with the full data's λ sequence. Thread-safe, as enum constants
   * are.
   */
  public enum Alignment {
    /** cv.glmnet: own default sequence per fold, coefficients interpolated linearly in λ. */
    INTERPOLATE,
    /**
     * cv.glmnet's {@code alignment = "fraction"}: own default sequence per fold, its l-th fit
     * scored at the full path's l-th λ; a fold's path shorter than the full one is scored at
     * its last λ for the rest (see {@link CrossValidation#run}).
     */
    FRACTION,
    /** Each fold fitted at exactly the full data's λ sequence. */
    SAME_LAMBDAS
  }

  /**
   * What a cross-validation keeps besides its scores. Thread-safe, as enum constants are.
   */
  public enum Keep {
    /** The per-fold scores only ({@link CvResult}). */
    SCORES,
    /**
     * Also every row's out-of-fold linear predictors at every λ ({@link OutOfFoldPredictions},
     * cv.glmnet's {@code keep = TRUE}): n·nλ·K more doubles.
     */
    OUT_OF_FOLD_PREDICTIONS
  }

  /**
   * A full-data path, its cross-validation and, when kept ({@link Keep}), the out-of-fold
   * predictions. Immutable and thread-safe as long as the path, which hands out its own arrays,
   * is not modified: the cross-validation and the out-of-fold predictions copy theirs in and
   * out.
   *
   * @param path the path fitted on all rows
   * @param cv its cross-validation: the folds' scores per λ and the choices λ_min, λ_1se
   * @param outOfFold every row's out-of-fold linear predictors per λ; empty when not kept
   */
  public record Fit(PathSolution path,
 CvResult cv, Optional<OutOfFoldPredictions> outOfFold) {
    public Fit {
      java.util.Objects.requireNonNull(outOfFold, "outOfFold (Optional.empty() for none)");
    }

    /** A fit without out-of-fold predictions. */
    public Fit(PathSolution path, CvResult cv) {
      this(path, cv, Optional.empty());
    }
  }

  /**
   * cv.glmnet for any family: the path of {@link ElasticNetPath#fit} on all rows and its K-fold
   * cross-validation, folds aligned as cv.glmnet aligns them.
   *
   * @param y the target (gaussian) or the class index 0..K−1 as a double
   * @param classNames as {@link ElasticNetPath#fit}; the folds use the full fit's classes
   * @throws InputException for data the path cannot fit (a fold's own problems, such as a class
   *     missing from its training rows, are named with the fold)
   */
  public static Fit path(Family family, double[][] x, double[] y, PathSettings settings,
      List<String> featureNames, List<String> classNames, KFold folds, int threads) {
    return path(family, x, y, settings, featureNames, classNames, folds, Alignment.INTERPOLATE,
        threads);
  }

  /** The same with a chosen alignment (a λ sequence of your own always uses the same λ). */
  public static Fit path(Family family, double[][] x, double[] y, PathSettings settings,
      List<String> featureNames, List<String> classNames, KFold folds, Alignment alignment,
      int threads) {
    return path(family, x, y, Observations.none(), settings, featureNames, classNames, folds,
        alignment, threads);
  }

  /**
   * cv.glmnet with observation weights and offsets ({@link Observations}, indexed like the rows
   * of x): every fit takes them (weights normalized over its own rows), held-out rows are
   * scored with their offsets, and folds are averaged with cv.glmnet's weighted definitions
   * (see the class comment).
   */
  public static Fit path(Family family, double[][] x, double[] y, Observations observations,
      PathSettings settings, List<String> featureNames, List<String> classNames, KFold folds,
      Alignment alignment, int threads) {
    return path(family, x, y, observations, settings, featureNames, classNames, folds,
        alignment, CvMeasure.DEVIANCE, threads);
  }

  /**
   * {@link #path(Family, double[][], double[], Observations, PathSettings, List, List, KFold,
   * Alignment, int)} scored by {@code measure} (cv.glmnet's {@code type.measure}).
   *
   * @throws InputException also for a measure the family does not take, and, for the AUC, a
   *     fold whose held-out rows are all of one class (before any fit)
   */
  public static Fit path(Family family, double[][] x, double[] y, Observations observations,
      PathSettings settings, List<String> featureNames, List<String> classNames, KFold folds,
      Alignment alignment, CvMeasure measure, int threads) {
    return path(family, x, y, observations, settings, featureNames, classNames, folds,
        alignment, measure, Keep.SCORES, threads);
  }

  /**
   * {@link #path(Family, double[][], double[], Observations, PathSettings, List, List, KFold,
   * Alignment, CvMeasure, int)} keeping, with {@link Keep#OUT_OF_FOLD_PREDICTIONS}, every row's
   * out-of-fold linear predictors ({@link Fit#outOfFold()}, cv.glmnet's {@code keep = TRUE}).
   */
  public static Fit path(Family family, double[][] x, double[] y, Observations observations,
      PathSettings settings, List<String> featureNames, List<String> classNames, KFold folds,
      Alignment alignment, CvMeasure measure, Keep keep, int threads) {
    java.util.Objects.requireNonNull(measure, "measure").requireAppliesTo(family);
    java.util.Objects.requireNonNull(keep, "keep");
    if (folds.size() != y.length) {
      throw new InputException("folds: " + folds.size() + " fold ids for " + y.length
          + " rows");
    }
    FoldScorer scorer = FoldScorer.of(measure,
        () -> FoldScorer.dense(x, observations.offsets()),
        () -> HeldOutLoss.deviance(x, y, observations.offsets()), y, classNames);
    requireScorable(scorer, observations.weights(), folds);
    PathSolution full = ElasticNetPath.fit(family, x, y, observations, settings, featureNames,
        classNames);
    List<String> classes = full.classNames();
    Alignment effective = settings.defaultSequence() ? alignment : Alignment.SAME_LAMBDAS;
    PathFitter fitter = (rows, lambdas) -> ElasticNetPath.fit(family, x, y, rows, observations,
        lambdas.length == 0 ? settings : settings.withLambdas(lambdas), featureNames, classes);
    return runFolds(plain(fitter), scorer, measure, observations.weights(), folds, full,
        effective, kept(keep, () -> FoldScorer.dense(x, observations.offsets())), threads);
  }

  /**
   * {@link #path(Family, double[][], double[], PathSettings, List, List, KFold, Alignment, int)}
   * on a sparse x, kept sparse: each fold's training rows are copied into their own compressed
   * columns ({@link ElasticNetPath#fit(Family, SparseMatrix, double[], int[], Observations,
   * PathSettings, List, List)}), the held-out rows scored by sparse dot products.
   */
  public static Fit path(Family family, SparseMatrix x, double[] y, PathSettings settings,
      List<String> featureNames, List<String> classNames, KFold folds, Alignment alignment,
      int threads) {
    return path(family, x, y, settings, featureNames, classNames, folds, alignment,
        CvMeasure.DEVIANCE, threads);
  }

  /**
   * {@link #path(Family, SparseMatrix, double[], PathSettings, List, List, KFold, Alignment,
   * int)} scored by {@code measure} (cv.glmnet's {@code type.measure}).
   */
  public static Fit path(Family family, SparseMatrix x, double[] y, PathSettings settings,
      List<String> featureNames, List<String> classNames, KFold folds, Alignment alignment,
      CvMeasure measure, int threads) {
    return path(family, x, y, settings, featureNames, classNames, folds, alignment, measure,
        Keep.SCORES, threads);
  }

  /**
   * {@link #path(Family, SparseMatrix, double[], PathSettings, List, List, KFold, Alignment,
   * CvMeasure, int)} keeping, with {@link Keep#OUT_OF_FOLD_PREDICTIONS}, every row's out-of-fold
   * linear predictors ({@link Fit#outOfFold()}).
   */
  public static Fit path(Family family, SparseMatrix x, double[] y, PathSettings settings,
      List<String> featureNames, List<String> classNames, KFold folds, Alignment alignment,
      CvMeasure measure, Keep keep, int threads) {
    java.util.Objects.requireNonNull(measure, "measure").requireAppliesTo(family);
    java.util.Objects.requireNonNull(keep, "keep");
    if (folds.size() != y.length) {
      throw new InputException("folds: " + folds.size() + " fold ids for " + y.length
          + " rows");
    }
    FoldScorer scorer = FoldScorer.of(measure, () -> FoldScorer.sparse(x),
        () -> HeldOutLoss.deviance(x, y), y, classNames);
    requireScorable(scorer, new double[0], folds);
    PathSolution full = ElasticNetPath.fit(family, x, y, settings, featureNames, classNames);
    List<String> classes = full.classNames();
    Alignment effective = settings.defaultSequence() ? alignment : Alignment.SAME_LAMBDAS;
    PathFitter fitter = (rows, lambdas) -> ElasticNetPath.fit(family, x, y, rows,
        Observations.none(), lambdas.length == 0 ? settings : settings.withLambdas(lambdas),
        featureNames, classes);
    return runFolds(plain(fitter), scorer, measure, new double[0], folds, full, effective,
        kept(keep, () -> FoldScorer.sparse(x)), threads);
  }

  /** The predictors of the held-out rows when {@code keep} asks for them, else none. */
  private static Optional<FoldScorer.Etas> kept(Keep keep,
      java.util.function.Supplier<FoldScorer.Etas> etas) {
    return keep == Keep.OUT_OF_FOLD_PREDICTIONS ? Optional.of(etas.get()) : Optional.empty();
  }

  /**
   * The cross-validation of {@code full}'s λ sequence and, with {@code etas}, its out-of-fold
   * predictions (one output per class for multinomial, named by {@code full}'s classes).
   */
  private static Fit runFolds(FoldFitter fitter, FoldScorer scorer, CvMeasure measure,
      double[] weights, KFold folds, PathSolution full, Alignment alignment,
      Optional<FoldScorer.Etas> etas, int threads) {
    int outputs = full.numOutputs();
    Optional<double[][][]> predictions = etas.map(e ->
        new double[outputs][full.size()][folds.size()]);
    CvResult cv = runWithPilots(fitter, scorer, measure, weights, folds, full.lambdas(),
        alignment, etas.map(e -> new Predictions(e, predictions.orElseThrow())), threads);
    return new Fit(full, cv, predictions.map(p -> new OutOfFoldPredictions(
        full.lambdas(), folds.foldIds(), outputs == 1 ? List.of() : full.classNames(),
        p)));
  }

  /**
   * Where a cross-validation writes its held-out rows' linear predictors: {@code out}[k][l][i]
   * for row i (each fold writes its own rows only, so folds on several threads never write the
   * same element).
   */
  record Predictions(FoldScorer.Etas etas, double[][][] out) {
    /** Rows {@code test}'s η at every λ of {@code out}; past {@code available}, at the last. */
    void write(PathSolution path, int available, int[] test) {
      int m = out[0].length;
      for (int l = 0; l < m; l++) {
        for (int i : test) {
          if (l < available) {
            double[] eta = etas.of(path, l, i);
            for (int k = 0; k < eta.length; k++) {
              out[k][l][i] = eta[k];
            }
          } else {
            for (int k = 0; k < out.length; k++) { // the last fit's η, computed once
              out[k][l][i] = out[k][available - 1][i];
            }
          }
        }
      }
    }
  }

  /**
   * cv.glmnet for the gaussian family from each fold's sufficient statistics alone (no rows):
   * the path of {@link ElasticNetPath#fit(dev.tikhonov.linear.GaussianStatistics, PathSettings,
   * List)} on {@code folds.total()}, fold k's on {@code folds.training(k)}, scored on
   * {@code folds.fold(k)} by its weighted mean squared error and weighted by its weight sum;
   * equal to {@link #path} on the rows the statistics come from, up to rounding. The cost after
   * the statistics is p² per coordinate pass, none per row: K-fold CV at the price of one Gram
   * matrix ({@link FoldStatistics#of(double[][], double[], double[], KFold)}), or of one
   * distributed pass.
   *
   * @throws InputException for statistics the path cannot fit, naming the fold when it is one
   *     fold's training rows
   */
  public static Fit gaussian(FoldStatistics folds, PathSettings settings,
      List<String> featureNames, Alignment alignment, int threads) {
    return gaussian(folds, settings, featureNames, alignment, CvMeasure.DEVIANCE, threads);
  }

  /**
   * {@link #gaussian(FoldStatistics, PathSettings, List, Alignment, int)}, the result labelled
   * with {@code measure}: the statistics give squared errors only, so {@link CvMeasure#DEVIANCE}
   * or {@link CvMeasure#MEAN_SQUARED_ERROR} (the same numbers for gaussian).
   *
   * @throws InputException for another measure (the MAE needs the rows: use {@link #path})
   */
  public static Fit gaussian(FoldStatistics folds, PathSettings settings,
      List<String> featureNames, Alignment alignment, CvMeasure measure, int threads) {
    java.util.Objects.requireNonNull(measure, "measure");
    if (measure != CvMeasure.DEVIANCE && measure != CvMeasure.MEAN_SQUARED_ERROR) {
      throw InputException.about("measure", ": '" + measure.id() + "' needs the held-out rows;"
          + " cross-validation from sufficient statistics scores squared errors only (deviance"
          + " or mse)");
    }
    return StatisticsCrossValidation.run(folds, settings, featureNames, alignment, measure,
        threads);
  }

  /**
   * Each fold's path from its training rows' statistics alone, fold k at index k − 1:
   * {@link ElasticNetPath#fit(dev.tikhonov.linear.GaussianStatistics, PathSettings, List)} on
   * {@code folds.training(k)} with {@code settings} as given (the caller decides between each
   * fold's own default sequence and the full path's λ, {@code settings.withLambdas(…)}), on
   * {@code threads} threads. For a cross-validation that scores the held-out rows itself, by a
   * measure the statistics do not give (the Spark module's distributed MAE).
   *
   * @throws FoldException for a fold whose training statistics the path cannot fit, naming it
   */
  public static PathSolution[] foldPaths(FoldStatistics folds, PathSettings settings,
      List<String> featureNames, int threads) {
    int k = folds.numFolds();
    List<Callable<PathSolution>> tasks = new ArrayList<>();
    for (int f = 1; f <= k; f++) {
      int fold = f;
      tasks.add(() -> {
        try {
          return ElasticNetPath.fit(folds.training(fold), settings, featureNames);
        } catch (InputException e) {
          throw new FoldException(fold, k, "fold " + fold + " of " + k + " (its training rows): "
              + e.getMessage(), e);
        }
      });
    }
    return runAll(tasks, threads).toArray(new PathSolution[0]);
  }

  /**
   * Cross-validates {@code fitter} on {@code folds} for the sequence {@code lambdas}
   * (decreasing, normally the full data's path). With {@link Alignment#INTERPOLATE} and
   * {@link Alignment#FRACTION} the fitter is called with no λ (its own default sequence). A
   * fold whose path stops before the last λ is scored at its last fit for the rest, and counted
   * in the standard error's K at every λ, as cv.glmnet 4.x counts it (its {@code cvstats} passes
   * N = K to {@code cvcompute}). When the budget of passes cut the path short, its last fit is
   * not a solution: glmnet drops it, and the fit before stands in from its λ on, here as in
   * cv.glmnet (with {@link Alignment#INTERPOLATE} the fold's own path is interpolated as if it
   * ended there). With a λ sequence of your own a glmnet path ends early only so: glmnet skips
   * its early stops then (ref/make_cv_short_fold.R); here a binomial fold whose fit separates
   * its classes also ends (every probability 0 or 1), where glmnet fits on.
   */
  public static CvResult run(PathFitter fitter, HeldOutLoss loss, KFold folds, double[] lambdas,
      Alignment alignment, int threads) {
    return run(fitter, loss, new double[0], folds, lambdas, alignment, threads);
  }

  /**
   * {@link #run(PathFitter, HeldOutLoss, KFold, double[], Alignment, int)} with observation
   * weights wᵢ (indexed like the rows; empty for all 1): a fold's loss is Σwᵢ·lossᵢ / Σwᵢ over
   * its held-out rows and its weight Σwᵢ (cv.glmnet's).
   *
   * @throws InputException when every held-out row of a fold has weight 0
   */
  public static CvResult run(PathFitter fitter, HeldOutLoss loss, double[] weights,
      KFold folds, double[] lambdas, Alignment alignment, int threads) {
    return runWithPilots(plain(fitter), FoldScorer.byRows(loss), CvMeasure.DEVIANCE, weights,
        folds, lambdas, alignment, threads);
  }

  /** A fitter whose folds have no pilot of their own. */
  private static FoldFitter plain(PathFitter fitter) {
    return (fold, rows, sequence) -> new FoldFit(fitter.fit(rows, sequence), Optional.empty());
  }

  /**
   * Refuses, before any fit, a fold that {@code scorer} cannot score whatever the fit (the AUC of
   * held-out rows of one class), naming the fold.
   */
  static void requireScorable(FoldScorer scorer, double[] weights, KFold folds) {
    int k = folds.numFolds();
    for (int f = 1; f <= k; f++) {
      Optional<String> why = scorer.unscorable(folds.testRows(f), weights);
      if (why.isPresent()) {
        throw new FoldException(f, k, "fold " + f + " of " + k + ": " + why.get()
            + "; use fewer folds (more held-out rows each), folds of your own, or another"
            + " measure");
      }
    }
  }

  /**
   * A fold's path and, under an adaptive penalty, what the fold's own pilot did not reach
   * (which chose the factors the path was fitted with).
   */
  record FoldFit(PathSolution path, Optional<PilotShortfall> pilot) {}

  /**
   * {@link PathFitter} for a fit that also has a pilot of its own: the adaptive lasso's, told
   * which fold (1..K) its training rows are, so that several α can share each fold's pilot.
   */
  @FunctionalInterface
  interface FoldFitter {
    FoldFit fit(int fold, int[] rows, double[] lambdas);
  }

  /**
   * {@link #run(PathFitter, HeldOutLoss, double[], KFold, double[], Alignment, int)} with the
   * folds scored by {@code scorer} (of {@code measure}), whose folds' pilots' shortfalls go into
   * the result's {@link CvResult#shortfall}.
   */
  static CvResult runWithPilots(FoldFitter fitter, FoldScorer scorer, CvMeasure measure,
      double[] weights, KFold folds, double[] lambdas, Alignment alignment, int threads) {
    return runWithPilots(fitter, scorer, measure, weights, folds, lambdas, alignment,
        Optional.empty(), threads);
  }

  /**
   * {@link #runWithPilots(FoldFitter, FoldScorer, CvMeasure, double[], KFold, double[],
   * Alignment, int)} writing, with {@code predictions}, each fold's held-out rows' η there.
   */
  static CvResult runWithPilots(FoldFitter fitter, FoldScorer scorer, CvMeasure measure,
      double[] weights, KFold folds, double[] lambdas, Alignment alignment,
      Optional<Predictions> predictions, int threads) {
    if (weights.length > 0 && weights.length != folds.size()) {
      throw InputException.about("weights", ": " + weights.length + " values for " + folds.size()
          + " rows");
    }
    int k = folds.numFolds();
    int m = lambdas.length;
    double[][] foldLoss = new double[k][];
    double[] foldWeight = new double[k];
    List<Callable<FoldScore>> tasks = new ArrayList<>();
    for (int f = 1; f <= k; f++) {
      int fold = f;
      tasks.add(() -> {
        int[] test = folds.testRows(fold);
        PathSolution path;
        FoldFit fit;
        try {
          fit = alignment != Alignment.SAME_LAMBDAS
              ? fitter.fit(fold, folds.trainRows(fold), new double[0])
              : fitter.fit(fold, folds.trainRows(fold), lambdas.clone());
          PathSolution own = fit.path();
          path = alignment == Alignment.INTERPOLATE
              ? own.interpolate(lambdas) : own;
        } catch (InputException e) {
          throw new FoldException(fold, k, "fold " + fold + " of " + k + " (its training rows): "
              + e.getMessage(), e);
        }
        double weightSum = weights.length == 0 ? test.length : foldWeight(weights, test);
        if (!(weightSum > 0)) {
          throw new FoldException(fold, k, "fold " + fold + " of " + k + ": every held-out row"
              + " has weight 0, so the fold cannot be scored");
        }
        // a fold path that ended early (its own stopping rule, or the pass budget, whose
        // interrupted λ it dropped as glmnet does) is scored at its last fit for the rest
        int available = Math.min(path.size(), m);
        PathSolution scored = path;
        predictions.ifPresent(p -> p.write(scored, available, test));
        double[] losses = score(scorer, path, available, m, test, weights, weightSum);
        return new FoldScore(losses, fit.path().shortfall(), fit.pilot());
      });
    }
    List<FoldScore> results = runAll(tasks, threads);
    for (int f = 0; f < k; f++) {
      foldLoss[f] = results.get(f).losses();
      foldWeight[f] = weights.length == 0 ? folds.testRows(f + 1).length
          : foldWeight(weights, folds.testRows(f + 1));
    }
    return CvResult.of(lambdas, foldLoss, foldWeight, shortfall(results), measure);
  }

  /**
   * A fold's scores at the m λ of the sequence from its path, which has a fit at the first
   * {@code available}: each λ past them is scored at the last (cv.glmnet's).
   */
  static double[] score(FoldScorer scorer, PathSolution path, int available, int m,
      int[] test, double[] weights, double weightSum) {
    double[] out = new double[m];
    for (int l = 0; l < m; l++) {
      out[l] = l < available ? scorer.score(path, l, test, weights, weightSum)
          : out[available - 1];
    }
    return out;
  }

  /**
   * One fold's held-out losses per λ, its path's own shortfall, taken before interpolation (an
   * interpolated path no longer knows why it ended), and its own pilot's.
   */
  record FoldScore(double[] losses, Optional<Shortfall> path, Optional<PilotShortfall> pilot) {
    FoldScore(double[] losses, Optional<Shortfall> path) {
      this(losses, path, Optional.empty());
    }
  }

  /** The shortfall of the folds whose scores are {@code folds} (fold k at index k − 1). */
  static Optional<CvShortfall> shortfall(List<FoldScore> folds) {
    return CvShortfall.of(folds.stream().map(FoldScore::path).toList(),
        folds.stream().map(FoldScore::pilot).toList());
  }

  /**
   * The shortfall of a cross-validation whose fold paths are {@code foldPaths} (fold k at index
   * k − 1), as this class's own ({@link CvResult#shortfall}): each fold's
   * {@link PathSolution#shortfall()}; empty when every fold's path converged. Take it from each
   * fold's own path, before {@link PathSolution#interpolate}. For cross-validations that fit
   * their folds elsewhere (the Spark module's distributed IRLS), with
   * {@link CvResult#withShortfall}.
   *
   * <p>cv.glmnet passes each fold fit's glmnet warning on (the maxit message); staying silent
   * made a CV at a tight tolerance report, without a word, held-out losses of fits the budget
   * had cut short (breast_cancer.csv at tolerance 1e-10: a mean deviance 14 % below cv.glmnet's
   * at the path's small λ).
   */
  public static Optional<CvShortfall> foldPathsShortfall(List<PathSolution> foldPaths) {
    return CvShortfall.of(foldPaths.stream().map(PathSolution::shortfall).toList(),
        foldPaths.stream().map(p -> Optional.<PilotShortfall>empty()).toList());
  }

  /** Σ wᵢ over the rows. */
  private static double foldWeight(double[] weights, int[] rows) {
    double sum = 0;
    for (int i : rows) {
      sum += weights[i];
    }
    return sum;
  }

  /**
   * Runs the tasks on a pool of {@code threads} (inline when 1), results in task order. A task
   * on the pool runs at the calling thread's BLAS thread count ({@link Blas#threads()}, through
   * {@link Blas#withThreads}), as it would inline: its BLAS and LAPACK calls then have the bits
   * they have inline. The pool's threads ran at the process's count, whatever
   * {@code Blas.withThreads} the caller was in.
   */
  static <T> List<T> runAll(List<Callable<T>> tasks, int threads) {
    if (threads < 1) {
      throw new InputException("threads must be at least 1, got " + threads);
    }
    List<T> out = new ArrayList<>();
    if (threads == 1 || tasks.size() == 1) {
      for (var task : tasks) {
        out.add(Tasks.call(task));
      }
      return out;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, tasks.size()));
    int blasThreads = Blas.threads();
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (var task : tasks) {
        futures.add(pool.submit(() -> Blas.withThreads(blasThreads, () -> Tasks.call(task))));
      }
      for (Future<T> future : futures) {
        out.add(future.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
