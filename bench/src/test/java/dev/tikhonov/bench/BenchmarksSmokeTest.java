package dev.tikhonov.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.linear.CovarianceTrackerBenchmarks;
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
    assertTrue(path.degreesOfFreedom(path.size() - 1) > 0, "the last λ selects features");
  }

  @Test
  void weightedLossBenchmarks_everyPassAndSum_giveTheSameLosses() {
    dev.tikhonov.train.WeightedLossBenchmarks w = new dev.tikhonov.train.WeightedLossBenchmarks();
    String[] passes = {"one", "copy", "two"};
    double[][] values = new double[passes.length][];
    for (int p = 0; p < passes.length; p++) {
      dev.tikhonov.train.WeightedLossBenchmarks.Batch b =
          new dev.tikhonov.train.WeightedLossBenchmarks.Batch();
      b.pass = passes[p];
      b.setup();
      values[p] = new double[] {w.weightedSoftmax(b), w.weightedSquared(b), w.plainSoftmax(b)};
    }
    assertTrue(values[0][0] > 0 && values[0][1] > 0, "weighted losses");
    org.junit.jupiter.api.Assertions.assertArrayEquals(values[1], values[0], 0);
    org.junit.jupiter.api.Assertions.assertArrayEquals(values[2], values[0], 1e-12);
    double[][] sums = new double[2][];
    String[] ways = {"one", "rowByRow"};
    for (int s = 0; s < 2; s++) {
      dev.tikhonov.train.WeightedLossBenchmarks.Chunk c =
          new dev.tikhonov.train.WeightedLossBenchmarks.Chunk();
      c.sum = ways[s];
      c.setup();
      sums[s] = new double[] {w.weightedSoftmaxSum(c), w.weightedSquaredSum(c)};
    }
    assertTrue(sums[0][0] > 0 && sums[0][1] > 0, "weighted sums");
    org.junit.jupiter.api.Assertions.assertArrayEquals(sums[1], sums[0], 0);
  }

  @Test
  void covarianceTrackerBenchmarks_twoPasses_returnToTheStartingGradients() {
    CovarianceTrackerBenchmarks c = new CovarianceTrackerBenchmarks();
    CovarianceTrackerBenchmarks.Pass pass = new CovarianceTrackerBenchmarks.Pass();
    pass.p = 50;
    pass.setup();
    double first = c.densePass(pass);
    c.densePass(pass);
    // +δ then −δ on every coordinate: the third pass reads the first one's gradients again.
    double third = c.densePass(pass);
    assertTrue(Double.isFinite(first) && Math.abs(third - first) < 1e-9 * (1 + Math.abs(first)),
        first + " then " + third);
  }

  @Test
  void statisticsBenchmarks_runOnce_fitTheSignal() {
    StatisticsBenchmarks b = new StatisticsBenchmarks();
    StatisticsBenchmarks.Data d = new StatisticsBenchmarks.Data();
    d.n = 400;
    d.p = 20;
    d.threads = 1;
    d.setup();
    assertEquals(400, b.twoPassStatistics(d).count());
    PathSolution path = b.lassoPath(d);
    assertEquals(100, path.size());
    int last = path.size() - 1;
    assertEquals(1.0, path.coefficient(last, 0, 0), 0.2, "x0's coefficient at the end");
    assertEquals(-1.0, path.coefficient(last, 0, 1), 0.2, "x1's");
    dev.tikhonov.linear.RidgeSvdPath ridge = b.ridgePath(d);
    assertEquals(100, ridge.lambdas().length);
    assertTrue(ridge.gcv()[ridge.bestGcv()] < ridge.nullMse(), "ridge explains some variance");
  }

  @Test
  void optimizerBenchmarks_runOnce_updateTheWeightsAndMasks() {
    OptimizerBenchmarks o = new OptimizerBenchmarks();
    for (boolean fused : new boolean[] {true, false}) {
      OptimizerBenchmarks.Step step = new OptimizerBenchmarks.Step();
      step.fused = fused;
      step.lambda = 1e-4;
      step.setup();
      float before = OptimizerBenchmarks.parameters(step).get(0).value().at(0);
      assertTrue(o.optimizerStep(step).at(0) != before, "the step moved the weight");
    }
    OptimizerBenchmarks.Decay decay = new OptimizerBenchmarks.Decay();
    float u0 = decay.u.at(5);
    float expected = u0 + 1e-4f * decay.w.at(5);
    assertEquals(expected, o.decayJavaLoop(decay).at(5), 0f);
    assertEquals(expected + 1e-4f * decay.w.at(5), o.decaySaxpy(decay).at(5), 1e-7f);
    OptimizerBenchmarks.Drop drop = new OptimizerBenchmarks.Drop();
    for (Matrix y : new Matrix[] {o.dropoutForward(drop), o.dropoutForwardPerElementDraw(drop)}) {
      int kept = 0;
      for (int i = 0; i < y.size(); i++) {
        kept += drop.mask.at(i) != 0 ? 1 : 0;
      }
      assertEquals(0.8, kept / (double) y.size(), 0.02);
    }
    assertTrue(o.dropoutBackward(drop).allFinite());
    assertTrue(o.dropoutBackwardBufferLoop(drop).allFinite());
  }

  @Test
  void mlpEpochBenchmark_runsOnceOnTwoThreadsWithDropout() {
    TrainingBenchmarks.Epoch epoch = new TrainingBenchmarks.Epoch();
    epoch.threads = 2;
    epoch.dropout = 0.2;
    epoch.setup();
    double loss = new TrainingBenchmarks().mlpEpoch20Steps(epoch);
    assertTrue(loss > 0 && Double.isFinite(loss), "train loss " + loss);
    dev.tikhonov.tensor.Blas.setThreads(1);
  }

  @Test
  void stepGemmBenchmarks_runOnce_computeTheProductsTheyName() {
    StepGemmBenchmarks b = new StepGemmBenchmarks();
    StepGemmBenchmarks.Shapes s = new StepGemmBenchmarks.Shapes();
    s.setup();
    // dW1[3, 5] = Σ_i x[i, 3]·g1[i, 5] over all 128 rows
    Matrix dw = b.weightGradientHalves(s);
    double expected = 0;
    for (int i = 0; i < 128; i++) {
      expected += (double) s.x.get(i, 3) * s.g1.get(i, 5);
    }
    assertEquals(expected, dw.get(3, 5), 1e-4);
    assertEquals(0f, dw.get(400, 5), 0f, "the other thread's half is not computed");
    // h1[7, 9] = Σ_j x[7, j]·W1[j, 9]
    Matrix h1 = b.forwardLayer1(s);
    expected = 0;
    for (int j = 0; j < 784; j++) {
      expected += (double) s.x.get(7, j) * s.w1.get(j, 9);
    }
    assertEquals(expected, h1.get(7, 9), 1e-4);
    assertTrue(b.forward64(s).allFinite());
    assertTrue(b.inputGradients64(s).allFinite());
    assertTrue(b.weightGradientLayer1(s).allFinite());
    assertEquals(1024, b.square1024(s).rows());
  }
}
