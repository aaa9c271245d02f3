package dev.tikhonov.bench;

import dev.tikhonov.tensor.Blas;
import dev.tikhonov.tensor.Matrix;
import dev.tikhonov.tensor.Transpose;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The products one thread of the two-thread data-parallel step computes (784-256-128-10,
 * batch 128: each thread forwards and back-propagates 64 rows, then computes half the rows of
 * every weight gradient from all 128), on one OpenBLAS thread, next to square SGEMM 1024³ on
 * one thread: how close these shapes come to the single-core SGEMM rate says how much of the
 * epoch's distance from the SGEMM limit is the shapes and how much the overheads between them
 * (docs/performance-log.md, "Where an epoch goes"). GFLOP/s = 2·m·n·k / (seconds per call).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StepGemmBenchmarks {

  /** One thread's operands at batch 128, plus a 1024² pair. */
  @State(Scope.Thread)
  public static class Shapes {
    Matrix x = KernelBenchmarks.random(128, 784, 1);
    Matrix w1 = KernelBenchmarks.random(784, 256, 2);
    Matrix h1 = KernelBenchmarks.random(128, 256, 3);
    Matrix w2 = KernelBenchmarks.random(256, 128, 4);
    Matrix h2 = KernelBenchmarks.random(128, 128, 5);
    Matrix w3 = KernelBenchmarks.random(128, 10, 6);
    Matrix g1 = KernelBenchmarks.random(128, 256, 7);
    Matrix g2 = KernelBenchmarks.random(128, 128, 8);
    Matrix g3 = KernelBenchmarks.random(128, 10, 9);
    Matrix dw1 = Matrix.zeros(784, 256);
    Matrix dw2 = Matrix.zeros(256, 128);
    Matrix dw3 = Matrix.zeros(128, 10);
    /** One thread's input block when the first layer is split by inputs: 128 rows × 392. */
    Matrix xBlock = KernelBenchmarks.random(128, 392, 11);
    Matrix square = KernelBenchmarks.random(1024, 1024, 10);
    Matrix squareOut = Matrix.zeros(1024, 1024);

    @Setup
    public void setup() {
      Blas.setThreads(1);
    }
  }

  /** Square SGEMM 1024³ on one thread: the single-core reference rate (2.147 GFLOP). */
  @Benchmark
  public Matrix square1024(Shapes s) {
    Blas.gemm(Transpose.NO, Transpose.NO, 1f, s.square, s.square, 0f, s.squareOut);
    return s.squareOut;
  }

  /**
   * One thread's three forward products: 64×784·784×256, 64×256·256×128, 64×128·128×10
   * (29.9 MFLOP).
   */
  @Benchmark
  public Matrix forward64(Shapes s) {
    Blas.gemm(Transpose.NO, Transpose.NO, 1f, s.x.rowRange(0, 64), s.w1, 0f,
        s.h1.rowRange(0, 64));
    Blas.gemm(Transpose.NO, Transpose.NO, 1f, s.h1.rowRange(0, 64), s.w2, 0f,
        s.h2.rowRange(0, 64));
    Blas.gemm(Transpose.NO, Transpose.NO, 1f, s.h2.rowRange(0, 64), s.w3, 0f,
        s.g3.rowRange(0, 64));
    return s.g3;
  }

  /** The first layer's forward product alone, 64×784·784×256 (25.7 MFLOP). */
  @Benchmark
  public Matrix forwardLayer1(Shapes s) {
    Blas.gemm(Transpose.NO, Transpose.NO, 1f, s.x.rowRange(0, 64), s.w1, 0f,
        s.h1.rowRange(0, 64));
    return s.h1;
  }

  /**
   * One thread's two input-gradient products: 64×10·(128×10)ᵀ and 64×128·(256×128)ᵀ
   * (4.4 MFLOP); the first layer has none.
   */
  @Benchmark
  public Matrix inputGradients64(Shapes s) {
    Blas.gemm(Transpose.NO, Transpose.YES, 1f, s.g3.rowRange(0, 64), s.w3, 0f,
        s.g2.rowRange(0, 64));
    Blas.gemm(Transpose.NO, Transpose.YES, 1f, s.g2.rowRange(0, 64), s.w2, 0f,
        s.g1.rowRange(0, 64));
    return s.g1;
  }

  /**
   * One thread's half of the three weight gradients from all 128 rows:
   * x[:, 0:392]ᵀ·g1, h1[:, 0:128]ᵀ·g2, h2[:, 0:64]ᵀ·g3 (30.0 MFLOP).
   */
  @Benchmark
  public Matrix weightGradientHalves(Shapes s) {
    Blas.gemmColumnsTransposed(1f, s.x, 0, 392, s.g1, 0f, s.dw1.rowRange(0, 392));
    Blas.gemmColumnsTransposed(1f, s.h1, 0, 128, s.g2, 0f, s.dw2.rowRange(0, 128));
    Blas.gemmColumnsTransposed(1f, s.h2, 0, 64, s.g3, 0f, s.dw3.rowRange(0, 64));
    return s.dw1;
  }

  /**
   * {@link #weightGradientHalves} accumulated into momentum buffers, β = μ = 0.9 (the
   * data-parallel step with plain momentum, {@code MomentumProducts}): the cost of reading the
   * output's old values, against β = 0.
   */
  @Benchmark
  public Matrix weightGradientHalvesIntoMomentum(Shapes s) {
    Blas.gemmColumnsTransposed(1f, s.x, 0, 392, s.g1, 0.9f, s.dw1.rowRange(0, 392));
    Blas.gemmColumnsTransposed(1f, s.h1, 0, 128, s.g2, 0.9f, s.dw2.rowRange(0, 128));
    Blas.gemmColumnsTransposed(1f, s.h2, 0, 64, s.g3, 0.9f, s.dw3.rowRange(0, 64));
    return s.dw1;
  }

  /**
   * The first layer's partial product when it is split by inputs ({@code BatchParts}), one
   * thread's share: 128×392·392×256 from its own input block and rows of W1 (25.7 MFLOP, as
   * {@link #forwardLayer1}).
   */
  @Benchmark
  public Matrix forwardLayer1Inputs(Shapes s) {
    Blas.gemm(Transpose.NO, Transpose.NO, 1f, s.xBlock, s.w1.rowRange(0, 392), 0f, s.h1);
    return s.h1;
  }

  /**
   * The first layer's half weight gradient from the thread's own input block (split by
   * inputs): xBlockᵀ·g1, 392×128·128×256 with lda = 392 (25.7 MFLOP, as
   * {@link #weightGradientLayer1}).
   */
  @Benchmark
  public Matrix weightGradientLayer1Inputs(Shapes s) {
    Blas.gemmColumnsTransposed(1f, s.xBlock, 0, 392, s.g1, 0f, s.dw1.rowRange(0, 392));
    return s.dw1;
  }

  /** The first layer's half weight gradient alone, x[:, 0:392]ᵀ·g1 (25.7 MFLOP). */
  @Benchmark
  public Matrix weightGradientLayer1(Shapes s) {
    Blas.gemmColumnsTransposed(1f, s.x, 0, 392, s.g1, 0f, s.dw1.rowRange(0, 392));
    return s.dw1;
  }
}
