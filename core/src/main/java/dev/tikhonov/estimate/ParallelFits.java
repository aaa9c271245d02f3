package dev.tikhonov.estimate;

import dev.tikhonov.internal.train.Tasks;
import dev.tikhonov.train.ParallelRuns;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Independent fits side by side, one core each, through {@link ParallelRuns} (the one utility
 * for runs that need nothing from each other): every task runs in an OpenBLAS lane, where it
 * sees one BLAS thread, so a fit here computes exactly what the same fit computes alone with
 * one thread, bit for bit, however many run at once. OpenBLAS's thread count is process-wide:
 * do not run two of these, or other fits, at once in one process.
 */
final class ParallelFits {
  private ParallelFits() {}

  /** Runs {@code tasks} on {@code threads} threads, results in task order. */
  static <T> List<T> run(List<Callable<T>> tasks, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    return ParallelRuns.map(tasks, Tasks::call, threads);
  }
}
