package dev.tikhonov.train;

import dev.tikhonov.internal.nn.BatchParts;
import dev.tikhonov.internal.nn.StepTimes;
import dev.tikhonov.loss.Loss;
import dev.tikhonov.nn.Sequential;
import dev.tikhonov.optim.MomentumProducts;
import dev.tikhonov.optim.Optimizer;
import dev.tikhonov.tensor.Blas;
import dev.tikhonov.tensor.Kernels;
import dev.tikhonov.tensor.Matrix;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The data-parallel training step on T threads ({@link BatchStep}'s class comment has the
 * math; T = 1 when the batch is too small to split, {@link BatchStep#parts}, or with plain
 * momentum on one thread, {@link #accumulatesMomentum}): this thread and T − 1
 * workers each run a part of the batch through
 * {@link BatchParts} (meeting once more after the first layer's partial products when it is
 * split by inputs), meet at a {@link Barrier}, then each computes its row block of the
 * parameter gradients and of the optimizer step. With SGD's plain momentum the weight-gradient
 * products accumulate straight into the momentum buffers (β = μ, {@link MomentumProducts}), so
 * an updating step leaves the parameters' gradient matrices as they were; the weights then
 * agree with the gradient-then-step order to float rounding, and the same inputs give the same
 * bits. Workers live for an epoch ({@link #release} ends it; OpenBLAS stays at one thread
 * until {@link #close}) and wait between steps as every thread waits at the barriers
 * ({@link Waiter}). Every product of the step's threads runs on one thread
 * ({@link Blas#beginSingleThreadedProducts}: the workers for their life, the trainer's thread
 * from the first step to {@link #close}), a choice of this fit's threads alone: OpenBLAS's
 * process-wide worker count, which this step sets to 1 only to keep OpenBLAS's threads from
 * spinning beside the workers, may be changed by another fit at any moment. Not thread-safe:
 * one trainer drives it, on one thread.
 */
final class ParallelStep extends BatchStep {
  private final BatchParts parts;
  private final Loss loss;
  private final Optimizer optimizer;
  /** Whether each thread updates its row block right after computing it. */
  private final boolean updateInParts;
  /**
   * When updating in parts with momentum: the momentum buffers, into which each thread's
   * weight-gradient products accumulate directly (β = μ), so that the gradient is never
   * stored and read back.
   */
  private final Optional<MomentumProducts> momentum;
  private final Matrix yBatch;
  private final int threads;
  private final double[] partLoss;
  private final Barrier barrier;
  /** waiters[t]: how thread t waits (thread 0 the caller's). */
  private final Waiter[] waiters;

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

  ParallelStep(Sequential network, Loss loss, Optimizer optimizer, int batchSize,
      int targetCols, int threads) {
    this.threads = threads;
    this.loss = loss;
    this.optimizer = optimizer;
    this.updateInParts = stepsInParts(network, optimizer);
    this.momentum = updateInParts ? optimizer.momentumProducts() : Optional.empty();
    parts = new BatchParts(network, batchSize, threads);
    yBatch = Matrix.zeros(batchSize, targetCols);
    partLoss = new double[threads];
    barrier = new Barrier(threads);
    waiters = new Waiter[threads];
    for (int t = 0; t < threads; t++) {
      waiters[t] = Waiter.fromSwitch();
    }
    workerThreads = new Thread[threads];
    exited = new AtomicInteger[threads];
    for (int t = 0; t < threads; t++) {
      exited[t] = new AtomicInteger(1);
    }
  }

  /**
   * Whether this step, on {@code network} with {@code optimizer}, accumulates the momentum in
   * the weight-gradient products ({@link MomentumProducts}): SGD's plain momentum over all of
   * the network's parameters.
   */
  static boolean accumulatesMomentum(Sequential network, Optimizer optimizer) {
    return stepsInParts(network, optimizer) && optimizer.momentumProducts().isPresent();
  }

  /** Whether each thread updates its row block of all of the network's parameters. */
  private static boolean stepsInParts(Sequential network, Optimizer optimizer) {
    return optimizer != null && optimizer.canStepInParts()
        && optimizer.parameters().equals(network.parameters());
  }

  /** Rows of part t of a b-row batch: contiguous, sizes differ by at most one. */
  private int partFrom(int rows, int t) {
    return BatchParts.blockStart(rows, t, threads);
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
    if (StepTimes.ON) {
      System.err.println(StepTimes.report(threads));
    }
  }

  /** The thread whose products run single-threaded from {@link #start} to {@link #close}. */
  private Thread singleThreadedOn;

  @Override
  void close() {
    release();
    if (singleThreadedOn == Thread.currentThread()) {
      Blas.endSingleThreadedProducts();
      singleThreadedOn = null;
    }
    Blas.setWorkerThreads(Blas.threads());
  }

  private void start() {
    Blas.setWorkerThreads(1);
    if (singleThreadedOn == null) {
      Blas.beginSingleThreadedProducts();
      singleThreadedOn = Thread.currentThread();
    }
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
        Thread w = new Thread(() -> {
          Blas.beginSingleThreadedProducts();
          workerLoop(part, seen);
        }, "tikhonov-batch-" + t);
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
    Waiter waiter = waiters[t];
    waiter.begin();
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
        idleSince = System.nanoTime();
        waiter.begin();
        continue;
      }
      // Spin, then yield (the next step usually comes within microseconds), then park until
      // the main thread posts a step and unparks us.
      if (waiter.spinOrYield()) {
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
    long t0 = StepTimes.now();
    barrier.await(waiters[t]);
    StepTimes.add(t, StepTimes.Phase.BARRIER, t0);
    if (!Double.isFinite(batchLoss())) {
      return; // no update: the caller's thread sees the same loss and does not count a step
    }
    if (update && momentum.isPresent()) {
      MomentumProducts m = momentum.get();
      parts.parameterGradients(rows, t, m::buffer, m.momentum());
      long t1 = StepTimes.now();
      optimizer.stepPartFromMomentum(t, threads);
      StepTimes.add(t, StepTimes.Phase.OPTIMIZER, t1);
      return;
    }
    parts.parameterGradients(rows, t);
    if (update && updateInParts) {
      long t1 = StepTimes.now();
      optimizer.stepPart(t, threads);
      StepTimes.add(t, StepTimes.Phase.OPTIMIZER, t1);
    }
  }

  @Override
  double run(Matrix features, Matrix targets, int[] order, int batchFrom, int batchTo,
      Then then) {
    long t0 = StepTimes.now();
    StepTimes.countStep();
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
    t0 = StepTimes.add(0, StepTimes.Phase.OTHER, t0);
    try {
      work(0);
    } catch (RuntimeException | Error e) {
      barrier.breakBarrier();
      close();
      // This thread's own failure explains itself; a broken barrier here only says that a
      // worker failed first, and the worker's failure is the one to report.
      Throwable cause = e instanceof Barrier.Broken && failure != null ? failure : e;
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw (Error) cause;
    }
    t0 = StepTimes.now();
    Waiter waiter = waiters[0];
    waiter.begin();
    while (finished.get() < threads - 1) {
      waiter.pause();
    }
    t0 = StepTimes.add(0, StepTimes.Phase.END_WAIT, t0);
    Throwable failed = failure;
    if (failed != null) {
      close();
      if (failed instanceof RuntimeException r) {
        throw r;
      }
      throw (Error) failed;
    }
    double mean = batchLoss();
    if (update && Double.isFinite(mean)) {
      if (updateInParts) {
        optimizer.completeStepInParts();
      } else {
        optimizer.step();
      }
    }
    StepTimes.add(0, StepTimes.Phase.OTHER, t0);
    return mean;
  }

  /**
   * The batch's mean loss from every part's (each weighted by its rows), once every part has
   * its loss: every thread decides from this one number whether the step updates.
   */
  private double batchLoss() {
    double total = 0;
    for (int t = 0; t < threads; t++) {
      total += partLoss[t] * partRows(rows, t);
    }
    return total / rows;
  }

  private void runPart(int t) {
    int from = partFrom(rows, t);
    int to = partFrom(rows, t + 1);
    long t0 = StepTimes.now();
    parts.gatherInput(t, features, order, batchFrom, rows);
    Matrix yp = yBatch.rowRange(from, to);
    Kernels.gatherRows(targets, order, batchFrom + from, batchFrom + to, yp);
    StepTimes.add(t, StepTimes.Phase.GATHER, t0);
    if (parts.splitsInput()) {
      // every part's first layer sums every thread's partial product of its rows
      parts.forwardInputBlock(t, rows);
      t0 = StepTimes.now();
      barrier.await(waiters[t]);
      StepTimes.add(t, StepTimes.Phase.BARRIER, t0);
    }
    if (to == from) {
      // A batch of fewer rows than threads (a last batch of one row): this part adds
      // nothing, not the 0/0 of an empty mean.
      partLoss[t] = 0;
      return;
    }
    Matrix out = parts.forward(t, from, to);
    t0 = StepTimes.now();
    Matrix g = parts.outputGradientRows(from, to);
    double value = loss.lossAndGradient(out, yp, g);
    partLoss[t] = value;
    if (!Double.isFinite(value)) {
      return;
    }
    // The part's mean-loss gradient, weighted by its share of the batch.
    Blas.scale((float) ((double) (to - from) / rows), g);
    StepTimes.add(t, StepTimes.Phase.LOSS, t0);
    parts.backward(t, from, to);
  }
}
