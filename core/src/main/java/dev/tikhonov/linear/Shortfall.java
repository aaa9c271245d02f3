package dev.tikhonov.linear;

import java.util.Locale;
import java.util.Objects;

/**
 * Why a path's fits fall short of docs/objective.md's objective at the tolerance, as numbers: the
 * path ran out of its budget of coordinate passes ({@link Kind#PASS_BUDGET}), a fit was not finite
 * ({@link Kind#NOT_FINITE}), or λ whose certificate stayed above the tolerance
 * ({@link Kind#NOT_CERTIFIED}: a tolerance below what double precision reaches). What
 * {@link PathSolution#shortfall()} returns and {@link PathSolution#warning()} words.
 *
 * <p>{@link #message()} is the library's sentence, whose remedy names the settings a library
 * user changes ({@code maxIterations}, {@code tolerance} on {@link PathSettings}); a front end
 * with other words for them (a command line's flags) gives its own {@link Remedy} to
 * {@link #message(Remedy)}, worded from these fields, and never rewrites the library's text.
 * Immutable, so thread-safe.
 *
 * @param kind what fell short
 * @param lambdaNumber the 1-based index of the λ concerned: the one the budget ran
 *     out during, dropped from the path ({@code PASS_BUDGET}), the one not finite
 *     ({@code NOT_FINITE}), the worst certified ({@code NOT_CERTIFIED})
 * @param lambda that λ's value
 * @param fitted how many λ the path has (for {@code PASS_BUDGET} and {@code NOT_FINITE}, the λ
 *     before {@code lambdaNumber}, where it ends)
 * @param requested how many λ its sequence had
 * @param certificate the certificate of that λ (for {@code PASS_BUDGET}, of its
 *     fit when the budget cut it short; NaN where not finite)
 * @param tolerance the tolerance the path was fitted to
 * @param maxIterations the budget of coordinate passes over the whole path; 0 for
 *     {@code NOT_CERTIFIED}, whose remedy is the tolerance alone (the path does not record its
 *     budget)
 * @param uncertified how many λ are not certified to the tolerance ({@code NOT_CERTIFIED}; 0 for
 *     {@code PASS_BUDGET} and {@code NOT_FINITE}, whose λ is not in the path)
 * @param devianceRatio the deviance ratio at that λ (NaN or infinite for {@code NOT_FINITE})
 */
public record Shortfall(Kind kind, int lambdaNumber, double lambda, int fitted, int requested,
    double certificate, double tolerance, int maxIterations, int uncertified,
    double devianceRatio) {

  /** What fell short. Thread-safe, as enum constants are. */
  public enum Kind {
    /**
     * The budget of coordinate passes ({@code maxIterations}) ran out while fitting λ
     * #{@code lambdaNumber}; as glmnet drops the λ its {@code maxit} interrupts, the path ends
     * before it, with the fits it completed ({@link PathSolution.Ending#ITERATION_LIMIT}).
     * Remedy: a larger budget or a looser tolerance.
     */
    PASS_BUDGET,
    /**
     * The fit at λ #{@code lambdaNumber} was not finite; the path ends before it
     * ({@link PathSolution.Ending#NOT_FINITE}). No setting of the path is the remedy.
     */
    NOT_FINITE,
    /**
     * Some λ stayed above the tolerance when the sweeps stopped moving (the tolerance is below
     * what double precision reaches on the problem). Remedy: a looser tolerance.
     */
    NOT_CERTIFIED
  }

  /**
   * How a caller names the remedy of a shortfall, worded from its fields: the library's is
   * {@link #SETTINGS}; a command line names its flags. Implementations are stateless functions;
   * thread-safe.
   */
  @FunctionalInterface
  public interface Remedy {
    /**
     * The remedy's words for {@code shortfall}, e.g. "raise maxIterations (now 60) or
     * tolerance"; called only for a kind with a remedy ({@link #hasRemedy}).
     */
    String of(Shortfall shortfall);

    /**
     * The library's remedy, naming {@link PathSettings}'s {@code maxIterations} and
     * {@code tolerance}.
     */
    Remedy SETTINGS = s -> s.kind() == Kind.PASS_BUDGET
        ? String.format(Locale.ROOT, "raise maxIterations (now %d) or tolerance",
            s.maxIterations())
        : "raise tolerance";
  }

  public Shortfall {
    Objects.requireNonNull(kind, "kind");
  }

  /**
   * The budget ran out while fitting λ #{@code lambdaNumber} (at least 2: the path has a fit),
   * whose cut fit had {@code certificate} and {@code devianceRatio}; the path ends before it.
   */
  public static Shortfall passBudget(int lambdaNumber, double lambda, int requested,
      double certificate, double tolerance, int maxIterations, double devianceRatio) {
    if (lambdaNumber < 2) {
      throw new IllegalArgumentException("a path the budget cut short before its first fit has"
          + " no shortfall: it has no fit, got λ #" + lambdaNumber);
    }
    return new Shortfall(Kind.PASS_BUDGET, lambdaNumber, lambda, lambdaNumber - 1, requested,
        certificate, tolerance, maxIterations, 0, devianceRatio);
  }

  /** The fit at λ #{@code lambdaNumber} is not finite; the path ends before it. */
  public static Shortfall notFinite(int lambdaNumber, double lambda, int requested,
      double certificate, double tolerance, int maxIterations, double devianceRatio) {
    return new Shortfall(Kind.NOT_FINITE, lambdaNumber, lambda, lambdaNumber - 1, requested,
        certificate, tolerance, maxIterations, 0, devianceRatio);
  }

  /** {@code uncertified} of the path's {@code fitted} λ stayed above the tolerance. */
  public static Shortfall notCertified(int uncertified, int fitted, int worstNumber,
      double worstLambda, double worstCertificate, double tolerance) {
    return new Shortfall(Kind.NOT_CERTIFIED, worstNumber, worstLambda, fitted, fitted,
        worstCertificate, tolerance, 0, uncertified, Double.NaN);
  }

  /** Whether a setting can help: false for {@link Kind#NOT_FINITE}. */
  public boolean hasRemedy() {
    return kind != Kind.NOT_FINITE;
  }

  /** The library's sentence: {@link #message(Remedy)} with {@link Remedy#SETTINGS}. */
  public String message() {
    return message(Remedy.SETTINGS);
  }

  /** What fell short, then (for a kind with a remedy) {@code remedy}'s words for it. */
  public String message(Remedy remedy) {
    return switch (kind) {
      case PASS_BUDGET -> finding() + ": " + remedy.of(this);
      case NOT_CERTIFIED -> finding() + "; " + remedy.of(this);
      case NOT_FINITE -> finding();
    };
  }

  /** What fell short, without a remedy. */
  public String finding() {
    return switch (kind) {
      case PASS_BUDGET -> String.format(Locale.ROOT, "the budget of %d coordinate passes over"
          + " the path ran out while fitting λ #%d of %d (λ = %.6g; certificate %.3g, tolerance"
          + " %.3g): that λ is dropped, as glmnet drops it, and the path ends at λ #%d, the last"
          + " fit it completed", maxIterations, lambdaNumber, requested, lambda, certificate,
          tolerance, fitted);
      case NOT_FINITE -> String.format(Locale.ROOT, "the fit at λ #%d of %d (λ = %.6g) is not"
          + " finite (deviance ratio %s, certificate %s); the path ends before it with %d λ",
          lambdaNumber, requested, lambda, devianceRatio, certificate, fitted);
      case NOT_CERTIFIED -> String.format(Locale.ROOT, "%d of %d λ not certified to the"
          + " tolerance %.3g (the worst, λ #%d = %.6g, at %.3g): the coordinate sweeps stopped"
          + " moving before the certificate reached it", uncertified, fitted, tolerance,
          lambdaNumber, lambda, certificate);
    };
  }
}
