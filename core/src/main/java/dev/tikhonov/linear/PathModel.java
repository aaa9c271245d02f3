package dev.tikhonov.linear;

import dev.tikhonov.nn.Architecture;
import dev.tikhonov.nn.Initializer;
import dev.tikhonov.nn.Parameter;
import dev.tikhonov.nn.Sequential;
import dev.tikhonov.tensor.Matrix;
import dev.tikhonov.tensor.Rng;
import dev.tikhonov.train.Model;
import dev.tikhonov.train.ModelSpec;
import java.util.List;

/**
 * One λ of a {@link PathSolution} as a {@link Model} (one dense layer, float32), so that model
 * files, {@code predict}, {@code evaluate} and ONNX export treat path fits like trained models.
 *
 * <ul>
 *   <li>gaussian: ŷ = a₀ + x·b, a linear regression;
 *   <li>binomial: two logits (0, a₀ + x·b), whose softmax is (1 − σ(η), σ(η)) with η the
 *       log-odds of the second class, exactly the binomial model;
 *   <li>multinomial: logits a₀ₖ + x·bₖ, one per class.
 * </ul>
 *
 * The coefficients are on the original feature scale, so the model has no standardizer. They are
 * rounded to float32. Stateless and thread-safe.
 */
public final class PathModel {
  private PathModel() {}

  /** The fit at λ index {@code l}. */
  public static Model at(PathSolution path, int l) {
    int p = path.numFeatures();
    boolean gaussian = path.family() == Family.GAUSSIAN;
    boolean binomial = path.family() == Family.BINOMIAL;
    int outputs = gaussian ? 1 : binomial ? 2 : path.intercepts()[l].length;
    Rng unused = new Rng(0);
    Sequential network = Architecture.linear()
        .build(p, outputs, Initializer.zeros(), unused, unused);
    Parameter weight = network.parameters().get(0);
    Parameter bias = network.parameters().get(1);
    Matrix w = weight.value();
    for (int k = 0; k < path.intercepts()[l].length; k++) {
      int column = binomial ? 1 : k;
      bias.value().put(column, (float) path.intercepts()[l][k]);
      for (int j = 0; j < p; j++) {
        w.set(j, column, (float) path.coefficients()[l][k][j]);
      }
    }
    List<String> classes = gaussian ? List.of()
        : path.classNames().isEmpty() ? indexNames(outputs) : path.classNames();
    ModelSpec spec = ModelSpec.parse(gaussian ? "linear" : "logistic", 0, gaussian);
    return new Model(spec, network, path.featureNames(), classes, null, null);
  }

  private static List<String> indexNames(int k) {
    return java.util.stream.IntStream.range(0, k).mapToObj(Integer::toString).toList();
  }
}
