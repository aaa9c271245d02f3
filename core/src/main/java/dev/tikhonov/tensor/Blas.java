package dev.tikhonov.tensor;

import org.bytedeco.openblas.global.openblas;
import org.bytedeco.openblas.global.openblas_full;

/**
 * The project's only door to BLAS: OpenBLAS, bundled for the platform by bytedeco's
 * {@code org.bytedeco:openblas} jar (no system package needed). Single-precision products that
 * run on one thread go to oneDNN's SGEMM instead, which is faster there ({@link OneDnnSgemm},
 * bundled by {@code org.bytedeco:dnnl}); every other call goes to OpenBLAS. The double-precision
 * BLAS and LAPACKE calls of the linear fits are made elsewhere, inside {@link #run} and
 * {@link #call}, which run them at the calling thread's worker count as {@link #gemm} runs its
 * OpenBLAS products (OpenBlasCallsTest keeps every call there).
 *
 * <p>All calls pass the direct buffers of {@link Matrix} by address, so nothing is copied.
 * OpenBLAS's worker count is global to the process ({@link #workerThreads()}); the thread count
 * a computation asks for is the calling thread's own: {@link #withThreads} (an estimator's
 * setting) on this thread, else the process's setting ({@link #setThreads}).
 *
 * <p><b>Which library.</b> A product goes to oneDNN when the calling thread runs its products on
 * one thread: in a lane ({@link #inLane}), between {@link #beginSingleThreadedProducts} and
 * {@link #endSingleThreadedProducts} (the data-parallel training step's threads), or when
 * {@link #threads()} is 1 on it. The choice never reads OpenBLAS's process-wide worker count,
 * which another computation on another thread may change at any moment: so a fit gives the same
 * model whatever runs beside it. OpenBLAS's SGEMM bits do depend on its worker count (at 392 ×
 * 256 × 784, one worker and two differ in the last digit; ProductRoutesTest), so a product that
 * goes to OpenBLAS runs at the calling thread's count ({@link #threads()}; 1 where its products
 * run single-threaded): it waits until no OpenBLAS product at another count is in flight and
 * sets the count if it differs. Threads that wait get their turn in the order they came, and
 * calls that come after one waits wait behind it, so none waits for as long as others keep
 * their calls overlapping. In a computation alone the count already is that one, so nothing
 * is set or waited for. Element-wise calls ({@link #axpy}, {@link #scale}) give the same bits
 * at any count.
 *
 * <p><b>Lanes.</b> Several independent single-threaded computations (training runs of a sweep)
 * can share the process, each on its own Java thread, while OpenBLAS is held at one thread
 * ({@link #inLane}): on a lane's thread {@link #threads()} is 1, and {@link #setThreads} and
 * {@link #setWorkerThreads} change nothing, so that no run can take OpenBLAS's threads from
 * another. A computation in a lane is exactly the same computation at one thread.
 * Thread-safe: the BLAS calls are reentrant; the thread count asked for is per calling thread,
 * OpenBLAS's worker count is one process-wide setting.
 */
public final class Blas {
  /** The process's setting ({@link #setThreads}); -1: OpenBLAS's own default. */
  private static volatile int threads = -1;
  /** OpenBLAS's worker count when this class loaded: its default (cores, or OPENBLAS_*). */
  private static final int DEFAULT_THREADS =
      Math.max(1, openblas_full.openblas_get_num_threads());

  /** What the calling thread's products run on (see the class comment). */
  private static final class Context {
    /** Whether the thread runs in a lane ({@link #inLane}). */
    boolean lane;
    /** Open {@link #beginSingleThreadedProducts} calls on the thread. */
    int singleThreaded;
    /** The count {@link #withThreads} asked for on the thread; 0 outside it. */
    int threads;
    /** The thread's OpenBLAS calls in flight ({@link #enterWorkers}): they nest. */
    int entered;
  }

  private static final ThreadLocal<Context> CONTEXT = ThreadLocal.withInitial(Context::new);
  /**
   * Tests only: told, on the calling thread just before every SGEMM runs, 0 when it goes to
   * oneDNN, else the OpenBLAS worker count it runs at. Null (one volatile read per product)
   * otherwise.
   */
  static volatile java.util.function.IntConsumer sgemmRoutes;
  /**
   * Guards OpenBLAS's worker count: {@link #openBlasProducts} calls are in flight at
   * {@link #productWorkers}, and no one changes the count meanwhile. A thread that cannot
   * enter at once takes a ticket ({@link #nextTicket}) and enters in ticket order: while one
   * waits for another count, new calls at the current count wait behind it, so the calls in
   * flight end and it gets its turn however busy the others are (before, two threads whose
   * calls overlapped kept the number in flight above 0 and a thread at another count waited
   * for as long as they went on).
   */
  private static final Object WORKERS = new Object();
  private static int openBlasProducts;
  private static int productWorkers;
  /** The next ticket to hand out, and the one whose turn it is: equal when no one waits. */
  private static long nextTicket;
  private static long servedTicket;
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
   * Row-major SGEMM: through oneDNN ({@link OneDnnSgemm}) when it loaded and the calling thread
   * runs its products on one thread (a lane, the data-parallel step's threads, a thread count
   * of 1 on this thread), otherwise through OpenBLAS. The choice is the calling thread's alone.
   */
  private static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
      java.nio.FloatBuffer a, int lda, java.nio.FloatBuffer b, int ldb, float beta,
      java.nio.FloatBuffer c, int ldc) {
    Context context = CONTEXT.get();
    boolean single = singleThreaded(context);
    boolean oneDnn = single && OneDnnSgemm.available();
    int workers = workers(context);
    java.util.function.IntConsumer routes = sgemmRoutes;
    if (routes != null) {
      routes.accept(oneDnn ? 0 : workers);
    }
    if (oneDnn) {
      OneDnnSgemm.sgemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
      return;
    }
    enterWorkers(context, workers);
    try {
      openblas.cblas_sgemm(openblas.CblasRowMajor,
          transA ? openblas.CblasTrans : openblas.CblasNoTrans,
          transB ? openblas.CblasTrans : openblas.CblasNoTrans,
          m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    } finally {
      exitWorkers(context);
    }
  }

  /**
   * Runs {@code call}, double-precision OpenBLAS or LAPACKE calls (DGEMM, DGEMV, DSYRK, a
   * factorization or eigendecomposition), at the calling thread's worker count, as an OpenBLAS
   * {@link #gemm} runs: 1 where the thread runs its products on one thread (a lane, between
   * {@link #beginSingleThreadedProducts} and its end, {@link #threads()} 1), else
   * {@link #threads()}. It waits until no OpenBLAS call at another count is in flight and sets
   * the count if it differs. Their bits depend on the count: XᵀX by DGEMM over 1,000 to 10,000
   * rows differs in the last digit at one worker and at two in 20-75 % of its entries, and so do
   * DSYEVD's eigenvectors at p = 300 (OpenBLAS 0.3.30); without this, a fit run beside another
   * fit that sets OpenBLAS's process-wide count (a network's data-parallel step does, every
   * step) got other bits than the same fit alone. Keep {@code call} to the native calls: while it
   * runs, OpenBLAS calls at another count on other threads wait. Calls may nest on one thread;
   * a {@link #withThreads}, {@link #setThreads} or {@link #setWorkerThreads} at another count
   * inside {@code call} throws {@link IllegalStateException} (it would wait for this very call
   * to end, and every OpenBLAS call of the process behind it).
   *
   * <p>Example: {@code Blas.run(() -> openblas.cblas_dgemm(…))}. Thread-safe.
   */
  public static void run(Runnable call) {
    Context context = CONTEXT.get();
    enterWorkers(context, workers(context));
    try {
      call.run();
    } finally {
      exitWorkers(context);
    }
  }

  /**
   * {@link #run} for a call that returns LAPACKE's {@code info} (or any int): returns it.
   * Example: {@code int info = Blas.call(() -> openblas.LAPACKE_dpotrf(…))}. Thread-safe.
   */
  public static int call(java.util.function.IntSupplier call) {
    Context context = CONTEXT.get();
    enterWorkers(context, workers(context));
    try {
      return call.getAsInt();
    } finally {
      exitWorkers(context);
    }
  }

  /** OpenBLAS's worker count for the thread's calls: 1 if it runs products single-threaded. */
  private static int workers(Context context) {
    return singleThreaded(context) ? 1 : threads(context);
  }

  /**
   * Counts one more OpenBLAS call in flight at {@code workers} ({@link #awaitTurn}). A call
   * nested in one of the thread's own joins at once: a thread waiting its turn waits for the
   * outer call, which would wait for it.
   */
  private static void enterWorkers(Context context, int workers) {
    synchronized (WORKERS) {
      if (context.entered == 0) {
        awaitTurn(workers);
        setCount(workers);
      }
      openBlasProducts++;
    }
    context.entered++;
  }

  /** Ends an {@link #enterWorkers}: the last call out wakes threads waiting for another count. */
  private static void exitWorkers(Context context) {
    context.entered--;
    synchronized (WORKERS) {
      if (--openBlasProducts == 0) {
        WORKERS.notifyAll();
      }
    }
  }

  /**
   * Holding {@link #WORKERS}: waits until no OpenBLAS call runs at a count other than
   * {@code n} and no thread that came earlier still waits for its turn. Threads that wait
   * have their turn one by one in the order they came (a ticket each); each one served wakes
   * the others, so the next one at the same count follows at once. An interrupt while waiting
   * is kept for the caller, not thrown: the call is the caller's, and it runs.
   */
  private static void awaitTurn(int n) {
    if (nextTicket != servedTicket || !free(n)) {
      long ticket = nextTicket++;
      boolean interrupted = false;
      while (servedTicket != ticket || !free(n)) {
        try {
          WORKERS.wait();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      servedTicket++;
      WORKERS.notifyAll();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Holding {@link #WORKERS}, on its turn ({@link #awaitTurn}): calls from now on run at
   * {@code n}; sets OpenBLAS's worker count if it differs.
   */
  private static void setCount(int n) {
    productWorkers = n;
    if (openblas_full.openblas_get_num_threads() != n) {
      openblas_full.openblas_set_num_threads(n);
    }
  }

  /** Holding {@link #WORKERS}: whether a call at {@code n} may run now. */
  private static boolean free(int n) {
    return openBlasProducts == 0 || productWorkers == n;
  }

  /**
   * Sets OpenBLAS's worker count once no call runs at another ({@link #awaitTurn}). Inside one
   * of the thread's own calls, at the count they run at, it does not wait: a thread waiting its
   * turn waits for that call.
   */
  private static void setWorkers(int n) {
    boolean nested = CONTEXT.get().entered > 0;
    synchronized (WORKERS) {
      if (nested) {
        requireCount(n);
      } else {
        awaitTurn(n);
      }
      setCount(n);
    }
  }

  /**
   * Holding {@link #WORKERS}, inside one of the thread's own calls: refuses another count than
   * theirs, which would wait for them to end (redteam45b: {@code run(() -> withThreads(1, …))}
   * at 2 hung, and every later OpenBLAS call of the process behind its ticket).
   */
  private static void requireCount(int n) {
    if (productWorkers != n) {
      throw new IllegalStateException("OpenBLAS's worker count cannot change from "
          + productWorkers + " to " + n + " inside a Blas.run or Blas.call on the same thread:"
          + " keep those calls to native calls, and set the count around them");
    }
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

  /** Whether a thread in {@code c} runs its products on one thread. */
  private static boolean singleThreaded(Context c) {
    return c.lane || c.singleThreaded > 0 || threads(c) == 1;
  }

  private static int threads(Context c) {
    if (c.lane) {
      return 1;
    }
    if (c.threads > 0) {
      return c.threads;
    }
    int t = threads;
    return t > 0 ? t : DEFAULT_THREADS;
  }

  /**
   * Sets the process's thread count (≥ 1) and OpenBLAS's worker count to it; inside
   * {@link #withThreads} on this thread, that call's count too, until it returns. On a lane's
   * thread ({@link #inLane}) it changes nothing.
   */
  public static void setThreads(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + n);
    }
    Context c = CONTEXT.get();
    if (c.lane) {
      return;
    }
    setWorkers(n);
    threads = n;
    if (c.threads > 0) {
      c.threads = n;
    }
  }

  /**
   * Runs {@code task} at {@code n} threads (an estimator's own thread setting), then gives back
   * the calling thread's count of before: until it returns, {@link #threads()} is {@code n} on
   * this thread (and 1 on the threads the computation runs single-threaded products on), so the
   * task's products and its data-parallel step follow {@code n} whatever other threads ask for.
   * OpenBLAS's worker count is process-wide: while such calls overlap (fits on several Java
   * threads), the last one started sets it, and when the last one ends it is the process's count
   * of before the first began (each call restoring "its" previous count left a count of 1
   * behind after overlapping fits at 1 and 2 threads); results do not depend on it, only speed.
   * On a lane's thread it just runs the task.
   *
   * @param <T> the task's result
   */
  public static <T> T withThreads(int n, java.util.function.Supplier<T> task) {
    if (n < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + n);
    }
    Context c = CONTEXT.get();
    if (c.lane) {
      return task.get();
    }
    if (c.entered > 0) {
      synchronized (WORKERS) {
        requireCount(n); // before counting this call among the overrides
      }
    }
    int outer = c.threads;
    synchronized (OVERRIDES) {
      if (overrides++ == 0) {
        int t = threads;
        beforeOverrides = t > 0 ? t : DEFAULT_THREADS;
      }
    }
    // not holding OVERRIDES while waiting for the count: other calls start and end meanwhile
    setWorkers(n);
    c.threads = n;
    try {
      return task.get();
    } finally {
      c.threads = outer;
      restoreAfterOverrides();
    }
  }

  /**
   * Ends a {@link #withThreads}: the last one out gives OpenBLAS the count of before the first,
   * unless another has begun by the time its turn comes (that one's count stands).
   */
  private static void restoreAfterOverrides() {
    synchronized (OVERRIDES) {
      if (--overrides > 0) {
        return;
      }
    }
    synchronized (WORKERS) {
      int n;
      synchronized (OVERRIDES) {
        n = beforeOverrides;
      }
      if (CONTEXT.get().entered > 0 && !free(n)) {
        return; // inside the thread's own call at another count: waiting would wait for it
      }
      awaitTurn(n);
      synchronized (OVERRIDES) {
        if (overrides == 0) {
          setCount(n);
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
    Context c = CONTEXT.get();
    if (c.lane) {
      return task.get();
    }
    c.lane = true;
    try {
      return task.get();
    } finally {
      c.lane = false;
    }
  }

  /** Whether the calling thread runs in a lane ({@link #inLane}). */
  public static boolean inLane() {
    return CONTEXT.get().lane;
  }

  /**
   * From now until the matching {@link #endSingleThreadedProducts} on the same thread, the
   * calling thread's products run on one thread (oneDNN when it loaded), whatever
   * {@link #threads()} says: the data-parallel training step calls it on each of its threads,
   * which run one product each at a time. Calls nest. Changes nothing on other threads, nor
   * {@link #threads()}.
   */
  public static void beginSingleThreadedProducts() {
    CONTEXT.get().singleThreaded++;
  }

  /**
   * Ends the calling thread's latest {@link #beginSingleThreadedProducts}.
   *
   * @throws IllegalStateException if none is open on this thread
   */
  public static void endSingleThreadedProducts() {
    Context c = CONTEXT.get();
    if (c.singleThreaded == 0) {
      throw new IllegalStateException("no beginSingleThreadedProducts() open on this thread");
    }
    c.singleThreaded--;
  }

  /**
   * Sets OpenBLAS's own worker count without changing {@link #threads()}, the count the user
   * asked for: the data-parallel training step runs single-threaded products on each core and
   * gives OpenBLAS its workers back with {@code setWorkerThreads(threads())}. Speed only: which
   * library runs a product, and its result, do not depend on it (an SGEMM sets the count it
   * runs at); it waits while an SGEMM at another count runs. On a lane's thread
   * ({@link #inLane}) it changes nothing.
   */
  public static void setWorkerThreads(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + n);
    }
    if (CONTEXT.get().lane) {
      return;
    }
    setWorkers(n);
  }

  /**
   * The worker count OpenBLAS uses right now, process-wide: the latest {@link #setThreads},
   * {@link #withThreads} or {@link #setWorkerThreads} on any thread.
   */
  public static int workerThreads() {
    return openblas_full.openblas_get_num_threads();
  }

  /**
   * The thread count the calling thread's computations use: 1 in a lane ({@link #inLane}),
   * {@code n} inside {@link #withThreads withThreads(n, …)} on this thread, else the process's
   * ({@link #setThreads}, or OpenBLAS's default when never set).
   */
  public static int threads() {
    return threads(CONTEXT.get());
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
