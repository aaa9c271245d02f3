package dev.tikhonov.bench;

import dev.tikhonov.nn.Architecture;
import dev.tikhonov.nn.Initializer;
import dev.tikhonov.nn.Parameter;
import dev.tikhonov.nn.Sequential;
import dev.tikhonov.optim.Optimizer;
import dev.tikhonov.optim.Optimizers;
import dev.tikhonov.regularize.Penalty;
import dev.tikhonov.tensor.Blas;
import dev.tikhonov.tensor.Kernels;
import dev.tikhonov.tensor.Matrix;
import dev.tikhonov.tensor.Rng;
import java.nio.FloatBuffer;
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
 * The per-step kernels outside the GEMMs, each next to the code it replaced (measured side by
 * side in one run): the optimizer step of the 784-256-128-10 MLP (235,146 parameters), fused
 * into one pass or transform by transform; decoupled decay u += d·w as a Java loop or BLAS
 * saxpy; dropout on a 128×256 activation with counter-based, vectorized masks or one SplitMix64
 * draw and a FloatBuffer access per element (the code before).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OptimizerBenchmarks {

  /** The 784-256-128-10 MLP on one BLAS thread, its gradients set to small random values. */
  static Sequential networkWithGradients() {
    Blas.setThreads(1);
    Sequential network = Architecture.mlp(0, 256, 128).build(784, 10,
        Initializer.pytorchDefault(), new Rng(1), new Rng(2));
    Rng rng = new Rng(3);
    for (Parameter p : network.parameters()) {
      Matrix g = p.gradient();
      for (int i = 0; i < g.size(); i++) {
        g.put(i, (float) (1e-3 * rng.nextGaussian()));
      }
    }
    return network;
  }

  /** The MLP's parameters with gradients, and an optimizer over them. */
  @State(Scope.Benchmark)
  public static class Step {
    /** Whether the SGD family runs fused (the property is read when the optimizer is built). */
    @Param({"true", "false"})
    public boolean fused;

    /** The coupled L2 strength (0: no penalty step in the chain). */
    @Param({"0", "0.0001"})
    public double lambda;

    Sequential network;
    Optimizer optimizer;

    @Setup
    public void setup() {
      network = networkWithGradients();
      String saved = System.getProperty("tikhonov.optimizer.fused");
      System.setProperty("tikhonov.optimizer.fused", Boolean.toString(fused));
      try {
        optimizer = Optimizer.of(Optimizers.chain(Optimizers.sgd(0.05).momentum(0.9),
            Penalty.l2(lambda)), network.parameters());
      } finally {
        if (saved == null) {
          System.clearProperty("tikhonov.optimizer.fused");
        } else {
          System.setProperty("tikhonov.optimizer.fused", saved);
        }
      }
    }
  }

  /** The MLP's parameters with gradients, and Adam or RMSprop (PyTorch's defaults) over them. */
  @State(Scope.Benchmark)
  public static class Adaptive {
    @Param({"adam", "rmsprop"})
    public String optimizer;

    Sequential network;
    Optimizer step;

    @Setup
    public void setup() {
      network = networkWithGradients();
      step = Optimizer.of(Optimizers.chain(optimizer.equals("adam") ? Optimizers.adam(1e-3)
          : Optimizers.rmsprop(1e-3)), network.parameters());
    }
  }

  /**
   * The fused optimizer over the same parameters, for one thread's half of a two-thread step:
   * from the gradient (b ← μb + g, then w) or after the weight-gradient products have put
   * μb + g into b ({@code MomentumProducts}: reads b and w, writes w).
   */
  @State(Scope.Benchmark)
  public static class Half {
    /** The coupled L2 strength (0: no penalty term). */
    @Param({"0", "0.0001"})
    public double lambda;

    Sequential network;
    Optimizer optimizer;

    @Setup
    public void setup() {
      network = networkWithGradients();
      optimizer = Optimizer.of(Optimizers.chain(Optimizers.sgd(0.05).momentum(0.9),
          Penalty.l2(lambda)), network.parameters());
    }
  }

  /**
   * Thread 0's share of a two-thread step's momentum work for the first layer when some inputs
   * are always zero (an image's border pixels): the weight-gradient product into W₁'s momentum
   * rows 0-391 (β = μ = 0.9, {@code MomentumProducts}), then the optimizer's half from the
   * momentum. The first {@link #ZERO_INPUTS} inputs are zero in every row, so their rows of b
   * only decay; {@code subnormal} plants one value below 2⁻¹²⁶ in every sixteen floats of
   * those rows before each call (640 in all, scattered as training leaves them: about 800 in
   * W₁'s momentum on Fashion-MNIST, each living ~150 steps at μ = 0.9), normal values
   * otherwise (the same puts either way).
   * {@code flushStep}: whether the optimizer's step is one that flushes the subnormals (every
   * 16th, {@code StateBuffers.flushesAt}).
   */
  @State(Scope.Benchmark)
  public static class Subnormal {
    @Param({"false", "true"})
    public boolean subnormal;

    @Param({"false", "true"})
    public boolean flushStep;

    /** Inputs zero in every row (rows of W₁ whose momentum only decays). */
    static final int ZERO_INPUTS = 40;

    Sequential network;
    Optimizer optimizer;
    Matrix momentum;
    Matrix x = KernelBenchmarks.random(128, 784, 11);
    Matrix g = KernelBenchmarks.random(128, 256, 12);

    @Setup
    public void setup() {
      network = networkWithGradients();
      optimizer = Optimizer.of(Optimizers.chain(Optimizers.sgd(0.05).momentum(0.9)),
          network.parameters());
      momentum = optimizer.momentumProducts().orElseThrow()
          .buffer(network.parameters().get(0));
      for (int i = 0; i < x.rows(); i++) {
        for (int j = 0; j < ZERO_INPUTS; j++) {
          x.set(i, j, 0f);
        }
      }
      // step() counts steps; the benchmark's calls do not, so each call is this step
      int before = flushStep ? 15 : 0;
      for (int t = 0; t < before; t++) {
        optimizer.completeStepInParts();
      }
    }

    void plant() {
      float value = subnormal ? 3e-39f : 3e-3f;
      for (int j = 0; j < ZERO_INPUTS * momentum.cols(); j++) {
        momentum.put(j, j % 16 == 0 ? value : 3e-3f);
      }
    }
  }

  /** The first layer's weight and an update buffer, for u += d·w. */
  @State(Scope.Benchmark)
  public static class Decay {
    Matrix w = KernelBenchmarks.random(784, 256, 4);
    Matrix u = KernelBenchmarks.random(784, 256, 5);
    final float[] wc = new float[1024];
    final float[] uc = new float[1024];
  }

  /** A 128×256 hidden activation, its dropout mask, output and gradients. */
  @State(Scope.Benchmark)
  public static class Drop {
    Matrix x = KernelBenchmarks.random(128, 256, 6);
    Matrix g = KernelBenchmarks.random(128, 256, 7);
    Matrix mask = Matrix.zeros(128, 256);
    Matrix y = Matrix.zeros(128, 256);
    Matrix dx = Matrix.zeros(128, 256);
    final Rng rng = new Rng(8);
    final int threshold = Kernels.dropoutThreshold(0.2f);
  }

  @Benchmark
  public Matrix optimizerStep(Step s) {
    s.optimizer.step();
    return s.network.parameters().get(0).value();
  }

  /** A whole step of Adam or RMSprop over the MLP's 235,146 parameters, on one thread. */
  @Benchmark
  public Matrix adaptiveStep(Adaptive s) {
    s.step.step();
    return s.network.parameters().get(0).value();
  }

  /** One thread's half of the fused step from the gradients (part 0 of 2). */
  @Benchmark
  public Matrix optimizerHalfFromGradient(Half s) {
    s.optimizer.stepPart(0, 2);
    return s.network.parameters().get(0).value();
  }

  /** The same half when the products have accumulated the momentum (part 0 of 2). */
  @Benchmark
  public Matrix optimizerHalfFromMomentum(Half s) {
    s.optimizer.stepPartFromMomentum(0, 2);
    return s.network.parameters().get(0).value();
  }

  /**
   * {@link Subnormal}'s product and optimizer half: what subnormal momentum entries cost, and
   * what the flushing step costs.
   */
  @Benchmark
  public Matrix momentumHalfWithZeroInputs(Subnormal s) {
    s.plant();
    Blas.gemmColumnsTransposed(1f, s.x, 0, 392, s.g, 0.9f, s.momentum.rowRange(0, 392));
    s.optimizer.stepPartFromMomentum(0, 2);
    return s.network.parameters().get(0).value();
  }

  /** u += d·w over 784×256 in 1,024-float chunks through float[] (AddDecayedWeights now). */
  @Benchmark
  public Matrix decayJavaLoop(Decay s) {
    float d = 1e-4f;
    FloatBuffer w = s.w.buffer();
    FloatBuffer u = s.u.buffer();
    for (int from = 0, n = s.u.size(); from < n; from += 1024) {
      int len = Math.min(1024, n - from);
      w.get(from, s.wc, 0, len);
      u.get(from, s.uc, 0, len);
      for (int j = 0; j < len; j++) {
        s.uc[j] = s.uc[j] + d * s.wc[j];
      }
      u.put(from, s.uc, 0, len);
    }
    return s.u;
  }

  /** The same through BLAS saxpy (AddDecayedWeights before). */
  @Benchmark
  public Matrix decaySaxpy(Decay s) {
    Blas.axpy(1e-4f, s.w, s.u);
    return s.u;
  }

  /** Counter-based masks: one key per pass, integer loops the JIT vectorizes (Dropout now). */
  @Benchmark
  public Matrix dropoutForward(Drop s) {
    Kernels.dropout(s.rng.nextLong(), 0, s.threshold, 1.25f, s.x, s.mask, s.y);
    return s.y;
  }

  /** One SplitMix64 draw and FloatBuffer access per element (Dropout.forward before). */
  @Benchmark
  public Matrix dropoutForwardPerElementDraw(Drop s) {
    FloatBuffer m = s.mask.buffer();
    FloatBuffer in = s.x.buffer();
    FloatBuffer out = s.y.buffer();
    for (int i = 0, size = s.x.size(); i < size; i++) {
      float v = s.rng.nextFloat() >= 0.2f ? 1.25f : 0f;
      m.put(i, v);
      out.put(i, in.get(i) * v);
    }
    return s.y;
  }

  /** ∂J/∂x = g·mask through float[] chunks (Dropout.backward now). */
  @Benchmark
  public Matrix dropoutBackward(Drop s) {
    Kernels.multiply(s.g, s.mask, s.dx);
    return s.dx;
  }

  /** The same over FloatBuffers element by element (Dropout.backward before). */
  @Benchmark
  public Matrix dropoutBackwardBufferLoop(Drop s) {
    FloatBuffer m = s.mask.buffer();
    FloatBuffer gb = s.g.buffer();
    FloatBuffer out = s.dx.buffer();
    for (int i = 0, size = s.g.size(); i < size; i++) {
      out.put(i, gb.get(i) * m.get(i));
    }
    return s.dx;
  }

  /** The parameters of {@link Step} (for the smoke test). */
  static List<Parameter> parameters(Step s) {
    return s.network.parameters();
  }
}
