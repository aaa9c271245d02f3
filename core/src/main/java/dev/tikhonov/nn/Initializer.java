package dev.tikhonov.nn;

import dev.tikhonov.tensor.Matrix;
import dev.tikhonov.tensor.Rng;

/**
 * How a {@link Dense} layer's weights W (fanIn×fanOut) and bias b start.
 *
 * <ul>
 *   <li>{@link #pytorchDefault()}: W, b ~ U(−1/√fanIn, 1/√fanIn), which is what
 *       {@code torch.nn.Linear} does (kaiming_uniform with a = √5); the default, so results
 *       compare with PyTorch's.
 *   <li>{@link #he()}: W ~ N(0, 2/fanIn), b = 0 (He et al. 2015, for ReLU networks).
 *   <li>{@link #xavier()}: W ~ U(−√(6/(fanIn+fanOut)), +√(6/(fanIn+fanOut))), b = 0 (Glorot &amp;
 *       Bengio 2010).
 *   <li>{@link #zeros()}: W = 0, b = 0 (convex models: linear and logistic regression).
 * </ul>
 *
 * <p>The factories' initializers are immutable and stateless, so they may be shared between
 * threads; {@code initialize} writes the matrices and advances the generator it is given, which
 * no other thread may be using meanwhile.
 */
public interface Initializer {
  /** Fills {@code weight} (fanIn×fanOut) and {@code bias} (1×fanOut). Modified: both. */
  void initialize(Matrix weight, Matrix bias, Rng rng);

  /** Name used in model files and flags. */
  String name();

  /** W, b ~ U(−1/√fanIn, 1/√fanIn), as {@code torch.nn.Linear}; named "pytorch". */
  static Initializer pytorchDefault() {
    return new Named("pytorch", (w, b, rng) -> {
      double bound = 1.0 / Math.sqrt(w.rows());
      uniform(w, bound, rng);
      uniform(b, bound, rng);
    });
  }

  /** W ~ N(0, 2/fanIn), b = 0 (He et al. 2015); named "he". */
  static Initializer he() {
    return new Named("he", (w, b, rng) -> {
      double sd = Math.sqrt(2.0 / w.rows());
      for (int i = 0; i < w.size(); i++) {
        w.put(i, (float) (sd * rng.nextGaussian()));
      }
      b.fill(0f);
    });
  }

  /** W ~ U(−√(6/(fanIn+fanOut)), +√(6/(fanIn+fanOut))), b = 0 (Glorot); named "xavier". */
  static Initializer xavier() {
    return new Named("xavier", (w, b, rng) -> {
      uniform(w, Math.sqrt(6.0 / (w.rows() + w.cols())), rng);
      b.fill(0f);
    });
  }

  /** W = 0, b = 0, for convex models (linear, logistic); named "zeros". */
  static Initializer zeros() {
    return new Named("zeros", (w, b, rng) -> {
      w.fill(0f);
      b.fill(0f);
    });
  }

  /** The initializer called {@code name} ("pytorch", "he", "xavier", "zeros"). */
  static Initializer byName(String name) {
    return switch (name) {
      case "pytorch" -> pytorchDefault();
      case "he" -> he();
      case "xavier" -> xavier();
      case "zeros" -> zeros();
      default -> throw new IllegalArgumentException(
          "unknown initializer '" + name + "': expected pytorch, he, xavier or zeros");
    };
  }

  private static void uniform(Matrix m, double bound, Rng rng) {
    for (int i = 0; i < m.size(); i++) {
      m.put(i, (float) ((2 * rng.nextDouble() - 1) * bound));
    }
  }

  /**
   * An initializer with a name. Immutable; thread-safe when its {@code fill} is stateless, as the
   * factories' fills are.
   *
   * @param name the name in model files and flags ({@link Initializer#byName})
   * @param fill what {@link #initialize} does
   */
  record Named(String name, Fill fill) implements Initializer {
    @Override
    public void initialize(Matrix weight, Matrix bias, Rng rng) {
      fill.apply(weight, bias, rng);
    }
  }

  /**
   * The filling function of {@link Named}. The factories' fills are stateless, so thread-safe:
   * each call writes only the matrices and the generator it is given.
   */
  @FunctionalInterface
  interface Fill {
    /**
     * Fills {@code weight} (fanIn×fanOut) and {@code bias} (1×fanOut), drawing from
     * {@code rng}. Modified: all three.
     */
    void apply(Matrix weight, Matrix bias, Rng rng);

  }
}
