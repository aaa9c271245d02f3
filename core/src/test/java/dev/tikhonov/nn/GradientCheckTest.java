package dev.tikhonov.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.loss.Loss;
import dev.tikhonov.loss.SoftmaxCrossEntropy;
import dev.tikhonov.loss.SquaredError;
import dev.tikhonov.regularize.Penalty;
import dev.tikhonov.tensor.Matrix;
import dev.tikhonov.tensor.Rng;
import dev.tikhonov.tensor.TestMatrices;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Back-propagation (float32) against central finite differences of an independent
 * double-precision implementation of the same objective: mean loss of an MLP plus the penalty.
 */
class GradientCheckTest {
  private static final double H = 1e-6;

  /** J(θ) in double, reading θ from the parameters' current values (+ one perturbed entry). */
  private static double objective(Sequential net, Matrix x, Matrix y, boolean classification,
      Penalty penalty, Parameter perturbed, int index, double delta) {
    int n = x.rows();
    double[][] h = new double[n][];
    for (int i = 0; i < n; i++) {
      h[i] = new double[x.cols()];
      for (int j = 0; j < x.cols(); j++) {
        h[i][j] = x.get(i, j);
      }
    }
    for (Layer layer : net.layers()) {
      if (layer instanceof Dense d) {
        double[][] w = values(d.weight(), perturbed, index, delta);
        double[][] b = values(d.bias(), perturbed, index, delta);
        double[][] next = new double[n][w[0].length];
        for (int i = 0; i < n; i++) {
          for (int o = 0; o < w[0].length; o++) {
            double s = b[0][o];
            for (int j = 0; j < w.length; j++) {
              s += h[i][j] * w[j][o];
            }
            next[i][o] = s;
          }
        }
        h = next;
      } else if (layer instanceof ReLU) {
        for (double[] row : h) {
          for (int j = 0; j < row.length; j++) {
            row[j] = Math.max(0, row[j]);
          }
        }
      }
    }
    double loss = 0;
    for (int i = 0; i < n; i++) {
      if (classification) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : h[i]) {
          max = Math.max(max, v);
        }
        double s = 0;
        for (double v : h[i]) {
          s += Math.exp(v - max);
        }
        loss += max + Math.log(s) - h[i][(int) y.at(i)];
      } else {
        for (int k = 0; k < h[i].length; k++) {
          double r = h[i][k] - y.get(i, k);
          loss += 0.5 * r * r;
        }
      }
    }
    loss /= n;
    // Penalty in double: λ Σ v [(1−α)/2 w² + α|w|], with λ = 0.3 and α = 0.25 (see test).
    double pen = 0;
    for (Parameter p : net.parameters()) {
      double[][] w = values(p, perturbed, index, delta);
      for (double[] row : w) {
        for (double v : row) {
          pen += p.penaltyFactor() * (0.75 / 2 * v * v + 0.25 * Math.abs(v));
        }
      }
    }
    return loss + 0.3 * pen;
  }

  private static double[][] values(Parameter p, Parameter perturbed, int index, double delta) {
    Matrix m = p.value();
    double[][] out = new double[m.rows()][m.cols()];
    for (int i = 0; i < m.size(); i++) {
      out[i / m.cols()][i % m.cols()] = m.at(i) + (p == perturbed && i == index ? delta : 0);
    }
    return out;
  }

  private static void check(Sequential net, Loss loss, Matrix x, Matrix y, boolean cls) {
    Penalty penalty = Penalty.elasticNet(0.3, 0.25);
    Matrix out = net.forward(x, Layer.Mode.TRAIN);
    Matrix g = Matrix.zeros(out.rows(), out.cols());
    loss.lossAndGradient(out, y, g);
    net.backward(g);
    penalty.addGradient(net.parameters());
    int checked = 0;
    for (Parameter p : net.parameters()) {
      for (int i = 0; i < p.value().size(); i++) {
        double w = p.value().at(i);
        if (p.penaltyFactor() > 0 && Math.abs(w) < 1e-4) {
          continue; // |w| is not differentiable at 0
        }
        double plus = objective(net, x, y, cls, penalty, p, i, H);
        double minus = objective(net, x, y, cls, penalty, p, i, -H);
        double numeric = (plus - minus) / (2 * H);
        double analytic = p.gradient().at(i);
        assertEquals(numeric, analytic, 2e-4 + 2e-3 * Math.abs(numeric),
            p.name() + "[" + i + "]");
        checked++;
      }
    }
    assertTrue(checked >= 10, "checked " + checked + " entries");
  }

  private static Matrix random(int r, int c, Rng rng) {
    return TestMatrices.gaussian(r, c, rng);
  }

  @Test
  void mlpWithSoftmaxCrossEntropyAndElasticNet_gradientsMatchFiniteDifferences() {
    Rng rng = new Rng(11);
    Sequential net = Architecture.mlp(0, 6, 5).build(4, 3, Initializer.he(), rng, rng);
    Matrix x = random(7, 4, rng);
    Matrix y = Matrix.column(0, 2, 1, 1, 0, 2, 2);
    check(net, new SoftmaxCrossEntropy(), x, y, true);
  }

  @Test
  void linearModelWithSquaredError_gradientsMatchFiniteDifferences() {
    Rng rng = new Rng(12);
    Sequential net = Architecture.linear().build(5, 2, Initializer.xavier(), rng, rng);
    Matrix x = random(9, 5, rng);
    Matrix y = random(9, 2, rng);
    check(net, new SquaredError(), x, y, false);
  }

  @Test
  void biasWithPenaltyFactor_isPenalizedWhenAsked() {
    Rng rng = new Rng(13);
    Sequential net = Architecture.mlp(0, 3).build(2, 2, Initializer.pytorchDefault(), rng, rng);
    net.parameters().forEach(p -> p.setPenaltyFactor(p.isWeight() ? 1 : 0.5));
    check(net, new SoftmaxCrossEntropy(), random(5, 2, rng), Matrix.column(0, 1, 1, 0, 1), true);
  }

  @Test
  void denseInputGradient_matchesFiniteDifferences() {
    Rng rng = new Rng(14);
    Dense dense = new Dense("d", 3, 2, Initializer.he(), rng);
    Matrix x = random(4, 3, rng);
    Matrix g = random(4, 2, rng);
    dense.forward(x, Layer.Mode.TRAIN);
    Matrix dx = dense.backward(g).copy();
    // J(x) = Σ g ∘ (x W + b): ∂J/∂x_ij = Σ_o g_io W_jo, checked numerically in double.
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 3; j++) {
        double numeric = 0;
        for (double sign : new double[] {1, -1}) {
          double s = 0;
          for (int o = 0; o < 2; o++) {
            double yo = dense.bias().value().at(o);
            for (int t = 0; t < 3; t++) {
              yo += (x.get(i, t) + (t == j ? sign * H : 0)) * dense.weight().value().get(t, o);
            }
            s += g.get(i, o) * yo;
          }
          numeric += sign * s;
        }
        numeric /= 2 * H;
        assertEquals(numeric, dx.get(i, j), 1e-4);
      }
    }
  }

  @Test
  void dropout_training_scalesKeptUnitsAndBackwardUsesTheSameMask() {
    Rng rng = new Rng(15);
    Dropout dropout = new Dropout(0.25, new Rng(99));
    Matrix x = random(200, 50, rng);
    Matrix y = dropout.forward(x, Layer.Mode.TRAIN).copy();
    Matrix g = random(200, 50, rng);
    Matrix dx = dropout.backward(g);
    int kept = 0;
    for (int i = 0; i < x.size(); i++) {
      double s = y.at(i) / x.at(i);
      boolean keep = Math.abs(s - 1 / 0.75) < 1e-5;
      assertTrue(keep || y.at(i) == 0, "scale " + s);
      assertEquals(keep ? g.at(i) / 0.75 : 0, dx.at(i), 1e-5);
      kept += keep ? 1 : 0;
    }
    assertEquals(0.75, kept / (double) x.size(), 0.02);
    Matrix inference = dropout.forward(x, Layer.Mode.INFER);
    assertEquals(x.at(17), inference.at(17));
  }

  @Test
  void parameters_knowWeightsFromBiases() {
    Rng rng = new Rng(1);
    Sequential net = Architecture.mlp(0.2, 8, 4).build(3, 2, Initializer.he(), rng, rng);
    List<Parameter> ps = net.parameters();
    assertEquals(6, ps.size());
    assertEquals(3, net.weights().size());
    assertTrue(ps.stream().filter(p -> !p.isWeight()).allMatch(p -> p.penaltyFactor() == 0));
  }
}
