package dev.tikhonov.select;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.nn.Dense;
import dev.tikhonov.nn.Layer;
import dev.tikhonov.nn.Sequential;
import dev.tikhonov.tensor.Matrix;
import java.util.List;

/**
 * The last-layer Laplace evidence of a trained classifier network (Sequential ending in a
 * {@link Dense} layer of K softmax logits): the penultimate activations φ(x) are held fixed as
 * features, and the output layer's weights W (h×K) and biases b are integrated out by a
 * Laplace approximation around (Ŵ, b̂), the trained weights or their MAP given φ:
 *
 * <pre>
 *   log p(y | λ, lower layers) ≈ Σᵢ log p(yᵢ | φᵢ; Ŵ, b̂) + log p(Ŵ | λ) + (d/2) log 2π
 *                                 − ½ log det H + ½ gᵀH⁻¹g,
 *   H = Σᵢ Λᵢ ⊗ φ̃ᵢφ̃ᵢᵀ + nλv·I_weights,   Λᵢ = diag(pᵢ) − pᵢpᵢᵀ,   φ̃ = (φ, 1)
 * </pre>
 *
 * (H is the generalized Gauss-Newton matrix of softmax cross-entropy, which for the last layer
 * is its exact Hessian) with the prior scaling of docs/objective.md: the penalty (λ/2)·v‖W‖² on the
 * mean loss is a Gaussian prior of precision nλv, v the layer's penalty factor (1 by
 * default). The biases' flat prior and softmax's invariance are handled as in
 * {@link LaplaceEvidence}. The lower layers are conditioned on, not integrated: their prior
 * terms are left out, so values compare across λ through how training at each λ shaped φ and
 * W. The caller trains one network per λ of a grid, evaluates each, and takes the λ of the
 * largest value ({@link EvidenceCurve}).
 *
 * <p>Where the Gaussian is centred is an {@link Expansion}: at the trained weights as they are
 * (what the Laplace library for PyTorch does, taking them for the MAP), or at the last layer's
 * MAP given φ, refitted from the trained weights by Newton's method in double (the network is
 * not modified). SGD seldom lands on that MAP; at the trained weights the evidence adds
 * ½gᵀH⁻¹g ({@link LaplaceEvidence#gradientCorrection()}), the integral of the second-order
 * expansion there, and {@link Result#refitGain()} tells how far the MAP is when refitting.
 *
 * <p>Cost, with d = K·h + K − 1: per refit step and once more for the evidence,
 * {@link Curvature#FULL} O(n·K²·h² + d³/3), {@link Curvature#KRONECKER} O(n·h² + n·K² +
 * K·h³/3), {@link Curvature#DIAGONAL} O(n·K·h); plus one forward pass through the lower
 * layers. {@link Curvature#suitedTo} picks FULL up to {@value Curvature#FULL_LIMIT} parameters
 * (MNIST's 784-256-128-10 network: d = 1,289).
 *
 * <p>Stateless, but it runs forward passes through the network's layer buffers: do not call it
 * while the same network trains or predicts on another thread.
 */
public final class LastLayerEvidence {
  /** Rows per forward pass, to bound the layer buffers. */
  private static final int CHUNK_ROWS = 4096;
  /** The refit stops when ½gᵀH⁻¹g falls below this times max(1, f). */
  private static final double REFIT_TOLERANCE = 1e-22;
  /** Newton steps allowed in a refit (it takes a handful, more from far away). */
  private static final int MAX_REFIT_STEPS = 200;

  private LastLayerEvidence() {}

  /**
   * Where the Laplace approximation of the last layer's posterior is centred. Thread-safe, as
   * enum constants are.
   */
  public enum Expansion {
    /**
     * At the trained weights, plus ½gᵀH⁻¹g for the gradient training left there (exact H,
     * by conjugate gradients). Measures the network as trained.
     */
    TRAINED_WEIGHTS,
    /**
     * At the last layer's MAP given φ (the Laplace approximation's own point), found by
     * Newton's method from the trained weights; see {@link Result#refitGain()}.
     */
    LAST_LAYER_MAP
  }

  /**
   * The last-layer evidence, at trained weights or at the refitted MAP. Immutable, so thread-safe.
   *
   * @param evidence the Laplace evidence
   * @param refitGain f(trained) − f(MAP) ≥ 0 in nats, what the refit gained in log posterior
   *     (f = −Σᵢ log p(yᵢ) + (nλv/2)‖W‖²); 0 at {@link Expansion#TRAINED_WEIGHTS}
   * @param refitSteps Newton steps of the refit; 0 at {@link Expansion#TRAINED_WEIGHTS}
   */
  public record Result(LaplaceEvidence evidence, double refitGain, int refitSteps) {
    /** The log evidence, {@code evidence().logEvidence()}. */
    public double logEvidence() {
      return evidence.logEvidence();
    }
  }

  /**
   * The last-layer evidence at λ at the trained weights, with the curvature
   * {@link Curvature#suitedTo} its size.
   */
  public static Result evaluate(Sequential network, Dataset data, double lambda) {
    int k = lastLayer(network).weight().value().cols();
    int h = lastLayer(network).weight().value().rows();
    return evaluate(network, data, lambda, Curvature.suitedTo(k * h + k - 1),
        Expansion.TRAINED_WEIGHTS);
  }

  /**
   * The last-layer evidence at λ for {@code network}, trained (at this λ) on {@code data}, the
   * rows as the network sees them (standardized if it was trained on standardized features).
   *
   * @throws InputException when the data is not a classification set matching the network,
   *     λ is not finite and &gt; 0, or the penultimate features are not finite
   * @throws IllegalArgumentException when the network does not end in a Dense layer with
   *     penalized weights and unpenalized biases
   */
  public static Result evaluate(Sequential network, Dataset data, double lambda,
      Curvature curvature, Expansion expansion) {
    EvidenceCurve.requirePositiveLambda(lambda);
    if (!data.isClassification()) {
      throw new InputException(data.source() + ": the last-layer evidence is for classifiers;"
          + " for a regression network use RidgeEvidence on its penultimateFeatures");
    }
    Dense last = lastLayer(network);
    int k = data.numClasses();
    if (last.weight().value().cols() != k) {
      throw new InputException(data.source() + ": " + k + " classes but the network has "
          + last.weight().value().cols() + " outputs");
    }
    if (data.numFeatures() != network.inputSize()) {
      throw new InputException(data.source() + ": " + data.numFeatures()
          + " feature columns but the network takes " + network.inputSize());
    }
    double factor = last.weight().penaltyFactor();
    if (!(factor > 0)) {
      throw new IllegalArgumentException(last.weight().name() + " is not penalized (penalty"
          + " factor " + factor + "): its prior is improper and the evidence undefined");
    }
    if (last.bias().penaltyFactor() != 0) {
      throw new IllegalArgumentException(last.bias().name() + " is penalized (factor "
          + last.bias().penaltyFactor() + "); the evidence supports unpenalized biases only");
    }
    int n = data.numRows();
    if (n == 0) {
      throw new InputException(data.source() + ": no rows; the evidence needs training data");
    }
    int h = last.weight().value().rows();
    double[] phi = penultimateColumns(network, data.features());
    for (int j = 0; j < phi.length; j++) {
      if (!Double.isFinite(phi[j])) {
        throw new InputException(data.source() + ": row " + (j % n + 1) + ": penultimate"
            + " feature " + (j / n + 1) + " is " + phi[j] + "; expected a finite number");
      }
    }
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = data.label(i);
    }
    SoftmaxLayer layer = new SoftmaxLayer(phi, n, h, labels, k, Logits.SOFTMAX);
    // θ = (vec W, b₁ − b₀, …): column c of W is class c's weights, W stored h×K row-major.
    float[] w = last.weight().value().toArray();
    float[] b = last.bias().value().toArray();
    double[] trained = new double[layer.dimension()];
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < h; j++) {
        trained[c * h + j] = w[j * k + c];
      }
    }
    for (int c = 1; c < k; c++) {
      trained[k * h + c - 1] = (double) b[c] - b[0];
    }
    double priorLambda = lambda * factor;
    double tau = n * priorLambda;
    double[] theta = trained;
    double gain = 0;
    int steps = 0;
    if (expansion == Expansion.LAST_LAYER_MAP) {
      double before = layer.objective(layer.state(trained), tau);
      SoftmaxNewton.Minimum refit = SoftmaxNewton.minimize(layer, trained, tau, curvature,
          REFIT_TOLERANCE, MAX_REFIT_STEPS);
      theta = refit.theta();
      gain = before - refit.objective();
      steps = refit.iterations();
    }
    LaplaceEvidence e = layer.evidence(theta, priorLambda, curvature);
    LaplaceEvidence evidence = new LaplaceEvidence(lambda, e.logEvidence(), e.logLikelihood(),
        e.logPrior(), e.logDeterminant(), e.gradientCorrection(), e.parameters(), e.weights(),
        curvature);
    return new Result(evidence, gain, steps);
  }

  /**
   * The inputs of the network's last layer (its penultimate activations φ) for the rows of
   * {@code x}, n×h in double: x itself for a network without hidden layers. Dropout is off
   * (inference). For a regression network, {@link RidgeEvidence} on these features and the
   * targets is the last-layer evidence of its squared-error output layer.
   */
  public static double[][] penultimateFeatures(Sequential network, Matrix x) {
    double[] columns = penultimateColumns(network, x);
    int n = x.rows();
    int h = columns.length / Math.max(n, 1);
    double[][] rows = new double[n][h];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < h; j++) {
        rows[i][j] = columns[i + j * n];
      }
    }
    return rows;
  }

  /** {@link #penultimateFeatures} as one n×h column-major array. */
  static double[] penultimateColumns(Sequential network, Matrix x) {
    List<Layer> layers = network.layers();
    int n = x.rows();
    int h = lastLayer(network).weight().value().rows();
    double[] phi = new double[n * h];
    for (int from = 0; from < n; from += CHUNK_ROWS) {
      int to = Math.min(n, from + CHUNK_ROWS);
      Matrix out = x.rowRange(from, to);
      for (int l = 0; l < layers.size() - 1; l++) {
        out = layers.get(l).forward(out, Layer.Mode.INFER);
      }
      for (int i = 0; i < to - from; i++) {
        for (int j = 0; j < h; j++) {
          phi[(from + i) + j * n] = out.get(i, j);
        }
      }
    }
    return phi;
  }

  private static Dense lastLayer(Sequential network) {
    List<Layer> layers = network.layers();
    if (layers.isEmpty() || !(layers.get(layers.size() - 1) instanceof Dense last)) {
      throw new IllegalArgumentException("the last-layer evidence needs a network ending in a"
          + " Dense layer, got " + network.specs());
    }
    return last;
  }
}
