package dev.tikhonov.internal.linear;

import dev.tikhonov.linear.ElasticNetPath;
import dev.tikhonov.linear.GaussianStatistics;
import dev.tikhonov.linear.PathSettings;
import java.util.Objects;

/**
 * An elastic-net penalized quadratic given by its moments, no rows: the subproblem of one
 * proximal Newton (IRLS) step when the data live elsewhere (the Spark module's distributed
 * binomial fit computes the moments in one pass and solves here on the driver),
 *
 * <pre>
 *   minimize over β   ½ βᵀGβ − cᵀβ + ½d + λ Σⱼ vⱼ [ (1−α)/2 · βⱼ² + α · |βⱼ| ]
 * </pre>
 *
 * with G = {@code gram} (p×p, row-major, symmetric positive semidefinite), c = {@code linear},
 * d = {@code constant}, v = {@code penaltyFactors}, α = {@code l1Ratio}. It is the gaussian
 * objective (1/2n)‖y − Zβ‖² + λ·penalty written with G = (1/n)ZᵀZ, c = (1/n)Zᵀy and
 * d = (1/n)‖y‖² (so d ≥ cᵀG⁺c must hold: it is a squared norm), and it is solved by the same
 * covariance-mode coordinate descent as {@link ElasticNetPath#fit(GaussianStatistics,
 * PathSettings, java.util.List)} (linear's {@code GaussianCoordinateDescent} on a
 * {@code CovarianceTracker} over G, run by {@code QuadraticDescent}: see {@link Minimizer}),
 * warm-started from a given β, with the same stopping rule as the path ({@code PathLoop}):
 * sweeps to glmnet's threshold, then tightened tenfold until the relative duality gap (P − D)/d
 * is at most the tolerance or double precision's floor is reached. The gap bounds the
 * coefficients' error only by about √gap, so a tolerance of 0 (run to the floor, sweeps that
 * move nothing but the last bits, even where the gap has stopped improving) is what an outer
 * Newton loop that certifies its own KKT conditions wants.
 *
 * <p>A feature outside {@code included}, or with Gⱼⱼ = 0 (no curvature: the model is flat or
 * unbounded along it), is not moved: it keeps its starting value. Immutable (the arrays are
 * kept, not copied: do not modify them) and thread-safe; each {@link #minimize} call works on
 * its own state.
 *
 * @param gram G, p×p row-major
 * @param linear c, p
 * @param constant d ≥ cᵀG⁺c (at d = 0, where c must vanish, {@link #minimize} returns its start)
 * @param included the features that may move
 * @param penaltyFactors vⱼ ≥ 0 (normalized as the path normalizes them)
 * @param l1Ratio α in [0, 1]
 */
public record PenalizedQuadratic(double[] gram, double[] linear, double constant,
    boolean[] included, double[] penaltyFactors, double l1Ratio) {

  /**
   * The minimizer found, on the scale of β. An immutable value ({@code coefficients} is not
   * copied: do not modify it); thread-safe.
   *
   * @param coefficients β
   * @param certificate the relative duality gap (P − D)/d at β (for λ = 0 the largest scaled
   *     gradient, as linear's {@code GaussianCoordinateDescent.certificate})
   * @param passes coordinate passes spent
   * @param converged the certificate is at most the tolerance (at tolerance 0: the sweeps
   *     reached the floor) and the pass budget held
   * @param everActive per feature, whether it was nonzero at the start or a coordinate update
   *     of this solve made it nonzero, even if it is back at 0 in {@code coefficients} (the
   *     solver's active set, glmnet's {@code nin}: what {@code PathSettings.maxEverActive}
   *     limits; the Spark module's IRLS counts it over its Newton steps)
   */
  public record Solution(double[] coefficients, double certificate, int passes,
      boolean converged, boolean[] everActive) {}

  public PenalizedQuadratic {
    Objects.requireNonNull(gram, "gram");
    int p = linear.length;
    if (gram.length != p * p || included.length != p || penaltyFactors.length != p) {
      throw new IllegalArgumentException("gram must be p×p and included, penaltyFactors p long,"
          + " p = " + p);
    }
    if (!(l1Ratio >= 0 && l1Ratio <= 1)) {
      throw new IllegalArgumentException("l1Ratio must be in [0, 1], got " + l1Ratio);
    }
  }

  /**
   * Minimizes at {@code lambda} from {@code start}.
   *
   * @param start β to start from (p values; not modified)
   * @param tolerance the relative duality gap to reach
   * @param maxPasses the budget of coordinate passes
   */
  public Solution minimize(double lambda, double[] start, double tolerance, int maxPasses) {
    int p = linear.length;
    if (start.length != p) {
      throw new IllegalArgumentException(start.length + " starting values for " + p
          + " features");
    }
    return Solvers.MINIMIZER.minimize(this, lambda, start, tolerance, maxPasses);
  }

  /**
   * The solver behind {@link #minimize}: dev.tikhonov.linear's covariance-mode coordinate
   * descent, whose classes are package-private there, so its {@code QuadraticDescent}
   * implements this and {@link #register registers} itself. Implementations are stateless and
   * thread-safe.
   */
  public interface Minimizer {
    /** {@link #minimize} of {@code problem}, {@code start} already checked to be p long. */
    Solution minimize(PenalizedQuadratic problem, double lambda, double[] start,
        double tolerance, int maxPasses);
  }

  /** Set once, by dev.tikhonov.linear's QuadraticDescent as it is initialized. */
  private static volatile Minimizer registered;

  /** For dev.tikhonov.linear's QuadraticDescent only: the first registration stays. */
  public static void register(Minimizer minimizer) {
    Objects.requireNonNull(minimizer, "minimizer");
    synchronized (Minimizer.class) {
      if (registered == null) {
        registered = minimizer;
      }
    }
  }

  /** Loads (so initializes) QuadraticDescent, which registers itself, on first use. */
  private static final class Solvers {
    static final Minimizer MINIMIZER = load();

    private static Minimizer load() {
      String name = "dev.tikhonov.linear.QuadraticDescent";
      try {
        Class.forName(name, true, PenalizedQuadratic.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(name + " is missing from tikhonov's core", e);
      }
      return Objects.requireNonNull(registered, name + " did not register");
    }
  }
}
