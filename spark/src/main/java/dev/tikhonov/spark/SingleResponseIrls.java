package dev.tikhonov.spark;

import dev.tikhonov.data.InputException;
import dev.tikhonov.internal.linear.ElasticNetPenalty;
import dev.tikhonov.linear.ElasticNetPath;
import dev.tikhonov.linear.GaussianStatistics;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.select.CvMeasure;
import dev.tikhonov.select.CvResult;
import dev.tikhonov.select.FoldStatistics;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntToLongFunction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The binomial and Poisson elastic-net paths and their K-fold cross-validation on Spark by
 * distributed proximal Newton (IRLS), glmnet's {@code lognet} (two classes) and {@code fishnet}
 * with the data read once per Newton step for all K + 1 fits at once; the family's part is an
 * {@link IrlsFamily}. At every λ each fit minimizes
 *
 * <pre>
 *   Σᵢ ωᵢ ℓ(yᵢ, a₀ + xᵢ·b) + λ Σⱼ [ (1−α)/2 · (sⱼbⱼ)² + α · |sⱼbⱼ| ],   ωᵢ = wᵢ/W,
 *   binomial: ℓ(y, η) = −[y·η − log(1 + e^η)],  y ∈ {0, 1},
 *   Poisson:  ℓ(y, η) = e^η − y·η,              y ≥ 0 a count (μ = e^η),
 * </pre>
 *
 * sⱼ the feature's standard deviation (divisor W) on the fit's rows with {@code standardize}, 1
 * without: the single-machine {@code ElasticNetPath.fit(BINOMIAL or POISSON, ...)} objective.
 *
 * <p><b>The passes.</b> The first is the gaussian pass ({@link StatisticsPass}): every fold's
 * weighted moments of (x, y), from which each fit's standardization, its label mean ȳ (the class-1
 * share, or the mean count), its null model a₀ = link(ȳ) (logit ȳ, log ȳ),
 * λ_max = maxⱼ |Sxyⱼ/W|/sⱼ / max(α, 10⁻³) (glmnet's, the gradient at the null model, whose
 * residuals are wᵢ(yᵢ − ȳ) for both families) and, for binomial, its first Newton quadratic (at
 * the null model the working weights are ȳ(1−ȳ)ωᵢ, so the weighted Gram matrix is ȳ(1−ȳ)·Sxx)
 * all follow. The Poisson null deviance needs Σ w·y log y, which the moments lack: its fits
 * start with one Newton pass at the null model. Each further pass ({@link NewtonPass}) computes,
 * at every fit's current coefficients, the weighted Gram matrix Σvx̃x̃ᵀ, the gradient sums Σr,
 * Σrx̃ and the deviance. On the driver each fit then
 *
 * <ol>
 *   <li>(Poisson, whose exponential makes a full step from far away overshoot, as the core's
 *       {@code PoissonResponse}) if the pass evaluated a Newton step's end point and the
 *       penalized objective (half the mean deviance plus the penalty at the step's λ) rose above
 *       its value where the step started (beyond 10⁻¹³ of it), halves the step back towards its
 *       start and asks for another pass, at most {@value #MAX_HALVINGS} times, then goes back to
 *       the start (the λ is recorded from there);
 *   <li>computes the core's certificate at the current point from the exact gradient of the
 *       pass: the scaled KKT residual max(|∂/∂a₀|, maxⱼ sⱼ·violationⱼ) / dev₀ (the core's
 *       SingleResponseSolver.certificate, docs/linear.md "Convergence");
 *   <li>if it is at most the tolerance and the last Newton step met glmnet's criterion (it moved
 *       every coefficient by less than thr = min(tolerance, 10⁻⁷)·dev₀/2 in xvⱼ·Δβⱼ², at
 *       least one step at every λ but λ_max, as the core's path), records the λ (deviance
 *       ratio, df, passes), applies glmnet's stopping rule of the default sequence
 *       ({@link IrlsPathRecord}: after 5 λ, a deviance ratio above 0.999, or one that grew by
 *       less than 10⁻⁵ (binomial) or by less than 10⁻⁴ of itself over 4 λ (Poisson)) and moves
 *       to the next λ, warm-started;
 *   <li>solves the penalized quadratic model at the current λ from those statistics by the
 *       core's covariance-mode coordinate descent ({@link IrlsStep}, which calls
 *       {@link dev.tikhonov.internal.linear.PenalizedQuadratic}, to the floor of double
 *       precision), the intercept profiled out, and takes the full Newton step.
 * </ol>
 *
 * A λ whose certificate does not reach the tolerance within {@value #MAX_STEPS} Newton steps, or
 * whose step no longer moves the coefficients, is recorded as not converged and the path goes
 * on. As glmnet, binomial probabilities beyond ±log(1/pmin − 1) are 0 or 1 with weight 0; when
 * every weight is 0 the path ends (separated classes).
 *
 * <p><b>Cross-validation</b> as the single-machine {@code CrossValidation.path}: fold k's fit on
 * the rows outside fold k, with its own default λ sequence interpolated at the full path's λ
 * (cv.glmnet), or the same λ when a sequence is given; one last pass scores each fold's held-out
 * rows by the chosen measure, by default the mean deviance ({@link IrlsFamily#heldOutDeviance}:
 * −2·log p̂ with p̂ clamped to [10⁻⁵, 1 − 10⁻⁵], or 2[y log(y/μ) − (y − μ)]; else the MSE, MAE
 * or misclassification rate, {@code CvMeasure.rowValue}) weighted by w, folds weighted by their
 * Σw (their sizes without weights); cv.glmnet's mean, SE, λ_min and λ_1se.
 *
 * <p>Steps 2 and 3 are the λ-loop every IRLS family shares ({@link IrlsLambdaLoop}); this class
 * is the binomial and Poisson point, certificate, step and step control. The recorded
 * {@code passes} of a λ are the distributed passes whose statistics were taken at that λ's
 * iterates: the pass that certified it and the Newton steps (and halvings) before it since the
 * previous λ was certified. Not thread-safe; one instance per fit.
 */
final class SingleResponseIrls {
  /** Newton steps at one λ before it is recorded as not converged. */
  static final int MAX_STEPS = IrlsLambdaLoop.MAX_STEPS;
  /**
   * Halvings of one Newton step before it is given up: 2⁻³⁰ of a step is rounding, as
   * {@link MultinomialIrls#MAX_HALVINGS}. The core's SingleResponseSolver allows 50, cheap
   * there; here each is a pass over the data, and no fit measured needed more than 4.
   */
  static final int MAX_HALVINGS = 30;

  /**
   * The path on all rows, its cross-validation and the number of distributed passes, the
   * statistics pass and the scoring pass included.
   */
  record Result(PathSolution path, CvResult cv, int passes,
      IrlsCrossValidation.FoldPoints points) {}

  private final NewtonPass pass;
  private final IrlsFamily family;
  private final PathSettings settings;
  private final List<String> names;
  /** μ, the mean of all rows: the passes center x by it. */
  private double[] center;

  SingleResponseIrls(NewtonPass pass, IrlsFamily family, PathSettings settings,
      List<String> names) {
    this.pass = pass;
    this.family = family;
    this.settings = settings;
    this.names = List.copyOf(names);
  }

  /**
   * Runs the Newton passes from the first pass's statistics, then the scoring pass, which scores
   * the held-out rows by {@code measure} (the AUC by a pass of its own, which ranks them).
   */
  Result run(Dataset<?> data, FoldStatistics statistics, CvMeasure measure) {
    // the AUC ranks a fold's rows (its own pass); every other measure sums a value per row
    java.util.Optional<NewtonPass.HeldOutValue> value = measure == CvMeasure.AUC
        ? java.util.Optional.empty()
        : java.util.Optional.of(IrlsCrossValidation.heldOutValue(family, measure));
    int k = statistics.numFolds();
    Track[] tracks = new Track[k + 1];
    tracks[0] = track(0, statistics.total(), k);
    for (int f = 1; f <= k; f++) {
      tracks[f] = track(f, statistics.training(f), k);
    }
    JavaRDD<Row> rows = pass.rows(data);
    int passes = iterate(rows, statistics.total(), IrlsLambdaLoop.rowsOf(statistics), tracks);
    PathSolution full = tracks[0].path();
    double[] lambdas = full.lambdas();
    PathSolution[] folds = new PathSolution[k];
    for (int f = 1; f <= k; f++) {
      folds[f - 1] = tracks[f].path();
    }
    IrlsCrossValidation.FoldPoints points = IrlsCrossValidation.atFullLambdas(folds, lambdas,
        settings.defaultSequence());
    passes++;
    if (value.isEmpty()) {
      double[][] auc = IrlsCrossValidation.heldOutAuc(pass, rows, points);
      return new Result(full, IrlsCrossValidation.aucCurve(lambdas, auc, folds), passes,
          points);
    }
    double[][] heldOut = IrlsCrossValidation.heldOut(pass, rows, value.get(), points);
    return new Result(full, IrlsCrossValidation.curve(lambdas, heldOut, folds, measure), passes,
        points);
  }

  /**
   * The path on all rows alone (no cross-validation): the statistics pass and one pass per
   * Newton step of the one fit ({@code PathSolution.passes} per λ).
   */
  PathSolution path(Dataset<?> data, GaussianStatistics total) {
    // id 0 is never named as a fold's: the fold count is not used
    Track[] tracks = {track(0, total, 1)};
    iterate(pass.rows(data), total, id -> total.count(), tracks);
    return tracks[0].path();
  }

  /**
   * Newton passes until every track's path has ended; returns the passes, the first included.
   * {@code rowsOf}: the rows the statistics pass read for a fit (0 all, k fold k's training).
   */
  private int iterate(JavaRDD<Row> rows, GaussianStatistics total, IntToLongFunction rowsOf,
      Track[] tracks) {
    center = total.featureMeans();
    for (Track t : tracks) {
      if (t.startsFromMoments()) {
        t.observe(t.initialSums(center));
      }
    }
    return 1 + IrlsLambdaLoop.passUntilDone(tracks, flight -> {
      int[] ids = new int[flight.size()];
      double[] a0 = new double[ids.length];
      double[][] b = new double[ids.length][];
      for (int i = 0; i < ids.length; i++) {
        Track t = flight.get(i);
        ids[i] = t.id;
        a0[i] = t.a0;
        b[i] = t.b;
      }
      NewtonPass.Sums[] sums = pass.run(rows, family, ids, a0, b, center);
      IrlsLambdaLoop.requireSameRows(ids, Arrays.stream(sums)
          .mapToLong(NewtonPass.Sums::count).toArray(), rowsOf,
          family.family().name().toLowerCase(java.util.Locale.ROOT));
      return sums;
    });
  }

  private Track track(int id, GaussianStatistics statistics, int numFolds) {
    try {
      return new Track(id, statistics, numFolds);
    } catch (InputException e) {
      throw IrlsLambdaLoop.inFold(id, numFolds, e);
    }
  }

  /** One fit (all rows, or one fold's training rows) along its path. */
  private final class Track implements IrlsLambdaLoop.Stepper<NewtonPass.Sums>,
      IrlsLambdaLoop.Fit<NewtonPass.Sums> {
    final int id;
    final int numFolds;
    final int p;
    final double weight;
    final double[] mean;
    final double[] scale;
    /** The design's column variances: 1 (standardized) or the variance, 0 if excluded. */
    final double[] variance;
    final boolean[] included;
    /** Half the null model's mean deviance: from the moments, or the first pass (Poisson). */
    double nullLoss;
    final double alpha;
    double a0;
    /** Coefficients on the original scale (what the pass uses) and on the design's scale. */
    double[] b;
    double[] beta;
    /** The λ-loop: the λ finished so far, the steps and passes at the current one. */
    final IrlsLambdaLoop<NewtonPass.Sums> loop;
    /** The first pass's statistics, for the Newton step at the null model (then dropped). */
    GaussianStatistics initial;
    /**
     * Step control (Poisson): the pass the last Newton step started from, that point and its
     * penalized objective; {@code from} is null when the last pass did not end a step.
     */
    NewtonPass.Sums from;
    double fromObjective;
    double fromA0;
    double[] fromBeta;
    int halvings;

    Track(int id, GaussianStatistics s, int numFolds) {
      this.id = id;
      this.numFolds = numFolds;
      this.initial = s;
      p = s.numFeatures();
      IrlsDesign design = IrlsDesign.of(s, settings.standardize());
      weight = design.weight();
      a0 = family.nullIntercept(s.targetMean(), pass.labelCol());
      nullLoss = family.nullHalfDeviance(s.targetMean());
      alpha = settings.l1Ratio();
      mean = design.mean();
      scale = design.scale();
      variance = design.variance();
      included = design.included();
      double[] cross = s.featureTargetScatter();
      double gradientMax = 0;
      for (int j = 0; j < p; j++) {
        if (included[j]) {
          gradientMax = Math.max(gradientMax, Math.abs(cross[j] / weight) / scale[j]);
        }
      }
      b = new double[p];
      beta = new double[p];
      double lambdaMax = gradientMax / Math.max(alpha, 1e-3);
      double[] lambdas;
      if (settings.defaultSequence()) {
        if (!(lambdaMax > 0)) {
          throw new InputException("λ_max is 0: no feature varies or is correlated with the"
              + " label; give a λ sequence instead");
        }
        int n = (int) Math.min(s.count(), Integer.MAX_VALUE);
        lambdas = ElasticNetPath.geometricSequence(lambdaMax,
            settings.effectiveLambdaMinRatio(n, p), settings.numLambdas());
      } else {
        lambdas = IrlsLambdaLoop.decreasing(settings.lambdas());
      }
      loop = new IrlsLambdaLoop<>(this, family.family(), lambdas, settings);
    }

    /** Whether the null model's sums follow from the first pass's moments (binomial). */
    boolean startsFromMoments() {
      return !Double.isNaN(nullLoss);
    }

    /**
     * The pass's sums at the null model from the first pass's moments (weights V(ȳ)·wᵢ,
     * residuals wᵢ(yᵢ − ȳ)), centered by {@code center}.
     */
    NewtonPass.Sums initialSums(double[] center) {
      GaussianStatistics s = initial;
      double c = family.variance(s.targetMean());
      double v = c * weight;
      double[] shift = new double[p];
      double[] vx = new double[p];
      for (int j = 0; j < p; j++) {
        shift[j] = mean[j] - center[j];
        vx[j] = v * shift[j];
      }
      double[] scatter = s.featureScatter();
      double[] vxx = new double[p * p];
      for (int j = 0; j < p; j++) {
        for (int k = 0; k < p; k++) {
          vxx[j * p + k] = c * scatter[j * p + k] + v * shift[j] * shift[k];
        }
      }
      // Σ w(y − ȳ)(x − center) = Sxy: the null model's mean is the label's mean ȳ.
      double[] rx = s.featureTargetScatter().clone();
      double loss = weight * nullLoss;
      initial = null;
      return new NewtonPass.Sums(s.count(), weight, v, 0.0, s.targetScatter() / c, loss, vx, rx,
          vxx);
    }

    @Override
    public boolean done() {
      return loop.done();
    }

    /** The statistics of a pass at the current coefficients: halve, record, advance, or step. */
    @Override
    public void observe(NewtonPass.Sums pass) {
      loop.countPass();
      initial = null;
      if (Double.isNaN(nullLoss)) {
        // The first pass, at the null model (Poisson).
        nullLoss = pass.loss() / weight;
        if (!(nullLoss > 0) || Double.isInfinite(nullLoss)) {
          throw IrlsLambdaLoop.inFold(id, numFolds, new InputException("the counts are fitted"
              + " exactly by the intercept-only model (null deviance " + 2 * nullLoss + "):"
              + " nothing to fit"));
        }
      }
      NewtonPass.Sums s = pass;
      if (from != null) {
        double objective = s.loss() / weight + penalty(loop.lambda(), beta);
        if (!(objective <= fromObjective + 1e-13 * Math.abs(fromObjective))) {
          if (halvings < MAX_HALVINGS) {
            halve();
            return;
          }
          // No descent along the step at all: back to where it started, as close to optimal
          // as this quadratic model can bring it (recorded from there).
          a0 = fromA0;
          beta = fromBeta;
          b = originalScale(beta);
          s = from;
          loop.stalled();
        }
        from = null;
        halvings = 0;
      }
      boolean exhausted = family.exhausted(s.v() / weight);
      double dev = s.loss() / weight;
      double ratio = (nullLoss - dev) / nullLoss;
      try {
        loop.advance(s, ratio, exhausted, threshold());
      } catch (InputException e) {
        // a fold's refusal at its first λ (maxEverActive) named as that fold's
        throw IrlsLambdaLoop.inFold(id, numFolds, e);
      }
    }

    /**
     * The scaled KKT residual at {@code lambda}, from the exact gradient of the pass: with
     * ∇ⱼ = −(1/W)Σ rᵢ(xᵢⱼ − mⱼ)/sⱼ the gradient of the mean loss on the design's scale.
     */
    @Override
    public double certificate(NewtonPass.Sums s, double lambda) {
      double l1 = part(alpha, lambda);
      double l2 = part(1 - alpha, lambda);
      double worst = Math.abs(s.r() / weight);
      double[] center = centerOf();
      for (int j = 0; j < p; j++) {
        if (!included[j]) {
          continue;
        }
        // Σ r(x − m) = Σ r x̃ + R(center − m).
        double g = -(s.rx()[j] + s.r() * (center[j] - mean[j])) / weight / scale[j];
        worst = Math.max(worst,
            Math.sqrt(variance[j]) * ElasticNetPenalty.violation(g, beta[j], 1, l1, l2));
      }
      return worst / (2 * nullLoss);
    }

    /**
     * glmnet's {@code thr}: min(tolerance, 10⁻⁷)·dev₀/2 (binomial: −(1/n)·loglik of the null
     * model), the core's first sweep threshold for binomial and Poisson (PathLoop).
     */
    private double threshold() {
      return Math.min(settings.tolerance(), 1e-7) * nullLoss;
    }

    private double[] centerOf() {
      return SingleResponseIrls.this.center;
    }

    /** One proximal Newton step at {@code lambda} from the pass's statistics ({@link IrlsStep}). */
    @Override
    public boolean step(NewtonPass.Sums s, double lambda) {
      if (family.halvesSteps()) {
        from = s;
        fromObjective = s.loss() / weight + penalty(lambda, beta);
        fromA0 = a0;
        fromBeta = beta;
      }
      // The gap bounds the step's error by about √gap: a KKT residual of t at the end of the
      // step needs a gap of about t²; below 10⁻²⁰ this runs to the floor of double precision.
      double tolerance = 1e-3 * settings.tolerance() * settings.tolerance();
      IrlsStep.Result next = IrlsStep.take(s.v(), s.r(), s.q(), s.vx(), s.rx(), s.vxx(), weight,
          centerOf(), mean, scale, included, alpha, lambda, a0, beta, b, tolerance,
          settings.maxIterations());
      loop.measured(next.change());
      for (int j = 0; j < p; j++) {
        if (next.everActive()[j]) {
          loop.entered(j);
        }
      }
      if (next.intercept() == a0 && Arrays.equals(next.beta(), beta)) {
        // Recorded as it stands at the next pass (the pass that would certify it).
        loop.stalled();
      }
      a0 = next.intercept();
      beta = next.beta();
      b = next.coefficients();
      return true;
    }

    /**
     * Halfway back to where the step started; glmnet's measure of the step is a quarter of what
     * it was (the move halves, the weights it is measured with are the start's).
     */
    private void halve() {
      halvings++;
      a0 = 0.5 * (a0 + fromA0);
      double[] half = new double[p];
      for (int j = 0; j < p; j++) {
        half[j] = 0.5 * (beta[j] + fromBeta[j]);
      }
      beta = half;
      b = originalScale(beta);
      loop.measured(loop.lastChange() * 0.25);
    }

    /** λ Σⱼ [(1−α)/2 βⱼ² + α|βⱼ|] on the design's scale. */
    private double penalty(double lambda, double[] at) {
      double l1 = part(alpha, lambda);
      double l2 = part(1 - alpha, lambda);
      double sum = 0;
      for (int j = 0; j < p; j++) {
        sum += l1 * Math.abs(at[j]) + 0.5 * l2 * at[j] * at[j];
      }
      return sum;
    }

    /** bⱼ = βⱼ/sⱼ. */
    private double[] originalScale(double[] at) {
      double[] coefficients = new double[p];
      for (int j = 0; j < p; j++) {
        coefficients[j] = at[j] / scale[j];
      }
      return coefficients;
    }

    @Override
    public double[] intercepts() {
      return new double[] {a0};
    }

    @Override
    public double[][] coefficients() {
      return new double[][] {originalScale(beta)};
    }

    PathSolution path() {
      return loop.path(alpha, 2 * nullLoss, names, family.classNames());
    }
  }

  private static double part(double share, double lambda) {
    return share == 0 ? 0 : share * lambda;
  }
}
