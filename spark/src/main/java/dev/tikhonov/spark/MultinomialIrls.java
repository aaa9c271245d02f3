package dev.tikhonov.spark;

import dev.tikhonov.data.InputException;
import dev.tikhonov.internal.data.DeepCopy;
import dev.tikhonov.internal.linear.ElasticNetPenalty;
import dev.tikhonov.internal.linear.PenalizedQuadratic;
import dev.tikhonov.linear.ElasticNetPath;
import dev.tikhonov.linear.GaussianStatistics;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.loss.Family;
import dev.tikhonov.select.CvMeasure;
import dev.tikhonov.select.CvResult;
import dev.tikhonov.select.FoldStatistics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntToLongFunction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;

/**
 * The multinomial elastic-net path and its K-fold cross-validation on Spark by distributed
 * proximal Newton (IRLS), glmnet's ungrouped multinomial ({@code lognet}, one coefficient vector
 * and one intercept per class), with the data read once per Newton step for all K + 1 fits at
 * once. At every λ each fit minimizes
 *
 * <pre>
 *   Σᵢ ωᵢ [−η_{i,yᵢ} + log Σ꜀ e^{ηᵢ꜀}] + λ Σ꜀ Σⱼ [ (1−α)/2 · (sⱼb꜀ⱼ)² + α · |sⱼb꜀ⱼ| ],
 *   ηᵢ꜀ = a₀꜀ + xᵢ·b꜀,  ωᵢ = wᵢ/W,
 * </pre>
 *
 * sⱼ the feature's standard deviation (divisor W) with {@code standardize}, 1 without: the
 * single-machine {@code ElasticNetPath.fit(MULTINOMIAL, ...)} objective, whose solution is made
 * unique as the core's (intercepts summing to 0, each feature's C coefficients shifted by the
 * penalty-minimizing centre: the median for the lasso, the mean for ridge).
 *
 * <p><b>The passes.</b> The statistics pass ({@link StatisticsPass}: every fold's moments, hence
 * each fit's standardization) and the class pass ({@link MultinomialPass#classes}: every fold's
 * class weights, hence C and each fit's null model a₀꜀ = log q꜀ − mean, q꜀ the class shares);
 * then Newton passes ({@link MultinomialPass#run}), each of which computes, at every fit's
 * current point, the exact gradient, the deviance and the exact Hessian of the loss in all
 * classes' intercepts and coefficients: per class the weighted Gram matrix with weights
 * w·p꜀(1 − p꜀) (the diagonal blocks) and per pair of classes the one with weights −w·p꜀pₔ (the
 * cross-class blocks). The first is at the null models and gives λ_max = maxⱼ,꜀ |∇ⱼ꜀|/max(α,
 * 10⁻³) (glmnet's). On the driver each fit then
 *
 * <ol>
 *   <li>if the pass evaluated a Newton step's end point and the objective (mean loss plus
 *       penalty at the step's λ) rose above its value where the step started, halves the step
 *       (back towards the start) and asks for another pass, at most {@value #MAX_HALVINGS}
 *       times, after which it stays at the start and the λ is recorded as it stands;
 *   <li>computes the core's certificate, the scaled KKT residual over every class
 *       (max over c of |∂/∂a₀꜀| and maxⱼ sⱼ·violationⱼ꜀, over dev₀: MultinomialSolver's);
 *   <li>if it is at most the tolerance and the last step met glmnet's criterion (max over
 *       classes of (V꜀/W)·Δu꜀² and xvⱼ꜀·Δβⱼ꜀² at most thr = min(tolerance, 10⁻⁷)·dev₀/2; at least
 *       one step at every λ but λ_max), records the λ, applies glmnet's stopping rule of the
 *       default sequence and moves to the next λ, warm-started;
 *   <li>else takes one proximal Newton step for all classes together: the penalized quadratic
 *       of the full second-order model, C(p + 1) variables, solved by the core's covariance-mode
 *       coordinate descent ({@link PenalizedQuadratic}, the intercepts unpenalized), then the
 *       multinomial's redundancy removed (the centring above).
 * </ol>
 *
 * Why the cross-class blocks: glmnet cycles the classes, each with fresh weights after the
 * previous class's update, which on Spark would cost C passes per cycle; updating every class
 * from its own diagonal block of one pass (a Jacobi step) needs only C blocks per pass but
 * converges linearly, because the diagonal blocks underestimate the curvature along contrasts
 * between classes (uᵀHu − uᵀDu = 2p꜀pₔ for u = e꜀ − eₔ): on multi.csv at tolerance 10⁻¹⁰ it took
 * 38.5 passes per λ (up to 46, with halvings). The full Newton step costs C(C+1)/2 blocks per
 * pass instead of C and converges quadratically: 2.65 passes per λ (at most 3) on the same
 * data (SparkMultinomialFitTest; docs/spark.md). A λ whose certificate does not reach the
 * tolerance within {@value #MAX_STEPS} steps, or whose step no longer moves the coefficients, is
 * recorded as not converged. When every class's working weights vanish (V꜀/W ≤ vmin) the path
 * ends (separated classes).
 *
 * <p><b>Cross-validation</b> as the binomial ({@link SingleResponseIrls}): fold k's fit on the rows
 * outside fold k, its own default λ sequence interpolated at the full path's λ (cv.glmnet), one
 * last pass scoring each fold's held-out rows by the mean deviance −2·log p̂_y (p̂ clamped to
 * [10⁻⁵, 1 − 10⁻⁵]); cv.glmnet's mean, SE, λ_min and λ_1se.
 *
 * <p>Steps 2 and 3 are the λ-loop every IRLS family shares ({@link IrlsLambdaLoop}); this class
 * is the multinomial point, certificate, step and step control. The recorded {@code passes} of a
 * λ are the distributed passes whose statistics were taken at that λ's iterates (Newton steps and
 * halvings), the one that certified it included. Not thread-safe; one instance per fit.
 */
final class MultinomialIrls {
  /** Newton steps at one λ before it is recorded as not converged. */
  static final int MAX_STEPS = IrlsLambdaLoop.MAX_STEPS;
  /** Halvings of one step before it is given up (2⁻³⁰ of a step is rounding). */
  static final int MAX_HALVINGS = 30;
  private static final double VMIN = (1 + NewtonPass.PMIN) * NewtonPass.PMIN
      * (1 - NewtonPass.PMIN);

  /** The path on all rows, its cross-validation and the distributed passes, all included. */
  record Result(PathSolution path, CvResult cv, int passes,
      IrlsCrossValidation.FoldPoints points) {}

  private final MultinomialPass pass;
  private final PathSettings settings;
  private final List<String> names;
  private final String labelCol;
  private double[] center;

  MultinomialIrls(MultinomialPass pass, PathSettings settings, List<String> names,
      String labelCol) {
    this.pass = pass;
    this.settings = settings;
    this.names = List.copyOf(names);
    this.labelCol = labelCol;
  }

  /**
   * The number of classes C the class pass found, checked: at least 2, and every class 0..C−1
   * with rows of positive weight.
   */
  int numClasses(MultinomialPass.Classes classes) {
    int c = classes.numClasses();
    int k = classes.perFold().length;
    if (c < 2) {
      throw new InputException("column '" + labelCol + "' has a single class (every row is 0):"
          + " a multinomial fit needs at least two");
    }
    for (int i = 0; i < c; i++) {
      double w = 0;
      for (int f = 1; f <= k; f++) {
        w += classes.weight(f, i);
      }
      if (!(w > 0)) {
        throw new InputException("column '" + labelCol + "' has no rows of positive weight in"
            + " class " + i + ": the labels of a multinomial fit are the class indices 0.."
            + (c - 1) + ", each with rows");
      }
    }
    return c;
  }

  /**
   * Runs the Newton passes, then the scoring pass by {@code measure} (one with a value per row);
   * {@code passes} counts the first two.
   */
  Result run(JavaRDD<Row> rows, FoldStatistics statistics, MultinomialPass.Classes classes,
      CvMeasure measure) {
    int k = statistics.numFolds();
    int c = numClasses(classes);
    Track[] tracks = new Track[k + 1];
    tracks[0] = track(0, statistics.total(), classes, c, k);
    for (int f = 1; f <= k; f++) {
      tracks[f] = track(f, statistics.training(f), classes, c, k);
    }
    int passes = 2 + iterate(rows, statistics.total(), IrlsLambdaLoop.rowsOf(statistics), tracks);
    PathSolution full = tracks[0].path();
    double[] lambdas = full.lambdas();
    PathSolution[] folds = new PathSolution[k];
    for (int f = 1; f <= k; f++) {
      folds[f - 1] = tracks[f].path();
    }
    IrlsCrossValidation.FoldPoints points = IrlsCrossValidation.atFullLambdas(folds, lambdas,
        settings.defaultSequence());
    double[][] heldOut = pass.heldOut(rows, points.intercepts(), points.coefficients(),
        measure);
    passes++;
    return new Result(full, IrlsCrossValidation.curve(lambdas, heldOut, folds, measure), passes,
        points);
  }

  /** The path on all rows alone: the Newton passes of the one fit. */
  PathSolution path(JavaRDD<Row> rows, GaussianStatistics total,
      MultinomialPass.Classes classes) {
    int c = numClasses(classes);
    // the class weights of every fold the class pass summed; id 0 is never named as a fold's
    Track[] tracks = {track(0, total, classes, c, classes.perFold().length)};
    iterate(rows, total, id -> total.count(), tracks);
    return tracks[0].path();
  }

  /**
   * Newton passes until every track's path has ended; returns their number. {@code rowsOf}:
   * the rows the statistics pass read for a fit (0 all, k fold k's training rows).
   */
  private int iterate(JavaRDD<Row> rows, GaussianStatistics total, IntToLongFunction rowsOf,
      Track[] tracks) {
    center = total.featureMeans();
    return IrlsLambdaLoop.passUntilDone(tracks, flight -> {
      int[] ids = new int[flight.size()];
      double[][] a0 = new double[ids.length][];
      double[][][] b = new double[ids.length][][];
      for (int i = 0; i < ids.length; i++) {
        Track t = flight.get(i);
        ids[i] = t.id;
        a0[i] = t.interceptsAtCenter();
        b[i] = DeepCopy.of(t.b);
      }
      MultinomialPass.Sums[] sums = pass.run(rows, ids, a0, b, center);
      IrlsLambdaLoop.requireSameRows(ids, Arrays.stream(sums)
          .mapToLong(MultinomialPass.Sums::count).toArray(), rowsOf, "multinomial");
      return sums;
    });
  }

  private Track track(int id, GaussianStatistics statistics, MultinomialPass.Classes classes,
      int numClasses, int numFolds) {
    double[] classWeight = new double[numClasses];
    for (int f = 1; f <= numFolds; f++) {
      if (f != id) {
        for (int c = 0; c < numClasses; c++) {
          classWeight[c] += classes.weight(f, c);
        }
      }
    }
    try {
      return new Track(id, numFolds, statistics, classWeight);
    } catch (InputException e) {
      throw IrlsLambdaLoop.inFold(id, numFolds, e);
    }
  }

  /** One fit (all rows, or one fold's training rows) along its path. */
  private final class Track implements IrlsLambdaLoop.Stepper<MultinomialPass.Sums>,
      IrlsLambdaLoop.Fit<MultinomialPass.Sums> {
    final int id;
    final int numFolds;
    final int p;
    final int numClasses;
    final double weight;
    final double[] mean;
    final double[] scale;
    final double[] variance;
    final boolean[] included;
    final double nullLoss;
    final double alpha;
    final long count;
    /** Given λ sequence, decreasing; null for the default, made at the first pass. */
    final double[] lambdas;
    /** The current point: intercepts (original scale), β꜀ (design's scale), b꜀ = β꜀/s. */
    double[] a0;
    double[][] beta;
    double[][] b;
    /** The λ-loop; made at the first pass, once the λ sequence is known. */
    private IrlsLambdaLoop<MultinomialPass.Sums> loop;
    /** A step under evaluation: where it started, its sums, its full end point, its λ. */
    boolean trial;
    double[] fromA0;
    double[][] fromBeta;
    MultinomialPass.Sums fromSums;
    double[] toA0;
    double[][] toBeta;
    double fromObjective;
    double stepLambda;
    double stepFraction;
    int halvings;

    Track(int id, int numFolds, GaussianStatistics s, double[] classWeight) {
      this.id = id;
      this.numFolds = numFolds;
      p = s.numFeatures();
      numClasses = classWeight.length;
      count = s.count();
      IrlsDesign design = IrlsDesign.of(s, settings.standardize());
      weight = design.weight();
      alpha = settings.l1Ratio();
      mean = design.mean();
      scale = design.scale();
      variance = design.variance();
      included = design.included();
      a0 = new double[numClasses];
      double dev = 0;
      double meanIntercept = 0;
      for (int c = 0; c < numClasses; c++) {
        double share = classWeight[c] / weight;
        if (!(share > NewtonPass.PMIN && share < 1 - NewtonPass.PMIN)) {
          throw new InputException("column '" + labelCol + "': class " + c + (share > 0.5
              ? " holds every row" : " has no rows") + " of positive weight; every class of a"
              + " multinomial fit needs some, and another class too");
        }
        a0[c] = Math.log(share);
        dev -= share * a0[c];
        meanIntercept += a0[c] / numClasses;
      }
      for (int c = 0; c < numClasses; c++) {
        a0[c] -= meanIntercept;
      }
      nullLoss = dev;
      beta = new double[numClasses][p];
      b = new double[numClasses][p];
      lambdas = settings.defaultSequence() ? null : IrlsLambdaLoop.decreasing(settings.lambdas());
    }

    /**
     * The intercepts the pass's linear predictors η꜀ = u꜀ + (x − μ)·b꜀ start from at the current
     * point: {@link #interceptsAtCenter(double[], double[][])}.
     */
    double[] interceptsAtCenter() {
      return interceptsAtCenter(a0, beta);
    }

    /**
     * u꜀ = a₀꜀ + μ·b꜀ − k at the point (a₀, β), b꜀ = β꜀/s: the intercepts at the pass's centre μ,
     * with the common k that makes the intercepts at the fit's own mean m, a₀꜀ + m·b꜀ − k, sum to
     * 0 (the core's intercepts, MultinomialSolver's on its centred design). A common k changes
     * no probability; it is removed because a₀ sum to 0 at x = 0, not at the data, and their
     * common part at the data, Σ꜀ m·b꜀/C, grows with the features' offsets: the pass's ±250
     * clip of η then cut linear predictors whose probabilities are not extreme at all, and
     * glmnet's convergence measure saw the move of that redundant part.
     */
    private double[] interceptsAtCenter(double[] intercepts, double[][] at) {
      double[] u = new double[numClasses];
      double k = 0;
      for (int c = 0; c < numClasses; c++) {
        double atCenter = intercepts[c];
        double atMean = intercepts[c];
        for (int j = 0; j < p; j++) {
          double bj = at[c][j] / scale[j];
          atCenter += center[j] * bj;
          atMean += mean[j] * bj;
        }
        u[c] = atCenter;
        k += atMean / numClasses;
      }
      for (int c = 0; c < numClasses; c++) {
        u[c] -= k;
      }
      return u;
    }

    /** glmnet's default sequence from the gradient at the null model (the first pass). */
    private double[] defaultLambdas(MultinomialPass.Sums s) {
      double gradientMax = 0;
      for (int c = 0; c < numClasses; c++) {
        for (int j = 0; j < p; j++) {
          if (included[j]) {
            gradientMax = Math.max(gradientMax, Math.abs(gradient(s, c, j)));
          }
        }
      }
      double lambdaMax = gradientMax / Math.max(alpha, 1e-3);
      if (!(lambdaMax > 0)) {
        throw new InputException("λ_max is 0: no feature varies or is correlated with the"
            + " label; give a λ sequence instead");
      }
      int n = (int) Math.min(count, Integer.MAX_VALUE);
      return ElasticNetPath.geometricSequence(lambdaMax,
          settings.effectiveLambdaMinRatio(n, p), settings.numLambdas());
    }

    /** ∇ⱼ꜀ of the mean loss on the design's scale: −(1/W)Σ r꜀(xⱼ − mⱼ)/sⱼ. */
    private double gradient(MultinomialPass.Sums s, int c, int j) {
      return -(s.rx()[c][j] + s.r()[c] * (center[j] - mean[j])) / weight / scale[j];
    }

    @Override
    public boolean done() {
      return loop != null && loop.done();
    }

    /** The statistics of a pass at the current point: halve, record, advance, or step. */
    @Override
    public void observe(MultinomialPass.Sums s) {
      if (loop == null) {
        loop = new IrlsLambdaLoop<>(this, Family.MULTINOMIAL,
            lambdas != null ? lambdas : defaultLambdas(s), settings);
      }
      loop.countPass();
      if (trial) {
        double objective = s.loss() / weight + penalty(stepLambda, beta);
        double slack = 1e-12 * Math.max(1.0, Math.abs(fromObjective));
        if (!(objective <= fromObjective + slack)) {
          if (halvings < MAX_HALVINGS) {
            halvings++;
            stepFraction *= 0.5;
            for (int c = 0; c < numClasses; c++) {
              a0[c] = fromA0[c] + stepFraction * (toA0[c] - fromA0[c]);
              for (int j = 0; j < p; j++) {
                beta[c][j] = fromBeta[c][j] + stepFraction * (toBeta[c][j] - fromBeta[c][j]);
              }
            }
            recenter();
            return;
          }
          // No decrease along the step at all: stay where it started.
          a0 = fromA0;
          beta = fromBeta;
          originalScale();
          s = fromSums;
          loop.stalled();
          loop.measured(0.0);
        } else {
          loop.measured(change(fromSums, fromA0, fromBeta));
        }
        trial = false;
        fromSums = null;
      }
      boolean exhausted = true;
      for (int c = 0; c < numClasses; c++) {
        exhausted &= s.v(c, p) / weight <= VMIN;
      }
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
     * One proximal Newton step of all classes together from the pass's sums, the end point
     * centred; false (and {@code moved} false) when it does not move. The variables are, per
     * class, u꜀ = a₀꜀ + μ·b꜀ − k (the intercept at the pass's centre,
     * {@link #interceptsAtCenter()}) and β꜀ (the design's scale); the model is the mean loss's
     * exact second-order expansion, the penalized quadratic
     * ½zᵀGz − cᵀz + λ Σ꜀ Σⱼ [(1−α)/2 β꜀ⱼ² + α|β꜀ⱼ|] with G = H/W scaled to the design's columns
     * and c = Gz₀ − ∇, solved by the core's covariance-mode coordinate descent
     * ({@link PenalizedQuadratic}, the intercepts unpenalized) to the floor of double precision.
     */
    @Override
    public boolean step(MultinomialPass.Sums s, double lambda) {
      int q = p + 1;
      int n = numClasses * q;
      double[] sigma = new double[q];
      sigma[0] = 1;
      for (int j = 0; j < p; j++) {
        sigma[j + 1] = scale[j];
      }
      double[] z0 = new double[n];
      double[] gradient = new double[n];
      boolean[] moving = new boolean[n];
      double[] factors = new double[n];
      double[] u0 = interceptsAtCenter();
      for (int c = 0; c < numClasses; c++) {
        for (int j = 0; j < p; j++) {
          z0[c * q + 1 + j] = beta[c][j];
          gradient[c * q + 1 + j] = -s.rx()[c][j] / (weight * scale[j]);
          moving[c * q + 1 + j] = included[j];
          factors[c * q + 1 + j] = 1;
        }
        z0[c * q] = u0[c];
        gradient[c * q] = -s.r()[c] / weight;
        moving[c * q] = true;
      }
      double[] gram = new double[n * n];
      double[] linear = new double[n];
      double constant = 0;
      for (int i = 0; i < n; i++) {
        if (!moving[i]) {
          continue;
        }
        double gz = 0;
        for (int k = 0; k < n; k++) {
          if (moving[k]) {
            double g = s.hessian()[i * n + k] / (weight * sigma[i % q] * sigma[k % q]);
            gram[i * n + k] = g;
            gz += g * z0[k];
          }
        }
        linear[i] = gz - gradient[i];
        if (gram[i * n + i] > 0) {
          constant += linear[i] * linear[i] / gram[i * n + i];
        }
      }
      // d only scales the sweeps' thresholds here: the solve runs to the floor (tolerance 0).
      PenalizedQuadratic model = new PenalizedQuadratic(gram, linear,
          Math.max(constant, Double.MIN_NORMAL), moving, factors, alpha);
      PenalizedQuadratic.Solution solution = model.minimize(lambda, z0, 0.0,
          settings.maxIterations());
      double[] z = solution.coefficients();
      for (int c = 0; c < numClasses; c++) {
        for (int j = 0; j < p; j++) {
          if (solution.everActive()[c * q + 1 + j]) {
            loop.entered(j);
          }
        }
      }
      fromA0 = a0;
      fromBeta = beta;
      fromSums = s;
      fromObjective = s.loss() / weight + penalty(lambda, beta);
      stepLambda = lambda;
      a0 = new double[numClasses];
      beta = new double[numClasses][p];
      for (int c = 0; c < numClasses; c++) {
        double u = z[c * q];
        for (int j = 0; j < p; j++) {
          beta[c][j] = z[c * q + 1 + j];
          u -= center[j] * beta[c][j] / scale[j];
        }
        a0[c] = u;
      }
      recenter();
      if (Arrays.equals(a0, fromA0) && Arrays.deepEquals(beta, fromBeta)) {
        a0 = fromA0;
        beta = fromBeta;
        originalScale();
        fromSums = null;
        loop.stalled();
        return false;
      }
      toA0 = a0.clone();
      toBeta = DeepCopy.of(beta);
      stepFraction = 1.0;
      halvings = 0;
      trial = true;
      return true;
    }

    /**
     * The multinomial's redundancy removed (the core's MultinomialSolver.center): the
     * intercepts shifted to sum 0, each feature's C coefficients by their penalty-minimizing
     * centre; the probabilities do not change. Then b = β/s.
     */
    private void recenter() {
      double s = 0;
      for (double a : a0) {
        s += a / numClasses;
      }
      for (int c = 0; c < numClasses; c++) {
        a0[c] -= s;
      }
      double[] values = new double[numClasses];
      double[] scratch = new double[numClasses];
      for (int j = 0; j < p; j++) {
        if (!included[j]) {
          continue;
        }
        for (int c = 0; c < numClasses; c++) {
          values[c] = beta[c][j];
        }
        double shift = ElasticNetPenalty.center(alpha, values, scratch);
        if (shift != 0) {
          for (int c = 0; c < numClasses; c++) {
            beta[c][j] -= shift;
          }
        }
      }
      originalScale();
    }

    private void originalScale() {
      b = new double[numClasses][p];
      for (int c = 0; c < numClasses; c++) {
        for (int j = 0; j < p; j++) {
          b[c][j] = beta[c][j] / scale[j];
        }
      }
    }

    /** λ Σ꜀ Σⱼ [(1−α)/2 β꜀ⱼ² + α|β꜀ⱼ|]. */
    private double penalty(double lambda, double[][] at) {
      double sum = 0;
      for (double[] bc : at) {
        for (int j = 0; j < p; j++) {
          sum += 0.5 * (1 - alpha) * bc[j] * bc[j] + alpha * Math.abs(bc[j]);
        }
      }
      return lambda * sum;
    }

    /**
     * glmnet's convergence measure of the move from (fromA0, fromBeta) to the current point:
     * max over classes of (V꜀/W)·Δu꜀² and xvⱼ꜀·Δβⱼ꜀², u꜀ = a₀꜀ + μ·b꜀ − k (the intercepts at
     * the centre, {@link #interceptsAtCenter(double[], double[][])}) and xvⱼ꜀ the diagonal of
     * the Hessian of the mean loss on the design's scale, at the start.
     */
    private double change(MultinomialPass.Sums at, double[] fromA0, double[][] fromBeta) {
      int q = p + 1;
      int n = numClasses * q;
      double change = 0;
      double[] to = interceptsAtCenter(a0, beta);
      double[] from = interceptsAtCenter(fromA0, fromBeta);
      for (int c = 0; c < numClasses; c++) {
        double move = to[c] - from[c];
        change = Math.max(change, at.v(c, p) / weight * move * move);
        for (int j = 0; j < p; j++) {
          int i = c * q + 1 + j;
          double xv = at.hessian()[i * n + i] / (weight * scale[j] * scale[j]);
          double d = beta[c][j] - fromBeta[c][j];
          change = Math.max(change, xv * d * d);
        }
      }
      return change;
    }

    /** The scaled KKT residual over every class at {@code lambda} (the core's). */
    @Override
    public double certificate(MultinomialPass.Sums s, double lambda) {
      double l1 = alpha == 0 ? 0 : alpha * lambda;
      double l2 = alpha == 1 ? 0 : (1 - alpha) * lambda;
      double worst = 0;
      for (int c = 0; c < numClasses; c++) {
        worst = Math.max(worst, Math.abs(s.r()[c] / weight));
        for (int j = 0; j < p; j++) {
          if (included[j]) {
            worst = Math.max(worst, Math.sqrt(variance[j])
                * ElasticNetPenalty.violation(gradient(s, c, j), beta[c][j], 1, l1, l2));
          }
        }
      }
      return worst / (2 * nullLoss);
    }

    private double threshold() {
      return Math.min(settings.tolerance(), 1e-7) * nullLoss;
    }

    @Override
    public double[] intercepts() {
      return a0.clone();
    }

    @Override
    public double[][] coefficients() {
      return DeepCopy.of(b);
    }

    PathSolution path() {
      List<String> classNames = new ArrayList<>();
      for (int c = 0; c < numClasses; c++) {
        classNames.add(Integer.toString(c));
      }
      return loop.path(alpha, 2 * nullLoss, names, classNames);
    }
  }
}
