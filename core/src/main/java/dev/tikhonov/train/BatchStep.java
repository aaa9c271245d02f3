package dev.tikhonov.train;

import dev.tikhonov.loss.Loss;
import dev.tikhonov.nn.Layer;
import dev.tikhonov.nn.Parameter;
import dev.tikhonov.nn.Sequential;
import dev.tikhonov.tensor.Blas;
import dev.tikhonov.tensor.Kernels;
import dev.tikhonov.tensor.Matrix;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The data part of one training step: forward, mean loss and its gradient, back-propagation,
 * leaving ∂(mean loss)/∂θ in every parameter's gradient.
 *
 * <p>With T ≥ 2 threads ({@link Blas#threads()}) and a network of Dense/ReLU/Dropout layers,
 * the batch of B rows is cut into T contiguous parts of B_t rows; part t runs on its own
 * replica of the network (shared weights, own gradients and buffers) in its own thread, with
 * single-threaded BLAS, and its loss gradient is scaled by B_t/B. The replicas' gradients are
 * then added into the network's in the fixed order t = 1..T−1:
 *
 * <pre>  ∇ (1/B) Σ_{i∈B} ℓᵢ = Σ_t (B_t/B) ∇ (1/B_t) Σ_{i∈B_t} ℓᵢ</pre>
 *
 * <p>Why: for mini-batch products (128×784 by 784×256) OpenBLAS's own threads cost more in
 * hand-offs than they gain, and they spin, so any other load on the machine stalls them; one
 * hand-off per step and two independent single-threaded halves use both cores instead. The
 * partition and the summation order depend only on T, so the same seed and thread count give
 * bit-identical runs; T = 1 is the plain sequential step.
 */
abstract class BatchStep {
  /** Parts smaller than this are not worth a thread hand-off. */
  static final int MIN_ROWS_PER_PART = 16;

  /**
   * A fixed set of workers, one per extra core, waiting on a queue; daemons (the JVM can exit)
   * that retire after 10 s idle.
   */
  static final ExecutorService POOL = pool();

  private static ExecutorService pool() {
    int size = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    ThreadPoolExecutor pool = new ThreadPoolExecutor(size, size, 10, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), r -> {
          Thread thread = new Thread(r, "tikhonov-batch");
          thread.setDaemon(true);
          return thread;
        });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /**
   * Computes the gradients of the batch {@code order[from..to)} of ({@code features},
   * {@code targets}) into the network's parameters; returns the batch's mean loss. Each part
   * gathers its own rows.
   */
  abstract double lossAndGradients(Matrix features, Matrix targets, int[] order, int from,
      int to);

  /** The step on a batch already gathered into {@code x} and {@code y}. */
  double lossAndGradients(Matrix x, Matrix y) {
    int[] identity = new int[x.rows()];
    for (int i = 0; i < identity.length; i++) {
      identity[i] = i;
    }
    return lossAndGradients(x, y, identity, 0, identity.length);
  }

  /**
   * Gives the BLAS its configured thread count back (after an epoch's batches, before
   * evaluation); the next step takes it again.
   */
  void release() {}

  static BatchStep of(Sequential network, Loss loss, int batchSize, int inputs, int targetCols,
      int outputs) {
    int threads = Math.min(Blas.threads(), Math.max(1, batchSize / MIN_ROWS_PER_PART));
    // -Dtikhonov.step=blas keeps the whole batch on OpenBLAS's own threads (the step before
    // data parallelism), to measure one against the other (docs/performance.md).
    boolean blasThreadsOnly = "blas".equals(System.getProperty("tikhonov.step"));
    if (threads >= 2 && !blasThreadsOnly && network.canReplicate()) {
      return new Parallel(network, loss, batchSize, inputs, targetCols, outputs, threads);
    }
    return new Sequential1(network, loss, batchSize, inputs, targetCols, outputs);
  }

  /** One thread: forward, loss, backward. */
  private static final class Sequential1 extends BatchStep {
    private final Sequential network;
    private final Loss loss;
    private final Matrix gradient;
    private final Matrix xBatch;
    private final Matrix yBatch;

    Sequential1(Sequential network, Loss loss, int batchSize, int inputs, int targetCols,
        int outputs) {
      this.network = network;
      this.loss = loss;
      this.gradient = Matrix.zeros(batchSize, outputs);
      this.xBatch = Matrix.zeros(batchSize, inputs);
      this.yBatch = Matrix.zeros(batchSize, targetCols);
    }

    @Override
    double lossAndGradients(Matrix features, Matrix targets, int[] order, int from, int to) {
      Matrix x = xBatch.topRows(to - from);
      Matrix y = yBatch.topRows(to - from);
      Kernels.gatherRows(features, order, from, to, x);
      Kernels.gatherRows(targets, order, from, to, y);
      Matrix out = network.forward(x, Layer.Mode.TRAIN);
      Matrix g = gradient.topRows(x.rows());
      double value = loss.lossAndGradient(out, y, g);
      if (Double.isFinite(value)) {
        network.backward(g);
      }
      return value;
    }
  }

  /** T threads, one replica each; see the class comment. */
  private static final class Parallel extends BatchStep {
    private final Sequential[] replicas;
    private final Loss loss;
    private final Matrix[] gradients;
    private final Matrix[] xParts;
    private final Matrix[] yParts;
    private final List<List<Parameter>> parameters = new ArrayList<>();
    private final int threads;
    private final double[] partLoss;

    Parallel(Sequential network, Loss loss, int batchSize, int inputs, int targetCols,
        int outputs, int threads) {
      this.threads = threads;
      this.loss = loss;
      replicas = new Sequential[threads];
      gradients = new Matrix[threads];
      xParts = new Matrix[threads];
      yParts = new Matrix[threads];
      partLoss = new double[threads];
      for (int t = 0; t < threads; t++) {
        replicas[t] = t == 0 ? network : network.replicate();
        gradients[t] = Matrix.zeros(partRows(batchSize, t), outputs);
        xParts[t] = Matrix.zeros(partRows(batchSize, t), inputs);
        yParts[t] = Matrix.zeros(partRows(batchSize, t), targetCols);
        parameters.add(replicas[t].parameters());
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
     * Whether OpenBLAS runs single-threaded for the replicas now. Changing OpenBLAS's thread
     * count stops or starts its workers (about 0.5 ms), so it is done once per epoch, not per
     * step.
     */
    private boolean blasSingle;

    @Override
    void release() {
      if (blasSingle) {
        org.bytedeco.openblas.global.openblas_full.openblas_set_num_threads(Blas.threads());
        blasSingle = false;
      }
    }

    @Override
    double lossAndGradients(Matrix features, Matrix targets, int[] order, int batchFrom,
        int batchTo) {
      int rows = batchTo - batchFrom;
      if (!blasSingle) {
        org.bytedeco.openblas.global.openblas_full.openblas_set_num_threads(1);
        blasSingle = true;
      }
      try {
        List<Future<?>> pending = new ArrayList<>(threads - 1);
        for (int t = 1; t < threads; t++) {
          int part = t;
          pending.add(POOL.submit(() -> runPart(part, features, targets, order, batchFrom, rows)));
        }
        runPart(0, features, targets, order, batchFrom, rows);
        for (Future<?> f : pending) {
          f.get();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted during a training step", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        if (e.getCause() instanceof Error err) {
          throw err;
        }
        throw new IllegalStateException(e.getCause());
      } catch (RuntimeException | Error e) {
        release();
        throw e;
      }
      double total = 0;
      for (int t = 0; t < threads; t++) {
        total += partLoss[t] * partRows(rows, t);
      }
      double mean = total / rows;
      if (Double.isFinite(mean)) {
        List<Parameter> main = parameters.get(0);
        for (int t = 1; t < threads; t++) {
          List<Parameter> other = parameters.get(t);
          for (int k = 0; k < main.size(); k++) {
            // numpy: g_main += g_t, always in the order t = 1, 2, …
            Blas.axpy(1f, other.get(k).gradient(), main.get(k).gradient());
          }
        }
      }
      return mean;
    }

    private void runPart(int t, Matrix features, Matrix targets, int[] order, int batchFrom,
        int rows) {
      int from = partFrom(rows, t);
      int to = partFrom(rows, t + 1);
      Matrix xp = xParts[t].topRows(to - from);
      Matrix yp = yParts[t].topRows(to - from);
      Kernels.gatherRows(features, order, batchFrom + from, batchFrom + to, xp);
      Kernels.gatherRows(targets, order, batchFrom + from, batchFrom + to, yp);
      Matrix out = replicas[t].forward(xp, Layer.Mode.TRAIN);
      Matrix g = gradients[t].topRows(to - from);
      double value = loss.lossAndGradient(out, yp, g);
      partLoss[t] = value;
      if (!Double.isFinite(value)) {
        return;
      }
      // The part's mean-loss gradient, weighted by its share of the batch.
      Blas.scale((float) ((double) (to - from) / rows), g);
      replicas[t].backward(g);
    }

  }
}
