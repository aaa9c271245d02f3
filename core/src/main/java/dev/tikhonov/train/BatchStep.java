package dev.tikhonov.train;

import dev.tikhonov.internal.nn.BatchParts;
import dev.tikhonov.loss.Loss;
import dev.tikhonov.nn.Layer;
import dev.tikhonov.nn.Parameter;
import dev.tikhonov.nn.Sequential;
import dev.tikhonov.optim.Optimizer;
import dev.tikhonov.tensor.Blas;
import dev.tikhonov.tensor.Kernels;
import dev.tikhonov.tensor.Matrix;

/**
 * One training step: forward, mean loss and its gradient, back-propagation, leaving
 * ∂(mean loss)/∂θ in every parameter's gradient, then (when the loss is finite) the optimizer's
 * step.
 *
 * <p>With T ≥ 2 threads ({@link Blas#threads()}) and a network of Dense, ReLU and Dropout layers,
 * the batch of B rows is cut into T contiguous parts of B_t rows (fewer parts when each would
 * have under 16 rows or under 32 MFLOP of products per step, {@link #parts}: a small network
 * trains faster on one thread); thread t forwards and back-propagates part t with
 * single-threaded BLAS into whole-batch buffers ({@link BatchParts}), its loss gradient scaled
 * by B_t/B:
 *
 * <pre>  ∇ (1/B) Σ_{i∈B} ℓᵢ = Σ_t (B_t/B) ∇ (1/B_t) Σ_{i∈B_t} ℓᵢ</pre>
 *
 * <p>After a barrier, thread t computes row block t of every weight gradient from the whole
 * batch (one product over all B rows, no sum of per-thread gradients afterwards) and, when the
 * optimizer can step in parts (the fused chains, {@link Optimizer#canStepInParts}), updates
 * the same row block right away, while it is in its cache: the optimizer step runs on all T
 * threads. A first Dense layer with more inputs than twice the batch's rows (images, not a few
 * dozen features; {@link BatchParts.FirstLayer#choose}) is split by its inputs rather than by
 * rows: thread t multiplies input columns R_t of the whole batch by its own row block R_t of
 * the weight, and after a second barrier each part sums the T partial products of its rows; so
 * no thread reads the rows of the first weight that another thread updates ({@link BatchParts}
 * has the math).
 *
 * <p>Why: OpenBLAS's own threads spin, so any other load on the machine stalls them (an epoch
 * of the 784-256-128-10 MLP went from 0.65 s to 7.8 s with other work on the two cores); two
 * independent single-threaded halves, one hand-off per step to workers that live for the epoch,
 * are as fast on a quiet machine and degrade
 * gracefully on a busy one (docs/performance.md). The partition and the summation order depend
 * only on T, so the same seed and thread count give bit-identical runs. One part is the same
 * step on one thread with single-threaded products, when the threads are several but the batch
 * too small to split, or with SGD's plain momentum on one thread (a lane of a sweep,
 * {@code --threads 1}), for the momentum accumulated by its weight-gradient products
 * ({@link ParallelStep}), one pass less over the parameters per step; otherwise, on one
 * thread, the plain sequential step. Dropout masks are drawn per element of the whole batch
 * from one key per layer and step, so every part gets the masks of its rows, the same as on
 * one thread.
 */
abstract class BatchStep {
  /** Parts smaller than this are not worth a thread hand-off. */
  static final int MIN_ROWS_PER_PART = 16;

  /**
   * Nor are parts with fewer floating-point operations of products per step than this (the
   * forward, input-gradient and weight-gradient products of the part's share, 6·B·Σ n_in·n_out
   * / T): about 0.15 ms of one core's SGEMM, against meeting points that cost tens to hundreds
   * of microseconds on a shared virtual machine. Measured on two cores, interleaved
   * (docs/performance-log.md, "Issue 13, ninth session"): a 256-128 MLP on 16 and 128 inputs at
   * batch 128 (29 and 52 MFLOP per step) trained faster on one thread than on two in 9 rounds
   * of 12, by up to 1.9×, and in the other three up to 1.25× slower; on 256 inputs (76 MFLOP)
   * about as fast; Fashion-MNIST's MLP (784 inputs) faster on two from batch 64 (90 MFLOP) up,
   * by 8-35 %, and at batch 32 (45 MFLOP) by 12-16 %, which this threshold gives up.
   */
  static final long MIN_FLOPS_PER_PART = 32_000_000L;

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
   * rows. After an updating step the gradient matrices hold this batch's gradients only when
   * the step stored them: the data-parallel step with plain momentum accumulates them into the
   * momentum buffers instead ({@link ParallelStep}).
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
   * Ends an epoch's batches: the data-parallel step's workers stop. OpenBLAS stays at one
   * thread until {@link #close}, so that the evaluation between epochs does not wake OpenBLAS's
   * own workers, which after each call spin (yielding) for about 0.1 s, into the next epoch,
   * beside the step's threads (docs/performance-log.md, "Issue 13, ninth session").
   */
  void release() {}

  /** After the last epoch, or a failure: {@link #release}, and OpenBLAS has its threads back. */
  void close() {
    release();
  }

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
    String mode = System.getProperty("tikhonov.step", "auto");
    int threads = parts(network, batchSize, Blas.threads(), mode.equals("auto"));
    // -Dtikhonov.step=blas keeps the whole batch on OpenBLAS's own threads (the step before
    // data parallelism), to measure one against the other (docs/performance.md).
    if (!mode.equals("blas") && BatchParts.supports(network) && (threads >= 2
        || Blas.threads() >= 2 || ParallelStep.accumulatesMomentum(network, optimizer))) {
      // One part when the batch is too small to split: then on one thread with single-threaded
      // products (not OpenBLAS's threads, which spin), and with plain momentum, accumulated by
      // the weight-gradient products (a lane of a sweep, --threads 1): one pass less over the
      // parameters.
      return new ParallelStep(network, loss, optimizer, batchSize, targetCols, threads);
    }
    return new Sequential1(network, loss, optimizer, batchSize, inputs, targetCols, outputs);
  }

  /**
   * How many parts the data-parallel step cuts a batch of up to {@code batchSize} rows into on
   * {@code threads} threads: each part at least {@link #MIN_ROWS_PER_PART} rows and, when
   * {@code byWork}, at least {@link #MIN_FLOPS_PER_PART} of products; at least 1.
   */
  static int parts(Sequential network, int batchSize, int threads, boolean byWork) {
    long parts = Math.max(1, batchSize / MIN_ROWS_PER_PART);
    if (byWork) {
      long weights = 0;
      for (Parameter w : network.weights()) {
        weights += w.value().size();
      }
      parts = Math.min(parts, Math.max(1, 6L * batchSize * weights / MIN_FLOPS_PER_PART));
    }
    return (int) Math.min(threads, parts);
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
}
