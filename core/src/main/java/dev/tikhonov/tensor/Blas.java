package dev.tikhonov.tensor;

import org.bytedeco.openblas.global.openblas;
import org.bytedeco.openblas.global.openblas_full;

/**
 * The project's only door to BLAS: OpenBLAS, bundled for the platform by bytedeco's
 * {@code org.bytedeco:openblas} jar (no system package needed).
 *
 * <p>All calls pass the direct buffers of {@link Matrix} by address, so nothing is copied. The
 * thread count is global to OpenBLAS; {@link #setThreads(int)} sets it once per process.
 */
public final class Blas {
  private static volatile int threads = -1;

  private Blas() {}

  /**
   * {@code out ← alpha · op(a) · op(b) + beta · out} (single-precision GEMM).
   *
   * <p>numpy: {@code out[:] = alpha * (a.T if ta else a) @ (b.T if tb else b) + beta * out}.
   * Modified: {@code out}. Not modified: {@code a}, {@code b}.
   */
  public static void gemm(
      Transpose ta, Transpose tb, float alpha, Matrix a, Matrix b, float beta, Matrix out) {
    int m = ta == Transpose.NO ? a.rows() : a.cols();
    int k = ta == Transpose.NO ? a.cols() : a.rows();
    int kb = tb == Transpose.NO ? b.rows() : b.cols();
    int n = tb == Transpose.NO ? b.cols() : b.rows();
    if (k != kb || out.rows() != m || out.cols() != n) {
      throw new IllegalArgumentException(
          "gemm shapes: op(a) " + m + "x" + k + ", op(b) " + kb + "x" + n + ", out "
              + out.shape());
    }
    if (m == 0 || n == 0) {
      return;
    }
    if (k == 0) {
      scale(beta, out);
      return;
    }
    openblas.cblas_sgemm(
        openblas.CblasRowMajor,
        ta == Transpose.NO ? openblas.CblasNoTrans : openblas.CblasTrans,
        tb == Transpose.NO ? openblas.CblasNoTrans : openblas.CblasTrans,
        m, n, k,
        alpha, a.buffer(), Math.max(1, a.cols()),
        b.buffer(), Math.max(1, b.cols()),
        beta, out.buffer(), Math.max(1, n));
  }

  /** {@code y ← alpha · x + y}. Modified: {@code y}. */
  public static void axpy(float alpha, Matrix x, Matrix y) {
    Matrix.requireSameShape(x, y);
    openblas.cblas_saxpy(x.size(), alpha, x.buffer(), 1, y.buffer(), 1);
  }

  /** {@code x ← alpha · x}. Modified: {@code x}. */
  public static void scale(float alpha, Matrix x) {
    if (x.size() > 0) {
      openblas.cblas_sscal(x.size(), alpha, x.buffer(), 1);
    }
  }

  /** Sets the number of OpenBLAS threads (≥ 1) for the whole process. */
  public static void setThreads(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + n);
    }
    openblas_full.openblas_set_num_threads(n);
    threads = n;
  }

  /**
   * Sets OpenBLAS's own worker count without changing {@link #threads()}, the count the user
   * asked for: the data-parallel training step runs single-threaded products on each core and
   * gives OpenBLAS its workers back with {@code setWorkerThreads(threads())}.
   */
  public static void setWorkerThreads(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + n);
    }
    openblas_full.openblas_set_num_threads(n);
  }

  /**
   * The worker count OpenBLAS uses right now: {@link #threads()}, except while the data-parallel
   * training step has set it to 1 ({@link #setWorkerThreads}).
   */
  public static int workerThreads() {
    return openblas_full.openblas_get_num_threads();
  }

  /** The OpenBLAS thread count in force. */
  public static int threads() {
    return threads > 0 ? threads : openblas_full.openblas_get_num_threads();
  }

  /** OpenBLAS's own description: version, target core, thread model. */
  public static String describe() {
    return openblas_full.openblas_get_config().getString().trim()
        + " (core " + openblas_full.openblas_get_corename().getString() + ")";
  }
}
