package dev.tikhonov.select;

import dev.tikhonov.data.InputException;
import dev.tikhonov.internal.tensor.ArrayText;
import dev.tikhonov.linear.Columns;
import dev.tikhonov.linear.ElasticNetPath;
import dev.tikhonov.linear.Observations;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.loss.Family;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The adaptive lasso (Zou 2006): penalty factors from a pilot fit,
 *
 * <pre>
 *   vⱼ = uⱼ / |β̃ⱼ|^ν,    β̃ⱼ = sⱼ·β̂ⱼ
 * </pre>
 *
 * with β̂ the pilot's coefficients on the original scale, sⱼ the scale the penalty acts on (the
 * 1/n standard deviation of feature j over the rows fitted when the path standardizes, else 1),
 * ν &gt; 0 the power ({@link Settings#power}, default 1) and uⱼ the path's own penalty factors
 * (1 when none are given); for multinomial, |β̃ⱼ| is the Euclidean norm of the feature's K pilot
 * coefficients. Then the path ({@link #path}) of docs/objective.md's objective with those factors
 * (normalized to sum to the number of features kept, glmnet's convention). A feature whose
 * pilot coefficient is 0 (a constant column) gets vⱼ = ∞: it is left out of the fit and its
 * coefficient is 0 at every λ — no NaN, no infinite arithmetic.
 *
 * <p>Pilots ({@link Pilot}): {@code RIDGE}, the same family's ridge path (α = 0, the path's
 * standardization and intercept, 100 λ down to {@value #PILOT_MIN_RATIO}·λ_max) at the λ
 * with the smallest {@value #PILOT_FOLDS}-fold cross-validated deviance (folds seeded with
 * {@value #PILOT_SEED} over the rows fitted); or
 * {@code LEAST_SQUARES}, the unpenalized fit (λ = 0: least squares for gaussian, the maximum
 * likelihood for binomial and poisson), which needs more rows than features and no column
 * that is a linear combination of others (there its coefficient, so its factor, is not unique).
 *
 * <p>The factors depend on the rows they are computed from: cross-validation
 * ({@code ElasticNetCV} with an adaptive setting) computes them again inside each fold from the
 * fold's training rows (the honest variant: the held-out rows never influence the factors of
 * the model they score), and its {@link CvResult#shortfall} names the folds whose own pilot fell
 * short. The pilots do not depend on the path's α, so several α cross-validated on the same
 * folds share them ({@link #crossValidate(Family, double[][], double[], Observations,
 * PathSettings, double[], Settings, List, List, KFold, CvMeasure, CrossValidation.Keep, int)}):
 * K + 1 pilot fits in all, not per α. Stateless and thread-safe.
 */
public final class AdaptivePenalty {
  /** Folds of the ridge pilot's cross-validation. */
  public static final int PILOT_FOLDS = 10;
  /** Seed of the ridge pilot's folds. */
  public static final long PILOT_SEED = 0;
  /**
   * The ridge pilot's λ grid reaches down to this share of λ_max, the smallest glmnet allows:
   * glmnet's ridge λ_max is max|∇ⱼ|/0.001, so its default 1e-4 would stop at 0.1·max|∇ⱼ|, a
   * strongly shrunk fit, and a pilot that shrinks the true effects into a correlated null
   * feature gives that feature a small factor (Zou's example: λ_min at the end of the grid).
   */
  public static final double PILOT_MIN_RATIO = 1e-6;

  private AdaptivePenalty() {}

  /** The pilot fit whose coefficients give the factors. Thread-safe, as enum constants are. */
  public enum Pilot {
    /** Ridge (α = 0) at its cross-validated λ_min. */
    RIDGE,
    /** The unpenalized fit (λ = 0), for n &gt; p. */
    LEAST_SQUARES
  }

  /**
   * The adaptive lasso's settings. Immutable, so thread-safe.
   *
   * @param pilot the pilot fit
   * @param power ν &gt; 0, the power of |β̃ⱼ| in vⱼ (Zou's γ; 1 by default)
   */
  public record Settings(Pilot pilot, double power) {
    /** @throws InputException naming {@code adaptivePower} when ν is not positive and finite */
    public Settings {
      Objects.requireNonNull(pilot, "pilot");
      if (!(power > 0) || Double.isInfinite(power)) {
        throw InputException.about("adaptivePower", " must be positive and finite, got "
            + power);
      }
    }

    /** A ridge pilot, ν = 1. */
    public static Settings defaults() {
      return new Settings(Pilot.RIDGE, 1.0);
    }
  }

  /**
   * What the pilot gave. Immutable (the arrays are copied in and out), so thread-safe.
   *
   * @param pilotCoefficients |β̃ⱼ| per feature, on the penalized scale
   * @param pilotLambda the pilot's λ (0 for least squares)
   * @param factors vⱼ = uⱼ/|β̃ⱼ|^ν before normalization, +∞ where β̃ⱼ = 0 (or the power
   *     overflows)
   * @param pilotShortfall what the pilot's fits did not reach: its own path's
   *     ({@link PathSolution#shortfall}) and the ridge pilot's cross-validation's
   *     ({@link CvResult#shortfall}: a fold that ran out of its budget of passes is scored at
   *     its last fit, which may move λ_min and so every factor); empty when every pilot fit
   *     converged
   */
  public record Factors(double[] pilotCoefficients, double pilotLambda, double[] factors,
      Optional<PilotShortfall> pilotShortfall) {
    /**
     * "Factors[pilot λ = 0, 5 features, 4 kept; pilot coefficients: …; finite factors: …]", and
     * "; pilot warning: …" when a pilot fit did not converge.
     */
    @Override
    public String toString() {
      double[] finite = java.util.Arrays.stream(factors).filter(Double::isFinite).toArray();
      return "Factors[pilot λ = " + ArrayText.number(pilotLambda) + ", " + factors.length
          + " features, " + finite.length + " kept; pilot coefficients: "
          + ArrayText.range(pilotCoefficients) + "; finite factors: "
          + ArrayText.range(finite) + pilotWarning().map(w -> "; pilot warning: " + w).orElse("")
          + "]";
    }

    public Factors {
      pilotCoefficients = pilotCoefficients.clone();
      factors = factors.clone();
      Objects.requireNonNull(pilotShortfall, "pilotShortfall (Optional.empty() for none)");
    }

    /** Factors from a pilot whose fits all converged (no {@link #pilotShortfall}). */
    public Factors(double[] pilotCoefficients, double pilotLambda, double[] factors) {
      this(pilotCoefficients, pilotLambda, factors, Optional.empty());
    }

    /**
     * {@link #pilotShortfall} in the library's words ({@link PilotShortfall#message()}),
     * beginning "the adaptive lasso's"; empty when every pilot fit converged.
     */
    public Optional<String> pilotWarning() {
      return pilotShortfall.map(PilotShortfall::message);
    }

    @Override
    public double[] pilotCoefficients() {
      return pilotCoefficients.clone();
    }

    @Override
    public double[] factors() {
      return factors.clone();
    }

    /** The features with a finite factor, increasing. */
    public int[] kept() {
      return java.util.stream.IntStream.range(0, factors.length)
          .filter(j -> Double.isFinite(factors[j])).toArray();
    }

    /**
     * The factors as a fitted model records them: normalized to sum to the number of features
     * kept over those, and {@link Double#MAX_VALUE} (a finite stand-in for ∞, whose coefficient
     * is 0) for the others.
     */
    public double[] normalized() {
      int[] kept = kept();
      double sum = 0;
      for (int j : kept) {
        sum += factors[j];
      }
      double[] out = new double[factors.length];
      java.util.Arrays.fill(out, Double.MAX_VALUE);
      for (int j : kept) {
        out[j] = sum > 0 ? factors[j] * kept.length / sum : 0;
      }
      return out;
    }
  }

  /**
   * The pilot on rows {@code rows} (0-based) and its factors.
   *
   * @param settings the path's settings (standardization, intercept, tolerance, budget, its own
   *     penalty factors uⱼ)
   * @param threads threads of the ridge pilot's cross-validation
   * @throws InputException for a least-squares pilot with n ≤ p, with a column that is a
   *     linear combination of others over the rows (naming them), or the multinomial family,
   *     and for data the pilot cannot fit
   */
  public static Factors factors(Family family, double[][] x, double[] y, int[] rows,
      PathSettings settings, Settings adaptive, List<String> featureNames,
      List<String> classNames, int threads) {
    return factors(family, x, y, rows, Observations.none(), settings, adaptive, featureNames,
        classNames, threads);
  }

  /**
   * {@link #factors(Family, double[][], double[], int[], PathSettings, Settings, List, List,
   * int)} with observation weights and offsets (indexed like the rows of x): the pilot is fitted
   * with them, the ridge pilot's λ is chosen by their weighted held-out deviance with the offsets
   * in η (as {@link CrossValidation} scores), and sⱼ is the weighted standard deviation the path
   * standardizes with.
   */
  public static Factors factors(Family family, double[][] x, double[] y, int[] rows,
      Observations observations, PathSettings settings, Settings adaptive,
      List<String> featureNames, List<String> classNames, int threads) {
    int p = featureNames.size();
    PathSolution pilot;
    int at;
    Optional<PilotShortfall> pilotShortfall;
    // The limits on the features (dfmax, pmax) are the adaptive path's: a pilot has them all.
    // So is α: the ridge pilot's is 0, and the least-squares pilot's λ = 0 leaves α nothing
    // to weigh, but α still enters its solver's bookkeeping (the strong rule's threshold
    // α·(2λ − λ_max)), so it is fixed at 1: the pilot is the same bit for bit whatever the
    // path's α, and several α share it (crossValidate with l1Ratios).
    PathSettings base = settings.toBuilder().l1Ratio(1).penaltyFactors().unlimitedFeatures()
        .unlimitedEverActive().build();
    if (adaptive.pilot() == Pilot.LEAST_SQUARES) {
      if (family == Family.MULTINOMIAL) {
        throw InputException.about("adaptivePilot", ": the unpenalized multinomial fit is not"
            + " unique (each feature's coefficients may shift together across classes); use the"
            + " ridge pilot");
      }
      if (rows.length <= p) {
        throw InputException.about("adaptivePilot", String.format(Locale.ROOT, ": least"
            + " squares needs more rows than features (n = %d, p = %d); use the ridge pilot",
            rows.length, p));
      }
      requireUnique(x, rows, observations, settings.intercept(), featureNames);
      pilot = ElasticNetPath.fit(family, x, y, rows, observations, base.withLambdas(0.0),
          featureNames, classNames);
      at = 0;
      pilotShortfall = PilotShortfall.of(Pilot.LEAST_SQUARES, pilot.shortfall(),
          Optional.empty());
    } else {
      PathSettings ridge = base.toBuilder().l1Ratio(0).lambdas()
          .numLambdas(PathSettings.DEFAULT_NUM_LAMBDAS).lambdaMinRatio(PILOT_MIN_RATIO).build();
      pilot = ElasticNetPath.fit(family, x, y, rows, observations, ridge, featureNames,
          classNames);
      List<String> classes = pilot.classNames();
      KFold folds = KFold.random(rows.length, Math.min(PILOT_FOLDS, rows.length), PILOT_SEED);
      PathFitter fitter = (local, lambdas) -> ElasticNetPath.fit(family, x, y,
          global(rows, local), observations,
          lambdas.length == 0 ? ridge : ridge.withLambdas(lambdas), featureNames, classes);
      HeldOutLoss loss = (path, l, i) -> path.deviance(x[rows[i]], y[rows[i]], l,
          observations.offset(rows[i]));
      double[] weights = new double[observations.hasWeights() ? rows.length : 0];
      for (int i = 0; i < weights.length; i++) {
        weights[i] = observations.weight(rows[i]);
      }
      CvResult cv;
      try {
        cv = CrossValidation.run(fitter, loss, weights, folds, pilot.lambdas(),
            CrossValidation.Alignment.INTERPOLATE, threads);
      } catch (FoldException e) {
        // Not one of the caller's folds (a FoldException is, to the CLI, one of --cv-folds or
        // --foldid): "fold 3 of 10" alone named a fold the user never made.
        throw new InputException("the adaptive lasso's ridge pilot's cross-validation: "
            + e.getMessage() + " (the pilot's " + folds.numFolds() + " folds are random over"
            + " the rows fitted, seeded " + PILOT_SEED + "; the least-squares pilot has no"
            + " cross-validation)", e);
      }
      at = cv.indexMin();
      // Its path's own shortfall and its CV's, whose λ_min chose the factors.
      pilotShortfall = PilotShortfall.of(Pilot.RIDGE, pilot.shortfall(), cv.shortfall());
    }
    if (pilot.size() <= at) {
      throw InputException.about("adaptivePilot", ": the pilot fit ended early: "
          + pilot.end().message());
    }
    double[] scale = scales(x, rows, observations, settings.standardize(), p);
    double[] user = settings.normalizedPenaltyFactors(p);
    double[] magnitude = new double[p];
    double[] factors = new double[p];
    double[][] b = pilot.coefficients(at);
    for (int j = 0; j < p; j++) {
      double s = 0;
      for (double[] bc : b) {
        s += bc[j] * scale[j] * bc[j] * scale[j];
      }
      magnitude[j] = Math.sqrt(s);
      double v = user[j] / Math.pow(magnitude[j], adaptive.power());
      factors[j] = magnitude[j] == 0 || Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
    }
    return new Factors(magnitude, pilot.lambda(at), factors, pilotShortfall);
  }

  /**
   * The adaptive lasso path on rows {@code rows} with the factors given: the path of
   * {@code settings} with penalty factors {@code factors.factors()} on the features kept, every
   * other feature's coefficient 0.
   *
   * @throws InputException when no feature is kept
   */
  public static PathSolution path(Family family, double[][] x, double[] y, int[] rows,
      PathSettings settings, Factors factors, List<String> featureNames,
      List<String> classNames) {
    return path(family, x, y, rows, Observations.none(), settings, factors, featureNames,
        classNames);
  }

  /**
   * {@link #path(Family, double[][], double[], int[], PathSettings, Factors, List, List)} with
   * observation weights and offsets (indexed like the rows of x).
   */
  public static PathSolution path(Family family, double[][] x, double[] y, int[] rows,
      Observations observations, PathSettings settings, Factors factors,
      List<String> featureNames, List<String> classNames) {
    int[] kept = kept(factors);
    PathSolution fit = ElasticNetPath.fit(family, Columns.select(x, kept), y, rows,
        observations, keptSettings(settings, factors, kept), Columns.names(featureNames, kept),
        classNames);
    return Columns.expand(fit, kept, featureNames);
  }

  /**
   * λ_max of the default sequence of {@link #path(Family, double[][], double[], int[],
   * Observations, PathSettings, Factors, List, List) path} on all rows: the path's own
   * ({@link ElasticNetPath#lambdaMax(Family, double[][], double[], Observations, PathSettings,
   * List, List)}) on the features kept, with the factors' penalties; 0 where none of them
   * varies or is correlated with the target.
   *
   * @throws InputException when no feature is kept
   */
  public static double lambdaMax(Family family, double[][] x, double[] y,
      Observations observations, PathSettings settings, Factors factors,
      List<String> featureNames, List<String> classNames) {
    int[] kept = kept(factors);
    return ElasticNetPath.lambdaMax(family, Columns.select(x, kept), y, observations,
        keptSettings(settings, factors, kept), Columns.names(featureNames, kept), classNames);
  }

  /** The features the factors keep (finite factors). @throws InputException for none */
  private static int[] kept(Factors factors) {
    int[] kept = factors.kept();
    if (kept.length == 0) {
      throw InputException.about("adaptive", ": every pilot coefficient is 0 (every feature would"
          + " have an infinite penalty factor); nothing to fit");
    }
    return kept;
  }

  /** {@code settings} with the factors of the features kept as their penalty factors. */
  private static PathSettings keptSettings(PathSettings settings, Factors factors, int[] kept) {
    double[] v = new double[kept.length];
    for (int c = 0; c < kept.length; c++) {
      v[c] = factors.factors[kept[c]];
    }
    return settings.withPenaltyFactors(v);
  }

  /**
   * An adaptive lasso fit: the pilot's factors, the path, its cross-validation if any and, when
   * kept, the cross-validation's out-of-fold predictions. Immutable, as its parts are (their
   * arrays copied in and out); thread-safe.
   *
   * @param factors the pilot's coefficients and the penalty factors vⱼ they give
   * @param path the adaptive lasso's path on all rows, with those factors
   * @param cv the path's cross-validation; empty when the fit was not cross-validated
   * @param outOfFold the cross-validation's out-of-fold predictions; empty when not kept
   */
  public record Fit(
Factors factors, PathSolution path, java.util.Optional<CvResult> cv,
      java.util.Optional<OutOfFoldPredictions> outOfFold) {
    public Fit {
      java.util.Objects.requireNonNull(outOfFold, "outOfFold (Optional.empty() for none)");
    }

    /** A fit without out-of-fold predictions. */
    public Fit(Factors factors, PathSolution path, java.util.Optional<CvResult> cv) {
      this(factors, path, cv, java.util.Optional.empty());
    }
  }

  /** The pilot and the adaptive path on all rows. */
  public static Fit fit(Family family, double[][] x, double[] y, PathSettings settings,
      Settings adaptive, List<String> featureNames, List<String> classNames, int threads) {
    return fit(family, x, y, Observations.none(), settings, adaptive, featureNames, classNames,
        threads);
  }

  /**
   * The pilot and the adaptive path on all rows with observation weights and offsets: the pilot
   * and the path both take them.
   */
  public static Fit fit(Family family, double[][] x, double[] y, Observations observations,
      PathSettings settings, Settings adaptive, List<String> featureNames,
      List<String> classNames, int threads) {
    int[] all = java.util.stream.IntStream.range(0, x.length).toArray();
    Factors f = factors(family, x, y, all, observations, settings, adaptive, featureNames,
        classNames, threads);
    return new Fit(f, path(family, x, y, all, observations, settings, f, featureNames,
        classNames), java.util.Optional.empty());
  }

  /**
   * The adaptive path on all rows and its K-fold cross-validation, the honest way: each fold
   * computes its own pilot and factors from its training rows, then its path (its own default
   * sequence, interpolated at the full data's λ; the same λ when the sequence is given), scored
   * by the family's deviance as {@link CrossValidation} scores a path.
   */
  public static Fit crossValidate(Family family, double[][] x, double[] y, PathSettings settings,
      Settings adaptive, List<String> featureNames, List<String> classNames, KFold folds,
      int threads) {
    return crossValidate(family, x, y, settings, adaptive, featureNames, classNames, folds,
        CvMeasure.DEVIANCE, threads);
  }

  /**
   * {@link #crossValidate(Family, double[][], double[], PathSettings, Settings, List, List,
   * KFold, int)} with the folds' paths scored by {@code measure} (the pilots' own ridge
   * cross-validations still choose their λ by the deviance).
   */
  public static Fit crossValidate(Family family, double[][] x, double[] y, PathSettings settings,
      Settings adaptive, List<String> featureNames, List<String> classNames, KFold folds,
      CvMeasure measure, int threads) {
    return crossValidate(family, x, y, settings, adaptive, featureNames, classNames, folds,
        measure, CrossValidation.Keep.SCORES, threads);
  }

  /**
   * {@link #crossValidate(Family, double[][], double[], PathSettings, Settings, List, List,
   * KFold, CvMeasure, int)} keeping, with {@link CrossValidation.Keep#OUT_OF_FOLD_PREDICTIONS},
   * every row's out-of-fold linear predictors ({@link Fit#outOfFold()}): each row predicted by
   * the path its fold's own pilot and factors chose, without its rows.
   */
  public static Fit crossValidate(Family family, double[][] x, double[] y, PathSettings settings,
      Settings adaptive, List<String> featureNames, List<String> classNames, KFold folds,
      CvMeasure measure, CrossValidation.Keep keep, int threads) {
    return crossValidate(family, x, y, Observations.none(), settings, adaptive, featureNames,
        classNames, folds, measure, keep, threads);
  }

  /**
   * {@link #crossValidate(Family, double[][], double[], PathSettings, Settings, List, List,
   * KFold, CvMeasure, CrossValidation.Keep, int)} with observation weights and offsets (indexed
   * like the rows of x): every pilot and path takes them, and the folds are scored as
   * {@link CrossValidation} scores them (weighted held-out loss with the offsets in η, folds
   * weighted by their weight sums; the kept η include the offsets).
   */
  public static Fit crossValidate(Family family, double[][] x, double[] y,
      Observations observations, PathSettings settings, Settings adaptive,
      List<String> featureNames, List<String> classNames, KFold folds, CvMeasure measure,
      CrossValidation.Keep keep, int threads) {
    return crossValidate(family, x, y, observations, settings,
        new double[] {settings.l1Ratio()}, adaptive, featureNames, classNames, folds, measure,
        keep, threads).get(0);
  }

  /**
   * {@link #crossValidate(Family, double[][], double[], Observations, PathSettings, Settings,
   * List, List, KFold, CvMeasure, CrossValidation.Keep, int)} at each α of {@code l1Ratios} on
   * the same folds ({@code settings} with that α): the pilots do not depend on α, so they are
   * fitted once, the all-rows pilot before the first α's path and each fold's own in the first
   * α's cross-validation, and every α's path and folds take those factors. Each α's fit is the
   * one a cross-validation at that α alone gives, bit for bit, with K + 1 pilot fits in all
   * instead of K + 1 per α (the pilots are most of an adaptive lasso's cost: the ridge pilot is
   * a path and its own 10-fold cross-validation). The α run one after another, each one's folds
   * in parallel.
   *
   * @return one fit per α, in the order given (every one with the same {@link Fit#factors()})
   * @throws InputException as the one-α cross-validation, and naming {@code l1Ratio} for an α
   *     outside [0, 1]
   */
  public static List<Fit> crossValidate(Family family, double[][] x, double[] y,
      Observations observations, PathSettings settings, double[] l1Ratios, Settings adaptive,
      List<String> featureNames, List<String> classNames, KFold folds, CvMeasure measure,
      CrossValidation.Keep keep, int threads) {
    PilotFitter pilots = (rows, classes, t) -> factors(family, x, y, rows, observations,
        settings, adaptive, featureNames, classes, t);
    return crossValidate(pilots, family, x, y, observations, settings, l1Ratios, featureNames,
        classNames, folds, measure, keep, threads);
  }

  /**
   * How the pilots' factors are fitted on some rows, with the classes and threads given:
   * {@link #factors} on the cross-validation's data and settings. A seam, so that a test can
   * count the pilots a cross-validation fits.
   */
  @FunctionalInterface
  interface PilotFitter {
    Factors fit(int[] rows, List<String> classNames, int threads);
  }

  /**
   * {@link #crossValidate(Family, double[][], double[], Observations, PathSettings, double[],
   * Settings, List, List, KFold, CvMeasure, CrossValidation.Keep, int)} with its pilots fitted
   * by {@code pilots}.
   */
  static List<Fit> crossValidate(PilotFitter pilots, Family family, double[][] x, double[] y,
      Observations observations, PathSettings settings, double[] l1Ratios,
      List<String> featureNames, List<String> classNames, KFold folds, CvMeasure measure,
      CrossValidation.Keep keep, int threads) {
    java.util.Objects.requireNonNull(measure, "measure").requireAppliesTo(family);
    java.util.Objects.requireNonNull(keep, "keep");
    if (folds.size() != y.length) {
      throw new InputException("folds: " + folds.size() + " fold ids for " + y.length
          + " rows");
    }
    double[] offsets = observations.offsets();
    double[] weights = observations.weights();
    FoldScorer scorer = FoldScorer.of(measure, () -> FoldScorer.dense(x, offsets),
        () -> HeldOutLoss.deviance(x, y, offsets), y, classNames);
    CrossValidation.requireScorable(scorer, weights, folds);
    int[] all = java.util.stream.IntStream.range(0, x.length).toArray();
    Factors whole = pilots.fit(all, classNames, threads);
    // fold k's own pilot at k − 1, fitted by the first α's cross-validation (each fold on its
    // own thread, so no two write the same element), read by the others'
    java.util.concurrent.atomic.AtomicReferenceArray<Factors> own =
        new java.util.concurrent.atomic.AtomicReferenceArray<>(folds.numFolds());
    List<Fit> out = new java.util.ArrayList<>();
    for (double a : l1Ratios) {
      PathSettings at = a == settings.l1Ratio() ? settings : settings.withL1Ratio(a);
      PathSolution full = path(family, x, y, all, observations, at, whole, featureNames,
          classNames);
      List<String> classes = full.classNames();
      // Each fold's own pilot chose its factors: its shortfall goes with the fold's.
      CrossValidation.FoldFitter fitter = (fold, rows, lambdas) -> {
        Factors f = own.get(fold - 1);
        if (f == null) {
          f = pilots.fit(rows, classes, 1);
          own.set(fold - 1, f);
        }
        return new CrossValidation.FoldFit(path(family, x, y, rows, observations,
            lambdas.length == 0 ? at : at.withLambdas(lambdas), f, featureNames, classes),
            f.pilotShortfall());
      };
      int m = full.size();
      int outputs = full.numOutputs();
      java.util.Optional<CrossValidation.Predictions> kept =
          keep == CrossValidation.Keep.OUT_OF_FOLD_PREDICTIONS
              ? java.util.Optional.of(new CrossValidation.Predictions(
                  FoldScorer.dense(x, offsets), new double[outputs][m][y.length]))
              : java.util.Optional.empty();
      CvResult cv = CrossValidation.runWithPilots(fitter, scorer, measure, weights, folds,
          full.lambdas(), at.defaultSequence() ? CrossValidation.Alignment.INTERPOLATE
              : CrossValidation.Alignment.SAME_LAMBDAS, kept, threads);
      out.add(new Fit(whole, full, java.util.Optional.of(cv), kept.map(p ->
          new OutOfFoldPredictions(full.lambdas(), folds.foldIds(),
              outputs == 1 ? List.of() : classes, p.out()))));
    }
    return out;
  }

  /**
   * Refuses a least-squares pilot whose fit is not unique: a column that is a linear
   * combination of others over the rows (one of four center dummies that sum to 1 with an
   * intercept, a duplicated column) has no one unpenalized coefficient, and coordinate descent
   * would stop at any of them, so its factor would be arbitrary (R's glm gives NA for it).
   */
  private static void requireUnique(double[][] x, int[] rows, Observations observations,
      boolean intercept, List<String> featureNames) {
    Optional<AliasedColumns.Alias> alias = AliasedColumns.first(x, rows, observations,
        intercept, featureNames.size());
    if (alias.isEmpty()) {
      return;
    }
    String aliased = featureNames.get(alias.get().column());
    List<String> others = java.util.Arrays.stream(alias.get().combinationOf())
        .mapToObj(featureNames::get).toList();
    String of = others.isEmpty() ? "the intercept"
        : others.size() == 1 ? others.get(0)
        : String.join(", ", others.subList(0, others.size() - 1)) + " and "
            + others.get(others.size() - 1);
    throw InputException.about("adaptivePilot", ": the least-squares pilot is not unique: "
        + aliased + " is a linear combination of " + of + (intercept && !others.isEmpty()
            ? " (with the intercept)" : "") + " over the rows fitted, so its unpenalized"
        + " coefficient, and its penalty factor, would be arbitrary (R's glm gives NA for it);"
        + " use the ridge pilot, or leave " + aliased + " out");
  }

  /**
   * The weighted standard deviation of each column over the rows, Σwᵢ(xᵢⱼ − x̄ⱼ)² / Σwᵢ with the
   * weighted mean x̄ⱼ (the 1/n one without weights; 1 for a constant column), as the path
   * standardizes; or 1s.
   */
  static double[] scales(double[][] x, int[] rows, Observations observations,
      boolean standardize, int p) {
    double[] s = new double[p];
    java.util.Arrays.fill(s, 1.0);
    if (!standardize) {
      return s;
    }
    double total = 0;
    for (int i : rows) {
      total += observations.weight(i);
    }
    for (int j = 0; j < p; j++) {
      double mean = 0;
      for (int i : rows) {
        mean += observations.weight(i) * x[i][j] / total;
      }
      double squares = 0;
      for (int i : rows) {
        squares += observations.weight(i) * (x[i][j] - mean) * (x[i][j] - mean) / total;
      }
      s[j] = squares > 0 ? Math.sqrt(squares) : 1.0;
    }
    return s;
  }

  private static int[] global(int[] rows, int[] local) {
    int[] out = new int[local.length];
    for (int i = 0; i < local.length; i++) {
      out[i] = rows[local[i]];
    }
    return out;
  }
}
