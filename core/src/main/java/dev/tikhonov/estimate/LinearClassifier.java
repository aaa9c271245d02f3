package dev.tikhonov.estimate;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.loss.Family;
import dev.tikhonov.loss.SoftmaxCrossEntropy;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fitted logistic model in double precision on the original feature scale
 * ({@link ElasticNet} or {@link ElasticNetCV} with the binomial or multinomial family):
 * binomial, p(class 1 | x) = σ(a₀ + x·b); multinomial, p(k|x) = softmax(a₀ₖ + x·bₖ). Loss
 * −log p(y|x), computed from η (log-sum-exp, finite for any finite η); penalty, the one the fit
 * minimized ({@link #multinomialPenalty()}), with vⱼ the normalized penalty factors and sⱼ the
 * scale the fit penalized (the 1/n standard deviation when it standardized, else 1):
 *
 * <pre>
 *   UNGROUPED (binomial, and multinomial by default)  λ Σₖ Σⱼ vⱼ [(1−α)/2 (sⱼbₖⱼ)² + α|sⱼbₖⱼ|]
 *   GROUPED (multinomial)                              λ Σⱼ vⱼ [(1−α)/2 sⱼ²‖bⱼ‖₂² + α sⱼ‖bⱼ‖₂]
 * </pre>
 *
 * where bⱼ = (b₁ⱼ … b_Kⱼ) is feature j's coefficients over the K classes (which the grouped fit
 * centres to sum 0, the shift that leaves the loss alone and makes the penalty smallest).
 * Immutable and thread-safe.
 */
public final class LinearClassifier implements Classifier {
  private final LinearParameters parameters;
  private final Provenance provenance;

  LinearClassifier(LinearParameters parameters, Provenance provenance) {
    this.parameters = parameters;
    this.provenance = provenance;
  }

  /** The intercepts: one (binomial, the log-odds of class 1) or one per class. */
  public double[] intercepts() {
    return parameters.intercepts();
  }

  /**
   * A binomial model's intercept a₀ of η = a₀ + x·b, the log-odds of its second class against
   * the first ({@code intercepts()[0]}), as {@link LinearModel#intercept()}. It is the number
   * glmnet's {@code coef(fit)} gives first for the family {@code "binomial"} (one column, for
   * the second level of the factor) and scikit-learn's {@code intercept_[0]} for two classes
   * (an array of one, for {@code classes_[1]}).
   *
   * @throws IllegalStateException for a multinomial model, which has an intercept per class:
   *     {@link #intercepts()}, in {@link #classNames()}'s order
   */
  public double intercept() {
    refuseMultinomial("an intercept per class: intercepts()[k], in the order of classNames() "
        + classNames());
    return parameters.intercepts()[0];
  }

  /**
   * A binomial model's coefficients by feature name, {@code coefficientsByName(classNames()
   * .get(1))}: b of η = a₀ + x·b, the log-odds of the second class against the first, as
   * {@link LinearModel#coefficientsByName()} (glmnet's one-column {@code coef(fit)} for the
   * family {@code "binomial"}, scikit-learn's {@code coef_[0]} for two classes). Unmodifiable;
   * a new map each call.
   *
   * @throws IllegalStateException for a multinomial model, which has a vector per class:
   *     {@link #coefficientsByName(String)}
   */
  public Map<String, Double> coefficientsByName() {
    refuseMultinomial("a coefficient vector per class: coefficientsByName(className), with "
        + "className one of " + classNames());
    return byName(coefficients()[0]);
  }

  /** Refuses a binomial model's one-vector accessors for a multinomial model. */
  private void refuseMultinomial(String whatInstead) {
    if (family() != Family.BINOMIAL) {
      throw new IllegalStateException("a multinomial model has " + whatInstead);
    }
  }

  /** The coefficients, [vector][feature]: one vector (binomial) or one per class. */
  public double[][] coefficients() {
    return parameters.coefficients();
  }

  /**
   * One class's coefficients by feature name, as {@link LinearModel#coefficientsByName()}:
   * {@link #featureNames()}'s names in their order, each with its coefficient bₖⱼ on the
   * original scale (a weight or offset column the model took out of the features is not among
   * them). A multinomial model has a vector for every class. A binomial model has one, for its
   * second class (glmnet's and scikit-learn's convention: b gives the log-odds of that class
   * against the first), so the first class, whose linear predictor is 0, has none.
   * Unmodifiable; a new map each call.
   *
   * @param className one of {@link #classNames()}, spelled as the training data spelled it
   * @throws dev.tikhonov.data.InputException naming the class and the model's classes when it
   *     is not one of them, or is a binomial model's first class
   */
  public Map<String, Double> coefficientsByName(String className) {
    java.util.Objects.requireNonNull(className, "className");
    List<String> classes = classNames();
    int k = classes.indexOf(className);
    if (k < 0) {
      throw new InputException("className "
          + dev.tikhonov.internal.data.Numbers.quote(className) + " is not one of the model's "
          + "classes " + dev.tikhonov.internal.data.ClassLabels.listed(classes));
    }
    if (family() == Family.BINOMIAL) {
      if (k == 0) {
        throw new InputException("className \"" + className + "\" is the binomial model's "
            + "first class, whose linear predictor is 0: its coefficients are those of class \""
            + classes.get(1) + "\", the log-odds of \"" + classes.get(1) + "\" against \""
            + className + "\"");
      }
      k = 0;
    }
    return byName(coefficients()[k]);
  }

  private Map<String, Double> byName(double[] b) {
    List<String> names = featureNames();
    Map<String, Double> out = new LinkedHashMap<>();
    for (int j = 0; j < b.length; j++) {
      out.put(names.get(j), b[j]);
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * The number of features the model uses, as {@link LinearModel#nonzeroCoefficients()} and
   * glmnet's {@code df}: a binomial model's nonzero coefficients; for a multinomial model, the
   * features with a nonzero coefficient in any class (a lasso's selected features), as
   * {@link dev.tikhonov.linear.PathSolution#degreesOfFreedom()} counts them on a path.
   */
  public int nonzeroCoefficients() {
    return dev.tikhonov.linear.PathSolution.nonzeroFeatures(parameters.coefficients());
  }

  /** The λ the model was fitted at. */
  @Override
  public double lambda() {
    return parameters.lambda();
  }

  /** α. */
  @Override
  public double l1Ratio() {
    return parameters.l1Ratio();
  }

  /**
   * How the fit penalized each feature's class coefficients, and so the form of the penalty
   * {@link #evaluate} reports (above): GROUPED for a multinomial model fitted with
   * {@code multinomialPenalty(MultinomialPenalty.GROUPED)} (glmnet's {@code type.multinomial =
   * "grouped"}), else UNGROUPED.
   */
  public dev.tikhonov.linear.MultinomialPenalty multinomialPenalty() {
    return parameters.multinomialPenalty();
  }

  /** BINOMIAL or MULTINOMIAL. */
  public Family family() {
    return parameters.family();
  }

  @Override
  public List<String> classNames() {
    return parameters.classNames();
  }

  @Override
  public List<String> featureNames() {
    return parameters.featureNames();
  }

  @Override
  public double[] predict(Dataset data) {
    return NetworkClassifier.toDoubles(predictClasses(data));
  }

  @Override
  public double[] predict(double[][] x) {
    return NetworkClassifier.toDoubles(predictClasses(x));
  }

  @Override
  public int[] predictClasses(Dataset data) {
    return argmax(predictProba(data));
  }

  @Override
  public int[] predictClasses(double[][] x) {
    return argmax(predictProba(x));
  }

  /**
   * The linear predictors of raw rows (glmnet's {@code predict(type = "link")}): one column, the
   * log-odds of the second class η = a₀ + x·b, for a binomial model; η_k = a₀ₖ + x·bₖ, one
   * column per class, for a multinomial one (the softmax of a row's gives its probabilities).
   * n×1 or n×K, new arrays.
   *
   * @throws InputException for rows of another width or values that are not finite, and for a
   *     model fitted with an offset column (use {@link #linearPredictor(double[][], double[])})
   */
  public double[][] linearPredictor(double[][] x) {
    return parameters.linearPredictorOfRows(x);
  }

  /**
   * {@link #linearPredictor(double[][])} plus each row's offset (a model fitted with one).
   *
   * @throws InputException for a model fitted without an offset column
   */
  public double[][] linearPredictor(double[][] x, double[] offsets) {
    return parameters.linearPredictorOfRows(x, offsets);
  }

  /**
   * {@link #linearPredictor(double[][])} of every row of {@code data}, the offsets (of a model
   * fitted with an offset column) taken from that column of {@code data}.
   */
  public double[][] linearPredictor(Dataset data) {
    return parameters.linearPredictor(data);
  }

  @Override
  public double[][] predictProba(Dataset data) {
    return probabilities(parameters.linearPredictor(data));
  }

  /**
   * Class probabilities of raw rows for a model fitted with an offset column: {@code offsets}
   * holds each row's offset (see {@link #offsetColumn}).
   *
   * @throws InputException for a model fitted without an offset column
   */
  public double[][] predictProba(double[][] x, double[] offsets) {
    return probabilities(parameters.linearPredictorOfRows(x, offsets));
  }

  /** The column whose values the model adds to η (glmnet's offset), when it was fitted so. */
  public java.util.Optional<String> offsetColumn() {
    return parameters.offsetColumn();
  }

  @Override
  public double[][] predictProba(double[][] x) {
    return probabilities(parameters.linearPredictorOfRows(x));
  }

  /**
   * Accuracy and the mean cross-entropy −(1/n) Σᵢ log p(yᵢ|xᵢ), each row's computed from its
   * linear predictor without forming p ({@link SoftmaxCrossEntropy#crossEntropy}: binomial
   * softplus(η) − y·η, multinomial log Σₖ e^{ηₖ} − η_y): a row the model gets confidently
   * wrong costs about |η|, a large finite number, where −log p would be −log 0 = ∞ once p
   * underflows (e.g. η = 800) and make the whole mean infinite.
   *
   * @throws dev.tikhonov.data.InputException for a row whose η is not finite (its values are too
   *     large for the model), or a label the model does not know
   */
  @Override
  public ClassifierEvaluation evaluate(Dataset data) {
    return evaluate(data, java.util.Optional.empty());
  }

  /**
   * As {@link #evaluate(Dataset)}, row i weighted by the column {@code weightColumn}
   * ({@link Predictor#evaluate(Dataset, String)}).
   */
  @Override
  public ClassifierEvaluation evaluate(Dataset data, String weightColumn) {
    return evaluate(data, java.util.Optional.of(
        java.util.Objects.requireNonNull(weightColumn, "weightColumn")));
  }

  private ClassifierEvaluation evaluate(Dataset data, java.util.Optional<String> weightColumn) {
    int[] labels = Features.labels(classNames(), data);
    double[] w = ObservationColumns.evaluationWeights(data, weightColumn,
        parameters.inputColumns());
    double[][] eta = parameters.linearPredictor(data);
    for (int i = 0; i < eta.length; i++) {
      for (double v : eta[i]) {
        if (!Double.isFinite(v)) {
          throw new dev.tikhonov.data.RowException(i + 1,
              "the linear predictor is " + v + "; the row's values are too large");
        }
      }
    }
    int[] predicted = argmax(probabilities(eta));
    boolean binomial = parameters.family() == Family.BINOMIAL;
    double loss = 0;
    double correct = 0;
    for (int i = 0; i < labels.length; i++) {
      // Binomial: the logits of the classes (0, 1) are (0, η).
      loss += w[i] * SoftmaxCrossEntropy.crossEntropy(binomial ? new double[] {0, eta[i][0]}
          : eta[i], labels[i]);
      if (predicted[i] == labels[i]) {
        correct += w[i];
      }
    }
    double sum = Evaluation.sum(w);
    // the same predictions, so evaluate --confusion predicts the rows once
    ConfusionRows confusion = new ConfusionRows(classNames(), labels, predicted, w);
    if (classNames().size() == 2) {
      // the AUC ranks the log-odds of the second class: η (binomial), η₁ − η₀ (two classes of
      // a multinomial model)
      double[] score = new double[labels.length];
      boolean[] second = new boolean[labels.length];
      for (int i = 0; i < labels.length; i++) {
        score[i] = binomial ? eta[i][0] : eta[i][1] - eta[i][0];
        second[i] = labels[i] == 1;
      }
      return Evaluation.ofTwoClasses(w, loss / sum, correct / sum, parameters.penalty(), score,
          second, java.util.Optional.of(confusion));
    }
    return Evaluation.ofClassifier(w, loss / sum, correct / sum, parameters.penalty(),
        confusion);
  }

  @Override
  public Provenance provenance() {
    return provenance;
  }

  @Override
  public void save(Path file) {
    LinearModelFiles.save(parameters, provenance, file);
  }

  LinearParameters parameters() {
    return parameters;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LinearClassifier m && parameters.equals(m.parameters);
  }

  @Override
  public int hashCode() {
    return parameters.hashCode();
  }

  @Override
  public String toString() {
    return parameters.describe(provenance.estimator(), nonzeroCoefficients()) + ", "
        + classNames().size() + " classes]";
  }

  /**
   * Class probabilities from η: binomial (1 − σ(η), σ(η)), each computed without overflow;
   * multinomial softmax, max-subtracted.
   */
  private double[][] probabilities(double[][] eta) {
    double[][] out = new double[eta.length][];
    boolean binomial = parameters.family() == Family.BINOMIAL;
    for (int i = 0; i < eta.length; i++) {
      if (binomial) {
        double e = eta[i][0];
        double p1 = e >= 0 ? 1 / (1 + Math.exp(-e)) : Math.exp(e) / (1 + Math.exp(e));
        double p0 = e >= 0 ? Math.exp(-e) / (1 + Math.exp(-e)) : 1 / (1 + Math.exp(e));
        out[i] = new double[] {p0, p1};
      } else {
        double[] row = eta[i];
        double max = Double.NEGATIVE_INFINITY;
        for (double v : row) {
          max = Math.max(max, v);
        }
        double sum = 0;
        double[] p = new double[row.length];
        for (int k = 0; k < row.length; k++) {
          p[k] = Math.exp(row[k] - max);
          sum += p[k];
        }
        for (int k = 0; k < row.length; k++) {
          p[k] /= sum;
        }
        out[i] = p;
      }
      for (double v : out[i]) {
        if (!(v >= 0 && v <= 1)) {
          throw new dev.tikhonov.data.RowException(i + 1,
              "the class probabilities are not finite; the row's values are too large");
        }
      }
    }
    return out;
  }

  private static int[] argmax(double[][] p) {
    int[] out = new int[p.length];
    for (int i = 0; i < p.length; i++) {
      int best = 0;
      for (int k = 1; k < p[i].length; k++) {
        best = p[i][k] > p[i][best] ? k : best;
      }
      out[i] = best;
    }
    return out;
  }
}
