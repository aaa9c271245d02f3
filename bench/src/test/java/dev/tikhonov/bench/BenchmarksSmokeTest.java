package dev.tikhonov.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.tensor.Matrix;
import org.junit.jupiter.api.Test;

/**
 * Runs each benchmark body once outside JMH (no timing): the set-ups build valid inputs and the
 * bodies compute something, so a broken benchmark fails `mvn verify` instead of a later
 * benchmark run.
 */
class BenchmarksSmokeTest {
  @Test
  void kernelBenchmarks_runOnce_produceFiniteResults() {
    KernelBenchmarks k = new KernelBenchmarks();
    KernelBenchmarks.Square square = new KernelBenchmarks.Square();
    square.n = 64;
    square.threads = 1;
    square.setup();
    Matrix c = k.sgemmSquare(square);
    double expected = 0;
    for (int t = 0; t < 64; t++) {
      expected += (double) square.a.get(0, t) * square.b.get(t, 0);
    }
    assertEquals(expected, c.get(0, 0), 1e-4);

    KernelBenchmarks.Layer1 layer = new KernelBenchmarks.Layer1();
    layer.threads = 1;
    layer.setup();
    Matrix h = k.denseReluForward(layer);
    for (int i = 0; i < h.size(); i++) {
      assertTrue(h.at(i) >= 0, "ReLU output is non-negative");
    }
    assertTrue(k.denseWeightGradient(layer).allFinite());

    KernelBenchmarks.Logits logits = new KernelBenchmarks.Logits();
    logits.setup();
    double loss = k.softmaxCrossEntropy(logits);
    assertTrue(loss > 0 && Double.isFinite(loss), "cross-entropy " + loss);
  }

  @Test
  void trainingBenchmarks_runOnce_produceGradientsAndAPath() {
    TrainingBenchmarks t = new TrainingBenchmarks();
    TrainingBenchmarks.Mlp mlp = new TrainingBenchmarks.Mlp();
    mlp.threads = 1;
    mlp.setup();
    Matrix g = t.mlpForwardBackward(mlp);
    assertTrue(g.allFinite() && g.sumOfSquares() > 0, "first-layer weight gradient");

    TrainingBenchmarks.Lasso lasso = new TrainingBenchmarks.Lasso();
    lasso.setup();
    PathSolution path = t.lassoPath20(lasso);
    assertTrue(path.size() >= 5, "path of " + path.size() + " λ");
    assertTrue(path.degreesOfFreedom()[path.size() - 1] > 0, "the last λ selects features");
  }
}
