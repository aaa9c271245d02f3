package dev.tikhonov.bench;

import dev.tikhonov.data.Mnist;
import dev.tikhonov.data.TrainTest;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@link Mnist#bundled()} costs, the 10,000 digits inside the core jar as two data sets:
 * {@code bundledCold} is the time to the first data set in a fresh JVM (one call per fork:
 * class loading, the gzip resources inflated and decoded, the float32 pixels made), and
 * {@code bundledWarm} a later call in a JVM that has made one before (a notebook's second cell,
 * a test class after another). Public API only, so {@code JMH_CORE=other/tikhonov.jar
 * bench/jmh.sh MnistBenchmarks} times another build's core with this source (before/after
 * figures; docs/performance-log.md).
 */
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MnistBenchmarks {
  /** The first call in a fresh JVM: ten JVMs, one call each. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @Warmup(iterations = 0)
  @Measurement(iterations = 1)
  @Fork(10)
  public TrainTest bundledCold() {
    return Mnist.bundled();
  }

  /** A later call, after the JVM has made some (warm-up) and compiled the code. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @Warmup(iterations = 3, time = 2)
  @Measurement(iterations = 5, time = 2)
  @Fork(1)
  public TrainTest bundledWarm() {
    return Mnist.bundled();
  }
}
