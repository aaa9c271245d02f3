package dev.tikhonov.estimate;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.Standardizer;
import dev.tikhonov.internal.data.Digits;
import dev.tikhonov.internal.io.ModelFile;
import dev.tikhonov.regularize.Penalty;
import dev.tikhonov.tensor.Matrix;
import dev.tikhonov.train.Model;
import dev.tikhonov.train.TrainResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What the two fitted network models share ({@link NetworkRegressor}, {@link
 * NetworkClassifier}): the trained network and its inputs' names, the weights, the provenance,
 * the training record and saving in the project's model format. The penalty λ, α it was trained
 * with (docs/objective.md's scaling) enter {@link Predictor#evaluate}'s objective. What else
 * shaped the training answers typed, as {@link #lambda()} and {@link #l1Ratio()} do, for a
 * fitted and a loaded model alike: {@link #dropout()}, {@link #weightDecay()} and the inputs'
 * {@link #standardizer()}. Immutable and thread-safe.
 *
 * <p>Two network models are equal when they compute the same function with the same penalty:
 * the same kind (regressor or classifier), architecture and family, feature and class names,
 * standardization, λ and α, and bit-identical weights and biases; so a loaded model equals the
 * one that was saved. The provenance and the training record are not compared, as for
 * {@link LinearModel}.
 *
 * <p>Predictions are computed in float32 by the BLAS, whose order of summation depends on how
 * many rows a call holds: a row predicted alone and the same row inside a batch can differ in
 * the last bits of float32 (3.3·10⁻⁷ at most in the probabilities of a 784-256-128-10 network
 * on 300 digits). The same rows in the same call are the same bits every time; compare
 * predictions of different batch sizes with a relative tolerance of about 10⁻⁶.
 */
public abstract sealed class NetworkPredictor implements Predictor
    permits NetworkClassifier, NetworkRegressor {
  final NetworkPredictions predictions;
  private final Provenance provenance;
  private final Optional<TrainResult> training;
  private final double lambda;
  private final double l1Ratio;

  NetworkPredictor(Model model, Provenance provenance, Optional<TrainResult> training,
      double lambda, double l1Ratio) {
    this.predictions = new NetworkPredictions(model);
    this.provenance = provenance;
    this.training = training;
    this.lambda = lambda;
    this.l1Ratio = l1Ratio;
  }

  @Override
  public List<String> featureNames() {
    return predictions.model().featureNames();
  }

  /** The network's input for {@code data}: its columns, standardized as in training. */
  final Matrix input(Dataset data) {
    Model m = predictions.model();
    return Features.networkInput(featureNames(), data, m.standardizer());
  }

  /** The network's input for raw rows {@code x}, standardized as in training. */
  final Matrix input(double[][] x) {
    Model m = predictions.model();
    return Features.networkInput(featureNames().size(), x, m.standardizer());
  }

  /**
   * The loss, accuracy, penalized objective and confusion matrix of a classifier of the classes
   * {@code classNames} on the network's inputs {@code x} ({@link #input}) and class indices
   * {@code y}, row i weighted by {@code w[i]}.
   */
  final ClassifierEvaluation evaluateClasses(Matrix x, Matrix y, double[] w,
      java.util.List<String> classNames) {
    return predictions.evaluateClasses(x, y, w, penalty(), classNames);
  }

  /** λ·Ω(w) of the weights with the (λ, α) it was trained with (docs/objective.md's objective). */
  final double penalty() {
    return Penalty.elasticNet(lambda, l1Ratio).value(predictions.model().network().parameters());
  }

  /**
   * The penalty strength λ the network was trained with (docs/objective.md's objective, weights
   * only), as {@link LinearModel#lambda()}; kept in the model file.
   */
  @Override
  public double lambda() {
    return lambda;
  }

  /**
   * The L1 share α of the penalty it was trained with (0 = pure L2), as
   * {@link LinearModel#l1Ratio()}.
   */
  @Override
  public double l1Ratio() {
    return l1Ratio;
  }

  /**
   * The inverted-dropout rate p ∈ [0, 1) it was trained with after each hidden ReLU: in training
   * each hidden unit was zeroed with probability p and the others scaled by 1/(1 − p), so that
   * prediction runs the network as it is, without dropout; 0 when trained without, and for a
   * network without hidden layers. No term of docs/objective.md's objective; kept in the model
   * file (its architecture), so a loaded model answers it too.
   */
  public double dropout() {
    return predictions.model().spec().architecture().dropout();
  }

  /**
   * The decoupled weight decay d ≥ 0 the optimizer applied to the weights (biases never) after
   * each step's direction, {@code w ← w − lr·d·w} (PyTorch AdamW's
   * {@code param *= 1 − lr·weight_decay}; {@code Optimizers}' formulas): not a term of the
   * objective, whose L2 part is {@link #lambda()}'s (docs/objective.md's scaling), nor scaled by
   * n. 0 when trained without; kept in the model file's provenance ({@code weight_decay}).
   * Empty only for a model file whose provenance does not record it (a file written without
   * provenance settings), never for a model fitted in this process.
   */
  public OptionalDouble weightDecay() {
    return provenance.settings().get("weight_decay") instanceof Number n
        ? OptionalDouble.of(n.doubleValue()) : OptionalDouble.empty();
  }

  /**
   * The standardization of the inputs fitted on the training rows, z = (x − mean)/scale per
   * feature in {@link #featureNames()}' order (the 1/n standard deviation,
   * {@link Standardizer}), which {@code predict} applies before the network, as in training;
   * empty when the network was trained on the features as they are ({@code standardize(false)}).
   * Kept in the model file. A {@link Standardizer} is immutable (its arrays are copied).
   */
  public Optional<Standardizer> standardizer() {
    return predictions.model().standardizer();
  }

  /**
   * Copies of the dense layers' weights and biases, input side first; the first layer's W acts
   * on the inputs the network sees (standardized when the fit standardized). A network without
   * hidden layers gives its coefficients on the original feature scale by
   * {@code linearCoefficients()} ({@link NetworkRegressor}, {@link NetworkClassifier}).
   */
  public List<LayerWeights> layers() {
    return LayerWeights.of(predictions.model().network());
  }

  /**
   * The network as the affine map η = a₀ + x·B of the raw features, when it is one (no hidden
   * layer): with W (p×K) and b its one dense layer and (m, s) the fit's standardization (m = 0,
   * s = 1 without one), η = b + ((x − m)/s)·W, so B[k][j] = W[j][k]/sⱼ and
   * a₀ₖ = bₖ − Σⱼ mⱼ·B[k][j], in double from the float32 weights. A target standardization is
   * already folded into W and b ({@code NetworkFit.TargetScale}). Empty with hidden layers.
   */
  final Optional<Affine> affine() {
    Model m = predictions.model();
    if (!m.spec().architecture().hidden().isEmpty()) {
      return Optional.empty();
    }
    LayerWeights layer = layers().get(0);
    int p = layer.inputs();
    int k = layer.outputs();
    float[] w = layer.weight();
    float[] b = layer.bias();
    double[] mean = new double[p];
    double[] scale = new double[p];
    java.util.Arrays.fill(scale, 1);
    if (m.standardizer().isPresent()) {
      mean = m.standardizer().get().mean();
      scale = m.standardizer().get().scale();
    }
    double[][] coefficients = new double[k][p];
    double[] intercepts = new double[k];
    for (int c = 0; c < k; c++) {
      double a = b[c];
      for (int j = 0; j < p; j++) {
        coefficients[c][j] = w[j * k + c] / scale[j];
        a -= mean[j] * coefficients[c][j];
      }
      intercepts[c] = a;
    }
    return Optional.of(new Affine(coefficients, intercepts));
  }

  /** η = intercepts + x·coefficientsᵀ: [output][feature] and one intercept per output. */
  record Affine(double[][] coefficients, double[] intercepts) {}

  /** ‖w‖₂ over all weight matrices (biases excluded). */
  public double weightNorm() {
    return predictions.model().network().weightNorm();
  }

  @Override
  public Provenance provenance() {
    return provenance;
  }

  /** The training run's record (per-epoch history, early stopping); empty for a loaded model. */
  public Optional<TrainResult> training() {
    return training;
  }

  @Override
  public void save(Path file) {
    java.util.Objects.requireNonNull(file, "file");
    ModelFile.save(predictions.model(), file, provenance.toMap());
  }

  @Override
  public final boolean equals(Object o) {
    if (!(o instanceof NetworkPredictor other) || other.getClass() != getClass()) {
      return false;
    }
    Model a = predictions.model();
    Model b = other.predictions.model();
    return a.spec().architecture().equals(b.spec().architecture())
        && a.spec().family() == b.spec().family()
        && a.featureNames().equals(b.featureNames()) && a.classNames().equals(b.classNames())
        && a.standardizer().equals(b.standardizer())
        && Double.compare(lambda, other.lambda) == 0
        && Double.compare(l1Ratio, other.l1Ratio) == 0
        && layers().equals(other.layers());
  }

  @Override
  public final int hashCode() {
    Model m = predictions.model();
    return java.util.Objects.hash(getClass(), m.spec().architecture(), m.featureNames(),
        m.classNames(), lambda, l1Ratio, layers());
  }

  /** The engine's model (network, spec, standardizer), for export and run files. */
  Model model() {
    return predictions.model();
  }

  /**
   * "estimator[architecture, λ, α" and the dropout rate and decoupled weight decay when there
   * are, e.g. "MlpClassifier[mlp:256,128, λ=1e-04, α=0, dropout=0.5, weight_decay=1e-03" (what
   * regularized its training: a model trained with dropout or weight decay alone printed as an
   * unregularized one), the numbers as the CLI writes a grid's settings ({@link Digits#few}).
   * The weight decay is the provenance's {@code weight_decay}, which the model file keeps.
   */
  String describe() {
    double dropout = dropout();
    double weightDecay = weightDecay().orElse(0);
    return provenance.estimator() + "[" + predictions.model().spec().describe() + ", λ="
        + Digits.few(lambda) + ", α=" + Digits.few(l1Ratio)
        + (dropout > 0 ? ", dropout=" + Digits.few(dropout) : "")
        + (weightDecay > 0 ? ", weight_decay=" + Digits.few(weightDecay) : "");
  }
}
