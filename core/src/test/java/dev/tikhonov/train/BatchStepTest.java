package dev.tikhonov.train;

import dev.tikhonov.loss.Family;
import dev.tikhonov.optim.Optimizers;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.loss.Loss;
import dev.tikhonov.loss.SoftmaxCrossEntropy;
import dev.tikhonov.nn.Architecture;
import dev.tikhonov.nn.Initializer;
import dev.tikhonov.nn.Parameter;
import dev.tikhonov.nn.Sequential;
import dev.tikhonov.optim.OptimizerConfig;
import dev.tikhonov.regularize.Penalty;
import dev.tikhonov.tensor.Blas;
import dev.tikhonov.tensor.Matrix;
import dev.tikhonov.tensor.Rng;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class BatchStepTest {
  private final int savedThreads = Blas.threads();

  @AfterEach
  void restoreThreads() {
    Blas.setThreads(savedThreads);
  }

  static Sequential network(double dropout) {
    return Architecture.mlp(dropout, 24, 12).build(7, 4, Initializer.pytorchDefault(),
        new Rng(3), new Rng(4));
  }

  static Matrix[] batch(int rows) {
    Rng rng = new Rng(11);
    Matrix x = Matrix.zeros(rows, 7);
    Matrix y = Matrix.zeros(rows, 1);
    for (int i = 0; i < rows; i++) {
      y.put(i, rng.nextInt(4));
      for (int j = 0; j < 7; j++) {
        x.set(i, j, (float) rng.nextGaussian());
      }
    }
    return new Matrix[] {x, y};
  }

  static float[][] gradients(Sequential network) {
    List<Parameter> ps = network.parameters();
    float[][] out = new float[ps.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = ps.get(i).gradient().toArray();
    }
    return out;
  }

  @Test
  void parallelStep_givesTheFullBatchGradientOfTheSequentialStep() {
    assertSequentialGradient(2);
  }

  /**
   * The first layer split by its inputs (the default) or, with the measurement switch, by rows
   * like the other layers, on two threads and on three (7 inputs: blocks of 2, 2 and 3): the
   * same gradient as one thread's, to float rounding.
   */
  @Test
  void parallelStep_firstLayerByInputsOrRows_givesTheSequentialGradient() {
    for (String first : new String[] {"inputs", "rows"}) {
      System.setProperty("tikhonov.step.first", first);
      try {
        for (int threads : new int[] {2, 3}) {
          assertSequentialGradient(threads);
        }
      } finally {
        System.clearProperty("tikhonov.step.first");
      }
    }
  }

  /** The data-parallel steps made from now on split the first layer as {@code split} says. */
  private static void firstLayer(String split) {
    System.setProperty("tikhonov.step.first", split);
  }

  /**
   * These tests are about the data-parallel step, on networks far too small for the default
   * rule to split ({@link BatchStep#parts}): the switch splits them whatever their work.
   */
  @BeforeEach
  void splitWhateverTheWork() {
    System.setProperty("tikhonov.step", "parts");
  }

  @AfterEach
  void clearSwitches() {
    System.clearProperty("tikhonov.step");
    System.clearProperty("tikhonov.step.first");
  }

  /**
   * By default a batch is cut into no more parts than have 16 rows and 32 MFLOP of products
   * each: Fashion-MNIST's MLP at batch 128 (180 MFLOP per step) into up to five, at batch 32
   * (45 MFLOP) into one, a 16-input one (29 MFLOP) and this class's 7-input one into one, which
   * then runs on this thread with single-threaded products and gives OpenBLAS its threads back
   * after the epoch.
   */
  @Test
  void defaultRule_splitsABatchOnlyWhenEachPartHasEnoughWork() {
    Sequential images = Architecture.mlp(0, 256, 128).build(784, 10,
        Initializer.pytorchDefault(), new Rng(1), new Rng(2));
    Sequential narrow = Architecture.mlp(0, 256, 128).build(16, 10,
        Initializer.pytorchDefault(), new Rng(1), new Rng(2));
    assertEquals(2, BatchStep.parts(images, 128, 2, true));
    assertEquals(5, BatchStep.parts(images, 128, 8, true), "six would have 30 MFLOP each");
    assertEquals(8, BatchStep.parts(images, 128, 8, false), "by rows alone");
    assertEquals(1, BatchStep.parts(images, 32, 2, true), "two would have 23 MFLOP each");
    assertEquals(2, BatchStep.parts(images, 64, 2, true));
    assertEquals(1, BatchStep.parts(narrow, 128, 2, true));
    assertEquals(2, BatchStep.parts(narrow, 128, 2, false), "by rows alone");
    assertEquals(1, BatchStep.parts(images, 31, 2, false), "parts of fewer than 16 rows");
    assertEquals(1, BatchStep.parts(network(0), 67, 2, true));

    System.clearProperty("tikhonov.step");
    Matrix[] data = batch(67);
    Blas.setThreads(2);
    RecordingLoss loss = new RecordingLoss();
    BatchStep step = BatchStep.of(network(0), loss, 67, 7, 1, 4);
    step.lossAndGradients(data[0], data[1]);
    assertEquals(Map.of(Thread.currentThread().getName(), 67), loss.rowsByThread);
    assertEquals(1, Blas.workerThreads(), "single-threaded products, not OpenBLAS's threads");
    step.release();
    assertEquals(1, Blas.workerThreads(), "still one thread between epochs");
    step.close();
    assertEquals(2, Blas.workerThreads(), "OpenBLAS's threads given back");
  }

  private static void assertSequentialGradient(int threads) {
    Matrix[] data = batch(67); // odd row count: parts of 33 and 34 rows on two threads
    Blas.setThreads(1);
    Sequential one = network(0);
    double lossOne = BatchStep.of(one, new SoftmaxCrossEntropy(), 67, 7, 1, 4)
        .lossAndGradients(data[0], data[1]);
    Blas.setThreads(threads);
    Sequential two = network(0);
    BatchStep step = BatchStep.of(two, new SoftmaxCrossEntropy(), 67, 7, 1, 4);
    assertTrue(step instanceof ParallelStep, threads + " threads");
    double lossTwo = step.lossAndGradients(data[0], data[1]);
    step.close();
    assertEquals(lossOne, lossTwo, 1e-6 * Math.abs(lossOne), threads + " threads");
    float[][] a = gradients(one);
    float[][] b = gradients(two);
    for (int p = 0; p < a.length; p++) {
      double scale = 0;
      for (float v : a[p]) {
        scale = Math.max(scale, Math.abs(v));
      }
      for (int k = 0; k < a[p].length; k++) {
        assertEquals(a[p][k], b[p][k], 1e-5 * scale + 1e-7,
            threads + " threads, parameter " + p + " element " + k);
      }
    }
  }

  /**
   * Softmax cross-entropy that records which thread computed how many rows (and which threads
   * those were), fails on threads whose name starts with {@link #failOn}, and is late on those
   * whose name starts with {@link #lateOn}.
   */
  static final class RecordingLoss implements Loss {
    final Loss inner = new SoftmaxCrossEntropy();
    final Map<String, Integer> rowsByThread = new ConcurrentHashMap<>();
    final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    volatile String failOn;
    /** Whether a failing thread first waits (up to 10 s) until another thread has a part. */
    volatile boolean failAfterOthers;
    /** Threads whose name starts with this are 20 ms late with their part's loss. */
    volatile String lateOn = "nobody";
    /** When set, every part's loss is this value (its gradient the inner loss's). */
    volatile double partLoss = Double.NaN;

    @Override
    public double lossAndGradient(Matrix prediction, Matrix target, Matrix out) {
      Thread me = Thread.currentThread();
      if (me.getName().startsWith(lateOn)) {
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          me.interrupt();
        }
      }
      threads.add(me);
      rowsByThread.merge(me.getName(), prediction.rows(), Integer::sum);
      String fail = failOn;
      if (fail != null && me.getName().startsWith(fail)) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (failAfterOthers && threads.size() < 2 && System.nanoTime() < deadline) {
          Thread.onSpinWait();
        }
        throw new IllegalStateException("part failed on " + me.getName());
      }
      double value = inner.lossAndGradient(prediction, target, out);
      return Double.isNaN(partLoss) ? value : partLoss;
    }

    @Override
    public double sum(Matrix prediction, Matrix target) {
      return inner.sum(prediction, target);
    }

    @Override
    public String name() {
      return inner.name();
    }
  }

  /**
   * With 2 threads the data-parallel branch runs: the 67 rows are split 33 / 34 between this
   * thread and a worker, OpenBLAS is single-threaded during the epoch, and gets its 2 threads
   * back at release. (A silent fallback to the sequential step would compute the same gradient;
   * only this tells them apart.)
   */
  @Test
  void parallelStep_runsHalfTheRowsOnAWorkerAndGivesOpenBlasItsThreadsBack() {
    Matrix[] data = batch(67);
    Blas.setThreads(2);
    assertEquals(2, Blas.workerThreads());
    RecordingLoss loss = new RecordingLoss();
    BatchStep step = BatchStep.of(network(0), loss, 67, 7, 1, 4);
    step.lossAndGradients(data[0], data[1]);
    assertEquals(Map.of(Thread.currentThread().getName(), 33, "tikhonov-batch-1", 34),
        loss.rowsByThread);
    assertEquals(1, Blas.workerThreads(), "single-threaded BLAS while the workers run");
    step.release();
    assertEquals(1, Blas.workerThreads(), "still one thread between epochs");
    step.close();
    assertEquals(2, Blas.workerThreads(), "OpenBLAS's threads given back");

    // one thread: the sequential step, all rows on this thread
    Blas.setThreads(1);
    assertAllRowsOnThisThread(network(0), data);
    assertAllRowsOnThisThread(network(0.2), data);
  }

  private static void assertAllRowsOnThisThread(Sequential net, Matrix[] data) {
    RecordingLoss sequential = new RecordingLoss();
    BatchStep step = BatchStep.of(net, sequential, data[0].rows(), 7, 1, 4);
    step.lossAndGradients(data[0], data[1]);
    step.close();
    assertEquals(Map.of(Thread.currentThread().getName(), data[0].rows()),
        sequential.rowsByThread);
  }

  /**
   * The worker's part fails mid-batch: the step throws that failure (not a hang, not the
   * generic broken-barrier message of this thread), the worker exits, OpenBLAS has its threads
   * back, and the next step on the same data runs and matches the sequential gradient.
   */
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void parallelStep_workerFailingMidBatch_throwsItStopsTheWorkerAndRestoresOpenBlas()
      throws Exception {
    Matrix[] data = batch(64);
    Blas.setThreads(2);
    for (int round = 0; round < 3; round++) {
      // the first layer split by inputs (an extra meeting point) and by rows, in turn
      firstLayer(round % 2 == 0 ? "inputs" : "rows");
      RecordingLoss loss = new RecordingLoss();
      loss.failOn = "tikhonov-batch-";
      BatchStep step = BatchStep.of(network(0), loss, 64, 7, 1, 4);
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> step.lossAndGradients(data[0], data[1]));
      assertEquals("part failed on tikhonov-batch-1", e.getMessage());
      assertEquals(2, Blas.workerThreads(), "OpenBLAS's threads given back");
      assertEquals(32, loss.rowsByThread.get("tikhonov-batch-1"), "the worker's half");
      for (Thread t : loss.threads) {
        if (t != Thread.currentThread()) {
          t.join(10_000);
          assertTrue(!t.isAlive(), "worker " + t.getName() + " still running");
        }
      }
    }
    // the next step is not held up by anything the failed one left behind
    Sequential next = network(0);
    BatchStep again = BatchStep.of(next, new SoftmaxCrossEntropy(), 64, 7, 1, 4);
    again.lossAndGradients(data[0], data[1]);
    again.close();
    Blas.setThreads(1);
    Sequential reference = network(0);
    BatchStep.of(reference, new SoftmaxCrossEntropy(), 64, 7, 1, 4)
        .lossAndGradients(data[0], data[1]);
    float[][] a = gradients(reference);
    float[][] b = gradients(next);
    for (int p = 0; p < a.length; p++) {
      assertArrayEquals(a[p], b[p], 1e-5f, "parameter " + p);
    }
  }

  /**
   * This thread's part fails while the worker waits at the barrier: the step throws this
   * thread's own failure, not the worker's "another thread of the training step failed", the
   * worker exits and OpenBLAS has its threads back.
   */
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void parallelStep_callerFailingMidBatch_throwsItsOwnFailure() throws Exception {
    Matrix[] data = batch(64);
    Blas.setThreads(2);
    String me = Thread.currentThread().getName();
    for (int round = 0; round < 3; round++) {
      // the first layer split by inputs (an extra meeting point) and by rows, in turn
      firstLayer(round % 2 == 0 ? "inputs" : "rows");
      RecordingLoss loss = new RecordingLoss();
      loss.failOn = me;
      loss.failAfterOthers = true; // the worker is in its part, then waits at the barrier
      BatchStep step = BatchStep.of(network(0), loss, 64, 7, 1, 4);
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> step.lossAndGradients(data[0], data[1]));
      assertEquals("part failed on " + me, e.getMessage());
      assertTrue(!(e instanceof Barrier.Broken), "not the barrier's own exception");
      assertEquals(2, Blas.workerThreads(), "OpenBLAS's threads given back");
      assertEquals(32, loss.rowsByThread.get("tikhonov-batch-1"), "the worker ran its half");
      for (Thread t : loss.threads) {
        if (t != Thread.currentThread()) {
          t.join(10_000);
          assertTrue(!t.isAlive(), "worker " + t.getName() + " still running");
        }
      }
    }
  }

  /**
   * The regression test of commit fb8bf14 / a56ef11: a run stopped by an exception in the
   * middle of an epoch (a listener here, as a crash would) leaves OpenBLAS with its threads, and
   * the next fit on the same machine finishes instead of waiting for a parked worker.
   */
  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void trainerStoppedMidEpoch_givesOpenBlasItsThreadsBack_andTheNextFitFinishes() {
    Blas.setThreads(2);
    Rng rng = new Rng(5);
    Matrix x = Matrix.zeros(256, 7);
    Matrix y = Matrix.zeros(256, 1);
    for (int i = 0; i < 256; i++) {
      y.put(i, rng.nextInt(4));
      for (int j = 0; j < 7; j++) {
        x.set(i, j, (float) rng.nextGaussian());
      }
    }
    Dataset data = new Dataset(x, y, List.of("a", "b", "c", "d", "e", "f", "g"),
        List.of("0", "1", "2", "3"), "blobs");
    TrainConfig config = new TrainConfig(3, 64, 1, Penalty.none(), Optimizers.sgd(0.1), 0);
    ModelSpec spec = ModelSpec.parse("mlp:24,12", 0, Family.MULTINOMIAL);
    RuntimeException crash = new RuntimeException("crash in epoch 2");
    RecordingLoss seen = new RecordingLoss();
    TrainingListener crashing = new TrainingListener() {
      @Override
      public void onBatch(int epoch, int batch, double loss) {
        seen.threads.add(Thread.currentThread());
        if (epoch == 2 && batch == 2) {
          throw crash;
        }
        assertEquals(1, Blas.workerThreads(), "the data-parallel step holds OpenBLAS at 1");
      }
    };
    RuntimeException thrown = assertThrows(RuntimeException.class,
        () -> Training.fit(spec, data, null, null, config, crashing, null, null));
    assertSame(crash, thrown);
    assertEquals(2, Blas.workerThreads(), "OpenBLAS's threads given back after the crash");
    Training.Outcome next = Training.fit(spec, data, null, null, config,
        TrainingListener.none(), null, null);
    assertEquals(3, next.result().history().epochs().size());
    assertEquals(2, Blas.workerThreads());
  }

  /**
   * The data-parallel step with the fused optimizer updates each thread's row block right
   * after summing it: without plain momentum (here Nesterov's) the weights are bit for bit those
   * of the summed gradient followed by one whole optimizer step; with it, the weight-gradient
   * products accumulate into the momentum buffers (β = μ), and the weights agree to float
   * rounding (MomentumProducts), step after step. On one thread the step is this one only with
   * plain momentum (for the accumulation); otherwise it is the plain sequential step.
   */
  @Test
  void parallelStep_updateInParts_equalsTheGradientThenOneOptimizerStep() {
    Matrix[] data = batch(67);
    for (int threads : new int[] {1, 2}) {
      Blas.setThreads(threads);
      for (OptimizerConfig config : List.of(Optimizers.nesterov(0.05, 0.9),
          Optimizers.sgd(0.05).momentum(0.9))) {
        stepInParts_equalsTheGradientThenOneOptimizerStep(data, config, threads);
      }
    }
  }

  private static void stepInParts_equalsTheGradientThenOneOptimizerStep(Matrix[] data,
      OptimizerConfig config, int threads) {
    var chain = dev.tikhonov.optim.Optimizers.chain(config, Penalty.l2(0.01));
    Sequential a = network(0);
    dev.tikhonov.optim.Optimizer oa = dev.tikhonov.optim.Optimizer.of(chain, a.parameters());
    boolean accumulates = oa.momentumProducts().isPresent();
    assertEquals(config.kind() == OptimizerConfig.Kind.MOMENTUM, accumulates);
    BatchStep inParts = BatchStep.of(a, new SoftmaxCrossEntropy(), oa, 67, 7, 1, 4);
    assertEquals(threads >= 2 || accumulates, inParts.updatesInParts(),
        "the fused optimizer steps in parts, " + threads + " threads");
    Sequential b = network(0);
    dev.tikhonov.optim.Optimizer ob = dev.tikhonov.optim.Optimizer.of(chain, b.parameters());
    BatchStep whole = BatchStep.of(b, new SoftmaxCrossEntropy(), 67, 7, 1, 4);
    int[] order = new int[67];
    for (int i = 0; i < 67; i++) {
      order[i] = (i * 31) % 67;
    }
    for (int s = 0; s < 4; s++) {
      double la = inParts.step(data[0], data[1], order, 0, 67);
      double lb = whole.lossAndGradients(data[0], data[1], order, 0, 67);
      ob.step();
      assertEquals(lb, la, accumulates ? 1e-6 : 0, config.describe());
    }
    inParts.close();
    whole.close();
    assertEquals(4, oa.stepCount());
    for (int p = 0; p < a.parameters().size(); p++) {
      float[] expected = b.parameters().get(p).value().toArray();
      float[] actual = a.parameters().get(p).value().toArray();
      if (!accumulates) {
        assertArrayEquals(expected, actual, config.describe() + ", parameter " + p);
        continue;
      }
      for (int i = 0; i < expected.length; i++) {
        assertEquals(expected[i], actual[i], 1e-6 * (1 + Math.abs(expected[i])),
            config.describe() + ", parameter " + p + "[" + i + "]");
      }
    }
  }

  /**
   * Every thread decides whether the step updates from the one batch loss the caller returns:
   * part losses of 1e307, finite each and in their plain sum, overflow the batch's row-weighted
   * sum, and then no thread updates its rows and no step is counted (the workers summed the
   * parts unweighted and updated while the caller did not count the step).
   */
  @Test
  void parallelStep_batchLossOverflowingOnlyWhenWeighted_updatesNoRows() {
    Matrix[] data = batch(67);
    Blas.setThreads(2);
    Sequential net = network(0);
    var optimizer = dev.tikhonov.optim.Optimizer.of(
        Optimizers.chain(Optimizers.sgd(0.05).momentum(0.9), Penalty.none()), net.parameters());
    RecordingLoss loss = new RecordingLoss();
    loss.partLoss = 1e307;
    BatchStep step = BatchStep.of(net, loss, optimizer, 67, 7, 1, 4);
    float[][] before = new float[net.parameters().size()][];
    for (int p = 0; p < before.length; p++) {
      before[p] = net.parameters().get(p).value().toArray();
    }
    double value = step.step(data[0], data[1], identityOrder(67), 0, 67);
    step.close();
    assertEquals(Double.POSITIVE_INFINITY, value);
    assertEquals(2, loss.threads.size(), "both threads had a part");
    assertEquals(0, optimizer.stepCount());
    for (int p = 0; p < before.length; p++) {
      assertArrayEquals(before[p], net.parameters().get(p).value().toArray(), "parameter " + p);
    }
  }

  private static int[] identityOrder(int n) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    return order;
  }

  /** A batch of fewer rows than threads (a last batch of one row) is a finite step. */
  @Test
  void parallelStep_batchOfOneRow_givesTheSequentialGradient() {
    Matrix[] data = batch(1);
    Blas.setThreads(1);
    Sequential one = network(0);
    double lossOne = BatchStep.of(one, new SoftmaxCrossEntropy(), 64, 7, 1, 4)
        .lossAndGradients(data[0], data[1]);
    Blas.setThreads(2);
    Sequential two = network(0);
    BatchStep step = BatchStep.of(two, new SoftmaxCrossEntropy(), 64, 7, 1, 4);
    step.lossAndGradients(batch(64)[0], batch(64)[1]); // leaves gradients in both replicas
    double lossTwo = step.lossAndGradients(data[0], data[1]);
    step.close();
    assertTrue(Double.isFinite(lossTwo));
    assertEquals(lossOne, lossTwo, 1e-6 * Math.abs(lossOne));
    float[][] a = gradients(one);
    float[][] b = gradients(two);
    for (int p = 0; p < a.length; p++) {
      assertArrayEquals(a[p], b[p], 1e-6f, "parameter " + p);
    }
  }

  /**
   * Dropout on the data-parallel step: each part draws the masks of its own rows of the batch
   * from the step's one key, so two threads compute the gradient of one thread with the very
   * same masks (equal up to the order of the gradient sum), and the generator advances by one
   * draw per step either way (all a checkpoint saves).
   */
  @Test
  void parallelStep_withDropout_usesTheMasksOfTheSequentialStep() {
    Matrix[] data = batch(67);
    Blas.setThreads(1);
    Sequential one = network(0.3);
    BatchStep sequential = BatchStep.of(one, new SoftmaxCrossEntropy(), 67, 7, 1, 4);
    Blas.setThreads(2);
    Sequential two = network(0.3);
    RecordingLoss loss = new RecordingLoss();
    BatchStep parallel = BatchStep.of(two, loss, 67, 7, 1, 4);
    for (int s = 0; s < 3; s++) {
      double lossOne = sequential.lossAndGradients(data[0], data[1]);
      double lossTwo = parallel.lossAndGradients(data[0], data[1]);
      assertEquals(lossOne, lossTwo, 1e-6 * Math.abs(lossOne), "step " + s);
      float[][] a = gradients(one);
      float[][] b = gradients(two);
      for (int p = 0; p < a.length; p++) {
        double scale = 0;
        for (float v : a[p]) {
          scale = Math.max(scale, Math.abs(v));
        }
        for (int k = 0; k < a[p].length; k++) {
          assertEquals(a[p][k], b[p][k], 1e-5 * scale + 1e-7, "step " + s + " parameter " + p);
        }
      }
    }
    parallel.close();
    assertEquals(Map.of(Thread.currentThread().getName(), 3 * 33, "tikhonov-batch-1", 3 * 34),
        loss.rowsByThread, "the data-parallel branch ran");
    List<dev.tikhonov.nn.Layer> layersOne = one.layers();
    List<dev.tikhonov.nn.Layer> layersTwo = two.layers();
    int dropouts = 0;
    for (int i = 0; i < layersOne.size(); i++) {
      if (layersOne.get(i) instanceof dev.tikhonov.nn.Dropout d) {
        assertEquals(d.rng().state(), ((dev.tikhonov.nn.Dropout) layersTwo.get(i)).rng().state(),
            "the generator advanced alike");
        dropouts++;
      }
    }
    assertEquals(2, dropouts);
  }

  @Test
  void parallelStep_sameThreads_isBitIdentical() {
    Matrix[] data = batch(64);
    Blas.setThreads(2);
    float[][][] runs = new float[2][][];
    for (int r = 0; r < 2; r++) {
      Sequential net = network(0);
      BatchStep step = BatchStep.of(net, new SoftmaxCrossEntropy(), 64, 7, 1, 4);
      step.lossAndGradients(data[0], data[1]);
      step.lossAndGradients(data[0], data[1]);
      step.close();
      runs[r] = gradients(net);
    }
    for (int p = 0; p < runs[0].length; p++) {
      assertArrayEquals(runs[0][p], runs[1][p]);
    }
    boolean anyNonZero = false;
    for (float v : runs[0][0]) {
      anyNonZero |= v != 0;
    }
    assertTrue(anyNonZero, "the step computed a gradient");
  }

  /**
   * However the threads wait (the default: spin, yield, nap; or the switch's spin, nap) and
   * whichever of them is late (by 20 ms at the barrier, and the main thread 20 ms between two
   * steps: past the spin and the yield, into the naps and the worker's park), the steps give
   * the bits of steps in which nobody is late. A wake-up lost in any of those waits hangs the
   * test; a wait that ends early races and changes the gradient.
   */
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void parallelStep_threadsLateEnoughToNap_giveTheBitsOfPromptThreads() throws Exception {
    Matrix[] data = batch(64);
    Blas.setThreads(2);
    float[][] prompt = gradientsWithLateThread(data, "nobody");
    for (String wait : new String[] {"yield", "spin"}) {
      System.setProperty("tikhonov.step.wait", wait);
      try {
        for (String late : new String[] {"tikhonov-batch-", Thread.currentThread().getName()}) {
          float[][] g = gradientsWithLateThread(data, late);
          for (int p = 0; p < prompt.length; p++) {
            assertArrayEquals(prompt[p], g[p], wait + ", late: " + late + ", parameter " + p);
          }
        }
      } finally {
        System.clearProperty("tikhonov.step.wait");
      }
    }
  }

  /** Two steps' gradients, the threads whose name starts with {@code late} 20 ms late. */
  private static float[][] gradientsWithLateThread(Matrix[] data, String late)
      throws InterruptedException {
    RecordingLoss slow = new RecordingLoss();
    slow.lateOn = late;
    Sequential net = network(0);
    BatchStep step = BatchStep.of(net, slow, 64, 7, 1, 4);
    assertTrue(step instanceof ParallelStep);
    step.lossAndGradients(data[0], data[1]);
    if (Thread.currentThread().getName().startsWith(late)) {
      Thread.sleep(20); // the worker waits between the steps
    }
    step.lossAndGradients(data[0], data[1]);
    step.close();
    return gradients(net);
  }

}
