package dev.tikhonov.spark;

import dev.tikhonov.tensor.Blas;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * How sweep tasks share an executor's OpenBLAS, whose thread count is one setting per process
 * while an executor runs several tasks at once.
 *
 * <ul>
 *   <li>One thread per task (the default): each task trains in a {@link Blas#inLane lane}
 *       while OpenBLAS is held at one thread, exactly as the core's {@code ParallelRuns} runs a
 *       sweep on one machine; so a task's result is bit for bit the same run alone at one
 *       thread. The first lane in sets OpenBLAS to one thread, the last one out restores the
 *       count it found (these tasks share a read lock).
 *   <li>More threads per task: the task takes the executor exclusively (the write lock) and
 *       trains with that many threads; such tasks run one at a time per executor.
 * </ul>
 *
 * Thread-safe (static state under locks).
 */
final class TaskThreads {
  private static final ReadWriteLock LOCK = new ReentrantReadWriteLock();
  private static int lanes;
  private static int previous;

  private TaskThreads() {}

  static <T> T run(int threads, Supplier<T> fit) {
    if (threads > 1) {
      LOCK.writeLock().lock();
      try {
        return fit.get();
      } finally {
        LOCK.writeLock().unlock();
      }
    }
    LOCK.readLock().lock();
    try {
      enter();
      try {
        return Blas.inLane(fit);
      } finally {
        leave();
      }
    } finally {
      LOCK.readLock().unlock();
    }
  }

  private static synchronized void enter() {
    if (lanes++ == 0) {
      previous = Blas.workerThreads();
      Blas.setWorkerThreads(1);
    }
  }

  private static synchronized void leave() {
    if (--lanes == 0) {
      Blas.setWorkerThreads(previous);
    }
  }
}
