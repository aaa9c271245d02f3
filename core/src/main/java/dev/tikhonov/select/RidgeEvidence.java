package dev.tikhonov.select;

import dev.tikhonov.data.InputException;
import dev.tikhonov.internal.tensor.ArrayText;
import dev.tikhonov.tensor.Blas;
import java.util.Optional;
import org.bytedeco.openblas.global.openblas;

/**
 * The evidence (marginal likelihood, MacKay 1992) of ridge regression in closed form, from one
 * SVD of the centered design X_c = U D Vᵀ (LAPACK {@code dgesdd}). The model is scikit-learn's
 * {@code BayesianRidge}: y = a₀ + Xw + ε with noise ε ~ N(0, β⁻¹I) and prior w ~ N(0, a⁻¹I).
 * With E(ρ) = min_w ‖y_c − X_c w‖² + ρ‖w‖², the p eigenvalues d_k² of X_cᵀX_c (zero beyond its
 * rank) and m = n observations ({@link Intercept#CENTERED}, a₀ plugged in as BayesianRidge
 * does) or m = n − 1 ({@link Intercept#INTEGRATED}, a₀ integrated out under a flat prior):
 *
 * <pre>
 *   log p(y | a, β) = (p/2) log a + (m/2) log β − (β/2)‖y_c − X_c w‖² − (a/2)‖w‖²
 *                     − ½ Σ_k log(a + β d_k²) − (m/2) log 2π  [− ½ log n if INTEGRATED]
 *                     (w the posterior mean)
 *   λ = a / (n β)      the posterior mean minimizes (1/2n)‖y − a₀ − Xw‖² + (λ/2)‖w‖²
 *   log p(y | λ) = max over β of the above at a = nλβ:
 *       β̂ = m / E(nλ),   log p(y | λ) = (p/2) log nλ − ½ Σ_k log(nλ + d_k²)
 *                                      − (m/2) log(2π E(nλ)/m) − m/2  [− ½ log n]
 * </pre>
 *
 * The maximum over λ is where the derivative of this profile vanishes, which is MacKay's fixed
 * point: γ = Σ d²/(d² + nλ), a = γ/‖w‖², β = (m − γ)/‖y_c − X_c w‖².
 *
 * <p>Why the profile and not the fixed-point iteration: after the SVD each λ costs O(min(n, p)),
 * so the profile's derivative is scanned over 60 decades of λ for every interior maximum (and
 * for an evidence that keeps rising towards λ = ∞, where the iteration divides by ‖w‖² → 0 and
 * returns {@code nan}), then bisected to the last bit. The iteration converges linearly, slowly
 * where the evidence is flat, to whichever maximum is nearest its starting point.
 *
 * <p>An optional {@link Hyperprior} adds scikit-learn's Gamma hyperpriors; with
 * {@link Intercept#CENTERED} the λ of the maximum is then {@code BayesianRidge}'s
 * {@code lambda_ / (n·alpha_)} for the same {@code alpha_1, alpha_2, lambda_1, lambda_2}.
 *
 * <p>Immutable and thread-safe once built.
 */
public final class RidgeEvidence {
  /** Decades of λ scanned on each side of the largest eigenvalue d_max²/n. */
  private static final int SCAN_DECADES = 30;
  /** Scan points per decade. */
  private static final int SCAN_DENSITY = 20;

  /** How the unpenalized intercept a₀ enters the evidence. Thread-safe, as enum constants are. */
  public enum Intercept {
    /**
     * scikit-learn's {@code BayesianRidge}: X and y are centered and a₀ = ȳ − x̄ᵀw is plugged
     * in; the Gaussian likelihood still counts n observations.
     */
    CENTERED,
    /**
     * a₀ has the flat prior p(a₀) = 1 and is integrated out exactly: the evidence is
     * CENTERED's times √(2π/(nβ)), so y_c counts n − 1 observations, as it has n − 1 degrees
     * of freedom. The same treatment as the Laplace evidence gives the biases of logistic
     * models ({@link LogisticEvidence}).
     */
    INTEGRATED
  }

  /**
   * Gamma hyperpriors on the two precisions, as scikit-learn's {@code BayesianRidge}: they add
   * {@code noiseShape·log β − noiseRate·β + weightShape·log a − weightRate·a} to the log
   * evidence (a Gamma(shape, rate) density of log β and log a). Then β̂ = (m + 2·noiseShape +
   * 2·weightShape) / (E + 2·weightRate·nλ + 2·noiseRate). Immutable, so thread-safe.
   *
   * @param noiseShape scikit-learn's {@code alpha_1} (≥ 0)
   * @param noiseRate scikit-learn's {@code alpha_2} (≥ 0)
   * @param weightShape scikit-learn's {@code lambda_1} (≥ 0)
   * @param weightRate scikit-learn's {@code lambda_2} (≥ 0)
   */
  public record Hyperprior(
      double noiseShape, double noiseRate, double weightShape, double weightRate) {
    public Hyperprior {
      check("noiseShape (alpha_1)", noiseShape);
      check("noiseRate (alpha_2)", noiseRate);
      check("weightShape (lambda_1)", weightShape);
      check("weightRate (lambda_2)", weightRate);
    }

    /** No hyperprior: the plain marginal likelihood. */
    public static Hyperprior none() {
      return new Hyperprior(0, 0, 0, 0);
    }

    /** scikit-learn's defaults, {@code alpha_1 = alpha_2 = lambda_1 = lambda_2 = 1e-6}. */
    public static Hyperprior scikitLearnDefault() {
      return new Hyperprior(1e-6, 1e-6, 1e-6, 1e-6);
    }

    private static void check(String name, double value) {
      if (!(value >= 0) || Double.isInfinite(value)) {
        throw new InputException("hyperprior " + name + " must be finite and ≥ 0, got " + value);
      }
    }
  }

  /**
   * The posterior at one λ with the noise precision at its best for that λ. Immutable (the
   * coefficients are copied in and out), so thread-safe.
   *
   * @param lambda λ = a/(nβ), docs/objective.md's scaling
   * @param noisePrecision β̂ (scikit-learn's {@code alpha_})
   * @param weightPrecision a = nλβ̂ (scikit-learn's {@code lambda_})
   * @param effectiveParameters γ = Σ d²/(d² + nλ), the well-determined directions
   * @param logEvidence log p(y | λ) (plus the hyperprior's terms, if any)
   * @param intercept a₀ = ȳ − x̄ᵀw
   * @param coefficients w, the posterior mean (the ridge solution at λ)
   */
  public record Fit(
      double lambda,
      double noisePrecision,
      double weightPrecision,
      double effectiveParameters,
      double logEvidence,
      double intercept,
      double[] coefficients) {
    /** "Fit[λ = …, log evidence …, γ = …, intercept …, coefficients: p values from … to …]". */
    @Override
    public String toString() {
      return "Fit[λ = " + ArrayText.number(lambda) + ", log evidence "
          + ArrayText.number(logEvidence) + ", γ = " + ArrayText.number(effectiveParameters)
          + ", intercept " + ArrayText.number(intercept) + ", coefficients: "
          + ArrayText.range(coefficients) + "]";
    }

    public Fit {
      coefficients = coefficients.clone();
    }

    @Override
    public double[] coefficients() {
      return coefficients.clone();
    }
  }

  private final int n;
  private final int p;
  private final Intercept intercept;
  private final Hyperprior hyperprior;
  /** m: n for CENTERED, n − 1 for INTEGRATED. */
  private final int observations;
  /** Squared singular values of X_c, min(n, p) of them, decreasing. */
  private final double[] eigenvalues;
  /** c = Uᵀy_c. */
  private final double[] projections;
  /** Vᵀ, r×p column-major. */
  private final double[] rightVectors;
  private final double[] featureMean;
  private final double targetMean;
  /** ‖y_c − UUᵀy_c‖², the part of y_c no λ can fit. */
  private final double outsideSumOfSquares;

  private RidgeEvidence(double[][] x, double[] y, Intercept intercept, Hyperprior hyperprior) {
    this.intercept = intercept;
    this.hyperprior = hyperprior;
    n = x.length;
    if (n < 3) {
      throw new InputException("the evidence needs at least 3 rows, got " + n);
    }
    observations = intercept == Intercept.CENTERED ? n : n - 1;
    p = x[0].length;
    if (p < 1) {
      throw new InputException("the evidence needs at least one feature column");
    }
    if (y.length != n) {
      throw new InputException(n + " feature rows but " + y.length + " targets");
    }
    featureMean = new double[p];
    for (int i = 0; i < n; i++) {
      if (x[i].length != p) {
        throw new InputException("row " + (i + 1) + " has " + x[i].length
            + " feature columns, expected " + p);
      }
      for (int j = 0; j < p; j++) {
        if (!Double.isFinite(x[i][j])) {
          throw new InputException("row " + (i + 1) + ", column " + (j + 1) + ": feature "
              + x[i][j] + " is not a finite number");
        }
        featureMean[j] += x[i][j];
      }
      if (!Double.isFinite(y[i])) {
        throw new InputException("row " + (i + 1) + ": target " + y[i]
            + " is not a finite number");
      }
    }
    double ySum = 0;
    for (double v : y) {
      ySum += v;
    }
    targetMean = ySum / n;
    for (int j = 0; j < p; j++) {
      featureMean[j] /= n;
    }
    double[] xc = new double[n * p]; // column-major
    double[] yc = new double[n];
    double ss = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        xc[i + j * n] = x[i][j] - featureMean[j];
      }
      yc[i] = y[i] - targetMean;
      ss += yc[i] * yc[i];
    }
    if (!(ss > 0)) {
      throw new InputException("the target takes one value in all " + n
          + " rows; the evidence needs a target that varies");
    }
    int r = Math.min(n, p);
    double[] d = new double[r];
    double[] u = new double[n * r];
    rightVectors = new double[r * p];
    int info = Blas.call(() -> openblas.LAPACKE_dgesdd(openblas.LAPACK_COL_MAJOR, (byte) 'S', n, p,
        xc, n, d, u, n, rightVectors, r));
    if (info != 0) {
      throw new IllegalStateException("SVD did not converge (LAPACK info " + info + ")");
    }
    eigenvalues = new double[r];
    // Singular values below numpy's rank tolerance are zeros (centering alone makes one when
    // n ≤ p), so that log(ρ + d²) is log ρ for them at every ρ scanned.
    double tolerance = d[0] * Math.max(n, p) * Math.ulp(1.0);
    for (int k = 0; k < r; k++) {
      eigenvalues[k] = d[k] > tolerance ? d[k] * d[k] : 0.0;
    }
    projections = new double[r];
    // c = Uᵀ y_c
    Blas.run(() -> openblas.cblas_dgemv(openblas.CblasColMajor, openblas.CblasTrans, n, r, 1.0, u,
        n, yc, 1, 0.0, projections, 1));
    // yc ← y_c − U c, computed directly rather than as ‖y_c‖² − ‖c‖² (no cancellation)
    Blas.run(() -> openblas.cblas_dgemv(openblas.CblasColMajor, openblas.CblasNoTrans, n, r, -1.0,
        u, n, projections, 1, 1.0, yc, 1));
    double outside = 0;
    for (double v : yc) {
      outside += v * v;
    }
    outsideSumOfSquares = outside;
  }

  /**
   * The evidence of ridge on (x, y) as {@code BayesianRidge} defines it ({@link
   * Intercept#CENTERED}) without hyperpriors; x is n×p row-major (n ≥ 3), not modified.
   */
  public static RidgeEvidence of(double[][] x, double[] y) {
    return new RidgeEvidence(x, y, Intercept.CENTERED, Hyperprior.none());
  }

  /** The evidence of ridge on (x, y) with the given intercept treatment and hyperpriors. */
  public static RidgeEvidence of(
      double[][] x, double[] y, Intercept intercept, Hyperprior hyperprior) {
    return new RidgeEvidence(x, y, intercept, hyperprior);
  }

  /** How this evidence treats the intercept. */
  public Intercept intercept() {
    return intercept;
  }

  /** log p(y | λ), the noise precision at its best for this λ. */
  public double logEvidence(double lambda) {
    EvidenceCurve.requirePositiveLambda(lambda);
    return profile(Math.log(n * lambda)).logEvidence;
  }

  /** log p(y | λ) at each λ of {@code lambdas} (strictly monotone). */
  public EvidenceCurve curve(double[] lambdas) {
    double[] values = new double[lambdas.length];
    for (int l = 0; l < lambdas.length; l++) {
      EvidenceCurve.requirePositiveLambda(lambdas[l], l);
      values[l] = profile(Math.log(n * lambdas[l])).logEvidence;
    }
    return new EvidenceCurve(lambdas, values);
  }

  /** The posterior mean, β̂, a and γ at λ. */
  public Fit atLambda(double lambda) {
    EvidenceCurve.requirePositiveLambda(lambda);
    return fit(Math.log(n * lambda));
  }

  /**
   * The λ of the evidence's highest interior maximum, and the fit there. Empty when the
   * evidence has no interior maximum or rises higher towards λ = ∞ (the data favour w = 0, as
   * for a target unrelated to the features, where {@code BayesianRidge} divides by ‖w‖² → 0 and
   * returns {@code nan}). Maxima are searched over {@value #SCAN_DECADES} decades of nλ on
   * either side of d_max², {@value #SCAN_DENSITY} points a decade, as sign changes of the
   * derivative, each then bisected to the last bit.
   *
   * <p>With {@link Intercept#CENTERED} and n ≤ p the evidence also grows without bound as
   * λ → 0: y_c is then fitted exactly, and the plugged-in intercept leaves the direction of 1
   * with zero residual at any noise level. That artefact of the plug-in is ignored (it is the
   * reason for {@link Intercept#INTEGRATED}); the interior maximum reported is the one
   * {@code BayesianRidge}'s iteration finds.
   */
  public Optional<Fit> maximum() {
    double top = eigenvalues[0];
    if (!(top > 0)) {
      return Optional.empty(); // no feature varies: the evidence does not depend on λ
    }
    int count = 2 * SCAN_DECADES * SCAN_DENSITY + 1;
    double step = Math.log(10) / SCAN_DENSITY;
    double start = Math.log(top) - SCAN_DECADES * Math.log(10);
    double bestT = Double.NaN;
    double bestValue = Double.NEGATIVE_INFINITY;
    Profile previous = profile(start);
    Profile last = previous;
    for (int k = 1; k < count; k++) {
      double t = start + k * step;
      Profile current = profile(t);
      if (previous.slope > 0 && current.slope <= 0) {
        double root = bisectSlope(t - step, t);
        double value = profile(root).logEvidence;
        if (value > bestValue) {
          bestValue = value;
          bestT = root;
        }
      }
      previous = current;
      last = current;
    }
    if (Double.isNaN(bestT) || (last.slope > 0 && last.logEvidence > bestValue)) {
      return Optional.empty();
    }
    return Optional.of(fit(bestT));
  }

  /** The root of the profile's derivative in [lo, hi], where it goes from &gt; 0 to ≤ 0. */
  private double bisectSlope(double lo, double hi) {
    for (int iteration = 0; iteration < 200; iteration++) {
      double mid = 0.5 * (lo + hi);
      if (mid <= lo || mid >= hi) {
        break;
      }
      if (profile(mid).slope > 0) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return 0.5 * (lo + hi);
  }

  /** The profile's parts at log ρ = t, ρ = nλ = a/β. */
  private record Profile(double logEvidence, double slope, double noisePrecision, double gamma) {}

  private Profile profile(double t) {
    double rho = Math.exp(t);
    int r = eigenvalues.length;
    double gamma = 0;
    double energy = outsideSumOfSquares; // E(ρ) = rss + ρ‖w‖² = outside + Σ c² ρ/(d² + ρ)
    double w2 = 0; // ‖w‖² = Σ d² c²/(d² + ρ)²
    double logDet = (p - r) * t; // Σ over all p eigenvalues of log(ρ + d²)
    for (int k = 0; k < r; k++) {
      double d2 = eigenvalues[k];
      double c = projections[k];
      double denominator = d2 + rho;
      double shrink = d2 / denominator;
      gamma += shrink;
      energy += c * c * (rho / denominator);
      w2 += shrink * c * c / denominator;
      logDet += Math.log(denominator);
    }
    double noiseShape = hyperprior.noiseShape();
    double noiseRate = hyperprior.noiseRate();
    double weightShape = hyperprior.weightShape();
    double weightRate = hyperprior.weightRate();
    int m = observations;
    double beta = (m + 2 * weightShape + 2 * noiseShape)
        / (energy + 2 * weightRate * rho + 2 * noiseRate);
    double a = rho * beta;
    double logEvidence = 0.5 * p * t + 0.5 * m * Math.log(beta) - 0.5 * beta * energy
        - 0.5 * logDet - 0.5 * m * Math.log(2 * Math.PI)
        + weightShape * Math.log(a) - weightRate * a + noiseShape * Math.log(beta)
        - noiseRate * beta;
    if (intercept == Intercept.INTEGRATED) {
      logEvidence -= 0.5 * Math.log(n);
    }
    // d/dt of the profile (envelope theorem in β): ½[γ + 2λ₁ − a(‖w‖² + 2λ₂)].
    double slope = 0.5 * (gamma + 2 * weightShape - a * (w2 + 2 * weightRate));
    return new Profile(logEvidence, slope, beta, gamma);
  }

  private Fit fit(double t) {
    Profile profile = profile(t);
    double rho = Math.exp(t);
    int r = eigenvalues.length;
    double[] scaled = new double[r];
    for (int k = 0; k < r; k++) {
      // w = V diag(d/(d² + ρ)) c, with d = √(d²)
      scaled[k] = Math.sqrt(eigenvalues[k]) / (eigenvalues[k] + rho) * projections[k];
    }
    double[] w = new double[p];
    Blas.run(() -> openblas.cblas_dgemv(openblas.CblasColMajor, openblas.CblasTrans, r, p, 1.0,
        rightVectors, r, scaled, 1, 0.0, w, 1));
    double intercept = targetMean;
    for (int j = 0; j < p; j++) {
      intercept -= featureMean[j] * w[j];
    }
    return new Fit(rho / n, profile.noisePrecision, rho * profile.noisePrecision,
        profile.gamma, profile.logEvidence, intercept, w);
  }
}
