package dev.tikhonov.linear;

import dev.tikhonov.data.InputException;
import dev.tikhonov.loss.Family;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The path layer (glmnetpp's {@code path}), the same for every family: the λ sequence, warm
 * starts from one λ to the next, the stopping rule that certifies each λ, glmnet's early stop,
 * and the conversion of the point solver's coefficients to the original scale.
 *
 * <p>For each λ: the point solver sweeps until glmnet's {@code dlx < thr} with
 * {@code thr = min(tolerance, 1e-7)·dev₀} (glmnet's default {@code thresh} unless the tolerance
 * is tighter, dev₀ the family's scale); then its certificate (relative duality gap or scaled
 * KKT residual) is computed from the coefficients, and while it is above the tolerance the
 * sweep threshold is divided by 10 and the sweeps resume from where they stopped. A λ is
 * converged when its certificate is at most the tolerance. When three rounds in a row no
 * longer lower the certificate, or the threshold reaches the solver's rounding floor (moves of
 * a few units in the last place of the largest coefficient), the certificate is at the floor
 * double precision allows: the λ is left not converged and the path goes on. When the budget
 * of passes runs out during a λ, the path ends with the fits before it, as glmnet drops the λ
 * its {@code maxit} interrupts ({@link Shortfall#passBudget}; during the first λ there is no
 * fit, and an {@link InputException} about {@code maxIterations} says so). With a limit on the
 * features ever active ({@link PathSettings#maxEverActive}, glmnet's {@code pmax}) the path ends
 * before the first λ whose fit brings the solver's count ({@link PointSolver#everActive}) above
 * it. Not thread-safe (it drives one solver).
 */
final class PathLoop {
  /** glmnet's {@code fdev}: stop when the deviance ratio grows by less than this. */
  static final double MIN_DEVIANCE_CHANGE = 1e-5;
  /** glmnet's {@code devmax}. */
  static final double MAX_DEVIANCE_RATIO = 0.999;
  /** glmnet's {@code mnlam}: never stop a default path before this many λ. */
  static final int MIN_LAMBDAS_BEFORE_STOP = 5;
  /**
   * glmnet's {@code thresh} default: the sweeps of every λ start at this threshold (relative to
   * the family's scale) or at the tolerance if that is smaller.
   */
  static final double GLMNET_THRESHOLD = 1e-7;
  /**
   * Each round divides the sweep threshold by this. Measured on the peers' lasso path, passes
   * at tolerance 1e-3: 1071 dividing by 10, 1215 by 100; at 1e-7: 6011 by 10, 8185 by 100, and
   * 29254 aiming at the tolerance in one round with (certificate/tolerance)², which overshoots
   * where the gap falls faster than √threshold (docs/linear.md).
   */
  static final double TIGHTENING = 10;
  /**
   * Rounds of tightening in a row that may fail to lower the certificate before the λ is left
   * at the floor of double precision (one round can fail by chance: the gap of coordinate
   * descent is not monotone).
   */
  static final int STALLED_ROUNDS = 3;

  /**
   * Below this tolerance the certificates are computed from a residual, gradients or
   * probabilities recomputed from the coefficients; above it the solvers' tracked ones serve
   * (their rounding drift, about 1e-14 of dev₀ over a path, cannot matter there, and the
   * recomputation costs about a pass over the active set per certificate: 20 % of the peers'
   * elastic-net path at the default tolerance).
   */
  static final double RECOMPUTE_BELOW = 1e-8;

  private PathLoop() {}

  /** The sweep threshold of every λ's first round: glmnet's thresh, or the tolerance. */
  private static double threshold(PointSolver solver, PathSettings settings) {
    return Math.min(settings.tolerance(), GLMNET_THRESHOLD) * solver.sweepScale();
  }

  /**
   * The λ = ∞ fit, the unpenalized features and intercepts alone, where every path starts;
   * false when the budget of passes ran out during it.
   */
  private static boolean fitAtInfinity(PointSolver solver, double threshold) {
    try {
      solver.solveUnpenalized(Math.max(threshold, floor(solver)));
      return true;
    } catch (IterationLimitReached e) {
      return false;
    }
  }

  /**
   * λ_max as {@link #run} finds it, without the path: from the gradient at the λ = ∞ fit; 0
   * where no penalized feature varies or is correlated with the target.
   */
  static double lambdaMax(PointSolver solver, PathSettings settings) {
    fitAtInfinity(solver, threshold(solver, settings));
    return solver.lambdaMax();
  }

  /** Whether the solvers recompute their state for each certificate under these settings. */
  static boolean recomputeCertificates(PathSettings settings) {
    return settings.tolerance() < RECOMPUTE_BELOW;
  }

  /**
   * Runs the path.
   *
   * @throws InputException when the default sequence is asked for and λ_max is 0, or the
   *     budget of passes runs out before the first λ's fit is complete
   */
  static PathSolution run(PointSolver solver, StandardizedDesign design, Family family,
      PathSettings settings, List<String> featureNames, List<String> classNames) {
    int n = design.n;
    int p = design.p;
    int k = solver.numVectors();
    double alpha = settings.l1Ratio();
    double tolerance = settings.tolerance();
    double dev0 = solver.nullDeviance();
    double threshold = threshold(solver, settings);
    boolean defaultSequence = settings.defaultSequence();

    // The one infinite λ: the unpenalized features and intercepts alone; λ_max from its gradient.
    // When the budget runs out there, the first λ throws at once (no fit).
    boolean limit = !fitAtInfinity(solver, threshold);
    int passesBefore = 0;
    double lambdaMax = solver.lambdaMax();
    // The null deviance as every fit's deviance is computed: the solver's own ratio at its
    // intercept-only fit, 0 in exact arithmetic, where its dev₀ (a closed form, or the start
    // before the intercept's last Newton step) differs by rounding (−5e-15 on breast_cancer).
    double nullRatio = limit ? 0 : interceptOnlyRatio(solver, k, p).orElse(0);
    double[] lambdas;
    if (defaultSequence) {
      if (!(lambdaMax > 0)) {
        throw InputException.about("lambdas", " must be given here: the default sequence starts"
            + " at λ_max, which is 0 because no feature with a positive penalty factor varies or"
            + " is correlated with the target");
      }
      lambdas = ElasticNetPath.geometricSequence(lambdaMax,
          settings.effectiveLambdaMinRatio(n, p), settings.numLambdas());
    } else {
      lambdas = settings.lambdas();
      Arrays.sort(lambdas);
      reverse(lambdas);
    }

    int m = lambdas.length;
    double[][] intercepts = new double[m][];
    double[][][] coefficients = new double[m][][];
    int[] df = new int[m];
    double[] devianceRatio = new double[m];
    boolean[] converged = new boolean[m];
    int[] passes = new int[m];
    double[] certificate = new double[m];
    PathSolution.End end = new PathSolution.End(PathSolution.Ending.ALL_LAMBDAS,
        "all " + m + " λ fitted");
    double previous = lambdaMax;
    double previousRatio = 0;
    int done = 0;
    for (int l = 0; l < m; l++) {
      double lambda = lambdas[l];
      double cert = Double.NaN;
      try {
        if (limit) {
          throw new IterationLimitReached(settings.maxIterations());
        }
        // At λ_max the λ = ∞ fit is the solution already (for α ≥ 10⁻³: every penalized
        // coefficient is 0 there); ridge has no finite λ_max and is solved like any λ.
        double sweep = Math.max(threshold, floor(solver));
        boolean atInfinity = defaultSequence && l == 0 && alpha >= 1e-3;
        if (!atInfinity) {
          solver.solve(lambda, previous, sweep);
        }
        cert = solver.certificate(lambda);
        double best = cert;
        int stalled = 0;
        // Stop when STALLED_ROUNDS rounds in a row did not lower the best certificate, or at
        // the rounding floor: from then on the sweeps only move coefficients by rounding.
        while (cert > tolerance && stalled < STALLED_ROUNDS && !solver.exhausted()
            && sweep > floor(solver)) {
          sweep = Math.max(sweep / TIGHTENING, floor(solver));
          // At λ_max only the unpenalized features and intercepts are tightened: λ_max came
          // from their gradients before tightening, and a penalized feature whose gradient
          // their last moves lift above it by rounding must stay at 0 (glmnet fits λ #1 as
          // λ = ∞: it entered with 1e-7 on diabetes under three unpenalized features).
          if (atInfinity) {
            solver.solveUnpenalized(sweep);
          } else {
            solver.solve(lambda, lambda, sweep);
          }
          cert = solver.certificate(lambda);
          stalled = cert < best ? 0 : stalled + 1;
          best = Math.min(best, cert);
        }
        if (atInfinity) {
          // the first λ's fit is the λ = ∞ fit, tightened: its ratio is the null model's
          nullRatio = interceptOnlyRatio(solver, k, p).orElse(nullRatio);
        }
      } catch (IterationLimitReached e) {
        // glmnet drops the λ its maxit interrupts and returns the fits before it: the cut fit
        // is not a solution, so it is neither kept nor scored nor saved. At the first λ glmnet
        // 4.1-6 returns a placeholder, no fit: λ = Inf, intercept and coefficients 0.
        if (l == 0) {
          throw InputException.about("maxIterations", String.format(Locale.ROOT, ": the budget"
              + " of %d coordinate passes over the path ran out while fitting the first λ"
              + " (%.6g), so the path has no fit (glmnet returns no fit either); raise it",
              settings.maxIterations(), lambda));
        }
        end = PathSolution.End.of(Shortfall.passBudget(l + 1, lambda, m,
            solver.certificate(lambda), tolerance, settings.maxIterations(),
            relative(solver.devianceRatio(), nullRatio)));
        break;
      }
      if (settings.maxEverActive().isPresent()
          && solver.everActive() > settings.maxEverActive().getAsInt()) {
        // glmnet's pmax: its coordinate descent exits as soon as nin exceeds it and returns the
        // λ before; the count only grows, so checking once the λ is solved ends at the same λ.
        int cap = settings.maxEverActive().getAsInt();
        if (l == 0) {
          throw InputException.about("maxEverActive", String.format(Locale.ROOT, ": the fit at"
              + " the first λ (%.6g) already has %d features active, more than the limit of %d,"
              + " so no λ would be left (glmnet returns an empty model); %s", lambda,
              solver.everActive(), cap, alpha < 1e-3
                  ? "every feature enters at a ridge path's first λ: raise the limit to the"
                      + " number of features"
                  : defaultSequence ? "the features with penalty factor 0 enter there: raise"
                      + " the limit" : "raise the limit or start the λ sequence higher"));
        }
        end = PathSolution.End.everActiveLimit(done, m, solver.everActive(), cap);
        break;
      }
      previous = lambda;
      intercepts[l] = new double[k];
      coefficients[l] = new double[k][p];
      solver.coefficients(intercepts[l], coefficients[l]);
      double ratioHere = relative(solver.devianceRatio(), nullRatio);
      if (!finite(ratioHere, cert, intercepts[l], coefficients[l])) {
        // Never hand out NaN: the path ends before this λ, and says so.
        if (l == 0) {
          throw new InputException(String.format(Locale.ROOT, "the fit at the first λ (%.6g)"
              + " is not finite (deviance ratio %s, certificate %s): the features' values are"
              + " too large or too unevenly scaled for double precision; standardize them",
              lambda, ratioHere, cert));
        }
        end = PathSolution.End.of(Shortfall.notFinite(l + 1, lambda, m, cert, tolerance,
            settings.maxIterations(), ratioHere));
        break;
      }
      toOriginalScale(design, family, intercepts[l], coefficients[l]);
      df[l] = PathSolution.nonzeroFeatures(coefficients[l]);
      devianceRatio[l] = ratioHere;
      certificate[l] = cert;
      converged[l] = cert <= tolerance;
      passes[l] = solver.passes() - passesBefore;
      passesBefore = solver.passes();
      done = l + 1;
      if (solver.exhausted()) {
        end = new PathSolution.End(PathSolution.Ending.NO_WEIGHTS_LEFT, "after λ #" + done
            + " every fitted probability is 0 or 1 (the classes are separated): nothing is"
            + " left to fit");
        break;
      }
      double ratio = devianceRatio[l];
      if (defaultSequence && done >= Math.min(MIN_LAMBDAS_BEFORE_STOP, m) && done < m
          && settings.maxFeatures().isPresent() && df[l] > settings.maxFeatures().getAsInt()) {
        end = PathSolution.End.featureLimit(done, m, df[l], settings.maxFeatures().getAsInt());
        break;
      }
      if (defaultSequence && done >= Math.min(MIN_LAMBDAS_BEFORE_STOP, m) && done < m) {
        // glmnet: relative change for gaussian (elnet), absolute for binomial and
        // multinomial (lognet); for poisson (fishnet) relative over the last mnlam − 1 steps,
        // with a threshold 10 times larger. With a limit of 0 glmnet sets fdev = 0 (a feature
        // held at 0 by its limit can make the deviance plateau and resume later).
        double change = ratio - previousRatio;
        double limitChange = settings.zeroLimit() ? 0 : MIN_DEVIANCE_CHANGE;
        double scale = family == Family.GAUSSIAN ? ratio : 1.0;
        if (family == Family.POISSON) {
          change = ratio - devianceRatio[l - MIN_LAMBDAS_BEFORE_STOP + 1];
          limitChange = 10 * limitChange;
          scale = ratio;
        }
        if (change < limitChange * scale || ratio > MAX_DEVIANCE_RATIO) {
          end = new PathSolution.End(PathSolution.Ending.DEVIANCE_RULE, String.format(
              Locale.ROOT, "glmnet's rule stopped the default sequence after %d of %d λ: the"
                  + " deviance ratio %s", done, m, ratio > MAX_DEVIANCE_RATIO
                  ? "exceeds " + MAX_DEVIANCE_RATIO
                  : "grew by less than " + limitChange));
          break;
        }
      }
      previousRatio = ratio;
    }
    return new PathSolution(family, alpha, settings.multinomialPenalty(),
        Arrays.copyOf(lambdas, done),
        Arrays.copyOf(intercepts, done), Arrays.copyOf(coefficients, done),
        Arrays.copyOf(df, done), Arrays.copyOf(devianceRatio, done), dev0 * (1 - nullRatio),
        tolerance,
        Arrays.copyOf(converged, done), Arrays.copyOf(passes, done),
        Arrays.copyOf(certificate, done), featureNames, classNames, end);
  }

  /**
   * The solver's deviance ratio now, when its state is an intercept-only fit (every coefficient
   * 0: no unpenalized feature entered) and the ratio a number below 1; empty otherwise.
   */
  private static OptionalDouble interceptOnlyRatio(PointSolver solver, int k, int p) {
    double[] a0 = new double[k];
    double[][] b = new double[k][p];
    solver.coefficients(a0, b);
    double ratio = solver.devianceRatio();
    return PathSolution.nonzeroFeatures(b) == 0 && Double.isFinite(ratio) && ratio < 1
        ? OptionalDouble.of(ratio) : OptionalDouble.empty();
  }

  /**
   * 1 − dev/dev₀′ with dev₀′ = (1 − r₀)·dev₀ the null deviance as the fits compute it, from the
   * solver's ratio r = 1 − dev/dev₀ and its ratio r₀ at the intercept-only fit: (r − r₀)/(1 − r₀),
   * exactly 0 at that fit and r itself where r₀ = 0.
   */
  private static double relative(double ratio, double nullRatio) {
    return nullRatio == 0 ? ratio : (ratio - nullRatio) / (1 - nullRatio);
  }

  /** Whether the solver's state at a λ is a number everywhere. */
  private static boolean finite(double devianceRatio, double certificate, double[] intercepts,
      double[][] coefficients) {
    if (!Double.isFinite(devianceRatio) || Double.isNaN(certificate)) {
      return false;
    }
    for (int c = 0; c < intercepts.length; c++) {
      if (!Double.isFinite(intercepts[c])) {
        return false;
      }
      for (double b : coefficients[c]) {
        if (!Double.isFinite(b)) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * The smallest useful sweep threshold: the solver's rounding floor, and never below
   * 10⁻⁴⁰·dev₀ (a pass that must move nothing more than that could cycle on rounding forever).
   */
  private static double floor(PointSolver solver) {
    return Math.max(solver.roundingThreshold(), 1e-40 * solver.sweepScale());
  }

  /** bⱼ = b̃ⱼ/sⱼ, a₀ = ã₀ − Σⱼ bⱼ·mⱼ; multinomial intercepts re-centered to sum 0. */
  private static void toOriginalScale(StandardizedDesign design, Family family, double[] a0,
      double[][] b) {
    for (int c = 0; c < a0.length; c++) {
      double shift = 0;
      for (int j = 0; j < design.p; j++) {
        b[c][j] /= design.scale[j];
        shift += b[c][j] * design.mean[j];
      }
      a0[c] -= shift;
    }
    if (family == Family.MULTINOMIAL) {
      double mean = 0;
      for (double a : a0) {
        mean += a / a0.length;
      }
      for (int c = 0; c < a0.length; c++) {
        a0[c] -= mean;
      }
    }
  }

  private static void reverse(double[] a) {
    for (int i = 0, j = a.length - 1; i < j; i++, j--) {
      double t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
