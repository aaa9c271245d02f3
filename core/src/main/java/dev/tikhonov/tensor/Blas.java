package dev.tikhonov.tensor;

import org.bytedeco.openblas.global.openblas;
import org.bytedeco.openblas.global.openblas_full;

/**
 * The project's only door to BLAS: OpenBLAS, bundled for the platform by bytedeco's
 * {@code org.bytedeco:openblas} jar (no system package needed). Single-precision products that
 * run on one thread go to oneDNN's SGEMM instead, which is faster there ({@link OneDnnSgemm},
 * bundled by {@code org.bytedeco:dnnl}); every other call goes to OpenBLAS.
 *
 * <p>All calls pass the direct buffers of {@link Matrix} by address, so nothing is copied. The
 * thread count is global to OpenBLAS; {@link #setThreads(int)} sets it once per process.
 *
 * <p><b>Lanes.</b> Several independent single-threaded computations (training runs of a sweep)
 * can share the process, each on its own Java thread, while OpenBLAS is held at one thread
 * ({@link #inLane}): on a lane's thread {@link #threads()} is 1, and {@link #setThreads} and
 * {@link #setWorkerThreads} change nothing, so that no run can take OpenBLAS's threads from
 * another. A computation in a lane is exactly the same computation at one thread.
 * Thread-safe: the BLAS calls are reentrant; the thread count is one process-wide setting.
 */
public final class Blas {
  private static volatile int threads = -1;
  /** Whether the current thread runs in a lane (see the class comment). */
  private static final ThreadLocal<Boolean> IN_LANE = ThreadLocal.withInitial(() -> false);
  /** Guards {@link #overrides} and {@link #beforeOverrides} ({@link #withThreads}). */
  private static final Object OVERRIDES = new Object();
  private static int overrides;
  private static int beforeOverrides;

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
    sgemm(ta == Transpose.YES, tb == Transpose.YES, m, n, k, alpha, a.buffer(),
        Math.max(1, a.cols()), b.buffer(), Math.max(1, b.cols()), beta, out.buffer(),
        Math.max(1, n));
  }

  /**
   * Row-major SGEMM: on one thread (a lane, the data-parallel step's workers, a process at one
   * thread) through oneDNN when it loaded ({@link OneDnnSgemm}), otherwise through OpenBLAS.
   */
  private static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
      java.nio.FloatBuffer a, int lda, java.nio.FloatBuffer b, int ldb, float beta,
      java.nio.FloatBuffer c, int ldc) {
    if ((IN_LANE.get() || openblas_full.openblas_get_num_threads() == 1)
        && OneDnnSgemm.available()) {
      OneDnnSgemm.sgemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
      return;
    }
    openblas.cblas_sgemm(openblas.CblasRowMajor,
        transA ? openblas.CblasTrans : openblas.CblasNoTrans,
        transB ? openblas.CblasTrans : openblas.CblasNoTrans,
        m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
  }

  /**
   * {@code out ← alpha · a[:, from:to]ᵀ · b + beta · out}: the product of a column block of
   * {@code a} (rows of a are the k index), without copying the block: the weight gradient of
   * rows {@code [from, to)} of a layer's weight from a whole batch (a = the batch's inputs,
   * b = the gradients at the layer's output). {@code out} is (to − from) × b.cols.
   *
   * <p>numpy: {@code out[:] = alpha * a[:, from:to].T @ b + beta * out}. Modified: {@code out}.
   */
  public static void gemmColumnsTransposed(float alpha, Matrix a, int from, int to, Matrix b,
      float beta, Matrix out) {
    if (from < 0 || to > a.cols() || from > to) {
      throw new IndexOutOfBoundsException("columns [" + from + ", " + to + ") of " + a.shape());
    }
    int m = to - from;
    int n = b.cols();
    int k = a.rows();
    if (b.rows() != k || out.rows() != m || out.cols() != n) {
      throw new IllegalArgumentException("gemm shapes: a[:, " + from + ":" + to + "]ᵀ " + m + "x"
          + k + ", b " + b.shape() + ", out " + out.shape());
    }
    if (m == 0 || n == 0) {
      return;
    }
    if (k == 0) {
      scale(beta, out);
      return;
    }
    // A slice starting at element `from`: column block of a row-major matrix, lda = a.cols().
    java.nio.FloatBuffer block = a.buffer().duplicate().position(from).slice();
    sgemm(true, false, m, n, k, alpha, block, a.cols(), b.buffer(), Math.max(1, n), beta,
        out.buffer(), Math.max(1, n));
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

  /**
   * Sets the number of OpenBLAS threads (≥ 1) for the whole process; on a lane's thread
   * ({@link #inLane}) it changes nothing.
   */
  public static void setThreads(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + n);
    }
    if (IN_LANE.get()) {
      return;
    }
    openblas_full.openblas_set_num_threads(n);
    threads = n;
  }

  /**
   * Runs {@code task} with OpenBLAS at {@code n} threads (an estimator's own thread setting),
   * then gives back the count in force before. The count is process-wide: while such calls
   * overlap (fits on several Java threads), the last one started sets it, and when the last one
   * ends the count is the one before the first began. (Each call restoring "its" previous count
   * left a count of 1 behind after overlapping fits at 1 and 2 threads.) On a lane's thread it
   * just runs the task.
   *
   * @param <T> the task's result
   */
  public static <T> T withThreads(int n, java.util.function.Supplier<T> task) {
    if (n < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + n);
    }
    if (IN_LANE.get()) {
      return task.get();
    }
    synchronized (OVERRIDES) {
      if (overrides == 0) {
        beforeOverrides = threads();
      }
      overrides++;
      setThreads(n);
    }
    try {
      return task.get();
    } finally {
      synchronized (OVERRIDES) {
        if (--overrides == 0) {
          setThreads(beforeOverrides);
        }
      }
    }
  }

  /**
   * Runs {@code task} on the calling thread as a lane: until it returns, {@link #threads()} is 1
   * on this thread and {@link #setThreads}/{@link #setWorkerThreads} change nothing. The caller
   * holds OpenBLAS at one thread ({@code setWorkerThreads(1)}) while lanes run. Lanes do not
   * nest: inside a lane this just runs the task.
   *
   * @param <T> the task's result
   */
  public static <T> T inLane(java.util.function.Supplier<T> task) {
    if (IN_LANE.get()) {
      return task.get();
    }
    IN_LANE.set(true);
    try {
      return task.get();
    } finally {
      IN_LANE.set(false);
    }
  }

  /** Whether the calling thread runs in a lane ({@link #inLane}). */
  public static boolean inLane() {
    return IN_LANE.get();
  }

  /**
   * Sets OpenBLAS's own worker count without changing {@link #threads()}, the count the user
   * asked for: the data-parallel training step runs single-threaded products on each core and
   * gives OpenBLAS its workers back with {@code setWorkerThreads(threads())}. On a lane's thread
   * ({@link #inLane}) it changes nothing.
   */
  public static void setWorkerThreads(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + n);
    }
    if (IN_LANE.get()) {
      return;
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

  /** The OpenBLAS thread count in force; 1 on a lane's thread ({@link #inLane}). */
  public static int threads() {
    if (IN_LANE.get()) {
      return 1;
    }
    return threads > 0 ? threads : openblas_full.openblas_get_num_threads();
  }

  /** OpenBLAS's own description: version, target core, thread model. */
  public static String describe() {
    return openblas_full.openblas_get_config().getString().trim()
        + " (core " + openblas_full.openblas_get_corename().getString() + ")";
  }

  /**
   * Which library runs single-precision products on one thread: oneDNN with its version and
   * instruction set, or OpenBLAS and why oneDNN is not used ({@link #gemm}).
   */
  public static String describeSingleThreadedSgemm() {
    return OneDnnSgemm.description();
  }
}
