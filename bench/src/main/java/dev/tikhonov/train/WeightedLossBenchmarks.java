package dev.tikhonov.train;

import dev.tikhonov.loss.Loss;
import dev.tikhonov.loss.SoftmaxCrossEntropy;
import dev.tikhonov.loss.SquaredError;
import dev.tikhonov.tensor.Matrix;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The weighted step's loss ({@link WeightedLoss}) on one batch of 128 rows, in the package of
 * that package-private class: {@code pass=one} is the current loss, each row's ℓᵢ from the
 * wrapped loss's fused pass; {@code pass=two} the one it replaced ({@link TwoPassWeightedLoss}:
 * the fused pass, then every row's loss again on one-row views), over the softmax kernel as it
 * was ({@link InlineSoftmaxCrossEntropy}). {@code plainSoftmax} times the unweighted fused loss
 * both ways, whose row body moved into a helper method. Softmax cross-entropy on 128×10 logits
 * (MNIST's classes), squared error on 128×1.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WeightedLossBenchmarks {

  /** A batch, its targets with the weights w̃ as the last column, and the gradient. */
  @State(Scope.Benchmark)
  public static class Batch {
    @Param({"one", "two"})
    public String pass;

    Matrix logits;
    Matrix labels;
    Matrix weightedLabels;
    Matrix prediction;
    Matrix weightedTargets;
    Matrix gradient;
    Matrix outputGradient;
    Loss softmax;
    Loss weightedSoftmax;
    Loss weightedSquared;

    @Setup
    public void setup() {
      int n = 128;
      Random random = new Random(3);
      logits = Matrix.zeros(n, 10);
      labels = Matrix.zeros(n, 1);
      prediction = Matrix.zeros(n, 1);
      Matrix targets = Matrix.zeros(n, 1);
      double[] weights = new double[n];
      for (int i = 0; i < n; i++) {
        for (int k = 0; k < 10; k++) {
          logits.set(i, k, (float) (2 * random.nextGaussian()));
        }
        labels.put(i, random.nextInt(10));
        prediction.put(i, (float) random.nextGaussian());
        targets.put(i, (float) random.nextGaussian());
        weights[i] = random.nextInt(4);
      }
      weights[0] = 1;
      weightedLabels = WeightedLoss.withWeights(labels, weights);
      weightedTargets = WeightedLoss.withWeights(targets, weights);
      gradient = Matrix.zeros(n, 10);
      outputGradient = Matrix.zeros(n, 1);
      boolean one = pass.equals("one");
      softmax = one ? new SoftmaxCrossEntropy() : new InlineSoftmaxCrossEntropy();
      weightedSoftmax = one ? new WeightedLoss(softmax) : new TwoPassWeightedLoss(softmax);
      weightedSquared = one ? new WeightedLoss(new SquaredError())
          : new TwoPassWeightedLoss(new SquaredError());
    }
  }

  /** Weighted softmax cross-entropy and its gradient, 128×10. */
  @Benchmark
  public double weightedSoftmax(Batch b) {
    return b.weightedSoftmax.lossAndGradient(b.logits, b.weightedLabels, b.gradient);
  }

  /** Weighted squared error and its gradient, 128×1. */
  @Benchmark
  public double weightedSquared(Batch b) {
    return b.weightedSquared.lossAndGradient(b.prediction, b.weightedTargets,
        b.outputGradient);
  }

  /** The unweighted fused softmax cross-entropy, 128×10: its row body in a helper or inline. */
  @Benchmark
  public double plainSoftmax(Batch b) {
    return b.softmax.lossAndGradient(b.logits, b.labels, b.gradient);
  }
}
