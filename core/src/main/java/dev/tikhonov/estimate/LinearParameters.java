package dev.tikhonov.estimate;

import dev.tikhonov.internal.data.Digits;
import dev.tikhonov.linear.MultinomialPenalty;
import dev.tikhonov.loss.Family;
import java.util.List;

/**
 * The numbers of a fitted generalized linear model, in double precision on the original scale
 * of the features: η_k = a₀ₖ + x·bₖ for k = 1..K (K = 1 for gaussian and binomial), and what
 * its penalty was: λ, α, each feature's normalized factor vⱼ (summing to p, glmnet's
 * convention) and the scale sⱼ the penalty acted on (the 1/n standard deviation when the fit
 * standardized, else 1), so that the penalty term is
 * {@code λ Σₖ Σⱼ vⱼ [(1−α)/2 (sⱼbₖⱼ)² + α|sⱼbₖⱼ|]}, or for a multinomial model fitted with
 * {@link MultinomialPenalty#GROUPED} {@code λ Σⱼ vⱼ [(1−α)/2 sⱼ²‖bⱼ‖₂² + α sⱼ‖bⱼ‖₂]}, bⱼ the
 * feature's K class coefficients (which that fit centres to sum 0). A model fitted with an
 * offset column
 * ({@code offsetColumn}, glmnet's {@code offset}) adds that column's value oᵢ to every ηᵢ and
 * needs it again to predict. Immutable (arrays copied in and out).
 */
record LinearParameters(
    Family family,
    double lambda,
    double l1Ratio,
    double[] intercepts,
    double[][] coefficients,
    double[] penaltyFactors,
    double[] penaltyScales,
    List<String> featureNames,
    List<String> classNames,
    java.util.Optional<String> offsetColumn,
    MultinomialPenalty multinomialPenalty) {

  /** Without an offset. */
  LinearParameters(Family family, double lambda, double l1Ratio, double[] intercepts,
      double[][] coefficients, double[] penaltyFactors, double[] penaltyScales,
      List<String> featureNames, List<String> classNames) {
    this(family, lambda, l1Ratio, intercepts, coefficients, penaltyFactors, penaltyScales,
        featureNames, classNames, java.util.Optional.empty());
  }

  /** With each coefficient penalized on its own ({@link MultinomialPenalty#UNGROUPED}). */
  LinearParameters(Family family, double lambda, double l1Ratio, double[] intercepts,
      double[][] coefficients, double[] penaltyFactors, double[] penaltyScales,
      List<String> featureNames, List<String> classNames,
      java.util.Optional<String> offsetColumn) {
    this(family, lambda, l1Ratio, intercepts, coefficients, penaltyFactors, penaltyScales,
        featureNames, classNames, offsetColumn, MultinomialPenalty.UNGROUPED);
  }

  LinearParameters {
    intercepts = intercepts.clone();
    double[][] copy = new double[coefficients.length][];
    for (int k = 0; k < copy.length; k++) {
      copy[k] = coefficients[k].clone();
    }
    coefficients = copy;
    penaltyFactors = penaltyFactors.clone();
    penaltyScales = penaltyScales.clone();
    featureNames = List.copyOf(featureNames);
    classNames = List.copyOf(classNames);
    int p = featureNames.size();
    if (intercepts.length != coefficients.length || penaltyFactors.length != p
        || penaltyScales.length != p) {
      throw new IllegalArgumentException("inconsistent shapes of a linear model");
    }
    for (double[] b : coefficients) {
      if (b.length != p) {
        throw new IllegalArgumentException(b.length + " coefficients for " + p + " features");
      }
    }
    java.util.Objects.requireNonNull(multinomialPenalty, "multinomialPenalty");
    if (multinomialPenalty == MultinomialPenalty.GROUPED && family != Family.MULTINOMIAL) {
      throw new IllegalArgumentException("the grouped penalty is the multinomial family's, not "
          + family.name().toLowerCase(java.util.Locale.ROOT) + "'s");
    }
  }

  int numFeatures() {
    return featureNames.size();
  }

  /** The columns the model reads from a Dataset: its features and its offset column. */
  List<String> inputColumns() {
    List<String> columns = new java.util.ArrayList<>(featureNames);
    offsetColumn.ifPresent(columns::add);
    return columns;
  }

  /**
   * η of every row of a Dataset (n×K): the model's feature columns (as {@link Features} matches
   * them) and, for a model with an offset, the offset column by name.
   *
   * @throws InputException when a column is missing
   */
  double[][] linearPredictor(dev.tikhonov.data.Dataset data) {
    java.util.Objects.requireNonNull(data, "data");
    if (offsetColumn.isPresent() && !data.hasNamedFeatures()) {
      // Before the features: unnamed data would otherwise be told it has a column too many.
      Features.namedColumn(offsetColumn.get(), data);
    }
    if (data.isSparse() && offsetColumn.isEmpty()) {
      // Sparse data, never densified: η by sparse dot products over the model's columns.
      int[] column = Features.columns(featureNames, data);
      dev.tikhonov.data.SparseMatrix x = data.sparseFeatures().orElseThrow();
      int k = intercepts.length;
      double[][] eta = new double[data.numRows()][k];
      double[] b = new double[x.numColumns()];
      double[] out = new double[data.numRows()];
      for (int c = 0; c < k; c++) {
        java.util.Arrays.fill(b, 0.0);
        for (int j = 0; j < numFeatures(); j++) {
          b[column == null ? j : column[j]] = coefficients[c][j];
        }
        x.multiply(intercepts[c], b, out);
        for (int i = 0; i < out.length; i++) {
          eta[i][c] = out[i];
        }
      }
      return eta;
    }
    double[][] eta = linearPredictor(Features.doubleInput(featureNames, data));
    if (offsetColumn.isPresent()) {
      double[] o = Features.namedColumn(offsetColumn.get(), data);
      for (int i = 0; i < eta.length; i++) {
        for (int c = 0; c < eta[i].length; c++) {
          eta[i][c] += o[i];
        }
      }
    }
    return eta;
  }

  /**
   * η of raw rows (checked for width and finite values), for a model without an offset.
   *
   * @throws dev.tikhonov.data.InputException for a model fitted with an offset: its
   *     predictions need the offsets
   */
  double[][] linearPredictorOfRows(double[][] x) {
    if (offsetColumn.isPresent()) {
      throw new dev.tikhonov.data.InputException("the model was fitted with the offset column \""
          + offsetColumn.get() + "\": give the offsets with the rows, or a Dataset holding"
          + " that column");
    }
    Features.checkRows(numFeatures(), x);
    return linearPredictor(x);
  }

  /**
   * η of raw rows plus the offset of each row (one per row, finite), for a model fitted with an
   * offset column. A model fitted without one refuses offsets: it never learned with them, and
   * adding them silently gave another model's predictions (glmnet's predict ignores a
   * {@code newoffset} there, silently too).
   */
  double[][] linearPredictorOfRows(double[][] x, double[] offsets) {
    if (offsetColumn.isEmpty()) {
      throw new dev.tikhonov.data.InputException("the model was fitted without an offset"
          + " column, so its predictions take no offsets; predict the rows alone (an offset"
          + " needs a model fitted with offsetColumn)");
    }
    Features.checkRows(numFeatures(), x);
    java.util.Objects.requireNonNull(offsets, "offsets");
    if (offsets.length != x.length) {
      throw new dev.tikhonov.data.InputException(offsets.length + " offsets for " + x.length
          + " rows");
    }
    double[][] eta = linearPredictor(x);
    for (int i = 0; i < eta.length; i++) {
      if (!Double.isFinite(offsets[i])) {
        throw dev.tikhonov.data.RowException.inColumn(i + 1, offsetColumn.get(),
            "offset " + offsets[i] + " is not finite");
      }
      for (int c = 0; c < eta[i].length; c++) {
        eta[i][c] += offsets[i];
      }
    }
    return eta;
  }

  /** η of every row (n×K), accumulated in double, without any offset. */
  double[][] linearPredictor(double[][] x) {
    int k = intercepts.length;
    int p = numFeatures();
    double[][] eta = new double[x.length][k];
    for (int i = 0; i < x.length; i++) {
      double[] row = x[i];
      for (int c = 0; c < k; c++) {
        double s = intercepts[c];
        double[] b = coefficients[c];
        for (int j = 0; j < p; j++) {
          s += row[j] * b[j];
        }
        eta[i][c] = s;
      }
    }
    return eta;
  }

  /**
   * λ Σₖ Σⱼ vⱼ [(1−α)/2 (sⱼbₖⱼ)² + α|sⱼbₖⱼ|], or with {@link MultinomialPenalty#GROUPED}
   * λ Σⱼ vⱼ [(1−α)/2 ‖sⱼbⱼ‖₂² + α‖sⱼbⱼ‖₂] over each feature's K class coefficients bⱼ: the
   * penalty the fit minimized.
   */
  double penalty() {
    if (lambda == 0) {
      return 0;
    }
    if (multinomialPenalty == MultinomialPenalty.GROUPED) {
      return groupedPenalty();
    }
    double total = 0;
    for (double[] b : coefficients) {
      for (int j = 0; j < b.length; j++) {
        double w = penaltyScales[j] * b[j];
        total += penaltyFactors[j] * ((1 - l1Ratio) / 2 * w * w + l1Ratio * Math.abs(w));
      }
    }
    return lambda * total;
  }

  /** λ Σⱼ vⱼ [(1−α)/2 ‖sⱼbⱼ‖₂² + α‖sⱼbⱼ‖₂], bⱼ = (b₁ⱼ … b_Kⱼ). */
  private double groupedPenalty() {
    double total = 0;
    for (int j = 0; j < numFeatures(); j++) {
      double squares = 0;
      for (double[] b : coefficients) {
        double w = penaltyScales[j] * b[j];
        squares += w * w;
      }
      total += penaltyFactors[j] * ((1 - l1Ratio) / 2 * squares + l1Ratio * Math.sqrt(squares));
    }
    return lambda * total;
  }

  @Override
  public double[] intercepts() {
    return intercepts.clone();
  }

  @Override
  public double[][] coefficients() {
    double[][] copy = new double[coefficients.length][];
    for (int k = 0; k < copy.length; k++) {
      copy[k] = coefficients[k].clone();
    }
    return copy;
  }

  @Override
  public double[] penaltyFactors() {
    return penaltyFactors.clone();
  }

  @Override
  public double[] penaltyScales() {
    return penaltyScales.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LinearParameters q && family == q.family
        && Double.compare(lambda, q.lambda) == 0 && Double.compare(l1Ratio, q.l1Ratio) == 0
        && java.util.Arrays.equals(intercepts, q.intercepts)
        && java.util.Arrays.deepEquals(coefficients, q.coefficients)
        && java.util.Arrays.equals(penaltyFactors, q.penaltyFactors)
        && java.util.Arrays.equals(penaltyScales, q.penaltyScales)
        && featureNames.equals(q.featureNames) && classNames.equals(q.classNames)
        && offsetColumn.equals(q.offsetColumn) && multinomialPenalty == q.multinomialPenalty;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(family, lambda, java.util.Arrays.hashCode(intercepts),
        java.util.Arrays.deepHashCode(coefficients), featureNames);
  }

  /**
   * "Estimator[family, λ=…, α=…, k of p coefficients nonzero" (a multinomial model: "k of p
   * features with a nonzero coefficient"), without the closing bracket: the words every fitted
   * linear model starts its toString with, whatever its family.
   */
  String describe(String estimator, int nonzero) {
    String counted = coefficients.length == 1 ? " coefficients nonzero"
        : " features with a nonzero coefficient";
    return estimator + "[" + family.name().toLowerCase(java.util.Locale.ROOT) + ", λ="
        + Digits.few(lambda) + ", α=" + Digits.few(l1Ratio) + ", " + nonzero + " of "
        + numFeatures() + counted;
  }

  @Override
  public String toString() {
    return "LinearParameters[" + family + ", λ=" + Digits.few(lambda) + ", α="
        + Digits.few(l1Ratio) + ", "
        + coefficients.length + "×" + numFeatures() + "]";
  }
}
