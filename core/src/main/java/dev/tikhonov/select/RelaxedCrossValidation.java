package dev.tikhonov.select;

import dev.tikhonov.data.InputException;
import dev.tikhonov.linear.ElasticNetPath;
import dev.tikhonov.linear.Observations;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.linear.RelaxedFit;
import dev.tikhonov.linear.Shortfall;
import dev.tikhonov.loss.Family;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * K-fold cross-validation of the relaxed lasso over (λ, γ), as cv.glmnet with
 * {@code relax = TRUE}: the path and its {@link RelaxedFit} on all rows fix the λ sequence; each
 * fold fits its own path and relaxed fit on its training rows (its own default sequence,
 * evaluated at the full data's λ by linear interpolation of the blended coefficients; the same
 * λ when the sequence is given), and each γ's blend is scored on the held-out rows by a
 * {@link CvMeasure} (by default the family's deviance), as {@link CrossValidation} scores a
 * path; for the AUC, the largest mean is the best pair. One fit per fold serves every γ.
 * The result is one {@link CvResult} per γ and glmnet's joint choice of (λ, γ)
 * ({@link RelaxedCvResult}). Folds run in parallel on {@code threads} threads. Stateless and
 * thread-safe.
 */
public final class RelaxedCrossValidation {
  private RelaxedCrossValidation() {}

  /**
   * glmnet's default γ values, 0, 0.25, 0.5, 0.75, 1, as a new array (a public static array
   * could be written into behind {@code final}, changing every later caller's default).
   */
  public static double[] defaultGammas() {
    return new double[] {0, 0.25, 0.5, 0.75, 1};
  }

  /**
   * The full-data relaxed fit, its cross-validation and, when kept
   * ({@link CrossValidation.Keep#OUT_OF_FOLD_PREDICTIONS}), the out-of-fold predictions of each
   * γ's blend, in the order of {@code cv.gammas()} (cv.glmnet's {@code fit.preval}, one matrix
   * per γ); empty when not kept; and, for the adaptive lasso, the all-rows pilot's factors.
   * Immutable and thread-safe as long as the relaxed fit's paths, which hand out their own
   * arrays, are not modified: the cross-validation and the out-of-fold predictions copy theirs
   * in and out.
   *
   * @param fit the relaxed fit on all rows: its lasso path and its refits
   * @param cv the cross-validation over (λ, γ) and its choices
   * @param outOfFold the out-of-fold predictions per γ, in the order of {@code cv.gammas()};
   *     empty when not kept
   * @param adaptiveFactors the all-rows pilot's penalty factors, for the adaptive lasso; empty
   *     for the plain path
   */
  public record Fit(RelaxedFit fit, RelaxedCvResult cv,
 List<OutOfFoldPredictions> outOfFold,
      Optional<AdaptivePenalty.Factors> adaptiveFactors) {
    public Fit {
      outOfFold = List.copyOf(outOfFold);
      java.util.Objects.requireNonNull(adaptiveFactors, "adaptiveFactors (empty for none)");
    }

    /** A fit of the plain (not adaptive) path. */
    public Fit(RelaxedFit fit, RelaxedCvResult cv, List<OutOfFoldPredictions> outOfFold) {
      this(fit, cv, outOfFold, Optional.empty());
    }

    /** A fit without out-of-fold predictions. */
    public Fit(RelaxedFit fit, RelaxedCvResult cv) {
      this(fit, cv, List.of());
    }
  }

  /**
   * γ values checked, sorted increasing.
   *
   * @throws InputException naming {@code gammas} when one is outside [0, 1], one is given twice
   *     or none is given
   */
  public static double[] gammas(double... gammas) {
    if (gammas.length == 0) {
      throw InputException.about("gammas", ": no γ given; give at least one value in [0, 1]");
    }
    TreeSet<Double> set = new TreeSet<>();
    for (double g : gammas) {
      if (!(g >= 0 && g <= 1)) {
        throw InputException.about("gammas", ": every γ must be in [0, 1] (1 the lasso, 0 the"
            + " unpenalized refit), got " + g);
      }
      set.add(g == 0 ? 0.0 : g);
    }
    // a γ twice would be two curves for one γ, as a λ twice would be two rows (refused too)
    dev.tikhonov.internal.data.Repeats.first(gammas).ifPresent(twice -> {
      throw InputException.about("gammas", " must be distinct; " + twice);
    });
    return set.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * cv.glmnet(relax = TRUE) for any family on all rows.
   *
   * @param gammas the γ to score (checked by {@link #gammas})
   * @throws InputException for data the path cannot fit, a fold's own problems named with the
   *     fold, a ridge path (α = 0)
   */
  public static Fit path(Family family, double[][] x, double[] y, PathSettings settings,
      List<String> featureNames, List<String> classNames, double[] gammas, KFold folds,
      int threads) {
    return path(family, x, y, settings, featureNames, classNames, gammas, folds,
        CvMeasure.DEVIANCE, threads);
  }

  /**
   * {@link #path(Family, double[][], double[], PathSettings, List, List, double[], KFold, int)}
   * scored by {@code measure} (cv.glmnet's {@code type.measure}).
   *
   * @throws InputException also for a measure the family does not take, and, for the AUC, a
   *     fold whose held-out rows are all of one class (before any fit)
   */
  public static Fit path(Family family, double[][] x, double[] y, PathSettings settings,
      List<String> featureNames, List<String> classNames, double[] gammas, KFold folds,
      CvMeasure measure, int threads) {
    return path(family, x, y, settings, featureNames, classNames, gammas, folds, measure,
        CrossValidation.Keep.SCORES, threads);
  }

  /**
   * {@link #path(Family, double[][], double[], PathSettings, List, List, double[], KFold,
   * CvMeasure, int)} keeping, with {@link CrossValidation.Keep#OUT_OF_FOLD_PREDICTIONS}, every
   * row's out-of-fold linear predictors of each γ's blend ({@link Fit#outOfFold()}): G times
   * n·nλ·K doubles.
   */
  public static Fit path(Family family, double[][] x, double[] y, PathSettings settings,
      List<String> featureNames, List<String> classNames, double[] gammas, KFold folds,
      CvMeasure measure, CrossValidation.Keep keep, int threads) {
    return path(family, x, y, Observations.none(), settings, featureNames, classNames, gammas,
        folds, measure, keep, threads);
  }

  /**
   * cv.glmnet(relax = TRUE) with observation weights and offsets ({@link Observations},
   * indexed like the rows of x), as cv.glmnet passes them: the full path, every fold's path and
   * every relaxed refit take them (weights normalized over the fit's own rows), each γ's blend
   * is scored on the held-out rows with their offsets in the linear predictor, a fold's score
   * is the weighted mean Σwᵢ·lossᵢ / Σwᵢ over its held-out rows and its weight in the mean and
   * standard error is Σwᵢ (cv.glmnet's {@code cvstats}, as {@link CrossValidation}'s).
   *
   * @throws InputException also for a fold whose held-out rows all have weight 0
   */
  public static Fit path(Family family, double[][] x, double[] y, Observations observations,
      PathSettings settings, List<String> featureNames, List<String> classNames,
      double[] gammas, KFold folds, CvMeasure measure, CrossValidation.Keep keep, int threads) {
    return path(family, x, y, observations, settings, Optional.empty(), featureNames,
        classNames, gammas, folds, measure, keep, threads);
  }

  /**
   * {@link #path(Family, double[][], double[], Observations, PathSettings, List, List, double[],
   * KFold, CvMeasure, CrossValidation.Keep, int)} of the adaptive lasso when {@code adaptive} is
   * given (glmnet users' {@code penalty.factor} with {@code relax = TRUE}): the path relaxed is
   * {@link AdaptivePenalty}'s, its pilot on all rows, and each fold fits its own pilot and factors
   * on its training rows before its path and refits (the refits, at λ = 0, have no penalty, so
   * the factors choose only the active sets). {@link Fit#adaptiveFactors()} has the all-rows
   * pilot's factors.
   */
  public static Fit path(Family family, double[][] x, double[] y, Observations observations,
      PathSettings settings, Optional<AdaptivePenalty.Settings> adaptive,
      List<String> featureNames, List<String> classNames, double[] gammas, KFold folds,
      CvMeasure measure, CrossValidation.Keep keep, int threads) {
    java.util.Objects.requireNonNull(measure, "measure").requireAppliesTo(family);
    java.util.Objects.requireNonNull(keep, "keep");
    double[] g = gammas(gammas);
    if (folds.size() != y.length) {
      throw new InputException("folds: " + folds.size() + " fold ids for " + y.length
          + " rows");
    }
    RelaxedFit.checkL1Ratio(settings.l1Ratio());
    double[] offsets = observations.offsets();
    double[] weights = observations.weights();
    FoldScorer scorer = FoldScorer.of(measure, () -> FoldScorer.dense(x, offsets),
        () -> HeldOutLoss.deviance(x, y, offsets), y, classNames);
    CrossValidation.requireScorable(scorer, weights, folds);
    requireWeightedFolds(weights, folds);
    Optional<AdaptivePenalty.Factors> factors = Optional.empty();
    PathSolution full;
    if (adaptive.isPresent()) {
      AdaptivePenalty.Fit a = AdaptivePenalty.fit(family, x, y, observations, settings,
          adaptive.get(), featureNames, classNames, threads);
      full = a.path();
      factors = Optional.of(a.factors());
    } else {
      full = ElasticNetPath.fit(family, x, y, observations, settings, featureNames, classNames);
    }
    RelaxedFit relaxed = RelaxedFit.of(family, x, y, observations, settings, full);
    List<String> classes = full.classNames();
    double[] lambdas = full.lambdas();
    boolean interpolate = settings.defaultSequence();
    int k = folds.numFolds();
    int m = lambdas.length;
    int outputs = full.numOutputs();
    List<CrossValidation.Predictions> kept = new ArrayList<>();
    if (keep == CrossValidation.Keep.OUT_OF_FOLD_PREDICTIONS) {
      FoldScorer.Etas etas = FoldScorer.dense(x, offsets);
      for (int c = 0; c < g.length; c++) {
        kept.add(new CrossValidation.Predictions(etas, new double[outputs][m][y.length]));
      }
    }
    List<Callable<double[][]>> tasks = new ArrayList<>();
    // each fold's lasso path's own shortfall, set by its task (one index each), read after
    // runAll
    List<Optional<Shortfall>> shortfalls = new ArrayList<>();
    List<Optional<PilotShortfall>> pilots = new ArrayList<>();
    for (int f = 0; f < k; f++) {
      shortfalls.add(Optional.empty());
      pilots.add(Optional.empty());
    }
    for (int f = 1; f <= k; f++) {
      int fold = f;
      tasks.add(() -> {
        int[] train = folds.trainRows(fold);
        int[] test = folds.testRows(fold);
        RelaxedFit fit;
        try {
          PathSettings sequence = interpolate ? settings : settings.withLambdas(lambdas);
          PathSolution lasso;
          if (adaptive.isPresent()) {
            AdaptivePenalty.Factors own = AdaptivePenalty.factors(family, x, y, train,
                observations, settings, adaptive.get(), featureNames, classes, 1);
            pilots.set(fold - 1, own.pilotShortfall());
            lasso = AdaptivePenalty.path(family, x, y, train, observations, sequence, own,
                featureNames, classes);
          } else {
            lasso = ElasticNetPath.fit(family, x, y, train, observations, sequence,
                featureNames, classes);
          }
          fit = RelaxedFit.of(family, x, y, train, observations, settings, lasso);
          shortfalls.set(fold - 1, lasso.shortfall());
        } catch (InputException e) {
          throw new FoldException(fold, k, "fold " + fold + " of " + k + " (its training rows): "
              + e.getMessage(), e);
        }
        double[][] losses = new double[g.length][];
        // each γ's blend has the lasso path's λ
        int available = interpolate ? m : Math.min(fit.lasso().size(), m);
        for (int c = 0; c < g.length; c++) {
          PathSolution path = fit.blend(g[c]);
          if (interpolate) {
            path = path.interpolate(lambdas);
          }
          if (!kept.isEmpty()) {
            kept.get(c).write(path, available, test);
          }
          losses[c] = CrossValidation.score(scorer, path, available, m, test, weights,
              foldWeight(weights, test));
        }
        return losses;
      });
    }
    List<double[][]> results = CrossValidation.runAll(tasks, threads);
    double[] foldWeight = new double[k];
    for (int f = 0; f < k; f++) {
      foldWeight[f] = foldWeight(weights, folds.testRows(f + 1));
    }
    Optional<CvShortfall> shortfall = CvShortfall.of(shortfalls, pilots);
    List<CvResult> curves = new ArrayList<>();
    for (int c = 0; c < g.length; c++) {
      double[][] foldLoss = new double[k][];
      for (int f = 0; f < k; f++) {
        foldLoss[f] = results.get(f)[c];
      }
      curves.add(CvResult.of(lambdas, foldLoss, foldWeight, shortfall, measure));
    }
    List<OutOfFoldPredictions> outOfFold = new ArrayList<>();
    for (CrossValidation.Predictions p : kept) {
      outOfFold.add(new OutOfFoldPredictions(lambdas.clone(), folds.foldIds(),
          outputs == 1 ? List.of() : classes, p.out()));
    }
    return new Fit(relaxed, RelaxedCvResult.of(g, curves), outOfFold, factors);
  }

  /** Σ wᵢ over the rows (their count without weights). */
  private static double foldWeight(double[] weights, int[] rows) {
    if (weights.length == 0) {
      return rows.length;
    }
    double sum = 0;
    for (int i : rows) {
      sum += weights[i];
    }
    return sum;
  }

  /**
   * Refuses, before any fit, a fold whose held-out rows all have weight 0 (it has nothing to
   * score), naming the fold, as {@link CrossValidation} does.
   */
  private static void requireWeightedFolds(double[] weights, KFold folds) {
    if (weights.length > 0 && weights.length != folds.size()) {
      throw InputException.about("weights", ": " + weights.length + " values for " + folds.size()
          + " rows");
    }
    int k = folds.numFolds();
    for (int f = 1; f <= k; f++) {
      if (!(foldWeight(weights, folds.testRows(f)) > 0)) {
        throw new FoldException(f, k, "fold " + f + " of " + k + ": every held-out row has"
            + " weight 0, so the fold cannot be scored");
      }
    }
  }
}
