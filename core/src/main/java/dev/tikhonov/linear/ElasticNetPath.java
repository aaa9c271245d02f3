package dev.tikhonov.linear;

import dev.tikhonov.data.ConstantTargetException;
import dev.tikhonov.data.InputException;
import dev.tikhonov.data.SparseMatrix;
import dev.tikhonov.internal.data.Numbers;
import dev.tikhonov.loss.Family;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Elastic-net regularization paths of generalized linear models, as glmnet computes them: for
 * each λ of a decreasing sequence, warm-started from the previous one, the minimizer of
 * docs/objective.md's objective
 *
 * <pre>
 *   (1/n) Σᵢ ℓ(yᵢ, a₀ + xᵢ·b) + λ Σⱼ vⱼ [α|bⱼ| + (1−α)/2 bⱼ²]
 * </pre>
 *
 * for the family's loss ℓ ({@link Family}: ½(y − η)², the binomial or the multinomial
 * negative log-likelihood), intercepts unpenalized. Lasso is α = 1, ridge α = 0; no other code
 * path. The one entry point for every family, layered as glmnetpp: this class checks the data
 * and builds the {@link StandardizedDesign} and the family's point solver; {@link PathLoop}
 * runs the λ sequence and the stopping rule; the point solvers ({@link
 * GaussianCoordinateDescent}, {@link SingleResponseSolver} for binomial and Poisson,
 * {@link MultinomialSolver}, and {@link GroupedMultinomialSolver} for the multinomial with
 * {@link MultinomialPenalty#GROUPED}, whose penalty is λ Σⱼ vⱼ [α‖b̃ⱼ‖₂ + (1−α)/2 ‖b̃ⱼ‖₂²] over
 * each feature's K class coefficients) solve one λ.
 *
 * <p>The default sequence is geometric: {@code numLambdas} values from
 * {@code λ_max = maxⱼ |∇ⱼ| / (max(α, 0.001)·vⱼ)} (∇ the gradient of the mean loss at the
 * intercept-only model with the unpenalized features fitted; the smallest λ with every penalized
 * coefficient 0) down to {@code lambdaMinRatio·λ_max}; like glmnet, a default path stops early
 * (after at least 5 λ) once the deviance ratio grows by less than 1e-5 (relative for gaussian,
 * absolute for the others, as glmnet) or exceeds 0.999. Every returned λ is certified: its
 * relative duality gap (gaussian) or scaled KKT residual (binomial, multinomial, poisson) is at
 * most the tolerance, or it is marked not converged (docs/linear.md, "Convergence").
 *
 * <p>Gaussian gradients are maintained by covariance updates: when p ≤ 4096 and n ≥ p, from the
 * Gram matrix (1/n)ZᵀZ formed by one BLAS {@code dsyrk}; otherwise, when p &lt; 500 (glmnet's
 * {@code type.gaussian} rule), from inner products computed as features enter; by residual
 * (naive) updates when neither holds. Sparse data never form the Gram matrix.
 * With {@code standardize}, the fit is done on features scaled to unit variance (divisor n) and
 * coefficients are returned on the original scale. Unlike glmnet, y is never rescaled: λ
 * always means docs/objective.md's λ (see docs/linear.md for the conversion).
 *
 * <p>A sparse x ({@link SparseMatrix}, compressed columns) is kept sparse: the {@link
 * SparseDesign} applies centering and scaling implicitly, as glmnet does for a sparse x, and the
 * same solvers run on it; the path equals the dense one to rounding.
 *
 * <p>Every problem with the caller's data is an {@link InputException} naming the row (1-based),
 * column or setting. Stateless and thread-safe: concurrent fits share nothing.
 */
public final class ElasticNetPath {
  /**
   * glmnet chooses covariance updates below this many features; here it applies where the Gram
   * matrix is not formed (n &lt; p, or sparse data).
   */
  static final int COVARIANCE_MAX_FEATURES = 500;
  /**
   * Up to this many features (a Gram matrix of at most 128 MiB), when n ≥ p, covariance updates
   * from a Gram matrix formed by one BLAS call: n·p² flops at BLAS speed, after which a
   * coordinate update costs O(p) instead of the naive O(n).
   */
  static final int GRAM_MAX_FEATURES = 4096;

  private ElasticNetPath() {}

  /** How gaussian gradients are kept current; tests force each strategy on the same problem. */
  enum Updates {
    AUTOMATIC,
    COVARIANCE,
    NAIVE
  }

  /**
   * The checks every fit on dense rows runs first ({@link #fit}, {@link RidgeSolver#fit}, the
   * statistics' route), with their messages, and nothing else: as many targets as rows, at
   * least one row and one column, rows of equal width, every feature value and target finite.
   * For a caller that computes from the data before a fit sees them (RidgeCV's default λ grid,
   * ElasticNetCV's fold statistics), so that bad data are named as such and nothing reaches
   * the BLAS before they are checked.
   *
   * @throws InputException naming the first problem (rows and columns 1-based)
   */
  public static void requireFittable(double[][] x, double[] y) {
    if (x.length != y.length) {
      throw new InputException(x.length + " feature rows but " + y.length + " targets");
    }
    DenseDesign.requireValid(x, StandardizedDesign.allRows(x.length));
    StandardizedDesign.finiteMean(y);
  }

  /**
   * {@link #requireFittable(double[][], double[])} and then the observations' weights and
   * offsets: one per row, weights finite, ≥ 0 and not all 0, offsets finite (RidgeCV's grid is
   * computed from weighted moments, which weights all 0 would make 0/0).
   *
   * @throws InputException naming the first problem, {@code weights} or {@code offsets} and the
   *     row for theirs
   */
  public static void requireFittable(double[][] x, double[] y, Observations observations) {
    requireFittable(x, y);
    normalizedWeights(observations, x.length, StandardizedDesign.allRows(x.length));
  }

  /** The gaussian path on all rows of x (n×p, row-major, not modified) and y (n). */
  public static PathSolution fit(
      double[][] x, double[] y, PathSettings settings, List<String> featureNames) {
    return fit(Family.GAUSSIAN, x, y, settings, featureNames, List.of());
  }

  /**
   * The gaussian path from sufficient statistics alone (no rows): the same path as
   * {@link #fit(double[][], double[], PathSettings, List)} on the rows the statistics were
   * built from, equal to it up to rounding, with covariance updates from the Gram matrix the
   * statistics give (p² doubles; p at most a few thousand). Weighted: the data term is
   * (1/2W)Σwᵢ(yᵢ − a₀ − xᵢ·b)², standardization with weighted moments (divisor W); glmnet's
   * default λ-min ratio counts the rows, {@code statistics.count()}. See {@link StatisticsPath}.
   *
   * @throws ConstantTargetException for a constant target (without an intercept, one of 0)
   * @throws InputException for statistics without rows of positive weight, or names or penalty
   *     factors of another length than p
   */
  public static PathSolution fit(GaussianStatistics statistics, PathSettings settings,
      List<String> featureNames) {
    return StatisticsPath.fit(statistics, settings, featureNames);
  }

  /**
   * The path of {@code family} on all rows.
   *
   * @param x n×p features, row-major (not modified)
   * @param y the target (gaussian) or the class index 0..K−1 of each row as a double
   * @param featureNames p names
   * @param classNames K class names for binomial (2) and multinomial; empty for gaussian, or for
   *     "0".."K−1" with K the largest class index + 1 (2 for binomial)
   * @throws ConstantTargetException for a constant gaussian target (without an intercept, y − o
   *     of 0), or poisson counts all 0 or fitted exactly by the intercept alone
   * @throws InputException for data or settings that cannot be fitted, naming the row (1-based),
   *     column or setting
   */
  public static PathSolution fit(Family family, double[][] x, double[] y, PathSettings settings,
      List<String> featureNames, List<String> classNames) {
    return fit(family, x, y, StandardizedDesign.allRows(x.length), settings, featureNames,
        classNames, Updates.AUTOMATIC);
  }

  /**
   * The path of {@code family} on the rows {@code rows} (0-based) of x and y, as
   * cross-validation fits each fold's training rows; the design is centered and scaled with
   * those rows' own moments.
   */
  public static PathSolution fit(Family family, double[][] x, double[] y, int[] rows,
      PathSettings settings, List<String> featureNames, List<String> classNames) {
    return fit(family, x, y, rows, settings, featureNames, classNames, Updates.AUTOMATIC);
  }

  /**
   * The path of {@code family} on all rows with observation weights and offsets
   * ({@link Observations}: glmnet's {@code weights} and {@code offset}).
   */
  public static PathSolution fit(Family family, double[][] x, double[] y,
      Observations observations, PathSettings settings, List<String> featureNames,
      List<String> classNames) {
    return fit(family, x, y, StandardizedDesign.allRows(x.length), observations, settings,
        featureNames, classNames);
  }

  /**
   * The path on the rows {@code rows} with observation weights and offsets (indexed like the
   * rows of x); the weights are normalized over those rows.
   */
  public static PathSolution fit(Family family, double[][] x, double[] y, int[] rows,
      Observations observations, PathSettings settings, List<String> featureNames,
      List<String> classNames) {
    return fit(family, x, y, rows, observations, settings, featureNames, classNames,
        Updates.AUTOMATIC);
  }

  /**
   * λ_max of the default sequence of {@link #fit(Family, double[][], double[], Observations,
   * PathSettings, List, List) fit} on the same arguments, computed as the path computes it:
   * {@code maxⱼ |∇ⱼ| / (max(α, 0.001)·vⱼ)} over the penalized features (vⱼ &gt; 0) that vary,
   * ∇ the gradient of the mean loss at the λ = ∞ fit (the intercepts and the unpenalized
   * features). 0 where no such feature varies or is correlated with the target, where the
   * default sequence is refused and a given λ is the λ = ∞ fit already. Dense rows are always
   * standardized as the design route does (the gaussian statistics' route gives the same λ_max
   * to rounding). The same checks and messages as the fit; stateless and thread-safe.
   *
   * @throws InputException for data or settings that cannot be fitted, as the fit says
   */
  public static double lambdaMax(Family family, double[][] x, double[] y,
      Observations observations, PathSettings settings, List<String> featureNames,
      List<String> classNames) {
    int[] rows = StandardizedDesign.allRows(x.length);
    requirePenaltyFits(family, settings);
    Problem problem = problem(family, x.length, (omega, scaleRows) -> observations.hasWeights()
        ? StandardizedDesign.of(x, rows, omega, scaleRows, settings.intercept(),
            settings.standardize())
        : StandardizedDesign.of(x, rows, settings.intercept(), settings.standardize()),
        y, rows, observations, settings, featureNames, classNames, Updates.AUTOMATIC);
    return PathLoop.lambdaMax(problem.solver(), settings);
  }

  /**
   * {@link #lambdaMax(Family, double[][], double[], Observations, PathSettings, List, List)} on
   * all rows of the sparse {@code x}, kept sparse as {@link #fit(Family, SparseMatrix, double[],
   * PathSettings, List, List)} keeps it.
   */
  public static double lambdaMax(Family family, SparseMatrix x, double[] y,
      PathSettings settings, List<String> featureNames, List<String> classNames) {
    int[] rows = StandardizedDesign.allRows(x.numRows());
    requirePenaltyFits(family, settings);
    Problem problem = problem(family, x.numRows(), (omega, scaleRows) -> StandardizedDesign.of(x,
        rows, omega, scaleRows, settings.intercept(), settings.standardize()), y, rows,
        Observations.none(), settings, featureNames, classNames, Updates.AUTOMATIC);
    return PathLoop.lambdaMax(problem.solver(), settings);
  }

  /**
   * Refuses weights that leave a fit with an intercept one row of positive weight: the intercept
   * fits that row exactly, whatever the family, and the checks after this one would speak only
   * of what follows (a target "constant" on that one row), not of the weights that caused it.
   */
  static void requireTwoWeightedRows(Observations observations, int numRows, int[] rows,
      boolean intercept) {
    double[] w = observations.weights();
    if (w.length == 0 || !intercept) {
      return;
    }
    int positive = 0;
    int only = -1;
    for (int i : rows) {
      if (w[i] > 0) {
        positive++;
        only = i;
      }
    }
    if (positive == 1) {
      throw InputException.about("weights", ": only row " + (only + 1) + (rows.length < numRows
          ? " of the " + rows.length + " rows fitted" : "") + " has a weight above 0: the"
          + " intercept fits that row exactly, which leaves nothing to fit; give at least two"
          + " rows a weight above 0");
    }
  }

  static PathSolution fit(Family family, double[][] x, double[] y, int[] rows,
      PathSettings settings, List<String> featureNames, List<String> classNames,
      Updates updates) {
    return fit(family, x, y, rows, Observations.none(), settings, featureNames, classNames,
        updates);
  }

  /**
   * The gaussian path on dense rows with n ≥ p and p ≤ {@link #GRAM_MAX_FEATURES}, where the
   * covariance updates read every column from the Gram matrix: the Gram matrix and the cross
   * products come from one blocked pass of the BLAS over the rows ({@link TwoPassStatistics}),
   * and the path runs on them ({@link StatisticsPath}), so no n×p standardized copy of x is
   * made. The same path as the design-based route, to rounding; the same checks and messages.
   */
  private static PathSolution gaussianFromStatistics(double[][] x, double[] y, int[] rows,
      Observations observations, PathSettings settings, List<String> featureNames,
      List<String> classNames) {
    if (x.length != y.length) {
      throw new InputException(x.length + " feature rows but " + y.length + " targets");
    }
    for (int i : rows) {
      if (i < 0 || i >= x.length) {
        throw new IllegalArgumentException("row index " + i + " is outside 0.." + (x.length - 1));
      }
    }
    normalizedWeights(observations, x.length, rows);
    requireTwoWeightedRows(observations, x.length, rows, settings.intercept());
    if (x[rows[0]].length == 0) {
      throw new InputException("no features to fit: the rows have 0 columns");
    }
    if (!classNames.isEmpty()) {
      throw new InputException("classNames: a gaussian path has no classes, got " + classNames);
    }
    double[] target = y;
    if (observations.hasOffsets()) {
      target = new double[y.length];
      double limit = StandardizedDesign.squarable(rows.length);
      for (int i : rows) {
        if (!Double.isFinite(y[i])) {
          throw new InputException("target of row " + (i + 1) + " is not finite: " + y[i]);
        }
        if (Math.abs(y[i]) > limit) {
          throw StandardizedDesign.tooLarge("target of row " + (i + 1), y[i], rows.length,
              limit, "target");
        }
        target[i] = StandardizedDesign.lessOffset(y[i], observations.offset(i), i, rows.length,
            limit);
      }
    }
    double[] weights = observations.hasWeights() ? observations.weights() : null;
    GaussianStatistics statistics = TwoPassStatistics.ofRows(x, target, weights, rows);
    return StatisticsPath.fit(statistics, settings, featureNames);
  }

  /**
   * ωᵢ = wᵢ / Σ wᵢ over the rows fitted (1/n each without weights), after checking the weights
   * and offsets: lengths, finite values, weights ≥ 0 and not all zero. Messages name the row
   * (1-based) and the setting ({@code weights}, {@code offsets}).
   */
  static double[] normalizedWeights(Observations observations, int numRows, int[] rows) {
    double[] w = observations.weights();
    double[] o = observations.offsets();
    if (w.length > 0 && w.length != numRows) {
      throw InputException.about("weights", ": " + w.length + " values for " + numRows + " rows");
    }
    if (o.length > 0 && o.length != numRows) {
      throw InputException.about("offsets", ": " + o.length + " values for " + numRows + " rows");
    }
    for (int i : rows) {
      if (w.length > 0 && !Numbers.isWeight(w[i])) {
        throw InputException.about("weights", ": row " + (i + 1) + ": "
            + Numbers.badWeight(w[i], "weights"));
      }
      if (o.length > 0 && !Double.isFinite(o[i])) {
        throw InputException.about("offsets", ": row " + (i + 1) + " has offset " + o[i]
            + "; offsets must be finite");
      }
    }
    if (w.length == 0) {
      return StandardizedDesign.uniformWeights(rows.length);
    }
    double sum = 0;
    for (int i : rows) {
      sum += w[i];
    }
    if (!(sum > 0)) {
      throw InputException.about("weights", ": every weight is 0" + (rows.length < numRows
          ? " on the " + rows.length + " rows fitted" : "") + "; nothing to fit");
    }
    double[] omega = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      omega[i] = w[rows[i]] / sum;
    }
    return omega;
  }

  /**
   * Whether some column of the rows {@code rows} of x is {@link Numbers#tooSmallToSquare} on
   * them (largest magnitude in (0, 2⁻⁴⁰⁰)): the statistics' scatter (sums of squared
   * deviations, unscaled) would lose the column's spread, or read it as 0 (values near
   * 1e-301), so such rows take the design-based route, whose standardization scales each
   * column by a power of two before squaring. A routing rule, not a refusal: the rows fitted
   * are the data here, and either route fits them.
   */
  private static boolean hasTinyColumn(double[][] x, int[] rows, double[] weights) {
    return Numbers.firstTooSmallToSquare(
        Numbers.largestMagnitudes(x, rows, weights, x[0].length)) >= 0;
  }

  static PathSolution fit(Family family, double[][] x, double[] y, int[] rows,
      Observations observations, PathSettings settings, List<String> featureNames,
      List<String> classNames, Updates updates) {
    requirePenaltyFits(family, settings);
    if (family == Family.GAUSSIAN && updates == Updates.AUTOMATIC && rows.length > 0
        && x.length > 0 && rows.length >= x[0].length && x[0].length <= GRAM_MAX_FEATURES
        && !hasTinyColumn(x, rows, observations.weights().length > 0
            ? observations.weights() : null)) {
      return gaussianFromStatistics(x, y, rows, observations, settings, featureNames,
          classNames);
    }
    return fit(family, x.length, (omega, scaleRows) -> observations.hasWeights()
        ? StandardizedDesign.of(x, rows, omega, scaleRows, settings.intercept(),
            settings.standardize())
        : StandardizedDesign.of(x, rows, settings.intercept(), settings.standardize()),
        y, rows, observations, settings, featureNames, classNames, updates);
  }

  /**
   * The path of {@code family} on all rows of the sparse {@code x} (n×p, compressed columns),
   * kept sparse: centering and scaling are applied implicitly, as glmnet does for a sparse x
   * (docs/linear.md, "Sparse data"); the same path as the dense x would give, to rounding.
   */
  public static PathSolution fit(Family family, SparseMatrix x, double[] y,
      PathSettings settings, List<String> featureNames, List<String> classNames) {
    return fit(family, x, y, StandardizedDesign.allRows(x.numRows()), Observations.none(),
        settings, featureNames, classNames);
  }

  /**
   * The path on the rows {@code rows} (0-based) of the sparse {@code x} with observation
   * weights and offsets (indexed like the rows of x), kept sparse; a fold's rows are copied
   * into their own compressed columns, never a dense array.
   */
  public static PathSolution fit(Family family, SparseMatrix x, double[] y, int[] rows,
      Observations observations, PathSettings settings, List<String> featureNames,
      List<String> classNames) {
    return fit(family, x, y, rows, observations, settings, featureNames, classNames,
        Updates.AUTOMATIC);
  }

  static PathSolution fit(Family family, SparseMatrix x, double[] y, int[] rows,
      Observations observations, PathSettings settings, List<String> featureNames,
      List<String> classNames, Updates updates) {
    return fit(family, x.numRows(), (omega, scaleRows) -> StandardizedDesign.of(x, rows, omega,
        scaleRows, settings.intercept(), settings.standardize()),
        y, rows, observations, settings, featureNames, classNames, updates);
  }

  /** Builds the design of the rows fitted from their weights ω; rows scaled by √(nω) or not. */
  private interface DesignSource {
    StandardizedDesign build(double[] omega, boolean scaleRows);
  }

  private static PathSolution fit(Family family, int numRows, DesignSource source, double[] y,
      int[] rows, Observations observations, PathSettings settings, List<String> featureNames,
      List<String> classNames, Updates updates) {
    Problem problem = problem(family, numRows, source, y, rows, observations, settings,
        featureNames, classNames, updates);
    return PathLoop.run(problem.solver(), problem.design(), family, settings, featureNames,
        problem.classNames());
  }

  /** A checked problem: its design, its family's point solver and its class names. */
  private record Problem(StandardizedDesign design, PointSolver solver, List<String> classNames) {
  }

  private static Problem problem(Family family, int numRows, DesignSource source, double[] y,
      int[] rows, Observations observations, PathSettings settings, List<String> featureNames,
      List<String> classNames, Updates updates) {
    if (numRows != y.length) {
      throw new InputException(numRows + " feature rows but " + y.length + " targets");
    }
    for (int i : rows) {
      if (i < 0 || i >= numRows) {
        throw new IllegalArgumentException("row index " + i + " is outside 0.." + (numRows - 1));
      }
    }
    double[] omega = normalizedWeights(observations, numRows, rows);
    requireTwoWeightedRows(observations, numRows, rows, settings.intercept());
    double[] offset = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      offset[i] = observations.offset(rows[i]);
    }
    if (family == Family.MULTINOMIAL && observations.hasOffsets()) {
      throw InputException.about("offsets", ": the multinomial family takes no offset (it would"
          + " need one per class); fit without offsets");
    }
    StandardizedDesign design = source.build(omega, family == Family.GAUSSIAN);
    int p = design.p;
    if (featureNames.size() != p) {
      throw new InputException("featureNames: " + featureNames.size() + " names for " + p
          + " features");
    }
    double[] penalty = settings.normalizedPenaltyFactors(p);
    Box box = Box.of(settings.lowerLimits(p), settings.upperLimits(p), design.scale);
    requirePenaltyFits(family, settings);
    PointSolver solver;
    List<String> names = classNames;
    switch (family) {
      case GAUSSIAN -> {
        if (!classNames.isEmpty()) {
          throw new InputException("classNames: a gaussian path has no classes, got "
              + classNames);
        }
        solver = gaussian(design, y, rows, omega, offset, penalty, box, settings, updates);
      }
      case BINOMIAL -> {
        names = classNames.isEmpty() ? List.of("0", "1") : classNames;
        if (names.size() != 2) {
          throw new InputException("a binomial path needs exactly 2 classes, got "
              + names.size() + " " + names + "; fit a multinomial path instead");
        }
        int[] label = labels(y, rows, 2, names);
        double[] y01 = new double[label.length];
        for (int i = 0; i < label.length; i++) {
          y01[i] = label[i];
        }
        solver = new SingleResponseSolver(design, new BinomialResponse(y01, omega), offset,
            penalty, box, settings.l1Ratio(), settings.maxIterations(), settings.intercept());
      }
      case MULTINOMIAL -> {
        int numClasses = classNames.isEmpty() ? largestLabel(y, rows) + 1 : classNames.size();
        names = classNames.isEmpty() ? indexNames(numClasses) : classNames;
        if (numClasses < 2) {
          throw new InputException("the target has a single class: a multinomial fit needs at"
              + " least two");
        }
        int[] label = labels(y, rows, numClasses, names);
        solver = settings.multinomialPenalty() == MultinomialPenalty.GROUPED
            ? new GroupedMultinomialSolver(design, label, numClasses, omega, penalty,
                settings.l1Ratio(), settings.maxIterations(),
                PathLoop.recomputeCertificates(settings), settings.intercept())
            : new MultinomialSolver(design, label, numClasses, omega, penalty, box,
                settings.l1Ratio(), settings.maxIterations(),
                PathLoop.recomputeCertificates(settings), settings.intercept());
      }
      case POISSON -> {
        if (!classNames.isEmpty()) {
          throw new InputException("classNames: a poisson path has no classes, got "
              + classNames);
        }
        double[] counts = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
          double v = y[rows[i]];
          if (!(v >= 0) || Double.isInfinite(v)) {
            // a RowException, so that a caller that read the rows from a file names its line
            throw dev.tikhonov.data.RowException.inTarget(rows[i] + 1, "count " + v + " is not a"
                + " finite number ≥ 0 (the poisson family models counts)");
          }
          counts[i] = v;
        }
        solver = new SingleResponseSolver(design, new PoissonResponse(counts, omega), offset,
            penalty, box, settings.l1Ratio(), settings.maxIterations(), settings.intercept());
      }
      default -> throw new IllegalStateException("unknown family " + family);
    }
    return new Problem(design, solver, names);
  }

  /**
   * The gaussian point solver. With observation weights ωᵢ (the design's rows already scaled by
   * √(nωᵢ)) the target is scaled the same way, √(nωᵢ)(yᵢ − oᵢ − ȳ_ω) with ȳ_ω = Σωᵢ(yᵢ − oᵢ),
   * which makes the solver's unweighted (1/2n) residual sum of squares the weighted one.
   */
  private static PointSolver gaussian(StandardizedDesign design, double[] y, int[] rows,
      double[] omega, double[] rowOffset, double[] penalty, Box box, PathSettings settings,
      Updates updates) {
    int n = design.n;
    int p = design.p;
    boolean weighted = false;
    for (double o : omega) {
      weighted |= o != omega[0];
    }
    double[] target = new double[n];
    double sum = 0;
    double limit = StandardizedDesign.squarable(n);
    for (int i = 0; i < n; i++) {
      double v = y[rows[i]];
      if (!Double.isFinite(v)) {
        throw new InputException("target of row " + (rows[i] + 1) + " is not finite: " + v);
      }
      if (Math.abs(v) > limit) {
        throw StandardizedDesign.tooLarge("target of row " + (rows[i] + 1), v, n, limit,
            "target");
      }
      target[i] = StandardizedDesign.lessOffset(v, rowOffset[i], rows[i], n, limit);
      sum += weighted ? omega[i] * target[i] : target[i];
    }
    double mean = weighted ? sum : sum / n;
    double variance = 0;
    for (int i = 0; i < n; i++) {
      variance += (weighted ? omega[i] : 1) * (target[i] - mean) * (target[i] - mean);
    }
    // Without an intercept the null model is η = offset, not the mean: a constant y − o other
    // than 0 is a fit like any other (glmnet's intercept = FALSE fits it), 0 leaves nothing.
    if (settings.intercept() ? !(variance > 0) : !(variance + mean * mean > 0)) {
      throw new ConstantTargetException("the target is constant (" + mean + "): nothing to fit");
    }
    double offset = settings.intercept() ? mean : 0.0;
    double start = 0;
    for (int i = 0; i < n; i++) {
      target[i] -= offset;
      if (weighted) {
        target[i] *= Math.sqrt(n * omega[i]);
      }
      start += target[i] * target[i];
    }
    start /= n;
    // A sparse design never forms the Gram matrix (it would be dense p×p by n·p² flops).
    boolean gram = !design.sparse() && updates == Updates.AUTOMATIC && p <= GRAM_MAX_FEATURES
        && n >= p;
    boolean covariance = updates == Updates.COVARIANCE || gram
        || (updates == Updates.AUTOMATIC && p < COVARIANCE_MAX_FEATURES);
    GradientTracker tracker = covariance
        ? new CovarianceTracker(design, target, gram) : design.residualTracker(target);
    return new GaussianCoordinateDescent(design, tracker, penalty, box, settings.l1Ratio(),
        offset, start, settings.maxIterations(), PathLoop.recomputeCertificates(settings));
  }

  /**
   * Whether {@code settings} can fit a path of {@code family}: {@link MultinomialPenalty#GROUPED}
   * only for the multinomial family, and without limits. Every fit checks it first; estimators
   * check it when they are built.
   *
   * @throws InputException naming the setting {@code multinomialPenalty}
   */
  public static void requirePenaltyFits(Family family, PathSettings settings) {
    if (settings.multinomialPenalty() != MultinomialPenalty.GROUPED) {
      return;
    }
    if (family != Family.MULTINOMIAL) {
      throw InputException.about("multinomialPenalty", ": GROUPED applies to the multinomial"
          + " family only, this path is " + family.name().toLowerCase(Locale.ROOT)
          + "; leave it UNGROUPED");
    }
    if (settings.bounded()) {
      throw InputException.about("multinomialPenalty", ": GROUPED takes no lowerLimits or"
          + " upperLimits (a limit on one class coefficient does not fit a penalty on the"
          + " group); fit without limits, or UNGROUPED");
    }
  }

  /** The class index of each row, checked: an integer in 0..K−1. */
  private static int[] labels(double[] y, int[] rows, int numClasses, List<String> names) {
    int[] label = new int[rows.length];
    int[] counts = new int[numClasses];
    for (int i = 0; i < rows.length; i++) {
      double v = y[rows[i]];
      if (!(v >= 0 && v < numClasses) || v != Math.rint(v)) {
        throw new InputException("row " + (rows[i] + 1) + ": class index " + v
            + " is not an integer in 0.." + (numClasses - 1));
      }
      label[i] = (int) v;
      counts[label[i]]++;
    }
    for (int c = 0; c < numClasses; c++) {
      if (counts[c] == 0) {
        throw new InputException("class " + names.get(c) + " has no observations: "
            + (numClasses == 2 ? "the target has a single class, a binomial fit needs both"
                : "every class of a multinomial fit needs observations"));
      }
    }
    return label;
  }

  private static int largestLabel(double[] y, int[] rows) {
    double max = 0;
    for (int i : rows) {
      if (!(y[i] >= 0) || y[i] != Math.rint(y[i]) || Double.isInfinite(y[i])) {
        throw new InputException("row " + (i + 1) + ": class index " + y[i]
            + " is not an integer ≥ 0");
      }
      max = Math.max(max, y[i]);
    }
    if (max >= Integer.MAX_VALUE) {
      throw new InputException("class index " + max + " is too large");
    }
    return (int) max;
  }

  private static List<String> indexNames(int k) {
    List<String> names = new ArrayList<>(k);
    for (int c = 0; c < k; c++) {
      names.add(Integer.toString(c));
    }
    return names;
  }

  /**
   * glmnet's default sequence: λ_max·f^k for k = 0..count−1 with f = ratio^(1/(count−1)),
   * built by repeated multiplication as glmnet does.
   */
  public static double[] geometricSequence(double lambdaMax, double ratio, int count) {
    double[] lambdas = new double[count];
    lambdas[0] = lambdaMax;
    if (count == 1) {
      return lambdas;
    }
    double factor = Math.pow(ratio, 1.0 / (count - 1));
    for (int k = 1; k < count; k++) {
      lambdas[k] = lambdas[k - 1] * factor;
    }
    return lambdas;
  }
}
