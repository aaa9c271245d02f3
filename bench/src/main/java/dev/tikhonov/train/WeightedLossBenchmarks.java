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
 * The weighted loss ({@link WeightedLoss}), in the package of that package-private class.
 *
 * <p>The step, on one batch of 128 rows: {@code pass=one} is the current loss, the wrapped
 * loss's fused pass giving each row's ℓᵢ and reading its target columns in place;
 * {@code pass=copy} the same pass on a copy of the target columns made on every batch, as it was
 * until the thirty-ninth session ({@link CopyingWeightedLoss}); {@code pass=two} the one before
 * ({@link TwoPassWeightedLoss}: the fused pass, then every row's loss again on one-row views),
 * over the softmax kernel as it was ({@link InlineSoftmaxCrossEntropy}). {@code plainSoftmax}
 * times the unweighted fused loss ({@code pass=two}: its row body inline).
 *
 * <p>The sum (validation loss, evaluation), on one chunk of 1,024 rows (the evaluation's):
 * {@code sum=one} is the current Σ w̃ᵢℓᵢ over the wrapped loss's per-row sums in one pass
 * ({@code Loss.rowLosses}), {@code sum=rowByRow} the one it replaced (the wrapped loss's
 * {@code sum} on each one-row view of a copy of the targets, {@link CopyingWeightedLoss}).
 *
 * <p>Softmax cross-entropy on logits of 10 columns (MNIST's classes), squared error on one.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WeightedLossBenchmarks {

  /** n rows of logits (10 columns), labels, a prediction and targets (one column), weights. */
  static final class Rows {
    final Matrix logits;
    final Matrix labels;
    final Matrix prediction;
    final Matrix weightedLabels;
    final Matrix weightedTargets;

    Rows(int n) {
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
    }
  }

  /** A batch of 128 rows, its targets with the weights w̃ as the last column, the gradient. */
  @State(Scope.Benchmark)
  public static class Batch {
    @Param({"one", "copy", "two"})
    public String pass;

    Rows rows;
    Matrix gradient;
    Matrix outputGradient;
    Loss softmax;
    Loss weightedSoftmax;
    Loss weightedSquared;

    @Setup
    public void setup() {
      int n = 128;
      rows = new Rows(n);
      gradient = Matrix.zeros(n, 10);
      outputGradient = Matrix.zeros(n, 1);
      boolean two = pass.equals("two");
      softmax = two ? new InlineSoftmaxCrossEntropy() : new SoftmaxCrossEntropy();
      weightedSoftmax = weighted(pass, softmax);
      weightedSquared = weighted(pass, new SquaredError());
    }

    private static Loss weighted(String pass, Loss loss) {
      return switch (pass) {
        case "one" -> new WeightedLoss(loss);
        case "copy" -> new CopyingWeightedLoss(loss);
        default -> new TwoPassWeightedLoss(loss);
      };
    }
  }

  /** A chunk of 1,024 rows to sum the weighted loss over. */
  @State(Scope.Benchmark)
  public static class Chunk {
    @Param({"one", "rowByRow"})
    public String sum;

    Rows rows;
    Loss weightedSoftmax;
    Loss weightedSquared;

    @Setup
    public void setup() {
      rows = new Rows(1024);
      boolean one = sum.equals("one");
      weightedSoftmax = one ? new WeightedLoss(new SoftmaxCrossEntropy())
          : new CopyingWeightedLoss(new SoftmaxCrossEntropy());
      weightedSquared = one ? new WeightedLoss(new SquaredError())
          : new CopyingWeightedLoss(new SquaredError());
    }
  }

  /** Weighted softmax cross-entropy and its gradient, 128×10. */
  @Benchmark
  public double weightedSoftmax(Batch b) {
    return b.weightedSoftmax.lossAndGradient(b.rows.logits, b.rows.weightedLabels, b.gradient);
  }

  /** Weighted squared error and its gradient, 128×1. */
  @Benchmark
  public double weightedSquared(Batch b) {
    return b.weightedSquared.lossAndGradient(b.rows.prediction, b.rows.weightedTargets,
        b.outputGradient);
  }

  /** The unweighted fused softmax cross-entropy, 128×10: its row body in a helper or inline. */
  @Benchmark
  public double plainSoftmax(Batch b) {
    return b.softmax.lossAndGradient(b.rows.logits, b.rows.labels, b.gradient);
  }

  /** Σ w̃ᵢℓᵢ of softmax cross-entropy, 1024×10. */
  @Benchmark
  public double weightedSoftmaxSum(Chunk c) {
    return c.weightedSoftmax.sum(c.rows.logits, c.rows.weightedLabels);
  }

  /** Σ w̃ᵢℓᵢ of squared error, 1024×1. */
  @Benchmark
  public double weightedSquaredSum(Chunk c) {
    return c.weightedSquared.sum(c.rows.prediction, c.rows.weightedTargets);
  }
}
