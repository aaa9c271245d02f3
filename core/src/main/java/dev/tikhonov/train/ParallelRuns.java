package dev.tikhonov.train;

import dev.tikhonov.tensor.Blas;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Independent runs side by side, one thread each: {@code map(items, run, lanes)} returns
 * {@code [run(items[0]), run(items[1]), …]}, computed by {@code lanes} threads that each take
 * the next item not yet started. OpenBLAS is held at one thread meanwhile and every run is a
 * {@link Blas#inLane lane}: it sees {@link Blas#threads()} = 1, so a training run takes the
 * one-thread step, and each result is bit for bit what the same run gives alone at one thread,
 * whatever the number of lanes and whichever lane ran it.
 *
 * <p>Why: a sweep (the λ grid of an experiment, grid search, cross-validation folds) is many
 * runs that need nothing from each other. Splitting each run's mini-batches between the cores
 * costs a hand-off, a barrier and a gradient sum per step, which small batches do not repay
 * (63 steps per epoch on 8,000 digits); two runs on two cores cost nothing of the kind
 * (docs/performance.md).
 *
 * <p>The calling thread is one of the lanes. If runs fail, no further run starts, the runs
 * under way finish, and the failure of the first failed run in item order is thrown (its own
 * exception, unwrapped); OpenBLAS gets its thread count back in every case. One map at a time
 * per process: OpenBLAS's thread count is process-wide. {@code run} must be safe to call from
 * several threads at once on different items; results are returned in item order.
 */
public final class ParallelRuns {
  private ParallelRuns() {}

  /**
   * {@code [run(items[0]), …]} on {@code min(lanes, items.size())} threads, one thread each.
   *
   * @param <S> an item
   * @param <T> a run's result
   * @param lanes how many runs at a time, ≥ 1 (normally {@link Blas#threads()}: the cores)
   */
  public static <S, T> List<T> map(List<S> items, Function<? super S, ? extends T> run,
      int lanes) {
    Objects.requireNonNull(run, "run");
    if (lanes < 1) {
      throw new IllegalArgumentException("lanes must be >= 1, got " + lanes);
    }
    List<S> todo = List.copyOf(items);
    int n = todo.size();
    Object[] results = new Object[n];
    RuntimeException[] failures = new RuntimeException[n];
    Error[] errors = new Error[n];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    Runnable lane = () -> {
      for (int i = next.getAndIncrement(); i < n && failed.get() == 0;
          i = next.getAndIncrement()) {
        S item = todo.get(i);
        try {
          results[i] = Blas.inLane(() -> run.apply(item));
        } catch (RuntimeException e) {
          failures[i] = e;
          failed.incrementAndGet();
        } catch (Error e) {
          errors[i] = e;
          failed.incrementAndGet();
        }
      }
    };
    int threads = Math.min(lanes, n);
    boolean inLane = Blas.inLane();
    int previous = Blas.workerThreads();
    if (!inLane) {
      Blas.setWorkerThreads(1);
    }
    List<Thread> others = new ArrayList<>();
    try {
      for (int t = 1; t < threads; t++) {
        Thread thread = new Thread(lane, "tikhonov-run-" + t);
        thread.setDaemon(true);
        others.add(thread);
        thread.start();
      }
      lane.run();
    } finally {
      boolean interrupted = false;
      for (Thread thread : others) {
        while (thread.isAlive()) {
          try {
            thread.join();
          } catch (InterruptedException e) {
            interrupted = true; // the lanes' results are the caller's; wait for them
          }
        }
      }
      if (!inLane) {
        Blas.setWorkerThreads(previous);
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    for (int i = 0; i < n; i++) {
      if (failures[i] != null) {
        throw failures[i];
      }
      if (errors[i] != null) {
        throw errors[i];
      }
    }
    @SuppressWarnings("unchecked")
    List<T> out = (List<T>) Collections.unmodifiableList(Arrays.asList(results));
    return out;
  }
}
