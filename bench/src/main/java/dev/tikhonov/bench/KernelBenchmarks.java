package dev.tikhonov.bench;

import dev.tikhonov.loss.SoftmaxCrossEntropy;
import dev.tikhonov.tensor.Blas;
import dev.tikhonov.tensor.Kernels;
import dev.tikhonov.tensor.Matrix;
import dev.tikhonov.tensor.Rng;
import dev.tikhonov.tensor.Transpose;
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
 * The MLP's kernels at their training shapes (batch 128, 784-256-128-10) and square SGEMM.
 * GFLOP/s of a GEMM = 2·m·n·k / (seconds per call).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KernelBenchmarks {

  /** Square SGEMM C = A·B, n×n. */
  @State(Scope.Benchmark)
  public static class Square {
    @Param({"512", "1024", "2048"})
    public int n;

    @Param({"2"})
    public int threads;

    Matrix a;
    Matrix b;
    Matrix c;

    @Setup
    public void setup() {
      Blas.setThreads(threads);
      a = random(n, n, 1);
      b = random(n, n, 2);
      c = Matrix.zeros(n, n);
    }
  }

  /** The first layer's forward product and weight gradient at batch 128. */
  @State(Scope.Benchmark)
  public static class Layer1 {
    @Param({"1", "2"})
    public int threads;

    Matrix x = random(128, 784, 3);
    Matrix w = random(784, 256, 4);
    Matrix h = Matrix.zeros(128, 256);
    Matrix g = random(128, 256, 5);
    Matrix dw = Matrix.zeros(784, 256);
    Matrix bias = random(1, 256, 6);

    @Setup
    public void setup() {
      Blas.setThreads(threads);
    }
  }

  /** Logits and labels of one batch. */
  @State(Scope.Benchmark)
  public static class Logits {
    Matrix z = random(128, 10, 7);
    Matrix y = Matrix.zeros(128, 1);
    Matrix g = Matrix.zeros(128, 10);

    @Setup
    public void setup() {
      for (int i = 0; i < 128; i++) {
        y.put(i, i % 10);
      }
    }
  }

  /**
   * A training set of Fashion-MNIST's shape (60,000×784 floats, 188 MB, far larger than the
   * caches) and a shuffled order: one thread's share of a batch of 128, gathered by rows or by
   * input columns ({@code BatchParts}).
   */
  @State(Scope.Benchmark)
  public static class Gather {
    Matrix source = random(60_000, 784, 8);
    int[] order = new Rng(9).permutation(60_000);
    Matrix rows = Matrix.zeros(64, 784);
    Matrix block = Matrix.zeros(128, 392);
    int next;

    /** The first row of the next batch, walking the shuffled order as an epoch does. */
    int batch() {
      int from = next;
      next = next + 128 > order.length - 128 ? 0 : next + 128;
      return from;
    }
  }

  /** Two threads' partial products of the first layer, 128×256 each, and a part's output. */
  @State(Scope.Benchmark)
  public static class Partials {
    Matrix[] partials = {random(128, 256, 10), random(128, 256, 11)};
    Matrix bias = random(1, 256, 12);
    Matrix out = Matrix.zeros(64, 256);
  }

  /**
   * A part's 64×256 ReLU output (about half of it positive) and the gradient at it: the
   * backward pass's element-wise work for the first layer.
   */
  @State(Scope.Benchmark)
  public static class Backward {
    Matrix out = random(64, 256, 13);
    Matrix gradient = random(64, 256, 14);
    double[] sums = new double[256];

    @Setup
    public void setup() {
      Kernels.addRowVectorRelu(Matrix.zeros(1, 256), out);
    }
  }

  static Matrix random(int rows, int cols, long seed) {
    Rng rng = new Rng(seed);
    Matrix m = Matrix.zeros(rows, cols);
    for (int i = 0; i < m.size(); i++) {
      m.put(i, (float) (rng.nextFloat() - 0.5));
    }
    return m;
  }

  @Benchmark
  public Matrix sgemmSquare(Square s) {
    Blas.gemm(Transpose.NO, Transpose.NO, 1f, s.a, s.b, 0f, s.c);
    return s.c;
  }

  /** x·W1 (128×784 by 784×256), then bias + ReLU fused: the first layer's forward pass. */
  @Benchmark
  public Matrix denseReluForward(Layer1 s) {
    Blas.gemm(Transpose.NO, Transpose.NO, 1f, s.x, s.w, 0f, s.h);
    Kernels.addRowVectorRelu(s.bias, s.h);
    return s.h;
  }

  /** ∂J/∂W1 = xᵀ·g (784×128 by 128×256): the largest product of a training step. */
  @Benchmark
  public Matrix denseWeightGradient(Layer1 s) {
    Blas.gemm(Transpose.YES, Transpose.NO, 1f, s.x, s.g, 0f, s.dw);
    return s.dw;
  }

  /** Bias + ReLU alone on 128×256 (element-wise cost next to the GEMM). */
  @Benchmark
  public Matrix biasRelu(Layer1 s) {
    Kernels.addRowVectorRelu(s.bias, s.h);
    return s.h;
  }

  /** One thread's 64 whole rows of a batch of 128 (the first layer split by rows). */
  @Benchmark
  public Matrix gatherRows64(Gather s) {
    int from = s.batch();
    Kernels.gatherRows(s.source, s.order, from, from + 64, s.rows);
    return s.rows;
  }

  /** One thread's 392 input columns of all 128 rows (the first layer split by inputs). */
  @Benchmark
  public Matrix gatherRowBlocks128(Gather s) {
    int from = s.batch();
    Kernels.gatherRowBlocks(s.source, s.order, from, from + 128, 0, 392, s.block);
    return s.block;
  }

  /** A part's 64 rows of the first layer from two partial products, + bias, ReLU. */
  @Benchmark
  public Matrix sumPartialsBiasRelu64(Partials s) {
    Kernels.sumRowsAddRowVectorRelu(s.partials, 0, s.bias, s.out);
    return s.out;
  }

  /** Bias + ReLU alone on 64×256, for {@link #sumPartialsBiasRelu64}. */
  @Benchmark
  public Matrix biasRelu64(Partials s) {
    Kernels.addRowVectorRelu(s.bias, s.out);
    return s.out;
  }

  /**
   * The backward pass's ReLU mask over a part's 64×256 gradient, in place, with its column sums
   * added in double (the bias gradient): {@code Kernels.reluMaskAddColumnSums}.
   */
  @Benchmark
  public double[] reluMaskColumnSums64(Backward s) {
    Kernels.reluMaskAddColumnSums(s.out, s.gradient, s.sums);
    return s.sums;
  }

  /** Fused softmax cross-entropy and its gradient on 128×10 logits. */
  @Benchmark
  public double softmaxCrossEntropy(Logits s) {
    return new SoftmaxCrossEntropy().lossAndGradient(s.z, s.y, s.g);
  }
}
