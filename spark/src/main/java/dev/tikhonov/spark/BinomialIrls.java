package dev.tikhonov.spark;

import dev.tikhonov.data.InputException;
import dev.tikhonov.internal.linear.ElasticNetPenalty;
import dev.tikhonov.linear.ElasticNetPath;
import dev.tikhonov.linear.GaussianStatistics;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.loss.Family;
import dev.tikhonov.select.CvResult;
import dev.tikhonov.select.FoldStatistics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The binomial elastic-net path and its K-fold cross-validation on Spark by distributed proximal
 * Newton (IRLS), glmnet's {@code lognet} with the data read once per Newton step for all K + 1
 * fits at once. At every λ each fit minimizes
 *
 * <pre>
 *   Σᵢ ωᵢ ℓ(yᵢ, a₀ + xᵢ·b) + λ Σⱼ [ (1−α)/2 · (sⱼbⱼ)² + α · |sⱼbⱼ| ],
 *   ℓ(y, η) = −[y·η − log(1 + e^η)],  ωᵢ = wᵢ/W,
 * </pre>
 *
 * sⱼ the feature's standard deviation (divisor W) on the fit's rows with {@code standardize}, 1
 * without: the single-machine {@code ElasticNetPath.fit(BINOMIAL, ...)} objective.
 *
 * <p><b>The passes.</b> The first is the gaussian pass ({@link StatisticsPass}): every fold's
 * weighted moments of (x, y), from which each fit's standardization, its class-1 share q₀, its
 * null model a₀ = logit q₀, λ_max = maxⱼ |Sxyⱼ/W|/sⱼ / max(α, 10⁻³) (glmnet's, the gradient at the
 * null model) and its first Newton quadratic (at the null model the working weights are
 * q₀(1−q₀)ωᵢ, so the weighted Gram matrix is q₀(1−q₀)·Sxx) all follow. Each further pass
 * ({@link NewtonPass}) computes, at every fit's current coefficients, the weighted Gram matrix
 * Σvx̃x̃ᵀ, the gradient sums Σr, Σrx̃ and the deviance. On the driver each fit then
 *
 * <ol>
 *   <li>computes the core's certificate at the current point from the exact gradient of the
 *       pass: the scaled KKT residual max(|∂/∂a₀|, maxⱼ sⱼ·violationⱼ) / dev₀ (the core's
 *       BinomialSolver.certificate, docs/linear.md "Convergence");
 *   <li>if it is at most the tolerance and the last Newton step met glmnet's criterion (it moved
 *       every coefficient by less than thr = min(tolerance, 10⁻⁷)·dev₀/2 in xvⱼ·Δβⱼ², at
 *       least one step at every λ but λ_max, as the core's path), records the λ (deviance
 *       ratio, df, passes), applies
 *       glmnet's stopping rule of the default sequence (after 5 λ, a deviance ratio that grew by
 *       less than 10⁻⁵ or exceeds 0.999) and moves to the next λ, warm-started;
 *   <li>solves the penalized quadratic model at the current λ from those statistics by the
 *       core's covariance-mode coordinate descent ({@link IrlsStep}, which calls
 *       {@link dev.tikhonov.internal.linear.PenalizedQuadratic}, to the floor of double
 *       precision), the intercept profiled out, and takes the full Newton step.
 * </ol>
 *
 * A λ whose certificate does not reach the tolerance within {@value #MAX_STEPS} Newton steps, or
 * whose step no longer moves the coefficients, is recorded as not converged and the path goes
 * on. As glmnet, probabilities beyond ±log(1/pmin − 1) are 0 or 1 with weight 0; when every
 * weight is 0 the path ends (separated classes).
 *
 * <p><b>Cross-validation</b> as the single-machine {@code CrossValidation.path}: fold k's fit on
 * the rows outside fold k, with its own default λ sequence interpolated at the full path's λ
 * (cv.glmnet), or the same λ when a sequence is given; one last pass scores each fold's held-out
 * rows, mean deviance −2·log p̂ (p̂ clamped to [10⁻⁵, 1 − 10⁻⁵]) weighted by w, folds weighted by
 * their Σw (their sizes without weights); cv.glmnet's mean, SE, λ_min and λ_1se.
 *
 * <p>The recorded {@code passes} of a λ are the distributed passes whose statistics were taken
 * at that λ's iterates: the pass that certified it and the Newton steps before it since the
 * previous λ was certified. Not thread-safe; one instance per fit.
 */
final class BinomialIrls {
  /** Newton steps at one λ before it is recorded as not converged. */
  static final int MAX_STEPS = 50;
  /** glmnet's {@code vmin} (the core's BinomialSolver): no curvature left. */
  private static final double VMIN = (1 + NewtonPass.PMIN) * NewtonPass.PMIN
      * (1 - NewtonPass.PMIN);

  /**
   * The path on all rows, its cross-validation and the number of distributed passes, the
   * statistics pass and the scoring pass included.
   */
  record Result(PathSolution path, CvResult cv, int passes) {}

  private final NewtonPass pass;
  private final PathSettings settings;
  private final List<String> names;

  BinomialIrls(NewtonPass pass, PathSettings settings, List<String> names) {
    this.pass = pass;
    this.settings = settings;
    this.names = List.copyOf(names);
  }

  /** Runs the Newton passes from the first pass's statistics, then the scoring pass. */
  Result run(Dataset<?> data, FoldStatistics statistics) {
    int k = statistics.numFolds();
    Track[] tracks = new Track[k + 1];
    tracks[0] = track(0, statistics.total(), k);
    for (int f = 1; f <= k; f++) {
      tracks[f] = track(f, statistics.training(f), k);
    }
    JavaRDD<Row> rows = pass.rows(data);
    int passes = iterate(rows, statistics, tracks);
    PathSolution full = tracks[0].path();
    double[] lambdas = full.lambdas();
    int m = lambdas.length;
    double[][] a0 = new double[k][];
    double[][][] b = new double[k][][];
    for (int f = 1; f <= k; f++) {
      PathSolution own = tracks[f].path();
      PathSolution fold = settings.defaultSequence() ? own.interpolate(lambdas) : own;
      a0[f - 1] = new double[m];
      b[f - 1] = new double[m][];
      for (int l = 0; l < m; l++) {
        // A fold path that stopped early is scored at its last λ for the rest (cv.glmnet).
        int at = Math.min(l, fold.size() - 1);
        a0[f - 1][l] = fold.intercepts()[at][0];
        b[f - 1][l] = fold.coefficients()[at][0];
      }
    }
    double[][] heldOut = pass.heldOut(rows, a0, b);
    passes++;
    double[][] foldLoss = new double[k][m];
    double[] foldWeight = new double[k];
    for (int f = 0; f < k; f++) {
      foldWeight[f] = heldOut[f][m];
      for (int l = 0; l < m; l++) {
        foldLoss[f][l] = heldOut[f][l] / foldWeight[f];
      }
    }
    return new Result(full, CvResult.of(lambdas, foldLoss, foldWeight), passes);
  }

  /**
   * The path on all rows alone (no cross-validation): the statistics pass and one pass per
   * Newton step of the one fit ({@code PathSolution.passes} per λ).
   */
  PathSolution path(Dataset<?> data, FoldStatistics statistics) {
    Track[] tracks = {track(0, statistics.total(), statistics.numFolds())};
    iterate(pass.rows(data), statistics, tracks);
    return tracks[0].path();
  }

  /** Newton passes until every track's path has ended; returns the passes, the first included. */
  private int iterate(JavaRDD<Row> rows, FoldStatistics statistics, Track[] tracks) {
    center = statistics.total().featureMeans();
    for (Track t : tracks) {
      t.observe(t.initialSums(center));
    }
    int passes = 1;
    while (true) {
      List<Track> flight = new ArrayList<>();
      for (Track t : tracks) {
        if (!t.done) {
          flight.add(t);
        }
      }
      if (flight.isEmpty()) {
        return passes;
      }
      int[] ids = new int[flight.size()];
      double[] a0 = new double[ids.length];
      double[][] b = new double[ids.length][];
      for (int i = 0; i < ids.length; i++) {
        Track t = flight.get(i);
        ids[i] = t.id;
        a0[i] = t.a0;
        b[i] = t.b;
      }
      NewtonPass.Sums[] sums = pass.run(rows, ids, a0, b, center);
      passes++;
      for (int i = 0; i < ids.length; i++) {
        flight.get(i).observe(sums[i]);
      }
    }
  }

  private Track track(int id, GaussianStatistics statistics, int numFolds) {
    try {
      return new Track(id, statistics);
    } catch (InputException e) {
      if (id == 0) {
        throw e;
      }
      throw new InputException("fold " + id + " of " + numFolds + " (its training rows): "
          + e.getMessage(), e);
    }
  }

  /** One fit (all rows, or one fold's training rows) along its path. */
  private final class Track {
    final int id;
    final int p;
    final double weight;
    final double[] mean;
    final double[] scale;
    /** The design's column variances: 1 (standardized) or the variance, 0 if excluded. */
    final double[] variance;
    final boolean[] included;
    final double nullLoss;
    final double[] lambdas;
    final double alpha;
    double a0;
    /** Coefficients on the original scale (what the pass uses) and on the design's scale. */
    double[] b;
    double[] beta;
    int l;
    boolean done;
    int passesHere;
    int stepsHere;
    boolean moved = true;
    /**
     * glmnet's convergence measure of the last Newton step, on the design's scale:
     * max((V/W)·Δã₀², maxⱼ xvⱼ·Δβⱼ²), xvⱼ = (1/W)Σ v z̃ⱼ² (infinite before the first step).
     */
    double lastChange = Double.POSITIVE_INFINITY;
    /** The λ finished so far (made once the λ sequence is known). */
    private IrlsPathRecord history;
    /** The first pass's statistics, for the Newton step at the null model (then dropped). */
    GaussianStatistics initial;

    Track(int id, GaussianStatistics s) {
      this.id = id;
      this.initial = s;
      p = s.numFeatures();
      if (s.count() == 0 || !(s.weightSum() > 0)) {
        throw new InputException("no rows of positive weight: nothing to fit");
      }
      weight = s.weightSum();
      double q0 = s.targetMean();
      if (!(q0 > NewtonPass.PMIN && q0 < 1 - NewtonPass.PMIN)) {
        throw new InputException("the label has a single class (every row is "
            + (q0 >= 0.5 ? "1" : "0") + "): a binomial fit needs both 0 and 1");
      }
      alpha = settings.l1Ratio();
      mean = s.featureMeans();
      scale = new double[p];
      variance = new double[p];
      included = new boolean[p];
      double[] scatter = s.featureScatter();
      double[] cross = s.featureTargetScatter();
      double gradientMax = 0;
      for (int j = 0; j < p; j++) {
        double var = Math.max(scatter[j * p + j], 0.0) / weight;
        included[j] = var > 0;
        scale[j] = settings.standardize() && included[j] ? Math.sqrt(var) : 1.0;
        variance[j] = included[j] ? var / (scale[j] * scale[j]) : 0.0;
        if (included[j]) {
          gradientMax = Math.max(gradientMax, Math.abs(cross[j] / weight) / scale[j]);
        }
      }
      a0 = Math.log(q0 / (1 - q0));
      nullLoss = -(a0 * q0 + Math.log(1 - q0));
      b = new double[p];
      beta = new double[p];
      double lambdaMax = gradientMax / Math.max(alpha, 1e-3);
      if (settings.defaultSequence()) {
        if (!(lambdaMax > 0)) {
          throw new InputException("λ_max is 0: no feature varies or is correlated with the"
              + " label; give a λ sequence instead");
        }
        int n = (int) Math.min(s.count(), Integer.MAX_VALUE);
        lambdas = ElasticNetPath.geometricSequence(lambdaMax,
            settings.effectiveLambdaMinRatio(n, p), settings.numLambdas());
      } else {
        lambdas = settings.lambdas();
        Arrays.sort(lambdas);
        for (int i = 0, j = lambdas.length - 1; i < j; i++, j--) {
          double t = lambdas[i];
          lambdas[i] = lambdas[j];
          lambdas[j] = t;
        }
      }
    }

    /**
     * The pass's sums at the null model from the first pass's moments (weights q₀(1−q₀)wᵢ,
     * residuals wᵢ(yᵢ − q₀)), centered by {@code center}.
     */
    NewtonPass.Sums initialSums(double[] center) {
      GaussianStatistics s = initial;
      double q0 = s.targetMean();
      double c = q0 * (1 - q0);
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
      // Σ w(y − q₀)(x − center) = Sxy + W(ȳ − q₀)(x̄ − center), and ȳ = q₀.
      double[] rx = s.featureTargetScatter().clone();
      double loss = weight * nullLoss;
      initial = null;
      return new NewtonPass.Sums(s.count(), weight, v, 0.0, s.targetScatter() / c, loss, vx, rx,
          vxx);
    }

    /** The statistics of a pass at the current coefficients: record, advance, or step. */
    void observe(NewtonPass.Sums s) {
      passesHere++;
      boolean exhausted = s.v() / weight <= VMIN;
      double dev = s.loss() / weight;
      double ratio = (nullLoss - dev) / nullLoss;
      while (true) {
        double lambda = lambdas[l];
        double certificate = certificate(s, lambda);
        boolean atMax = settings.defaultSequence() && l == 0 && alpha >= 1e-3;
        // As the core's path: at least one Newton step at every λ (but λ_max), until glmnet's
        // criterion holds (the last step moved every coefficient by less than the threshold),
        // and the certificate at most the tolerance.
        boolean settled = stepsHere > 0 && lastChange <= threshold()
            && certificate <= settings.tolerance();
        if (atMax || settled || exhausted || stepsHere >= MAX_STEPS || !moved) {
          record(certificate, ratio);
          if (stop(ratio, exhausted)) {
            done = true;
            return;
          }
          l++;
          stepsHere = 0;
          moved = true;
          lastChange = Double.POSITIVE_INFINITY;
          continue;
        }
        step(s, lambda);
        return;
      }
    }

    /**
     * The scaled KKT residual at {@code lambda}, from the exact gradient of the pass: with
     * ∇ⱼ = −(1/W)Σ rᵢ(xᵢⱼ − mⱼ)/sⱼ the gradient of the mean loss on the design's scale.
     */
    private double certificate(NewtonPass.Sums s, double lambda) {
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
     * glmnet's {@code thr}: min(tolerance, 10⁻⁷)·(−(1/n)·loglik of the null model), the core's
     * first sweep threshold for binomial (PathLoop).
     */
    private double threshold() {
      return Math.min(settings.tolerance(), 1e-7) * nullLoss;
    }

    private double[] centerOf() {
      return BinomialIrls.this.center;
    }

    /** One proximal Newton step at {@code lambda} from the pass's statistics ({@link IrlsStep}). */
    private void step(NewtonPass.Sums s, double lambda) {
      stepsHere++;
      // The gap bounds the step's error by about √gap: a KKT residual of t at the end of the
      // step needs a gap of about t²; below 10⁻²⁰ this runs to the floor of double precision.
      double tolerance = 1e-3 * settings.tolerance() * settings.tolerance();
      IrlsStep.Result next = IrlsStep.take(s.v(), s.r(), s.q(), s.vx(), s.rx(), s.vxx(), weight,
          centerOf(), mean, scale, included, alpha, lambda, a0, beta, b, tolerance,
          settings.maxIterations());
      lastChange = next.change();
      moved = next.intercept() != a0 || !Arrays.equals(next.beta(), beta);
      a0 = next.intercept();
      beta = next.beta();
      b = next.coefficients();
    }

    private void record(double certificate, double ratio) {
      double[] coefficients = new double[p];
      for (int j = 0; j < p; j++) {
        coefficients[j] = beta[j] / scale[j];
      }
      history().record(new double[] {a0}, new double[][] {coefficients}, certificate, ratio,
          passesHere);
      passesHere = 0;
    }

    private boolean stop(double ratio, boolean exhausted) {
      return history().stop(ratio, exhausted);
    }

    private IrlsPathRecord history() {
      if (history == null) {
        history = new IrlsPathRecord(lambdas, settings.defaultSequence(), settings.tolerance());
      }
      return history;
    }

    PathSolution path() {
      return history().path(Family.BINOMIAL, alpha, 2 * nullLoss, names, List.of("0", "1"));
    }
  }

  /** μ, the mean of all rows: the passes center x by it. */
  private double[] center;

  private static double part(double share, double lambda) {
    return share == 0 ? 0 : share * lambda;
  }
}
