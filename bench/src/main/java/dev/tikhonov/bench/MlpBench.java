package dev.tikhonov.bench;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.Mnist;
import dev.tikhonov.data.Synthetic;
import dev.tikhonov.data.TrainTest;
import dev.tikhonov.estimate.ClassifierEvaluation;
import dev.tikhonov.estimate.FitOptions;
import dev.tikhonov.estimate.MlpClassifier;
import dev.tikhonov.estimate.NetworkClassifier;
import dev.tikhonov.optim.Optimizers;
import dev.tikhonov.train.EpochRecord;
import dev.tikhonov.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The MLP workload of issue 5, as ../shared/peers/torch_mlp.py runs it: 784-256-128-10, ReLU,
 * softmax cross-entropy, SGD lr 0.05 momentum 0.9, batch 128 (last partial batch kept), L2 λ
 * on the weights only, pixels / 255. Epoch time is the training loop alone (evaluation
 * excluded), as in the peer.
 */
final class MlpBench {
  /** Debian's dataset-fashion-mnist location. */
  static final Path DEBIAN_FASHION = Path.of("/usr/share/datasets/fashion-mnist");

  /** Informative features of the synthetic stand-in for Fashion-MNIST. */
  static final int INFORMATIVE = 32;

  private MlpBench() {}

  /**
   * @param dataSource where the data came from ("synthetic" when generated)
   * @param epochSeconds training-loop seconds of each epoch
   * @param testAccuracy after the last epoch
   * @param testLoss mean cross-entropy after the last epoch
   * @param epochCpuSeconds process CPU seconds (all threads, user + system) from the end of one
   *     epoch to the end of the next (the first from the start of the fit), or −1 each where the
   *     JVM cannot say: on a shared machine the work done, where wall time also counts waits
   */
  record Result(String dataSource, int trainRows, int testRows, double[] epochSeconds,
      double testAccuracy, double testLoss, double finalTrainLoss, double[] epochCpuSeconds) {

    /** Median over the epochs after the first (all epochs when there is only one). */
    double epochSecondsMedian() {
      double[] tail = epochSeconds.length > 1
          ? Arrays.copyOfRange(epochSeconds, 1, epochSeconds.length) : epochSeconds.clone();
      Arrays.sort(tail);
      int m = tail.length;
      return m % 2 == 1 ? tail[m / 2] : 0.5 * (tail[m / 2 - 1] + tail[m / 2]);
    }

    /** {@link #epochSecondsMedian()}'s median for the process CPU seconds of each epoch. */
    double epochCpuSecondsMedian() {
      double[] tail = epochCpuSeconds.length > 1
          ? Arrays.copyOfRange(epochCpuSeconds, 1, epochCpuSeconds.length)
          : epochCpuSeconds.clone();
      Arrays.sort(tail);
      int m = tail.length;
      return m == 0 ? -1 : m % 2 == 1 ? tail[m / 2] : 0.5 * (tail[m / 2 - 1] + tail[m / 2]);
    }

    double samplesPerSecond() {
      return trainRows / epochSecondsMedian();
    }
  }

  /** Fashion-MNIST from {@code dir}, else Debian's copy, else synthetic data of its shape. */
  static TrainTest data(Path dir) {
    if (dir != null) {
      return Mnist.load(dir);
    }
    if (Files.isDirectory(DEBIAN_FASHION)) {
      return Mnist.load(DEBIAN_FASHION);
    }
    return synthetic(60_000, 10_000, 784, 10, 7);
  }

  /**
   * Data of Fashion-MNIST's shape from core's generator ({@link Synthetic#classification()}:
   * Gaussian class clusters in the first {@value #INFORMATIVE} features, noise in the rest):
   * the first {@code trainRows} rows train, the next {@code testRows} test. Learnable, so the
   * timing covers a real descent; the values are not pixels, which the GEMMs do not care about.
   */
  static TrainTest synthetic(int trainRows, int testRows, int p, int classes, long seed) {
    Dataset all = Synthetic.classification().rows(trainRows + testRows).features(p)
        .informative(Math.min(INFORMATIVE, p)).classes(classes).seed(seed).build();
    return new TrainTest(all.subset(IntStream.range(0, trainRows).toArray()),
        all.subset(IntStream.range(trainRows, trainRows + testRows).toArray()));
  }

  /**
   * Floating-point operations of one training epoch of an MLP {@code inputs-hidden…-outputs}
   * on n rows, counting the three products per Dense layer (multiply-add = 2): forward
   * x·W, weight gradient xᵀ·g, and the input gradient g·Wᵀ for every layer but the first
   * (which the trainer skips): {@code 2n·(2·Σ in·out + Σ_{layers>1} in·out)}.
   */
  static double flopsPerEpoch(int n, int inputs, int[] hidden, int outputs) {
    double all = 0;
    double notFirst = 0;
    int in = inputs;
    for (int k = 0; k <= hidden.length; k++) {
      int out = k < hidden.length ? hidden[k] : outputs;
      all += (double) in * out;
      if (k > 0) {
        notFirst += (double) in * out;
      }
      in = out;
    }
    return 2.0 * n * (2 * all + notFirst);
  }

  /**
   * Trains one network for {@code epochs} through the library's own estimator (the recipe of
   * shared/peers/torch_mlp.py: 784-256-128-10, batch 128) and evaluates it on the test part.
   */
  static Result run(TrainTest data, int epochs, double lambda, long seed,
      TrainingListener progress) {
    return run(data, epochs, lambda, seed, 128, new int[] {256, 128}, progress);
  }

  /** {@link #run(TrainTest, int, double, long, TrainingListener)} with another batch size and hidden widths. */
  static Result run(TrainTest data, int epochs, double lambda, long seed, int batchSize,
      int[] hidden, TrainingListener progress) {
    Dataset train = data.train();
    Dataset test = data.test();
    List<Double> seconds = new ArrayList<>();
    List<Double> cpu = new ArrayList<>();
    long[] lastCpu = {processCpuNanos()};
    TrainingListener listener = new TrainingListener() {
      @Override
      public void onEpoch(EpochRecord record) {
        long now = processCpuNanos();
        seconds.add(record.seconds());
        cpu.add(now < 0 || lastCpu[0] < 0 ? -1 : (now - lastCpu[0]) / 1e9);
        lastCpu[0] = now;
        progress.onEpoch(record);
      }
    };
    NetworkClassifier model = MlpClassifier.builder().hiddenLayers(hidden).lambda(lambda)
        .optimizer(Optimizers.sgd(0.05).momentum(0.9)).epochs(epochs).batchSize(batchSize)
        .seed(seed).build()
        .fit(train, FitOptions.none().withListener(listener));
    ClassifierEvaluation eval = model.evaluate(test);
    return new Result(train.source(), train.numRows(), test.numRows(),
        seconds.stream().mapToDouble(Double::doubleValue).toArray(),
        eval.accuracy(), eval.loss(), model.training().orElseThrow().trainLoss(),
        cpu.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** CPU nanoseconds of this whole process (all threads, user + system), or −1 if unknown. */
  static long processCpuNanos() {
    if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  /** Peak resident set size of this process (VmHWM), or −1 where /proc is unavailable. */
  static long peakRssBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          String[] parts = line.trim().split("\\s+");
          return Long.parseLong(parts[1]) * 1024L;
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }
}
