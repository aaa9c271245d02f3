package dev.tikhonov.tensor;

import java.nio.FloatBuffer;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.presets.openblas_nolapack;

/**
 * Single-threaded SGEMM through oneDNN ({@code dnnl_sgemm}, bundled by bytedeco's
 * {@code org.bytedeco:dnnl} jar), row-major: {@code C ← alpha · op(A) · op(B) + beta · C}, the
 * same contract as {@code cblas_sgemm} with {@code CblasRowMajor}.
 *
 * <p>Why: oneDNN's just-in-time kernels run the products of one core 10–40 % faster than
 * OpenBLAS's at the shapes of a training step (64 to 392 rows, 10 to 784 columns; both with
 * AVX-512 and with AVX2 only), while OpenBLAS stays the faster of the two on several threads.
 * {@link Blas#gemm} therefore sends a product here only when its calling thread runs its products
 * on one thread (a lane, a thread of the data-parallel step, a fit or process at one thread: the
 * calling thread's setting, never OpenBLAS's process-wide count), and to OpenBLAS otherwise.
 * docs/performance-log.md has the figures.
 *
 * <p>Threads: the bundled oneDNN runs on OpenMP (its own {@code libgomp}), whose team size is
 * per calling thread. Each Java thread sets its own to 1 through {@code omp_set_num_threads}
 * before its first product here, so that two lanes never start four OpenMP threads on two
 * cores. The symbol is called through bytedeco's {@code SetNumThreads} function pointer, the one
 * its OpenBLAS presets use to set MKL's thread count the same way.
 *
 * <p>Off switch: {@code -Dtikhonov.sgemm=openblas} sends every product to OpenBLAS (for A/B
 * measurements, or a platform where oneDNN misbehaves). When oneDNN cannot load (no binary for
 * the platform), every product goes to OpenBLAS and {@link #description()} says why.
 * Thread-safe: the calls are reentrant; each thread's OpenMP setting is its own.
 */
final class OneDnnSgemm {
  private OneDnnSgemm() {}

  /** {@code omp_set_num_threads}, resolved at run time: {@code void (*)(int)}. */
  private static final class SetThreads extends openblas_nolapack.SetNumThreads {
    SetThreads(Pointer address) {
      super();
      put(address);
    }
  }

  /** Loaded once, on the first product that could use it. */
  private static final class Holder {
    static final Holder INSTANCE = new Holder();
    final SetThreads setThreads;
    final String description;

    private Holder() {
      SetThreads setter = null;
      String text;
      if ("openblas".equals(System.getProperty("tikhonov.sgemm"))) {
        text = "OpenBLAS (oneDNN switched off by -Dtikhonov.sgemm=openblas)";
      } else {
        try {
          Loader.load(dnnl.class);
          Pointer address = Loader.addressof("omp_set_num_threads");
          if (address == null || address.isNull()) {
            text = "OpenBLAS (oneDNN loaded, but its OpenMP thread count cannot be set)";
          } else {
            setter = new SetThreads(address);
            var v = dnnl.dnnl_version();
            text = "oneDNN " + v.major() + "." + v.minor() + "." + v.patch() + " ("
                + isaName(dnnl.dnnl_get_effective_cpu_isa()) + ")";
          }
        } catch (LinkageError | RuntimeException e) {
          text = "OpenBLAS (oneDNN did not load: " + e + ")";
        }
      }
      setThreads = setter;
      description = text;
    }
  }

  /** The name of oneDNN's instruction-set constant {@code isa}, e.g. {@code avx512_core}. */
  private static String isaName(int isa) {
    String prefix = "dnnl_cpu_isa_";
    for (java.lang.reflect.Field f : dnnl.class.getFields()) {
      try {
        if (f.getName().startsWith(prefix) && f.getType() == int.class && f.getInt(null) == isa
            && !f.getName().endsWith("default")) {
          return f.getName().substring(prefix.length());
        }
      } catch (IllegalAccessException e) {
        break;
      }
    }
    return "instruction set " + isa;
  }

  /** Whether the calling thread has set its OpenMP team size to 1. */
  private static final ThreadLocal<Boolean> SINGLE = ThreadLocal.withInitial(() -> false);

  /** Whether oneDNN is loaded and in use for single-threaded products. */
  static boolean available() {
    return Holder.INSTANCE.setThreads != null;
  }

  /** Which library runs single-threaded SGEMM, with its version and instruction set. */
  static String description() {
    return Holder.INSTANCE.description;
  }

  /**
   * Row-major {@code C ← alpha · op(A) · op(B) + beta · C} on the calling thread alone; the
   * caller has checked the shapes and that {@link #available()}. Modified: {@code c}.
   */
  static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
      FloatBuffer a, int lda, FloatBuffer b, int ldb, float beta, FloatBuffer c, int ldc) {
    if (!SINGLE.get()) {
      Holder.INSTANCE.setThreads.call(1);
      SINGLE.set(true);
    }
    int status = dnnl.dnnl_sgemm((byte) (transA ? 'T' : 'N'), (byte) (transB ? 'T' : 'N'),
        m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    if (status != dnnl.dnnl_success) {
      throw new IllegalStateException("oneDNN sgemm failed with status " + status + " for "
          + m + "x" + k + " times " + k + "x" + n);
    }
  }
}
