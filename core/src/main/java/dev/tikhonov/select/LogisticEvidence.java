package dev.tikhonov.select;

import dev.tikhonov.data.InputException;
import dev.tikhonov.internal.data.DeepCopy;
import java.util.Optional;

/**
 * The Laplace evidence of ridge-penalized logistic (binomial) and softmax (multinomial)
 * regression, for choosing λ from the training data alone. At each λ the MAP
 *
 * <pre>  (W, b) = argmin (1/n) Σᵢ −log p(yᵢ | xᵢ; W, b) + (λ/2)‖W‖²</pre>
 *
 * (docs/objective.md's objective with α = 0; a Gaussian prior of precision nλ on every weight, a
 * flat prior on the bias differences, see {@link LaplaceEvidence}) is found by Newton's method with
 * a backtracking line search, in double, from the previous λ's solution; then
 *
 * <pre>  log p(y | λ) ≈ log p(y | Ŵ, b̂) + log p(Ŵ | λ) + (d/2) log 2π − ½ log det H</pre>
 *
 * with the exact Hessian H (which for this likelihood is also the generalized Gauss-Newton
 * matrix). The approximation is exact for a Gaussian posterior and off by O(1/n) in general.
 *
 * <p>Meant for small problems: Newton forms and factors the d×d Hessian, so d = m·p + K − 1
 * (m = K for SOFTMAX, K − 1 for BASELINE) is limited to {@value Curvature#FULL_LIMIT}. For
 * larger models fit them by other means and evaluate with {@link LastLayerEvidence}.
 *
 * <p>Immutable and thread-safe.
 */
public final class LogisticEvidence {
  /**
   * Newton stops when half the Newton decrement, gᵀH⁻¹g/2, falls below this times max(1, f):
   * far below f's rounding, because log det H moves with θ to first order (a decrement of
   * 1e-12 leaves the log evidence off by ~1e-7).
   */
  private static final double DECREMENT_TOLERANCE = 1e-22;
  private static final int MAX_ITERATIONS = 500;
  /** Golden-section search stops when the bracket in log λ is narrower than this. */
  private static final double LOG_LAMBDA_TOLERANCE = 1e-5;

  /**
   * The MAP and its Laplace evidence at one λ. Immutable (arrays are copied in and out), so
   * thread-safe.
   *
   * @param evidence the Laplace evidence and its parts
   * @param intercepts b, K values: b₀ = 0 for BASELINE; for SOFTMAX shifted to sum to 0
   *     (glmnet's convention; any shift gives the same probabilities)
   * @param coefficients W as K rows of p (class k's weights; row 0 is zero for BASELINE)
   * @param iterations Newton iterations taken from the starting point
   */
  public record Fit(
      LaplaceEvidence evidence, double[] intercepts, double[][] coefficients, int iterations) {
    /** "Fit[evidence …, 3 classes × 4 features, 7 iterations]". */
    @Override
    public String toString() {
      return "Fit[" + evidence + ", " + intercepts.length + " classes × "
          + (coefficients.length == 0 ? 0 : coefficients[0].length) + " features, " + iterations
          + " iterations]";
    }

    public Fit {
      intercepts = intercepts.clone();
      coefficients = DeepCopy.of(coefficients);
    }

    @Override
    public double[] intercepts() {
      return intercepts.clone();
    }

    @Override
    public double[][] coefficients() {
      return DeepCopy.of(coefficients);
    }

    /** The fit's λ (docs/objective.md's scaling: prior precision nλ), the evidence's. */
    public double lambda() {
      return evidence.lambda();
    }

    /** The Laplace log evidence log p(y | λ), the evidence's; higher is better. */
    public double logEvidence() {

      return evidence.logEvidence();
    }
  }

  private final SoftmaxLayer layer;

  private LogisticEvidence(SoftmaxLayer layer) {
    this.layer = layer;
  }

  /**
   * The evidence of logistic regression on x (n×p row-major, not modified) with class indices
   * {@code labels} in 0..K−1; every class must occur.
   */
  public static LogisticEvidence of(double[][] x, int[] labels, int numClasses, Logits logits) {
    int n = x.length;
    if (numClasses < 2) {
      throw new InputException("logistic regression needs at least 2 classes, got "
          + numClasses);
    }
    if (n == 0) {
      throw new InputException("no rows to fit");
    }
    if (labels.length != n) {
      throw new InputException(n + " feature rows but " + labels.length + " labels");
    }
    int p = x[0].length;
    if (p == 0) {
      throw new InputException("no feature columns; the evidence needs at least one");
    }
    int columns = logits == Logits.SOFTMAX ? numClasses : numClasses - 1;
    long dimension = (long) columns * p + numClasses - 1;
    if (dimension > Curvature.FULL_LIMIT) {
      throw new InputException(dimension + " parameters (" + p + " features, " + numClasses
          + " classes) exceed the " + Curvature.FULL_LIMIT + " that a Newton fit with the full"
          + " Hessian is meant for; fit the model otherwise and use LastLayerEvidence");
    }
    double[] columnMajor = new double[n * p];
    int[] counts = new int[numClasses];
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
        columnMajor[i + j * n] = x[i][j];
      }
      if (labels[i] < 0 || labels[i] >= numClasses) {
        throw new InputException("row " + (i + 1) + ": label " + labels[i]
            + " is not a class in 0.." + (numClasses - 1));
      }
      counts[labels[i]]++;
    }
    for (int k = 0; k < numClasses; k++) {
      if (counts[k] == 0) {
        throw new InputException("class " + k + " has no rows; every class of 0.."
            + (numClasses - 1) + " must occur (else its bias has no finite MAP)");
      }
    }
    return new LogisticEvidence(
        new SoftmaxLayer(columnMajor, n, p, labels.clone(), numClasses, logits));
  }

  /** The MAP at λ (Newton from zero) and its Laplace evidence. */
  public Fit fit(double lambda) {
    EvidenceCurve.requirePositiveLambda(lambda);
    return fit(lambda, new double[layer.dimension()]);
  }

  /** The log evidence at each λ, fitted in the given order, each from the previous MAP. */
  public EvidenceCurve curve(double[] lambdas) {
    double[] values = new double[lambdas.length];
    double[] theta = new double[layer.dimension()];
    for (int l = 0; l < lambdas.length; l++) {
      EvidenceCurve.requirePositiveLambda(lambdas[l], l);
      Fit fit = fit(lambdas[l], theta);
      values[l] = fit.logEvidence();
      theta = parameters(fit);
    }
    return new EvidenceCurve(lambdas, values);
  }

  /**
   * The evidence's maximum: the best λ of the grid {@code lambdas}, refined by golden-section
   * search over log λ between its two neighbours to a relative {@value #LOG_LAMBDA_TOLERANCE}.
   * Empty when the grid's best λ is its first or last (widen the grid).
   */
  public Optional<Fit> maximize(double[] lambdas) {
    EvidenceCurve curve = curve(lambdas);
    if (!curve.hasInteriorMaximum()) {
      return Optional.empty();
    }
    int best = curve.bestIndex();
    double lo = Math.log(Math.min(lambdas[best - 1], lambdas[best + 1]));
    double hi = Math.log(Math.max(lambdas[best - 1], lambdas[best + 1]));
    Fit start = fit(lambdas[best]);
    double[] theta = parameters(start);
    double ratio = (Math.sqrt(5) - 1) / 2;
    double t1 = hi - ratio * (hi - lo);
    double t2 = lo + ratio * (hi - lo);
    Fit f1 = fit(Math.exp(t1), theta);
    Fit f2 = fit(Math.exp(t2), theta);
    while (hi - lo > LOG_LAMBDA_TOLERANCE) {
      if (f1.logEvidence() >= f2.logEvidence()) {
        hi = t2;
        t2 = t1;
        f2 = f1;
        t1 = hi - ratio * (hi - lo);
        f1 = fit(Math.exp(t1), parameters(f2));
      } else {
        lo = t1;
        t1 = t2;
        f1 = f2;
        t2 = lo + ratio * (hi - lo);
        f2 = fit(Math.exp(t2), parameters(f1));
      }
    }
    Fit refined = f1.logEvidence() >= f2.logEvidence() ? f1 : f2;
    return Optional.of(refined.logEvidence() >= start.logEvidence() ? refined : start);
  }

  private Fit fit(double lambda, double[] start) {
    double tau = layer.rows() * lambda;
    SoftmaxNewton.Minimum minimum =
        SoftmaxNewton.minimize(layer, start, tau, Curvature.FULL, DECREMENT_TOLERANCE,
            MAX_ITERATIONS);
    if (!minimum.converged()) {
      throw new IllegalStateException("Newton did not converge in " + minimum.iterations()
          + " iterations at λ = " + lambda);
    }
    double[] theta = minimum.theta();
    LaplaceEvidence evidence = layer.evidence(theta, lambda, Curvature.FULL);
    return new Fit(evidence, intercepts(theta), coefficients(theta), minimum.iterations());
  }

  private double[] intercepts(double[] theta) {
    int k = layer.classes();
    double[] b = new double[k];
    int biasStart = layer.weightCount();
    for (int c = 1; c < k; c++) {
      b[c] = theta[biasStart + c - 1];
    }
    if (layer.logits() == Logits.SOFTMAX) {
      double mean = 0;
      for (double v : b) {
        mean += v / k;
      }
      for (int c = 0; c < k; c++) {
        b[c] -= mean;
      }
    }
    return b;
  }

  private double[][] coefficients(double[] theta) {
    int k = layer.classes();
    int q = layer.features();
    double[][] w = new double[k][q];
    for (int c = 0; c < k; c++) {
      int column = layer.columnOf(c);
      if (column >= 0) {
        System.arraycopy(theta, column * q, w[c], 0, q);
      }
    }
    return w;
  }

  /** θ = (vec W, b₁ − b₀, …) of a fit, to warm-start the next. */
  private double[] parameters(Fit fit) {
    int k = layer.classes();
    int q = layer.features();
    double[] theta = new double[layer.dimension()];
    double[][] w = fit.coefficients;
    for (int c = 0; c < k; c++) {
      int column = layer.columnOf(c);
      if (column >= 0) {
        System.arraycopy(w[c], 0, theta, column * q, q);
      }
    }
    int biasStart = layer.weightCount();
    for (int c = 1; c < k; c++) {
      theta[biasStart + c - 1] = fit.intercepts[c] - fit.intercepts[0];
    }
    return theta;
  }
}
