package dev.tikhonov.bench;

import dev.tikhonov.linear.ElasticNetPath;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.loss.SoftmaxCrossEntropy;
import dev.tikhonov.nn.Architecture;
import dev.tikhonov.nn.Initializer;
import dev.tikhonov.nn.Layer;
import dev.tikhonov.nn.Sequential;
import dev.tikhonov.tensor.Blas;
import dev.tikhonov.tensor.Matrix;
import dev.tikhonov.tensor.Rng;
import java.util.ArrayList;
import java.util.List;
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
 * One forward + backward pass of the 784-256-128-10 MLP on a batch of 128, and coordinate
 * descent: a 20-λ lasso path on an equicorrelated (ρ = 0.5) n = 2,000, p = 200 problem, the
 * peers' design at a fifth of the rows.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TrainingBenchmarks {

  /** A network and one batch. */
  @State(Scope.Benchmark)
  public static class Mlp {
    @Param({"1"})
    public int threads;

    Sequential network;
    Matrix x;
    Matrix y;
    Matrix g;
    final SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();

    @Setup
    public void setup() {
      Blas.setThreads(threads);
      network = Architecture.mlp(0, 256, 128).build(784, 10, Initializer.pytorchDefault(),
          new Rng(1), new Rng(2));
      x = KernelBenchmarks.random(128, 784, 3);
      y = Matrix.zeros(128, 1);
      for (int i = 0; i < 128; i++) {
        y.put(i, i % 10);
      }
      g = Matrix.zeros(128, 10);
    }
  }

  /**
   * One epoch of 20 steps of 128 rows through the public trainer: forward, backward and the
   * optimizer step (SGD momentum 0.9, L2 1e-4), on 1 or 2 threads (2: the data-parallel step,
   * whose threads also run the fused optimizer in row blocks), with or without dropout 0.2.
   */
  @State(Scope.Benchmark)
  public static class Epoch {
    @Param({"1", "2"})
    public int threads;

    @Param({"0", "0.2"})
    public double dropout;

    Sequential network;
    dev.tikhonov.data.Dataset data;
    dev.tikhonov.train.Trainer trainer;
    final Rng shuffle = new Rng(9);

    SoftmaxCrossEntropy loss() {
      return new SoftmaxCrossEntropy();
    }

    @Setup
    public void setup() {
      Blas.setThreads(threads);
      network = Architecture.mlp(dropout, 256, 128).build(784, 10,
          Initializer.pytorchDefault(), new Rng(1), new Rng(2));
      int n = 20 * 128;
      Matrix x = KernelBenchmarks.random(n, 784, 3);
      Matrix y = Matrix.zeros(n, 1);
      for (int i = 0; i < n; i++) {
        y.put(i, i % 10);
      }
      List<String> names = new ArrayList<>();
      for (int j = 0; j < 784; j++) {
        names.add("p" + j);
      }
      data = new dev.tikhonov.data.Dataset(x, y, names, dev.tikhonov.data.Dataset.indexNames(10),
          "random");
      trainer = new dev.tikhonov.train.Trainer(new dev.tikhonov.train.TrainConfig(1, 128, 0,
          dev.tikhonov.regularize.Penalty.l2(1e-4),
          dev.tikhonov.optim.Optimizers.sgd(0.01).momentum(0.9), 0),
          dev.tikhonov.train.TrainingListener.none());
    }
  }

  /** The lasso problem and its λ sequence. */
  @State(Scope.Benchmark)
  public static class Lasso {
    double[][] x;
    double[] y;
    List<String> names = new ArrayList<>();
    PathSettings config;

    @Setup
    public void setup() {
      int n = 2000;
      int p = 200;
      Rng rng = new Rng(5);
      x = new double[n][p];
      y = new double[n];
      for (int i = 0; i < n; i++) {
        double z = rng.nextGaussian();
        for (int j = 0; j < p; j++) {
          x[i][j] = Math.sqrt(0.5) * z + Math.sqrt(0.5) * rng.nextGaussian();
        }
        y[i] = x[i][3] - 2 * x[i][17] + 1.5 * x[i][100] + 2 * rng.nextGaussian();
      }
      for (int j = 0; j < p; j++) {
        names.add("x" + j);
      }
      config = PathSettings.lasso().withStandardize(false).withNumLambdas(20);
    }
  }

  @Benchmark
  public Matrix mlpForwardBackward(Mlp s) {
    Matrix out = s.network.forward(s.x, Layer.Mode.TRAIN);
    s.loss.lossAndGradient(out, s.y, s.g);
    s.network.backward(s.g);
    return s.network.parameters().get(0).gradient();
  }

  /** 20 training steps (one epoch of 2,560 rows), optimizer included. */
  @Benchmark
  public double mlpEpoch20Steps(Epoch s) {
    return s.trainer.fit(s.network, s.loss(), s.data, java.util.Optional.empty(), s.shuffle)
        .trainLoss();
  }

  @Benchmark
  public PathSolution lassoPath20(Lasso s) {
    return ElasticNetPath.fit(s.x, s.y, s.config, s.names);
  }
}
