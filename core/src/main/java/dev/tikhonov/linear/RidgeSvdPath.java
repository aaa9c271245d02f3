package dev.tikhonov.linear;

import dev.tikhonov.data.InputException;
import dev.tikhonov.internal.tensor.ArrayText;
import dev.tikhonov.loss.Family;
import dev.tikhonov.tensor.Blas;
import java.util.List;
import org.bytedeco.openblas.global.openblas;

/**
 * Ridge for many λ at once from one thin SVD of the centered design {@code Z = U D Vᵀ}
 * (LAPACK {@code dgesdd}), for the objective {@code (1/2n)‖y − a₀ − Xb‖² + (λ/2)‖b‖²}:
 *
 * <pre>
 *   b(λ)   = V diag(dₖ/(dₖ² + nλ)) Uᵀy_c
 *   df(λ)  = Σₖ dₖ²/(dₖ² + nλ)                                (intercept not counted)
 *   H(λ)   = 11ᵀ/n + U diag(dₖ²/(dₖ² + nλ)) Uᵀ                 (hat matrix with intercept)
 *   LOO(λ) = (1/n) Σᵢ (eᵢ / (1 − Hᵢᵢ))²                        (exact leave-one-out MSE)
 *   GCV(λ) = ((1/n) Σᵢ eᵢ²) / (1 − (1 + df)/n)²                (tr H = 1 + df)
 * </pre>
 *
 * with e = y − ŷ the training residuals. After the SVD, all λ together cost three BLAS
 * products of O(n·min(n, p)·m) flops (coefficients, fitted values, leverages). When n ≫ p
 * ({@link Decomposition#AUTOMATIC}: n ≥ 4p) the same numbers come from one eigendecomposition
 * of ZᵀZ = V diag(d²) Vᵀ instead ({@link RidgeEigenPath}: U·D = ZV, no SVD of the tall design).
 *
 * <p><b>Observation weights</b> wᵢ ≥ 0 ({@link #fit(double[][], double[], Observations,
 * double[])}), normalized to ωᵢ = wᵢ/Σw as {@link RidgeSolver}'s, make the data term
 * (1/2)Σωᵢ(yᵢ − a₀ − xᵢ·b)², so λ keeps its meaning and weights all equal are no weights. The
 * formulas above then hold for the rows scaled by √(nωᵢ) after centering at the weighted means
 * (Z and y_c; d the singular values of that Z), with the intercept's part of Hᵢᵢ equal to ωᵢ
 * instead of 1/n: Hᵢᵢ = ωᵢ + Σₖ uᵢₖ²dₖ²/(dₖ² + nλ) is row i's weighted leverage, and
 *
 * <pre>
 *   LOO(λ) = Σᵢ ωᵢ (eᵢ / (1 − Hᵢᵢ))²                          (eᵢ the unscaled residual)
 *   GCV(λ) = (Σᵢ ωᵢ eᵢ²) / (1 − (1 + df)/n₊)²                 (n₊ rows of positive weight)
 * </pre>
 *
 * eᵢ/(1 − Hᵢᵢ) is exactly yᵢ minus the prediction of the weighted fit without row i, so LOO
 * is the weighted mean of the squared leave-one-out errors; scikit-learn 1.2.1's
 * {@code RidgeCV(sample_weight = w)} (its {@code _RidgeGCV}, scaled rows as here) minimizes
 * (1/n)Σwᵢ(eᵢ/(1 − Hᵢᵢ))², the same criterion times Σw/n, so it chooses the same λ. GCV counts
 * the rows of positive weight: a row of weight 0 is, for every number here, a row left out.
 * A row of weight 2 is two equal rows for the coefficients, df and the training MSE, not for
 * the criteria: its leave-one-out error leaves both copies out. <b>Without an intercept</b>
 * ({@link #fitWithoutIntercept}) nothing is centered, a₀ = 0, the hat matrix has no intercept
 * part (Hᵢᵢ = Σₖ uᵢₖ²dₖ²/(dₖ² + nλ), GCV's denominator (1 − df/n₊)²), and the null model is 0
 * ({@link #nullMse} = Σωᵢyᵢ²). A constant column gets coefficient 0 either way (glmnet's rule).
 *
 * <p>An immutable value (do not modify the arrays); thread-safe.
 *
 * @param lambdas the λ values, in the order given
 * @param intercepts a₀ per λ
 * @param coefficients b per λ (p each)
 * @param degreesOfFreedom effective degrees of freedom per λ
 * @param leaveOneOutMse leave-one-out mean squared error per λ (weighted, with weights)
 * @param gcv generalized cross-validation score per λ
 * @param trainingMse (1/n)‖e‖² per λ (Σωᵢeᵢ² with weights)
 * @param nullMse (1/n)‖y − ȳ‖², the training MSE of the intercept-only model (weighted, with
 *     weights; of the model 0, Σωᵢyᵢ², without an intercept)
 * @param singularValues d (min(n, p), decreasing)
 */
public record RidgeSvdPath(
    double[] lambdas,
    double[] intercepts,
    double[][] coefficients,
    double[] degreesOfFreedom,
    double[] leaveOneOutMse,
    double[] gcv,
    double[] trainingMse,
    double nullMse,
    double[] singularValues) {
  /** "RidgeSvdPath[100 λ from … to …, 10 features, GCV: …, LOO MSE: …, null MSE …]". */
  @Override
  public String toString() {
    return "RidgeSvdPath[λ: " + ArrayText.range(lambdas) + ", "
        + (coefficients.length == 0 ? 0 : coefficients[0].length) + " features, GCV: "
        + ArrayText.range(gcv) + "; LOO MSE: " + ArrayText.range(leaveOneOutMse)
        + "; null MSE " + ArrayText.number(nullMse) + "]";
  }

  /**
   * How the path decomposes the design (scikit-learn's {@code RidgeCV(gcv_mode=...)}).
   * Thread-safe, as enum constants are.
   */
  public enum Decomposition {
    /** {@link #EIGEN} when n ≥ {@link #EIGEN_MIN_ROWS_PER_FEATURE}·p, else {@link #SVD}. */
    AUTOMATIC,
    /** A thin SVD of the centered design (LAPACK {@code dgesdd}). */
    SVD,
    /**
     * An eigendecomposition of ZᵀZ (LAPACK {@code dsyevd}) after one {@code dsyrk}: faster
     * when n ≫ p; directions with eigenvalues below ε·e_max are as accurate as that allows.
     */
    EIGEN
  }

  /**
   * {@link Decomposition#AUTOMATIC} takes the eigendecomposition from this many rows per feature
   * on: there the SVD of the tall design costs several times the Gram matrix (measured in
   * docs/performance-log.md, "Linear paths").
   */
  public static final int EIGEN_MIN_ROWS_PER_FEATURE = 4;

  /** Fits every λ ≥ 0 of {@code lambdas}, decomposing as {@link Decomposition#AUTOMATIC}. */
  public static RidgeSvdPath fit(double[][] x, double[] y, double[] lambdas) {
    return fit(x, y, lambdas, Decomposition.AUTOMATIC);
  }

  /** Fits every λ ≥ 0 of {@code lambdas} with the decomposition given. */
  public static RidgeSvdPath fit(double[][] x, double[] y, double[] lambdas,
      Decomposition decomposition) {
    return fit(x, y, Observations.none(), true, lambdas, decomposition);
  }

  /**
   * Fits every λ ≥ 0 of {@code lambdas} with the observations' weights (see the class; their
   * offsets must be absent), decomposing as {@link Decomposition#AUTOMATIC}.
   *
   * @throws InputException for weights that are negative, not finite or all 0 (naming the row
   *     and {@code weights}), or offsets
   */
  public static RidgeSvdPath fit(double[][] x, double[] y, Observations observations,
      double[] lambdas) {
    return fit(x, y, observations, true, lambdas, Decomposition.AUTOMATIC);
  }

  /**
   * As {@link #fit(double[][], double[], Observations, double[])} with a₀ = 0 and nothing
   * centered (glmnet's {@code intercept = FALSE}, scikit-learn's {@code fit_intercept = False}).
   */
  public static RidgeSvdPath fitWithoutIntercept(double[][] x, double[] y,
      Observations observations, double[] lambdas) {
    return fit(x, y, observations, false, lambdas, Decomposition.AUTOMATIC);
  }

  /** The path with every setting given (the tests compare the decompositions with it). */
  static RidgeSvdPath fit(double[][] x, double[] y, Observations observations,
      boolean intercept, double[] lambdas, Decomposition decomposition) {
    if (x.length != y.length) {
      throw new InputException(x.length + " feature rows but " + y.length + " targets");
    }
    for (double l : lambdas) {
      if (!(l >= 0) || Double.isInfinite(l)) {
        throw new InputException("λ must be finite and ≥ 0, got " + l);
      }
    }
    RidgeRows rows = RidgeRows.of(x.length, observations, intercept);
    if (x.length > 0 && (decomposition == Decomposition.EIGEN
        || (decomposition == Decomposition.AUTOMATIC
            && x.length >= (long) EIGEN_MIN_ROWS_PER_FEATURE * x[0].length))) {
      return RidgeEigenPath.fit(x, y, rows, lambdas);
    }
    DenseDesign design = StandardizedDesign.of(x, StandardizedDesign.allRows(x.length),
        rows.omega, true, intercept, false);
    int n = design.n;
    int p = design.p;
    int r = Math.min(n, p);
    double yMean = rows.targetMean(y);
    double[] yc = rows.centered(y, yMean);
    double nullMse = 0;
    for (int i = 0; i < n; i++) {
      nullMse += yc[i] * yc[i] / n;
    }
    double[] d = new double[r];
    double[] u = new double[n * r];
    double[] vt = new double[r * p];
    svd(design, d, u, vt);
    double[] uty = new double[r];
    // uty = Uᵀ y_c
    Blas.run(() -> openblas.cblas_dgemv(openblas.CblasColMajor, openblas.CblasTrans, n, r, 1.0, u,
        n, yc, 1, 0.0, uty, 1));

    // d at most max(n, p)·ε·d_max is rounding's size: a null direction (numpy's lstsq cut)
    boolean[] kept = rank(d, Math.max(n, p) * Math.ulp(1.0));
    int m = lambdas.length;
    double[] df = new double[m];
    // Column-major r×m: shrink[k + l·r] = dₖ²/(dₖ² + nλ_l); scaled = dₖ/(dₖ² + nλ_l)·(Uᵀy)ₖ;
    // fittedWeight = shrink·(Uᵀy)ₖ.
    double[] shrink = new double[r * m];
    double[] scaled = new double[r * m];
    double[] fittedWeight = new double[r * m];
    for (int l = 0; l < m; l++) {
      double nl = n * lambdas[l];
      double dof = 0;
      for (int k = 0; k < r; k++) {
        double d2 = d[k] * d[k];
        boolean counts = kept[k] && d2 + nl > 0;
        double sk = counts ? d2 / (d2 + nl) : 0.0;
        shrink[k + l * r] = sk;
        scaled[k + l * r] = counts ? d[k] / (d2 + nl) * uty[k] : 0.0;
        fittedWeight[k + l * r] = sk * uty[k];
        dof += sk;
      }
      df[l] = dof;
    }
    // All λ at once, three BLAS products instead of an O(n·r) loop per λ:
    //   B = V·scaled (p×m),  F = U·fittedWeight (fitted values, n×m),
    //   H = (U∘U)·shrink (hat-matrix diagonals without the 1/n of the intercept, n×m).
    double[] bAll = new double[p * m];
    Blas.run(() -> openblas.cblas_dgemm(openblas.CblasColMajor, openblas.CblasTrans,
        openblas.CblasNoTrans, p, m, r, 1.0, vt, r, scaled, r, 0.0, bAll, p));
    double[] fitted = new double[n * m];
    Blas.run(() -> openblas.cblas_dgemm(openblas.CblasColMajor, openblas.CblasNoTrans,
        openblas.CblasNoTrans, n, m, r, 1.0, u, n, fittedWeight, r, 0.0, fitted, n));
    double[] uSquared = u;
    for (int i = 0; i < uSquared.length; i++) {
      uSquared[i] = u[i] * u[i]; // U is not needed after this: square it in place
    }
    double[] leverage = new double[n * m];
    Blas.run(() -> openblas.cblas_dgemm(openblas.CblasColMajor, openblas.CblasNoTrans,
        openblas.CblasNoTrans, n, m, r, 1.0, uSquared, n, shrink, r, 0.0, leverage, n));
    return assemble(design, rows, yc, yMean, nullMse, lambdas, bAll, fitted, leverage, df, d);
  }

  /**
   * Which of the nonnegative {@code values} (singular values, or eigenvalues of the Gram matrix)
   * are above {@code relative} times the largest: the others are the design's null space known
   * only to rounding (a repeated column gives 5e-16 of the largest for 40 rows). At λ = 0, or
   * a λ below rounding, their division made the coefficients noise (3e14 for 0.3) and each
   * counted one degree of freedom; left out, the fit is the minimum-norm one of the rank.
   */
  static boolean[] rank(double[] values, double relative) {
    double largest = 0;
    for (double v : values) {
      largest = Math.max(largest, v);
    }
    boolean[] kept = new boolean[values.length];
    for (int k = 0; k < values.length; k++) {
      kept[k] = values[k] > relative * largest;
    }
    return kept;
  }

  /**
   * The path from the decomposition's products for all λ: coefficients (p×m), centered fitted
   * values (n×m) and hat-matrix diagonals without the intercept's part (n×m), all column-major,
   * on the rows as {@code rows} scales them.
   */
  private static RidgeSvdPath assemble(DenseDesign design, RidgeRows rows, double[] yc,
      double yMean, double nullMse, double[] lambdas, double[] bAll, double[] fitted,
      double[] leverage, double[] df, double[] d) {
    int n = design.n;
    int m = lambdas.length;
    double[] sse = new double[m];
    double[] looSum = new double[m];
    for (int l = 0; l < m; l++) {
      for (int i = 0, o = l * n; i < n; i++) {
        double e = yc[i] - fitted[o + i];
        sse[l] += e * e;
        double e1 = e / (1 - (rows.interceptLeverage(i) + leverage[o + i]));
        looSum[l] += e1 * e1;
      }
    }
    return of(lambdas, rows, design.mean, design.included, yMean, nullMse, bAll, sse, looSum,
        df, d);
  }

  /**
   * The path from its sums: coefficients {@code bAll} (p×m, column-major) on the centered
   * design with column means {@code mean}, and per λ the residual sum of squares {@code sse}
   * and the sum of squared leave-one-out residuals {@code looSum} over the n rows (both of the
   * rows as {@code rows} scales them). The coefficients of the columns not {@code included}
   * (the constant ones, which rounding leaves at 1e-17) are set to exactly 0.
   */
  static RidgeSvdPath of(double[] lambdas, RidgeRows rows, double[] mean, boolean[] included,
      double yMean, double nullMse, double[] bAll, double[] sse, double[] looSum, double[] df,
      double[] d) {
    int n = rows.omega.length;
    int p = mean.length;
    int m = lambdas.length;
    double[] intercept = new double[m];
    double[][] coef = new double[m][];
    double[] loo = new double[m];
    double[] gcv = new double[m];
    double[] trainMse = new double[m];
    for (int l = 0; l < m; l++) {
      double[] b = java.util.Arrays.copyOfRange(bAll, l * p, (l + 1) * p);
      for (int j = 0; j < p; j++) {
        b[j] = included[j] ? b[j] : 0.0;
      }
      double a0 = yMean;
      for (int j = 0; j < p; j++) {
        a0 -= mean[j] * b[j];
      }
      intercept[l] = a0;
      coef[l] = b;
      trainMse[l] = sse[l] / n;
      loo[l] = looSum[l] / n;
      double denominator = 1 - ((rows.intercept ? 1 : 0) + df[l]) / rows.positive;
      gcv[l] = trainMse[l] / (denominator * denominator);
    }
    return new RidgeSvdPath(lambdas.clone(), intercept, coef, df, loo, gcv, trainMse, nullMse,
        d);
  }

  /** Index of the λ with the smallest GCV score. */
  public int bestGcv() {
    return argmin(gcv);
  }

  /** Index of the λ with the smallest leave-one-out MSE. */
  public int bestLoo() {
    return argmin(leaveOneOutMse);
  }

  /**
   * The fit at λ index {@code l} (its coefficients a copy, as RidgeSolution's always are).
   *
   * @throws IndexOutOfBoundsException naming the index and the path's size
   */
  public RidgeSolution atIndex(int l) {
    if (l < 0 || l >= lambdas.length) {
      throw new IndexOutOfBoundsException("λ index " + l + " of a path of " + lambdas.length
          + " λ (0-based)");
    }
    return new RidgeSolution(lambdas[l], intercepts[l], coefficients[l], degreesOfFreedom[l]);
  }

  /**
   * This path as a {@link PathSolution} (gaussian, α = 0, every λ converged with certificate 0:
   * closed form, exact up to rounding); degrees of freedom there count nonzero coefficients as
   * everywhere in PathSolution, the effective ones stay in {@link #degreesOfFreedom()}.
   */
  public PathSolution toPathSolution(List<String> featureNames) {
    int m = lambdas.length;
    double[][] a0 = new double[m][];
    double[][][] b = new double[m][][];
    int[] nonzero = new int[m];
    double[] devianceRatio = new double[m];
    boolean[] converged = new boolean[m];
    for (int l = 0; l < m; l++) {
      a0[l] = new double[] {intercepts[l]};
      b[l] = new double[][] {coefficients[l].clone()};
      for (double v : coefficients[l]) {
        if (v != 0) {
          nonzero[l]++;
        }
      }
      devianceRatio[l] = 1 - trainingMse[l] / nullMse;
      converged[l] = true;
    }
    return new PathSolution(Family.GAUSSIAN, 0.0, lambdas.clone(), a0, b, nonzero,
        devianceRatio, nullMse, PathSettings.DEFAULT_TOLERANCE, converged, new int[m],
        new double[m], featureNames, List.of(), new PathSolution.End(
            PathSolution.Ending.ALL_LAMBDAS, "closed form at all " + m + " λ"));
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

  /** Singular values of the design's Z, decreasing. */
  static double[] singularValues(DenseDesign design) {
    int r = Math.min(design.n, design.p);
    double[] d = new double[r];
    svd(design, d, null, null);
    return d;
  }

  /**
   * Thin SVD of the design's Z into d, U (n×r, column-major) and Vᵀ (r×p, column-major); U and
   * Vᵀ may be null when only d is wanted. Modified: {@code d}, {@code u}, {@code vt}.
   */
  private static void svd(DenseDesign design, double[] d, double[] u, double[] vt) {
    int n = design.n;
    int p = design.p;
    int r = Math.min(n, p);
    double[] a = design.z.clone();
    boolean vectors = u != null;
    int info = Blas.call(() -> openblas.LAPACKE_dgesdd(openblas.LAPACK_COL_MAJOR,
        (byte) (vectors ? 'S' : 'N'), n, p, a, n, d, vectors ? u : new double[1], n,
        vectors ? vt : new double[1], vectors ? r : 1));
    if (info != 0) {
      throw new IllegalStateException("SVD did not converge (LAPACK info " + info + ")");
    }
  }
}
