package dev.tikhonov.spark;

import dev.tikhonov.data.InputException;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.loss.Family;
import dev.tikhonov.select.FoldException;
import dev.tikhonov.select.FoldStatistics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.function.IntToLongFunction;

/**
 * The λ-loop of one distributed IRLS fit, the same for every family ({@link SingleResponseIrls}:
 * binomial and Poisson; {@link MultinomialIrls}); the family's fit is a {@link Stepper} that
 * keeps the current point and its step control (Poisson and multinomial step halving). After
 * each distributed pass at the fit's current point, with the pass's deviance ratio and whether
 * the working weights are exhausted, the loop goes through the λ from the current one:
 *
 * <ol>
 *   <li>the certificate c(λ) (the scaled KKT residual, {@link Stepper#certificate});
 *   <li>the λ is done when it is λ_max of glmnet's default sequence with α ≥ 10⁻³ (the null
 *       model solves it), or at least one Newton step was taken at it, the last one's glmnet
 *       measure is at most thr and c(λ) ≤ tolerance, or the working weights are exhausted, or
 *       {@value #MAX_STEPS} steps were taken, or the last step did not move: with a limit on
 *       the features ever active ({@code PathSettings.maxEverActive}, glmnet's {@code pmax})
 *       that this λ's steps brought the count above, the path ends before it (refused at the
 *       first λ, as the core's path); else it is recorded ({@link IrlsPathRecord}, with the
 *       passes since the previous λ was recorded), glmnet's stopping rule is applied, and the
 *       next λ starts from this point (warm start);
 *   <li>else the fit takes one proximal Newton step at λ ({@link Stepper#step}), and the next
 *       pass evaluates it.
 * </ol>
 *
 * The stepper reports what its steps did: {@link #measured} (glmnet's measure of the last step,
 * max(xvⱼ·Δβⱼ²)), {@link #stalled} (the step did not move the point) and {@link #entered} (the
 * features a step's coordinate descent made nonzero at some update, in any class, even if back
 * at 0 at its end: counted as active from then on, never leaving, the count glmnet's
 * {@code pmax} limits). The steps are not the core's (each quadratic solved exactly, the
 * intercept profiled out), so the features that enter and leave on the way can differ, and the
 * path can end later than the core's (docs/spark.md). Not thread-safe; one per fit, on the
 * driver.
 *
 * @param <S> the sums of one pass at one fit's current point
 */
final class IrlsLambdaLoop<S> {
  /** Newton steps at one λ before it is recorded as not converged. */
  static final int MAX_STEPS = 50;

  /** The family's part of one fit: its current point, certificate and Newton step. */
  interface Stepper<S> {
    /** The scaled KKT residual of the current point at {@code lambda}, from the pass's sums. */
    double certificate(S sums, double lambda);

    /**
     * One proximal Newton step at {@code lambda} from the pass's sums: true when the new point
     * needs a pass; false when the step did not move (the stepper has called
     * {@link #stalled}).
     */
    boolean step(S sums, double lambda);

    /** The current intercepts, one per class (a copy the path keeps). */
    double[] intercepts();

    /** The current coefficients on the original scale, [class][feature] (a copy the path keeps). */
    double[][] coefficients();
  }

  /** A fit the passes serve: whether its path has ended, and what it does with a pass's sums. */
  interface Fit<S> {
    boolean done();

    void observe(S sums);
  }

  private final Stepper<S> stepper;
  private final double[] lambdas;
  private final boolean atMaxIsNull;
  private final double tolerance;
  private final IrlsPathRecord history;
  private final OptionalInt maxEverActive;
  private final boolean defaultSequence;
  private final double alpha;
  /** The features ever nonzero at a step's end point along the path (glmnet's nin). */
  private final BitSet everActive = new BitSet();
  private int l;
  private int passesHere;
  private int stepsHere;
  private boolean moved = true;
  private double lastChange = Double.POSITIVE_INFINITY;
  private boolean done;

  /** A loop over {@code lambdas} (decreasing, kept), with the path's settings. */
  IrlsLambdaLoop(Stepper<S> stepper, Family family, double[] lambdas, PathSettings settings) {
    this.stepper = stepper;
    this.lambdas = lambdas;
    this.atMaxIsNull = settings.defaultSequence() && settings.l1Ratio() >= 1e-3;
    this.tolerance = settings.tolerance();
    this.history = new IrlsPathRecord(family, lambdas, settings.defaultSequence(), tolerance,
        settings.maxFeatures());
    this.maxEverActive = settings.maxEverActive();
    this.defaultSequence = settings.defaultSequence();
    this.alpha = settings.l1Ratio();
  }

  /**
   * A Newton step's coordinate descent made feature {@code feature} nonzero (in some class):
   * active from now on, for the limit on the features ever active.
   */
  void entered(int feature) {
    everActive.set(feature);
  }

  /** Counts a pass taken at the current λ's iterates (steps, halvings, the certifying one). */
  void countPass() {
    passesHere++;
  }

  /** The current λ. */
  double lambda() {
    return lambdas[l];
  }

  /** glmnet's convergence measure of the last step, on the design's scale. */
  void measured(double change) {
    lastChange = change;
  }

  /** The last step's measure. */
  double lastChange() {
    return lastChange;
  }

  /** The last step did not move the point: the λ is recorded as it stands at the next pass. */
  void stalled() {
    moved = false;
  }

  boolean done() {
    return done;
  }

  /**
   * Goes on from a pass's sums at the current point: records λ while they are done, then asks
   * for a step; {@code threshold} is glmnet's thr = min(tolerance, 10⁻⁷)·dev₀/2.
   */
  void advance(S sums, double ratio, boolean exhausted, double threshold) {
    while (true) {
      double lambda = lambdas[l];
      double certificate = stepper.certificate(sums, lambda);
      boolean atMax = atMaxIsNull && l == 0;
      // As the core's path: at least one Newton step at every λ (but λ_max), until glmnet's
      // criterion holds (the last step moved every coefficient by less than the threshold),
      // and the certificate at most the tolerance.
      boolean settled = stepsHere > 0 && lastChange <= threshold && certificate <= tolerance;
      if (atMax || settled || exhausted || stepsHere >= MAX_STEPS || !moved) {
        if (overEverActiveLimit(lambda)) {
          done = true;
          return;
        }
        history.record(stepper.intercepts(), stepper.coefficients(), certificate, ratio,
            passesHere);
        passesHere = 0;
        if (history.stop(ratio, exhausted)) {
          done = true;
          return;
        }
        l++;
        stepsHere = 0;
        moved = true;
        lastChange = Double.POSITIVE_INFINITY;
        continue;
      }
      stepsHere++;
      if (stepper.step(sums, lambda)) {
        return;
      }
    }
  }

  /**
   * Whether the steps at the current λ brought the features ever active above
   * {@code maxEverActive}: the path ends before this λ (the core's {@code PathLoop}, glmnet's
   * {@code pmax}), or, at the first λ, is refused with the core's message.
   */
  private boolean overEverActiveLimit(double lambda) {
    int count = everActive.cardinality();
    if (maxEverActive.isEmpty() || count <= maxEverActive.getAsInt()) {
      return false;
    }
    int cap = maxEverActive.getAsInt();
    if (l == 0) {
      throw InputException.about("maxEverActive", String.format(Locale.ROOT, ": the fit at"
          + " the first λ (%.6g) already has %d features active, more than the limit of %d,"
          + " so no λ would be left (glmnet returns an empty model); %s", lambda, count, cap,
          alpha < 1e-3
              ? "every feature enters at a ridge path's first λ: raise the limit to the"
                  + " number of features"
              : defaultSequence ? "the features with penalty factor 0 enter there: raise"
                  + " the limit" : "raise the limit or start the λ sequence higher"));
    }
    history.endBefore(PathSolution.End.everActiveLimit(l, lambdas.length, count, cap));
    return true;
  }

  /** The λ recorded so far as the core's path result. */
  PathSolution path(double alpha, double nullDeviance, List<String> names,
      List<String> classNames) {
    return history.path(alpha, nullDeviance, names, classNames);
  }

  /**
   * Distributed passes until every fit's path has ended: each pass ({@code pass}) serves the
   * fits still in flight, in order, and returns their sums in that order. Returns the passes.
   */
  static <S, F extends Fit<S>> int passUntilDone(F[] fits, Function<List<F>, S[]> pass) {
    int passes = 0;
    while (true) {
      List<F> flight = new ArrayList<>();
      for (F fit : fits) {
        if (!fit.done()) {
          flight.add(fit);
        }
      }
      if (flight.isEmpty()) {
        return passes;
      }
      S[] sums = pass.apply(flight);
      passes++;
      for (int i = 0; i < sums.length; i++) {
        flight.get(i).observe(sums[i]);
      }
    }
  }

  /** A λ sequence of one's own, largest first (a sorted copy). */
  static double[] decreasing(double[] lambdas) {
    double[] sorted = lambdas.clone();
    Arrays.sort(sorted);
    for (int i = 0, j = sorted.length - 1; i < j; i++, j--) {
      double t = sorted[i];
      sorted[i] = sorted[j];
      sorted[j] = t;
    }
    return sorted;
  }

  /**
   * A fold fit's bad input, named as that fold's ({@link FoldException}; the fit of all rows'
   * as it is).
   */
  static InputException inFold(int id, int numFolds, InputException e) {
    if (id == 0) {
      return e;
    }
    return new FoldException(id, numFolds, "fold " + id + " of " + numFolds
        + " (its training rows): " + e.getMessage(), e);
  }

  /**
   * The rows the statistics pass read for each fit of a cross-validation: fit 0 all rows, fit
   * k fold k's training rows ({@link #requireSameRows}).
   */
  static IntToLongFunction rowsOf(FoldStatistics statistics) {
    return id -> id == 0 ? statistics.total().count() : statistics.training(id).count();
  }

  /**
   * Refuses a Newton pass that read other rows than the first pass: the IRLS reads its input
   * once per pass, and an input that gives other rows each time (a source that changes between
   * reads, a nondeterministic filter or sample of an uncached input) would mix steps of
   * different data into one path, with no other sign. Each fit's row count in the pass
   * ({@code counts[i]} of fit {@code ids[i]}: 0 all rows, k fold k's training rows) must be
   * the statistics pass's, {@code rowsOf(ids[i])}.
   */
  static void requireSameRows(int[] ids, long[] counts, IntToLongFunction rowsOf,
      String family) {
    for (int i = 0; i < ids.length; i++) {
      long first = rowsOf.applyAsLong(ids[i]);
      if (counts[i] != first) {
        throw new InputException("the data changed between passes: a Newton pass read "
            + counts[i] + " rows " + (ids[i] == 0 ? "" : "of fold " + ids[i] + "'s training"
            + " rows ") + "where the first pass read " + first + "; a " + family + " fit reads"
            + " its input once per pass, so it must give the same rows each time: persist()"
            + " or localCheckpoint() it before the fit");
      }
    }
  }
}
