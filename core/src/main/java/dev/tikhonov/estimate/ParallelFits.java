package dev.tikhonov.estimate;

import dev.tikhonov.tensor.Blas;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Independent fits side by side, one core each: the tasks run on {@code threads} threads with
 * OpenBLAS set to one thread for the whole process while they run (its thread count is
 * process-wide, so fits running at once must not each set it), and OpenBLAS's count is restored
 * afterwards. A fit here therefore computes exactly what the same fit computes alone with
 * {@code threads(1)}, bit for bit, however many run at once. The fits' settings must leave the
 * thread count as it is ({@link NetworkSettings#withThreadsAsTheyAre}). Not reentrant across
 * threads: do not run two of these, or other fits, at once in one process.
 */
final class ParallelFits {
  private ParallelFits() {}

  /** Runs {@code tasks} on {@code threads} threads (inline when 1), results in task order. */
  static <T> List<T> run(List<Callable<T>> tasks, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    int previous = Blas.threads();
    Blas.setThreads(1);
    try {
      if (threads == 1 || tasks.size() <= 1) {
        List<T> out = new ArrayList<>();
        for (Callable<T> task : tasks) {
          out.add(call(task));
        }
        return out;
      }
      ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, tasks.size()),
          r -> {
            Thread t = new Thread(r, "tikhonov-fit");
            t.setDaemon(true);
            return t;
          });
      try {
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> task : tasks) {
          futures.add(pool.submit(task));
        }
        List<T> out = new ArrayList<>();
        for (Future<T> future : futures) {
          out.add(future.get());
        }
        return out;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while fitting", e);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException r) {
          throw r;
        }
        if (cause instanceof Error err) {
          throw err;
        }
        throw new IllegalStateException(cause);
      } finally {
        // after a failure: drop the queued fits, let the running ones end before OpenBLAS
        // gets its threads back (a fit does not stop when interrupted)
        pool.shutdownNow();
        awaitQuietly(pool);
      }
    } finally {
      Blas.setThreads(previous);
    }
  }

  private static void awaitQuietly(ExecutorService pool) {
    try {
      while (!pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES)) {
        // a fit can take longer than a minute; keep waiting
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static <T> T call(Callable<T> task) {
    try {
      return task.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
