package dev.tikhonov.select;

import dev.tikhonov.data.InputException;
import dev.tikhonov.internal.data.Indices;
import dev.tikhonov.internal.tensor.ArrayText;
import dev.tikhonov.linear.Observations;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.linear.RidgeSvdPath;
import dev.tikhonov.loss.Family;
import dev.tikhonov.tensor.Blas;
import org.bytedeco.openblas.global.openblas;

/**
 * AIC, BIC and the extended BIC of Chen &amp; Chen (2008) along a path of any family, from the
 * training deviance and the effective degrees of freedom:
 *
 * <pre>
 *   AIC  = D + 2·df        BIC = D + log(n)·df        EBIC_γ = BIC + 2γ·log C(P, df)
 *   D    = n·log(RSS/n)                      (gaussian: the variance profiled out, σ̂² = RSS/n)
 *        = n·dev = −2·loglik + const         (binomial, multinomial, poisson: no dispersion)
 *   df   = #{nonzero coefficients}                                  (lasso, α = 1)
 *        = tr( Z_A (Z_AᵀWZ_A + λ(1−α)V_A)⁻¹ Z_AᵀW )                 (elastic net)
 *        = Σ d²/(d² + nλ)                                           (ridge by SVD)
 * </pre>
 *
 * with dev the mean deviance of the training rows ({@link PathSolution#devianceRatio}'s
 * 1 − dev/dev₀), Z_A the centered (uncentered for a path without an intercept; when the fit
 * standardized, scaled) active columns, V_A
 * their penalty factors, W the working weights at the solution divided by n (1/n for gaussian,
 * p(1−p)/n binomial, μ/n poisson; multinomial: each class's pₖ(1−pₖ)/n with its own active
 * set, the cross-class curvature left out), P the number of coefficients (p, or p·K for
 * multinomial, where df counts each class's nonzeros) and C(P, df) the binomial coefficient
 * (through log Γ for a fractional df). The intercepts are left out of df: they are in every
 * model, so they shift every criterion by the same constant. γ = 1 by default (Chen &amp;
 * Chen's EBIC₁; γ = 0 gives BIC). With observation weights wᵢ and offsets oᵢ (glmnet's, as the
 * path was fitted; {@link #of(PathSolution, double[][], double[], Observations, PathSettings,
 * double)}) n is the number of rows of positive weight (a row of weight 0 is a row left out,
 * as the fit leaves it out and as R's {@code logLik.lm} and {@code nobs.lm} count a weighted
 * fit's rows), the weights are normalized to sum to that n as glmnet normalizes them
 * (uᵢ = n·wᵢ/Σw), D is the weighted deviance with the offsets in η (gaussian:
 * RSS = Σ uᵢ(yᵢ − oᵢ − ηᵢ)²), and the standardization's moments and W carry uᵢ: the criteria
 * of rows of weight 0 are those of the rows removed.
 * With box constraints ({@link PathSettings#lowerLimits()}), a coefficient held at a nonzero
 * limit is not free (the fit does not move with the data there) and leaves the active set A.
 *
 * <p>Immutable and thread-safe: the arrays are copied in, and their accessors return copies;
 * {@link #degreesOfFreedom(int)}, {@link #rss(int)}, {@link #aic(int)}, {@link #bic(int)} and
 * {@link #extendedBic(int)} read one value without copying, for loops over λ.
 *
 * @param degreesOfFreedom effective degrees of freedom per λ
 * @param rss residual sum of squares per λ (gaussian; NaN for the other families)
 * @param aic AIC per λ
 * @param bic BIC per λ
 * @param extendedBic EBIC_γ per λ
 * @param n number of rows the criteria count (with observation weights, those of positive
 *     weight)
 */
public record InformationCriteria(double[] degreesOfFreedom, double[] rss, double[] aic,
    double[] bic, double[] extendedBic, int n) {

  public InformationCriteria {
    degreesOfFreedom = degreesOfFreedom.clone();
    rss = rss.clone();
    aic = aic.clone();
    bic = bic.clone();
    extendedBic = extendedBic.clone();
    int m = aic.length;
    if (degreesOfFreedom.length != m || rss.length != m || bic.length != m
        || extendedBic.length != m) {
      throw new IllegalArgumentException("one value per λ in each criterion: df "
          + degreesOfFreedom.length + ", rss " + rss.length + ", aic " + m + ", bic "
          + bic.length + ", ebic " + extendedBic.length);
    }
  }

  /** Effective degrees of freedom per λ; a new array. */
  @Override
  public double[] degreesOfFreedom() {
    return degreesOfFreedom.clone();
  }

  /** Residual sum of squares per λ (NaN for families other than gaussian); a new array. */
  @Override
  public double[] rss() {
    return rss.clone();
  }

  /** AIC per λ; a new array. */
  @Override
  public double[] aic() {
    return aic.clone();
  }

  /** BIC per λ; a new array. */
  @Override
  public double[] bic() {
    return bic.clone();
  }

  /** EBIC_γ per λ; a new array. */
  @Override
  public double[] extendedBic() {
    return extendedBic.clone();
  }

  /** How many λ the criteria are computed for. */
  public int numLambdas() {
    return aic.length;
  }

  /** The effective degrees of freedom at λ index {@code l} (0-based). */
  public double degreesOfFreedom(int l) {
    return degreesOfFreedom[checked(l)];
  }

  /** The residual sum of squares at λ index {@code l} (0-based; NaN but for gaussian). */
  public double rss(int l) {
    return rss[checked(l)];
  }

  /** AIC at λ index {@code l} (0-based). */
  public double aic(int l) {
    return aic[checked(l)];
  }

  /** BIC at λ index {@code l} (0-based). */
  public double bic(int l) {
    return bic[checked(l)];
  }

  /** EBIC_γ at λ index {@code l} (0-based). */
  public double extendedBic(int l) {
    return extendedBic[checked(l)];
  }

  private int checked(int l) {
    return Indices.checked(l, aic.length, "λ", "λ");
  }

  /** "InformationCriteria[67 λ, n = 100, df: …, AIC: …, BIC: …]". */
  @Override
  public String toString() {
    return "InformationCriteria[" + aic.length + " λ, n = " + n + ", df: "
        + ArrayText.range(degreesOfFreedom) + "; AIC: " + ArrayText.range(aic) + "; BIC: "
        + ArrayText.range(bic) + "]";
  }

  /** Chen &amp; Chen's γ of {@link #extendedBic} by default. */
  public static final double DEFAULT_GAMMA = 1.0;

  /** Index of the λ with the smallest AIC. */
  public int bestAic() {
    return argmin(aic);
  }

  /** Index of the λ with the smallest BIC. */
  public int bestBic() {
    return argmin(bic);
  }

  /** Index of the λ with the smallest extended BIC. */
  public int bestExtendedBic() {
    return argmin(extendedBic);
  }

  /** For a path of any family fitted with {@code settings} on (x, y), γ = 1. */
  public static InformationCriteria of(
      PathSolution path, double[][] x, double[] y, PathSettings settings) {
    return of(path, x, y, settings, DEFAULT_GAMMA);
  }

  /**
   * For a path of any family fitted with {@code settings} on (x, y) (y the target, count or
   * class index as the path took it), with EBIC's γ ≥ 0.
   */
  public static InformationCriteria of(
      PathSolution path, double[][] x, double[] y, PathSettings settings, double gamma) {
    return of(path, x, y, Observations.none(), settings, gamma);
  }

  /**
   * For a path fitted with observation weights and offsets ({@code observations}, indexed like
   * the rows of x, as {@link dev.tikhonov.linear.ElasticNetPath#fit} took them), with EBIC's
   * γ ≥ 0: weights normalized to sum to n, the weighted deviance with the offsets, weighted
   * moments and working weights (see the class comment).
   *
   * @throws InputException for weights or offsets of another length than the rows, or a
   *     grouped multinomial path (its effective degrees of freedom are not the count of
   *     nonzero coefficients)
   */
  public static InformationCriteria of(PathSolution path, double[][] x, double[] y,
      Observations observations, PathSettings settings, double gamma) {
    if (settings.multinomialPenalty() == dev.tikhonov.linear.MultinomialPenalty.GROUPED) {
      throw InputException.about("multinomialPenalty", ": the information criteria of a GROUPED"
          + " path are not implemented (the group lasso's effective degrees of freedom are not"
          + " its count of nonzero coefficients); choose λ by cross-validation");
    }
    if (!(gamma >= 0) || Double.isInfinite(gamma)) {
      throw new IllegalArgumentException("gamma must be finite and ≥ 0, got " + gamma);
    }
    int rows = x.length;
    int p = x[0].length;
    double[] offsets = observations.offsets();
    if (offsets.length > 0 && offsets.length != rows) {
      throw InputException.about("offsets", ": " + offsets.length + " values for " + rows
          + " rows");
    }
    // n counts the rows of positive weight: a row of weight 0 is a row left out
    int n = positiveRows(observations.weights(), rows);
    double[] unit = unitWeights(observations.weights(), rows, n);
    double[] mean = new double[p];
    double[] scale = new double[p];
    for (int j = 0; j < p; j++) {
      double s = 0;
      double v = 0;
      if (unit == null) {
        for (double[] row : x) {
          s += row[j];
        }
        mean[j] = s / n;
        for (double[] row : x) {
          v += (row[j] - mean[j]) * (row[j] - mean[j]);
        }
      } else {
        for (int i = 0; i < rows; i++) {
          s += unit[i] * x[i][j];
        }
        mean[j] = s / n;
        for (int i = 0; i < rows; i++) {
          v += unit[i] * (x[i][j] - mean[j]) * (x[i][j] - mean[j]);
        }
      }
      scale[j] = settings.standardize() && v > 0 ? Math.sqrt(v / n) : 1.0;
    }
    // the df trace's design: centered with an intercept; without one nothing is (the scale
    // stays the centered standard deviation, as glmnet standardizes then)
    double[] center = settings.intercept() ? mean : new double[p];
    double[] v = settings.normalizedPenaltyFactors(p);
    double[] lower = settings.lowerLimits(p);
    double[] upper = settings.upperLimits(p);
    int m = path.size();
    double[] df = new double[m];
    double[] rss = new double[m];
    double[] fit = new double[m];
    boolean gaussian = path.family() == Family.GAUSSIAN;
    int k = path.numOutputs();
    double[] weight = new double[rows];
    for (int l = 0; l < m; l++) {
      double ridge = path.lambda(l) * (1 - path.l1Ratio());
      double[][] bl = path.coefficients(l);
      if (gaussian) {
        double[] b = bl[0];
        double a0 = path.intercept(l, 0);
        double r = 0;
        for (int i = 0; i < rows; i++) {
          double eta = a0;
          for (int j = 0; j < p; j++) {
            eta += x[i][j] * b[j];
          }
          double e = offsets.length == 0 ? y[i] - eta : y[i] - offsets[i] - eta;
          r += unit == null ? e * e : unit[i] * e * e;
        }
        rss[l] = r;
        fit[l] = n * Math.log(r / n);
        if (unit == null) {
          java.util.Arrays.fill(weight, 1.0);
        } else {
          System.arraycopy(unit, 0, weight, 0, rows);
        }
        df[l] = activeSetTrace(x, center, scale, v, free(b, lower, upper), ridge, weight, n);
        continue;
      }
      rss[l] = Double.NaN;
      fit[l] = n * path.nullDeviance() * (1 - path.devianceRatio(l));
      double total = 0;
      for (int c = 0; c < k; c++) {
        if (ridge > 0) {
          workingWeights(path, x, l, c, offsets, unit, weight);
        }
        total += activeSetTrace(x, center, scale, v,
            free(bl[c], lower, upper), ridge, weight, n);
      }
      df[l] = total;
    }
    int coefficients = path.family() == Family.MULTINOMIAL ? p * k : p;
    return fromFit(df, rss, fit, n, coefficients, gamma);
  }

  /** The coefficients with those held at a nonzero limit set to 0 (they are not free). */
  private static double[] free(double[] b, double[] lower, double[] upper) {
    double[] out = b;
    for (int j = 0; j < b.length; j++) {
      if (b[j] != 0 && (b[j] == lower[j] || b[j] == upper[j])) {
        if (out == b) {
          out = b.clone();
        }
        out[j] = 0;
      }
    }
    return out;
  }

  /** The rows of positive weight (all rows without weights). */
  private static int positiveRows(double[] weights, int rows) {
    if (weights.length != rows) {
      if (weights.length == 0) {
        return rows;
      }
      throw InputException.about("weights", ": " + weights.length + " values for " + rows
          + " rows");
    }
    return (int) java.util.Arrays.stream(weights).filter(w -> w > 0).count();
  }

  /**
   * uᵢ = n·wᵢ/Σw, n the rows of positive weight (glmnet's normalization of the rows it keeps),
   * or null without weights.
   */
  private static double[] unitWeights(double[] weights, int rows, int n) {
    if (weights.length == 0) {
      return null;
    }
    double sum = 0;
    for (double w : weights) {
      sum += w;
    }
    double[] unit = new double[rows];
    for (int i = 0; i < rows; i++) {
      unit[i] = n * weights[i] / sum;
    }
    return unit;
  }

  /**
   * n·Var(y|η) at λ index l for vector c, times uᵢ with weights, η with the offsets oᵢ: p(1−p),
   * μ (poisson), pₖ(1−pₖ) (multinomial, no offsets).
   */
  private static void workingWeights(PathSolution path, double[][] x, int l, int c,
      double[] offsets, double[] unit, double[] out) {
    if (offsets.length > 0) {
      for (int i = 0; i < out.length; i++) {
        double eta = offsets[i] + path.linearPredictor(x[i], l, 0);
        double variance;
        if (path.family() == Family.POISSON) {
          variance = Math.exp(eta);
        } else {
          double q = 1 / (1 + Math.exp(-eta));
          variance = q * (1 - q);
        }
        out[i] = unit == null ? variance : unit[i] * variance;
      }
      return;
    }
    workingWeights(path, x, l, c, out);
    if (unit != null) {
      for (int i = 0; i < out.length; i++) {
        out[i] *= unit[i];
      }
    }
  }

  /** n·Var(y|η) at λ index l for vector c: p(1−p), μ (poisson), pₖ(1−pₖ) (multinomial). */
  private static void workingWeights(PathSolution path, double[][] x, int l, int c,
      double[] out) {
    if (path.family() == Family.POISSON) {
      double[] mu = path.means(x, l);
      System.arraycopy(mu, 0, out, 0, out.length);
      return;
    }
    double[][] pr = path.probabilities(x, l);
    int column = path.family() == Family.BINOMIAL ? 1 : c;
    for (int i = 0; i < out.length; i++) {
      out[i] = pr[i][column] * (1 - pr[i][column]);
    }
  }

  /**
   * For a closed-form ridge path (df = Σ d²/(d² + nλ)) fitted on {@code n} rows, with
   * observation weights {@code n} rows of positive weight (those of weight 0 are rows left out;
   * {@code RidgeCV.Validation.informationCriteria()} counts them):
   * RSS = n·trainingMse. With observation weights trainingMse is Σωᵢeᵢ² (ωᵢ = wᵢ/Σw), so RSS is
   * Σuᵢeᵢ² with uᵢ = n·wᵢ/Σw, the weighted RSS of the class comment, and df (which does not
   * depend on n) that of the rows scaled by √uᵢ: the criteria of the weighted α = 0 path.
   */
  public static InformationCriteria of(RidgeSvdPath path, int n) {
    double[] rss = new double[path.lambdas().length];
    for (int l = 0; l < rss.length; l++) {
      rss[l] = path.trainingMse()[l] * n;
    }
    double[] fit = new double[rss.length];
    for (int l = 0; l < rss.length; l++) {
      fit[l] = n * Math.log(rss[l] / n);
    }
    return fromFit(path.degreesOfFreedom().clone(), rss, fit, n, path.coefficients()[0].length,
        DEFAULT_GAMMA);
  }

  private static InformationCriteria fromFit(double[] df, double[] rss, double[] fit, int n,
      int coefficients, double gamma) {
    double[] aic = new double[df.length];
    double[] bic = new double[df.length];
    double[] ebic = new double[df.length];
    for (int l = 0; l < df.length; l++) {
      aic[l] = fit[l] + 2 * df[l];
      bic[l] = fit[l] + Math.log(n) * df[l];
      double d = Math.min(df[l], coefficients);
      ebic[l] = bic[l] + 2 * gamma * (logGamma(coefficients + 1.0) - logGamma(d + 1)
          - logGamma(coefficients - d + 1));
    }
    return new InformationCriteria(df, rss, aic, bic, ebic, n);
  }

  /** log Γ(z) for z &gt; 0 (Lanczos, g = 7, 9 terms: about 15 significant digits). */
  static double logGamma(double z) {
    if (z < 0.5) {
      // Reflection: Γ(z)Γ(1 − z) = π / sin(πz).
      return Math.log(Math.PI / Math.sin(Math.PI * z)) - logGamma(1 - z);
    }
    double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028,
        771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
        9.9843695780195716e-6, 1.5056327351493116e-7};
    double x = c[0];
    double t = z - 1;
    for (int i = 1; i < 9; i++) {
      x += c[i] / (t + i);
    }
    double w = t + 7.5;
    return 0.5 * Math.log(2 * Math.PI) + (t + 0.5) * Math.log(w) - w + Math.log(x);
  }

  /**
   * tr((G + μV)⁻¹ G) = |A| − μ·tr((G + μV)⁻¹ V) over the active set, G = Z_AᵀWZ_A/n; equals
   * |A| when μ = λ(1−α) = 0 (the lasso).
   */
  private static double activeSetTrace(double[][] x, double[] mean, double[] scale,
      double[] penalty, double[] b, double ridge, double[] weight, int n) {
    int[] active = java.util.stream.IntStream.range(0, b.length).filter(j -> b[j] != 0).toArray();
    int a = active.length;
    if (a == 0 || ridge == 0) {
      return a;
    }
    double[] gram = new double[a * a];
    for (int s = 0; s < a; s++) {
      for (int t = s; t < a; t++) {
        int js = active[s];
        int jt = active[t];
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
          double[] row = x[i];
          sum += weight[i] * (row[js] - mean[js]) / scale[js] * (row[jt] - mean[jt])
              / scale[jt];
        }
        gram[s * a + t] = sum / n;
        gram[t * a + s] = sum / n;
      }
    }
    double[] system = gram.clone();
    double[] diagonal = new double[a * a];
    for (int s = 0; s < a; s++) {
      system[s * a + s] += ridge * penalty[active[s]];
      diagonal[s * a + s] = penalty[active[s]];
    }
    // Solve (G + μV) W = V; then df = |A| − μ tr(W).
    int info = Blas.call(() -> openblas.LAPACKE_dposv(openblas.LAPACK_COL_MAJOR, (byte) 'U', a, a,
        system, a, diagonal, a));
    if (info != 0) {
      throw new IllegalStateException("active-set system not positive definite (info " + info
          + ")");
    }
    double trace = 0;
    for (int s = 0; s < a; s++) {
      trace += diagonal[s * a + s];
    }
    return a - ridge * trace;
  }

  private static int argmin(double[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      if (values[i] < values[best]) {
        best = i;
      }
    }
    return best;
  }
}
