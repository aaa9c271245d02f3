package dev.tikhonov.linear;

import dev.tikhonov.data.InputException;
import dev.tikhonov.internal.data.DeepCopy;
import dev.tikhonov.internal.data.Indices;
import dev.tikhonov.loss.Family;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The relaxed lasso (Meinshausen 2007; glmnet's {@code relax = TRUE}) of a fitted path: for
 * each λ, the unpenalized refit on that λ's active set A(λ) = {j : bⱼ(λ) ≠ 0} (for multinomial:
 * nonzero in any class),
 *
 * <pre>
 *   b^R(λ) = argmin over b with bⱼ = 0 for j ∉ A(λ) of (1/n) Σᵢ ℓ(yᵢ, a₀ + xᵢ·b)
 * </pre>
 *
 * (same family, observation weights, offsets and intercept; no penalty), and the blend
 *
 * <pre>   b(λ, γ) = γ·b^lasso(λ) + (1 − γ)·b^R(λ),   γ ∈ [0, 1]</pre>
 *
 * of intercepts and coefficients ({@link #blend}): γ = 1 is the lasso, γ = 0 the relaxed fit.
 * Only γ = 1 minimizes an objective (the lasso path's); the blends keep the path's
 * {@link PathSolution#multinomialPenalty}, so a model of a blend prices its coefficients with
 * the path's penalty at λ.
 * As glmnet: the refit is {@link ElasticNetPath} itself on the active columns at the single
 * λ = 0 (cold-started from the intercept-only fit), each distinct active set is refitted once, a
 * λ with an empty active set keeps the lasso's (intercept-only) solution, and an active set
 * larger than n − 3 is not refitted (glmnet's {@code maxp}); such a λ, or one whose refit failed
 * (e.g. a separable binomial subproblem whose coefficients diverge), takes the last earlier
 * refit's coefficients (glmnet's {@code blend.relaxed(extend = TRUE)}) and is marked in
 * {@link #refitted}. Unlike glmnet, γ = 0 is exactly the refit (glmnet raises it to 10⁻⁵ in
 * {@code blend.relaxed}, a difference of at most 10⁻⁵·|b^lasso − b^R|).
 *
 * <p>Immutable: arrays copied in and out (as its two {@link PathSolution}s copy theirs;
 * {@code notes} is an unmodifiable copy); thread-safe. {@link #refitted(int)} reads one λ's
 * without copying, for loops over λ. The computation ({@link #of}) is stateless.
 *
 * @param lasso the penalized path
 * @param relaxed the refits, at the same λ: intercepts and coefficients of b^R(λ) on the
 *     original scale, its deviance ratio, and per λ whether its λ = 0 fit was certified (its
 *     certificate is the refit's: the largest standardized gradient for gaussian, the scaled KKT
 *     residual otherwise); passes count the refit's coordinate passes (0 where no refit ran)
 * @param refitted per λ: its coefficients come from a refit on its own active set (false for an
 *     empty active set, an active set above n − 3, or a failed refit)
 * @param notes why some λ were not refitted (the last earlier refit stands in) or why their
 *     refit has no finite optimum (separable classes), one line each; empty when neither
 */
public record RelaxedFit(PathSolution lasso, PathSolution relaxed, boolean[] refitted,
    List<String> notes) {
  /** "RelaxedFit[lasso: PathSolution[…], 40 of 67 λ refitted, 0 notes]". */
  @Override
  public String toString() {
    int count = 0;
    for (boolean r : refitted) {
      count += r ? 1 : 0;
    }
    return "RelaxedFit[lasso: " + lasso + ", " + count + " of " + refitted.length
        + " λ refitted, " + notes.size() + " notes]";
  }

  /** glmnet's {@code maxp = n − 3}: larger active sets are not refitted. */
  static final int ROWS_BEYOND_ACTIVE = 3;

  public RelaxedFit {
    if (lasso.size() != relaxed.size() || refitted.length != lasso.size()) {
      throw new IllegalArgumentException("a relaxed fit has one refit per λ of its path");
    }
    refitted = refitted.clone();
    notes = List.copyOf(notes);
  }

  /** The relaxed path of {@code lasso}, fitted by {@link ElasticNetPath} on all rows. */
  public static RelaxedFit of(Family family, double[][] x, double[] y, PathSettings settings,
      PathSolution lasso) {
    return of(family, x, y, StandardizedDesign.allRows(x.length), Observations.none(), settings,
        lasso);
  }

  /**
   * The relaxed path of {@code lasso}, fitted by {@link ElasticNetPath} on all rows with
   * {@code observations} (glmnet's {@code relax.glmnet} passes the path's {@code weights} and
   * {@code offset} to every refit): each refit takes the same weights and offsets.
   */
  public static RelaxedFit of(Family family, double[][] x, double[] y,
      Observations observations, PathSettings settings, PathSolution lasso) {
    return of(family, x, y, StandardizedDesign.allRows(x.length), observations, settings,
        lasso);
  }

  /**
   * The relaxed path of {@code lasso}, which was fitted on rows {@code rows} of (x, y) with
   * {@code observations} and {@code settings}; each refit uses the same rows, observations,
   * standardization, intercept, tolerance and pass budget at λ = 0.
   *
   * @throws InputException for a ridge path (α = 0: every coefficient is nonzero, there is no
   *     active set to relax)
   */
  public static RelaxedFit of(Family family, double[][] x, double[] y, int[] rows,
      Observations observations, PathSettings settings, PathSolution lasso) {
    checkL1Ratio(lasso.l1Ratio());
    int m = lasso.size();
    int maxActive = rows.length - ROWS_BEYOND_ACTIVE;
    PathSettings refit = settings.toBuilder().lambdas(0.0).penaltyFactors().build();
    Map<String, Refit> done = new HashMap<>();
    double[][] a0 = new double[m][];
    double[][][] b = new double[m][][];
    double[] ratio = new double[m];
    boolean[] converged = new boolean[m];
    int[] passes = new int[m];
    double[] certificate = new double[m];
    boolean[] refitted = new boolean[m];
    List<String> notes = new ArrayList<>();
    int last = -1;
    for (int l = 0; l < m; l++) {
      int[] active = activeSet(lasso.coefficients(l));
      Refit r = null;
      boolean fresh = false;
      if (active.length > maxActive) {
        notes.add(String.format(Locale.ROOT, "λ #%d (%.6g): %d active features for %d rows;"
            + " no unpenalized refit above n − 3 = %d (glmnet's maxp)", l + 1,
            lasso.lambda(l), active.length, rows.length, maxActive));
      } else if (active.length > 0) {
        String key = Arrays.toString(active);
        r = done.get(key);
        if (r == null) {
          r = refit(family, x, y, rows, observations, refit, lasso, active);
          done.put(key, r);
          fresh = true;
          if (r.separated) {
            notes.add(String.format(Locale.ROOT, "λ #%d (%.6g): its %d active features (nearly)"
                + " separate the classes (deviance ratio above 0.999), so the unpenalized refit"
                + " has no finite optimum; its coefficients are where the fit stopped", l + 1,
                lasso.lambda(l), active.length));
          }
          if (r.failure.isPresent()) {
            notes.add(String.format(Locale.ROOT, "λ #%d (%.6g): the unpenalized refit on %d"
                + " active features failed (%s), so it is not used", l + 1, lasso.lambda(l),
                active.length, r.failure.get()));
          }
        }
        if (r.failure.isPresent()) {
          r = null;
        }
      }
      if (r != null) {
        a0[l] = r.intercepts.clone();
        b[l] = DeepCopy.of(r.coefficients);
        ratio[l] = r.devianceRatio;
        converged[l] = r.converged;
        passes[l] = fresh ? r.passes : 0;
        certificate[l] = r.certificate;
        refitted[l] = true;
        last = l;
      } else if (active.length == 0 || last < 0) {
        // Nothing to refit (or nothing refitted yet): the lasso's own solution.
        a0[l] = lasso.intercepts(l);
        b[l] = lasso.coefficients(l);
        ratio[l] = lasso.devianceRatio(l);
        converged[l] = lasso.converged(l);
        certificate[l] = lasso.certificate(l);
      } else {
        // glmnet's extend: the last earlier refit stands in.
        a0[l] = a0[last].clone();
        b[l] = DeepCopy.of(b[last]);
        ratio[l] = ratio[last];
        converged[l] = converged[last];
        certificate[l] = certificate[last];
      }
    }
    int[] df = lasso.degreesOfFreedom();
    PathSolution relaxed = new PathSolution(lasso.family(), lasso.l1Ratio(),
        lasso.multinomialPenalty(), lasso.lambdas(), a0, b, df, ratio, lasso.nullDeviance(),
        lasso.tolerance(), converged, passes, certificate, lasso.featureNames(),
        lasso.classNames(), lasso.end());
    return new RelaxedFit(lasso, relaxed, refitted, notes);
  }

  /** Number of λ. */
  public int size() {
    return lasso.size();
  }

  /** Per λ: its coefficients come from a refit on its own active set; a new array. */
  @Override
  public boolean[] refitted() {
    return refitted.clone();
  }

  /** Whether λ index {@code l} (0-based) was refitted on its own active set. */
  public boolean refitted(int l) {
    return refitted[Indices.checked(l, refitted.length, "λ", "λ")];
  }

  /**
   * The blended path b(λ, γ) = γ·b^lasso(λ) + (1 − γ)·b^R(λ) (intercepts alike) at every λ:
   * the lasso itself for γ = 1. Its deviance ratio is blended the same way (as glmnet's, an
   * interpolation, not the blend's own deviance); degrees of freedom count the blend's nonzeros
   * (the lasso's for γ &gt; 0); a λ is converged when both fits are, and its certificate is the
   * larger of the two.
   *
   * @throws InputException when γ is not in [0, 1]
   */
  public PathSolution blend(double gamma) {
    checkGamma(gamma);
    if (gamma == 1) {
      return lasso;
    }
    int m = size();
    double[][] a0 = new double[m][];
    double[][][] b = new double[m][][];
    int[] df = new int[m];
    double[] ratio = new double[m];
    boolean[] converged = new boolean[m];
    double[] certificate = new double[m];
    int[] passes = new int[m];
    for (int l = 0; l < m; l++) {
      // One λ's arrays at a time (copies of K·p values), not the whole path's at every λ.
      double[] al = lasso.intercepts(l);
      double[] ar = relaxed.intercepts(l);
      double[][] bl = lasso.coefficients(l);
      double[][] br = relaxed.coefficients(l);
      a0[l] = new double[al.length];
      b[l] = new double[al.length][];
      for (int c = 0; c < al.length; c++) {
        a0[l][c] = gamma * al[c] + (1 - gamma) * ar[c];
        b[l][c] = new double[bl[c].length];
        for (int j = 0; j < bl[c].length; j++) {
          b[l][c][j] = gamma * bl[c][j] + (1 - gamma) * br[c][j];
        }
      }
      df[l] = activeSet(b[l]).length;
      ratio[l] = gamma * lasso.devianceRatio(l) + (1 - gamma) * relaxed.devianceRatio(l);
      converged[l] = lasso.converged(l) && relaxed.converged(l);
      certificate[l] = Math.max(lasso.certificate(l), relaxed.certificate(l));
      passes[l] = lasso.passes(l) + relaxed.passes(l);
    }
    return new PathSolution(lasso.family(), lasso.l1Ratio(), lasso.multinomialPenalty(),
        lasso.lambdas(), a0, b, df, ratio, lasso.nullDeviance(), lasso.tolerance(), converged,
        passes, certificate, lasso.featureNames(), lasso.classNames(), lasso.end());
  }

  /**
   * The one-line warning a caller should hear: refits that were not certified or not done.
   * Empty when every nonempty active set was refitted and certified.
   */
  public Optional<String> warning() {
    int uncertified = 0;
    for (int l = 0; l < size(); l++) {
      if (refitted[l] && !relaxed.converged(l)) {
        uncertified++;
      }
    }
    if (notes.isEmpty() && uncertified == 0) {
      return Optional.empty();
    }
    StringBuilder s = new StringBuilder("relaxed fit: ");
    if (uncertified > 0) {
      s.append(uncertified).append(" of ").append(size())
          .append(" refits not certified to the tolerance");
    }
    if (!notes.isEmpty()) {
      s.append(uncertified > 0 ? "; " : "").append(notes.size())
          .append(notes.size() == 1 ? " note" : " notes").append(", the first: ")
          .append(notes.get(0));
    }
    return Optional.of(s.toString());
  }

  /**
   * Checks a blend weight.
   *
   * @throws InputException naming {@code gamma} when it is not in [0, 1]
   */
  public static void checkGamma(double gamma) {
    if (!(gamma >= 0 && gamma <= 1)) {
      throw new InputException("gamma must be in [0, 1] (1 the lasso, 0 the unpenalized"
          + " refit), got " + gamma);
    }
  }

  /**
   * Checks that a path of this α has active sets to relax.
   *
   * @throws InputException naming {@code l1Ratio} for α = 0 (ridge: every coefficient is
   *     nonzero at every λ, so the refit would be the unpenalized fit on all features)
   */
  public static void checkL1Ratio(double l1Ratio) {
    if (l1Ratio == 0) {
      throw new InputException("l1Ratio (α) is 0: a ridge path has no active set to relax"
          + " (every coefficient is nonzero at every λ); relax a lasso or elastic-net path"
          + " (α > 0)");
    }
  }

  /** Features nonzero in any coefficient vector, increasing. */
  static int[] activeSet(double[][] coefficients) {
    int p = coefficients[0].length;
    int[] out = new int[p];
    int count = 0;
    for (int j = 0; j < p; j++) {
      for (double[] bc : coefficients) {
        if (bc[j] != 0) {
          out[count++] = j;
          break;
        }
      }
    }
    return Arrays.copyOf(out, count);
  }

  /** The result of one refit, in the full p features. */
  private static final class Refit {
    double[] intercepts;
    double[][] coefficients;
    double devianceRatio;
    boolean converged;
    int passes;
    double certificate;
    Optional<String> failure = Optional.empty();
    /** Every fitted probability reached 0 or 1 before the optimum (separable classes). */
    boolean separated;
  }

  private static Refit refit(Family family, double[][] x, double[] y, int[] rows,
      Observations observations, PathSettings settings, PathSolution lasso, int[] active) {
    Refit r = new Refit();
    PathSolution fit;
    try {
      fit = ElasticNetPath.fit(family, Columns.select(x, active), y, rows, observations,
          settings, Columns.names(lasso.featureNames(), active), lasso.classNames());
    } catch (InputException e) {
      // the pass budget spent on the refit's one λ: said as the refit's, not as the message of
      // a path "whose first λ" has no fit, and without the setting's name (a command line
      // prints the note as it is, and calls the setting by its flag)
      r.failure = Optional.of(e.setting().filter("maxIterations"::equals).isPresent()
          ? String.format(Locale.ROOT, "it ran out of the budget of %d coordinate passes before"
              + " it converged", settings.maxIterations())
          : e.getMessage());
      return r;
    }
    if (fit.size() == 0) {
      r.failure = Optional.of(fit.end().message());
      return r;
    }
    // Separable classes: the fit stops with every probability at 0 or 1, or (glmnet's devmax)
    // explains more than 0.999 of the deviance with coefficients that only grow.
    r.separated = (family == Family.BINOMIAL || family == Family.MULTINOMIAL)
        && (fit.end().reason() == PathSolution.Ending.NO_WEIGHTS_LEFT
            || fit.devianceRatio(0) > PathLoop.MAX_DEVIANCE_RATIO);
    PathSolution full = Columns.expand(fit, active, lasso.featureNames());
    r.intercepts = full.intercepts(0);
    r.coefficients = full.coefficients(0);
    r.devianceRatio = full.devianceRatio(0);
    r.converged = full.converged(0);
    r.passes = full.passes(0);
    r.certificate = full.certificate(0);
    return r;
  }
}
