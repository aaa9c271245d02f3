package dev.tikhonov.train;

import dev.tikhonov.loss.Loss;
import dev.tikhonov.nn.BatchParts;
import dev.tikhonov.nn.Layer;
import dev.tikhonov.nn.Sequential;
import dev.tikhonov.optim.Optimizer;
import dev.tikhonov.tensor.Blas;
import dev.tikhonov.tensor.Kernels;
import dev.tikhonov.tensor.Matrix;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * One training step: forward, mean loss and its gradient, back-propagation, leaving
 * ∂(mean loss)/∂θ in every parameter's gradient, then (when the loss is finite) the optimizer's
 * step.
 *
 * <p>With T ≥ 2 threads ({@link Blas#threads()}) and a network of Dense, ReLU and Dropout layers,
 * the batch of B rows is cut into T contiguous parts of B_t rows; thread t forwards and
 * back-propagates part t with single-threaded BLAS into whole-batch buffers
 * ({@link BatchParts}), its loss gradient scaled by B_t/B:
 *
 * <pre>  ∇ (1/B) Σ_{i∈B} ℓᵢ = Σ_t (B_t/B) ∇ (1/B_t) Σ_{i∈B_t} ℓᵢ</pre>
 *
 * <p>After a barrier, thread t computes row block t of every weight gradient from the whole
 * batch (one product over all B rows, no sum of per-thread gradients afterwards) and, when the
 * optimizer can step in parts (the fused SGD family, {@link Optimizer#canStepInParts}), updates
 * the same row block right away, while it is in its cache: the optimizer step runs on all T
 * threads.
 *
 * <p>Why: OpenBLAS's own threads spin, so any other load on the machine stalls them (an epoch
 * of the 784-256-128-10 MLP went from 0.65 s to 7.8 s with other work on the two cores); two
 * independent single-threaded halves, one hand-off per step to workers that live for the epoch,
 * are as fast on a quiet machine and degrade
 * gracefully on a busy one (docs/performance.md). The partition and the summation order depend
 * only on T, so the same seed and thread count give bit-identical runs; T = 1 is the plain
 * sequential step, which uses OpenBLAS's threads for its products. Dropout masks are drawn per
 * element of the whole batch from one key per layer and step, so every part gets the masks of
 * its rows, the same as on one thread.
 */
abstract class BatchStep {
  /**
   * How long a thread spins at a barrier (Thread.onSpinWait, a PAUSE of up to ~50 ns on recent
   * Intel cores, so at most about 1 ms) before it naps: long enough to catch a partner that is
   * microseconds behind on a quiet machine, short enough not to burn a core for long when
   * another process needs it. Measured (docs/performance.md): 2,000 spins cost 8 % on a quiet
   * machine and saved 30 % under load; 20,000 is the compromise.
   */
  static final int SPINS = 20_000;

  /**
   * A worker between steps spins as long (about 1 ms): the main thread's optimizer step takes
   * a few hundred microseconds, and waking a parked thread costs tens.
   */
  static final int IDLE_SPINS = 20_000;

  /** Parts smaller than this are not worth a thread hand-off. */
  static final int MIN_ROWS_PER_PART = 16;

  /** An idle worker exits after this long without a step. */
  static final long IDLE_EXIT_NANOS = 2_000_000_000L;

  /** What a step does after the gradients. */
  enum Then {
    /** Nothing: the gradients are the result (tests, gradient checks). */
    STOP,
    /** The optimizer's step, unless the loss is not finite. */
    UPDATE
  }

  /**
   * Computes the gradients of the batch {@code order[from..to)} of ({@code features},
   * {@code targets}) into the network's parameters and, with {@link Then#UPDATE} and a finite
   * loss, takes the optimizer's step; returns the batch's mean loss. Each part gathers its own
   * rows.
   */
  abstract double run(Matrix features, Matrix targets, int[] order, int from, int to, Then then);

  /** One training step on the batch {@code order[from..to)}; returns its mean loss. */
  double step(Matrix features, Matrix targets, int[] order, int from, int to) {
    return run(features, targets, order, from, to, Then.UPDATE);
  }

  /** The gradients of the batch {@code order[from..to)}, no update; returns its mean loss. */
  double lossAndGradients(Matrix features, Matrix targets, int[] order, int from, int to) {
    return run(features, targets, order, from, to, Then.STOP);
  }

  /** The gradients of a batch already gathered into {@code x} and {@code y}, no update. */
  double lossAndGradients(Matrix x, Matrix y) {
    int[] identity = new int[x.rows()];
    for (int i = 0; i < identity.length; i++) {
      identity[i] = i;
    }
    return lossAndGradients(x, y, identity, 0, identity.length);
  }

  /** Whether the optimizer's step runs in row blocks on every thread (tests). */
  boolean updatesInParts() {
    return false;
  }

  /**
   * Gives the BLAS its configured thread count back (after an epoch's batches, before
   * evaluation); the next step takes it again.
   */
  void release() {}

  /** A step without an optimizer: {@link #lossAndGradients} only (tests). */
  static BatchStep of(Sequential network, Loss loss, int batchSize, int inputs, int targetCols,
      int outputs) {
    return of(network, loss, null, batchSize, inputs, targetCols, outputs);
  }

  /**
   * The step for {@code network} and {@code optimizer} (null: {@link Then#STOP} only), on
   * batches of up to {@code batchSize} rows, with {@link Blas#threads()} threads.
   */
  static BatchStep of(Sequential network, Loss loss, Optimizer optimizer, int batchSize,
      int inputs, int targetCols, int outputs) {
    int threads = Math.min(Blas.threads(), Math.max(1, batchSize / MIN_ROWS_PER_PART));
    // -Dtikhonov.step=blas keeps the whole batch on OpenBLAS's own threads (the step before
    // data parallelism), to measure one against the other (docs/performance.md).
    boolean blasThreadsOnly = "blas".equals(System.getProperty("tikhonov.step"));
    if (threads >= 2 && !blasThreadsOnly && BatchParts.supports(network)) {
      return new Parallel(network, loss, optimizer, batchSize, targetCols, threads);
    }
    return new Sequential1(network, loss, optimizer, batchSize, inputs, targetCols, outputs);
  }

  /** One thread: forward, loss, backward. */
  private static final class Sequential1 extends BatchStep {
    private final Sequential network;
    private final Loss loss;
    private final Optimizer optimizer;
    private final Matrix gradient;
    private final Matrix xBatch;
    private final Matrix yBatch;

    Sequential1(Sequential network, Loss loss, Optimizer optimizer, int batchSize, int inputs,
        int targetCols, int outputs) {
      this.network = network;
      this.loss = loss;
      this.optimizer = optimizer;
      this.gradient = Matrix.zeros(batchSize, outputs);
      this.xBatch = Matrix.zeros(batchSize, inputs);
      this.yBatch = Matrix.zeros(batchSize, targetCols);
    }

    @Override
    double run(Matrix features, Matrix targets, int[] order, int from, int to, Then then) {
      Matrix x = xBatch.topRows(to - from);
      Matrix y = yBatch.topRows(to - from);
      Kernels.gatherRows(features, order, from, to, x);
      Kernels.gatherRows(targets, order, from, to, y);
      Matrix out = network.forward(x, Layer.Mode.TRAIN);
      Matrix g = gradient.topRows(x.rows());
      double value = loss.lossAndGradient(out, y, g);
      if (Double.isFinite(value)) {
        network.backward(g);
        if (then == Then.UPDATE) {
          optimizer.step();
        }
      }
      return value;
    }
  }

  /** T threads, one replica each; see the class comment. */
  private static final class Parallel extends BatchStep {
    private final BatchParts parts;
    private final Loss loss;
    private final Optimizer optimizer;
    /** Whether each thread updates its row block right after computing it. */
    private final boolean updateInParts;
    private final Matrix yBatch;
    private final int threads;
    private final double[] partLoss;
    private final Barrier barrier;

    // The batch being worked on, published to the workers by the volatile write of `posted`.
    private Matrix features;
    private Matrix targets;
    private int[] order;
    private int batchFrom;
    private int rows;
    private boolean update;
    private volatile int posted;
    private volatile boolean stopping;
    private final AtomicInteger finished = new AtomicInteger();
    private final Thread[] workerThreads;
    /** exited[t]: 1 when worker t is not running (never started, stopped, or idle-exited). */
    private final AtomicInteger[] exited;
    private volatile Throwable failure;

    Parallel(Sequential network, Loss loss, Optimizer optimizer, int batchSize, int targetCols,
        int threads) {
      this.threads = threads;
      this.loss = loss;
      this.optimizer = optimizer;
      this.updateInParts = optimizer != null && optimizer.canStepInParts()
          && optimizer.parameters().equals(network.parameters());
      parts = new BatchParts(network, batchSize, threads);
      yBatch = Matrix.zeros(batchSize, targetCols);
      partLoss = new double[threads];
      barrier = new Barrier(threads);
      workerThreads = new Thread[threads];
      exited = new AtomicInteger[threads];
      for (int t = 0; t < threads; t++) {
        exited[t] = new AtomicInteger(1);
      }
    }

    /** Rows of part t of a b-row batch: contiguous, sizes differ by at most one. */
    private int partFrom(int rows, int t) {
      return (int) ((long) rows * t / threads);
    }

    private int partRows(int rows, int t) {
      return partFrom(rows, t + 1) - partFrom(rows, t);
    }

    /**
     * Whether an epoch is under way: OpenBLAS single-threaded, workers alive. Workers live for
     * an epoch: changing OpenBLAS's thread count stops or starts its own workers (about
     * 0.5 ms), and a hand-off through a queue costs tens of microseconds, so both happen once
     * per epoch, not per step.
     */
    private boolean running;

    @Override
    boolean updatesInParts() {
      return updateInParts;
    }

    @Override
    void release() {
      if (!running) {
        return;
      }
      running = false;
      stopping = true;
      posted = posted + 1;
      wakeWorkers();
      for (int t = 1; t < threads; t++) {
        Thread w = workerThreads[t];
        if (w != null) {
          try {
            w.join(10_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            break;
          }
        }
      }
      Blas.setWorkerThreads(Blas.threads());
    }

    private void start() {
      Blas.setWorkerThreads(1);
      stopping = false;
      failure = null;
      running = true;
    }

    /**
     * After posting a step: starts worker t if it has exited (or never started). A worker that
     * is about to exit and the main thread race for the same flag, so exactly one of them
     * ends up serving the step (see {@link #workerLoop}).
     */
    private void ensureWorkers() {
      for (int t = 1; t < threads; t++) {
        if (exited[t].compareAndSet(1, 0)) {
          int part = t;
          int seen = posted - 1;
          Thread w = new Thread(() -> workerLoop(part, seen), "tikhonov-batch-" + t);
          w.setDaemon(true);
          workerThreads[t] = w;
          w.start();
        }
      }
    }

    private void wakeWorkers() {
      for (int t = 1; t < threads; t++) {
        Thread w = workerThreads[t];
        if (w != null) {
          LockSupport.unpark(w);
        }
      }
    }

    /**
     * Serves posted steps until told to stop, or until idle for {@link #IDLE_EXIT_NANOS}
     * (a trainer that stopped by an exception never says stop; its workers must not live on).
     */
    private void workerLoop(int t, int seen) {
      long idleSince = System.nanoTime();
      int spins = 0;
      while (true) {
        if (posted != seen) {
          seen = posted;
          if (stopping) {
            exited[t].set(1);
            return;
          }
          try {
            work(t);
          } catch (Barrier.Broken e) {
            // another thread failed first and broke the barrier; its failure is the story
          } catch (RuntimeException | Error e) {
            failure = e;
            barrier.breakBarrier();
          }
          finished.incrementAndGet();
          spins = 0;
          idleSince = System.nanoTime();
          continue;
        }
        // Spin briefly (the next step usually comes within the optimizer's few hundred
        // microseconds), then park until the main thread posts a step and unparks us.
        if (++spins < IDLE_SPINS) {
          Thread.onSpinWait();
          continue;
        }
        if (System.nanoTime() - idleSince > IDLE_EXIT_NANOS && exited[t].compareAndSet(0, 1)) {
          // A step posted meanwhile is ours unless the main thread already started a new
          // worker (it flips the flag back first).
          if (posted != seen && exited[t].compareAndSet(1, 0)) {
            continue;
          }
          return;
        }
        LockSupport.parkNanos(this, 100_000_000L);
      }
    }

    /**
     * Part t of the batch, then (after every part is done) thread t's block of the parameter
     * gradients and, with a fused optimizer, of the optimizer step.
     */
    private void work(int t) {
      runPart(t);
      barrier.await();
      double total = 0;
      for (int s = 0; s < threads; s++) {
        total += partLoss[s];
      }
      if (!Double.isFinite(total)) {
        return;
      }
      parts.parameterGradients(rows, t, threads);
      if (update && updateInParts) {
        optimizer.stepPart(t, threads);
      }
    }

    @Override
    double run(Matrix features, Matrix targets, int[] order, int batchFrom, int batchTo,
        Then then) {
      if (!running) {
        start();
      }
      this.features = features;
      this.targets = targets;
      this.order = order;
      this.batchFrom = batchFrom;
      this.rows = batchTo - batchFrom;
      this.update = then == Then.UPDATE;
      parts.prepareStep(); // one dropout key per layer for the whole batch
      finished.set(0);
      barrier.reset();
      posted = posted + 1;
      ensureWorkers();
      wakeWorkers();
      try {
        work(0);
      } catch (RuntimeException | Error e) {
        barrier.breakBarrier();
        release();
        // This thread's own failure explains itself; a broken barrier here only says that a
        // worker failed first, and the worker's failure is the one to report.
        Throwable cause = e instanceof Barrier.Broken && failure != null ? failure : e;
        if (cause instanceof RuntimeException r) {
          throw r;
        }
        throw (Error) cause;
      }
      int spins = 0;
      while (finished.get() < threads - 1) {
        if (++spins < SPINS) {
          Thread.onSpinWait();
        } else {
          LockSupport.parkNanos(20_000);
        }
      }
      Throwable failed = failure;
      if (failed != null) {
        release();
        if (failed instanceof RuntimeException r) {
          throw r;
        }
        throw (Error) failed;
      }
      double total = 0;
      for (int t = 0; t < threads; t++) {
        total += partLoss[t] * partRows(rows, t);
      }
      double mean = total / rows;
      if (update && Double.isFinite(mean)) {
        if (updateInParts) {
          optimizer.completeStepInParts();
        } else {
          optimizer.step();
        }
      }
      return mean;
    }

    private void runPart(int t) {
      int from = partFrom(rows, t);
      int to = partFrom(rows, t + 1);
      if (to == from) {
        // A batch of fewer rows than threads (a last batch of one row): this part adds
        // nothing, not the 0/0 of an empty mean.
        partLoss[t] = 0;
        return;
      }
      Matrix yp = yBatch.rowRange(from, to);
      Kernels.gatherRows(features, order, batchFrom + from, batchFrom + to,
          parts.inputRows(from, to));
      Kernels.gatherRows(targets, order, batchFrom + from, batchFrom + to, yp);
      Matrix out = parts.forward(from, to);
      Matrix g = parts.outputGradientRows(from, to);
      double value = loss.lossAndGradient(out, yp, g);
      partLoss[t] = value;
      if (!Double.isFinite(value)) {
        return;
      }
      // The part's mean-loss gradient, weighted by its share of the batch.
      Blas.scale((float) ((double) (to - from) / rows), g);
      parts.backward(t, from, to);
    }
  }

  /**
   * A reusable barrier for T parties: spins {@link #SPINS} times (the other thread is normally
   * a few microseconds behind), then naps, so a busy machine is not made busier.
   */
  static final class Barrier {
    /**
     * Thrown by {@link #await} when another party broke the barrier because it failed: never
     * the cause to report, only a sign that another thread holds it.
     */
    static final class Broken extends IllegalStateException {
      Broken() {
        super("another thread of the training step failed");
      }
    }

    private final int parties;
    private final AtomicInteger arrived = new AtomicInteger();
    private volatile int generation;
    private volatile boolean broken;

    Barrier(int parties) {
      this.parties = parties;
    }

    /** Only while no party waits (between steps). */
    void reset() {
      broken = false;
      arrived.set(0);
    }

    void breakBarrier() {
      broken = true;
    }

    void await() {
      int gen = generation;
      if (arrived.incrementAndGet() == parties) {
        arrived.set(0);
        generation = gen + 1;
        return;
      }
      int spins = 0;
      while (generation == gen) {
        if (broken) {
          throw new Broken();
        }
        if (++spins < SPINS) {
          Thread.onSpinWait();
        } else {
          LockSupport.parkNanos(20_000);
        }
      }
    }
  }
}
