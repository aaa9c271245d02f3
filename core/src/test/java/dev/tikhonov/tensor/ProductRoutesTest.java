package dev.tikhonov.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.TargetKind;
import dev.tikhonov.estimate.MlpClassifier;
import dev.tikhonov.optim.Optimizers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which library runs a product (oneDNN or OpenBLAS, {@link Blas#gemm}) is the calling thread's
 * choice, never OpenBLAS's process-wide worker count, which another fit changes at any moment;
 * an OpenBLAS product runs at the calling thread's count, since its bits depend on it; and a
 * single fit takes the same library for every product as the rule of before (oneDNN in a lane or
 * when OpenBLAS is at one thread), at the count it found, so its speed is that of before.
 */
class ProductRoutesTest {
  /** m, n, k: a training step's products (MNIST's, wine's) and one OpenBLAS splits. */
  private static final int[][] SHAPES = {
    {392, 256, 784}, {64, 256, 784}, {64, 128, 256}, {64, 10, 128}, {178, 32, 13},
    {178, 3, 32}, {13, 32, 178}, {32, 3, 178}, {1000, 100, 100}
  };

  private final int savedThreads = Blas.threads();

  @AfterEach
  void restore() {
    Blas.sgemmRoutes = null;
    Blas.setThreads(savedThreads);
  }

  private static Matrix random(int r, int c, Rng rng) {
    return TestMatrices.gaussian(r, c, rng);
  }

  private static float[] product(Matrix a, Matrix b, Matrix c0, boolean ta, boolean tb) {
    Matrix c = c0.copy();
    Blas.gemm(ta ? Transpose.YES : Transpose.NO, tb ? Transpose.YES : Transpose.NO, 0.5f, a, b,
        -1.5f, c);
    return c.toArray();
  }

  /**
   * OpenBLAS's SGEMM bits depend on its worker count (392 × 256 × 784 differs in the last digit
   * at one worker and at two, OpenBLAS 0.3.30), which another fit's step sets to 1 at any
   * moment: a product at two threads runs at two workers whatever the count was, and has the
   * bits it has at two. Before, it went to oneDNN when it found the count at 1.
   */
  @Test
  void anOpenBlasProduct_runsAtItsThreadsCount_whateverOpenBlasWasLeftAt() {
    Rng rng = new Rng(5);
    Blas.withThreads(2, () -> {
      for (int[] s : SHAPES) {
        int m = s[0];
        int n = s[1];
        int k = s[2];
        for (boolean ta : new boolean[] {false, true}) {
          for (boolean tb : new boolean[] {false, true}) {
            Matrix a = ta ? random(k, m, rng) : random(m, k, rng);
            Matrix b = tb ? random(n, k, rng) : random(k, n, rng);
            Matrix c0 = random(m, n, rng);
            float[] atTwo = product(a, b, c0, ta, tb);
            List<Integer> routes = new ArrayList<>();
            Blas.sgemmRoutes = routes::add;
            Blas.setWorkerThreads(1); // as another fit's data-parallel step does
            float[] afterOne = product(a, b, c0, ta, tb);
            Blas.sgemmRoutes = null;
            String where = m + "x" + n + "x" + k + " ta=" + ta + " tb=" + tb;
            assertEquals(List.of(2), routes, "OpenBLAS at two workers, " + where);
            assertEquals(2, Blas.workerThreads(), where);
            assertArrayEquals(atTwo, afterOne, where);
          }
        }
        // the weight gradient of a row block of a layer (a column block of its input)
        Matrix x = random(k, m, rng);
        Matrix g = random(k, n, rng);
        Matrix atTwo = Matrix.zeros(m / 2, n);
        Matrix afterOne = Matrix.zeros(m / 2, n);
        Blas.gemmColumnsTransposed(1f, x, m / 4, m / 4 + m / 2, g, 0f, atTwo);
        Blas.setWorkerThreads(1);
        Blas.gemmColumnsTransposed(1f, x, m / 4, m / 4 + m / 2, g, 0f, afterOne);
        assertArrayEquals(atTwo.toArray(), afterOne.toArray(),
            "column block of " + Arrays.toString(s));
      }
      return null;
    });
  }

  /**
   * Three threads compute the same products over and over, one at two threads (OpenBLAS), one
   * at one thread (oneDNN), one at two threads between begin/endSingleThreadedProducts (a
   * data-parallel step's thread: oneDNN), while a fourth flips OpenBLAS's worker count between
   * 1 and 2 as other fits' steps do: each gets the bits it gets alone. Before, the choice read
   * the worker count, and the first two switched library with the flips.
   */
  @Test
  void eachThreadsProducts_keepTheirLibrary_whileAnotherThreadFlipsOpenBlasWorkers()
      throws Exception {
    Rng rng = new Rng(13);
    Matrix a = random(64, 784, rng);
    Matrix b = random(784, 256, rng);
    Supplier<float[]> product = () -> {
      Matrix c = Matrix.zeros(64, 256);
      Blas.gemm(Transpose.NO, Transpose.NO, 1f, a, b, 0f, c);
      return c.toArray();
    };
    Supplier<float[]> single = () -> {
      Blas.beginSingleThreadedProducts();
      try {
        return product.get();
      } finally {
        Blas.endSingleThreadedProducts();
      }
    };
    float[] openBlas = Blas.withThreads(2, product);
    float[] oneDnn = Blas.withThreads(1, product);
    assertFalse(Arrays.equals(openBlas, oneDnn),
        "the two libraries round differently here, so a switch would show");
    assertArrayEquals(oneDnn, Blas.withThreads(2, single));

    AtomicBoolean stop = new AtomicBoolean();
    Thread flipper = new Thread(() -> {
      while (!stop.get()) {
        Blas.setWorkerThreads(1);
        Thread.yield();
        Blas.setWorkerThreads(2);
        Thread.yield();
      }
    });
    List<String> wrong = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Thread> computers = new ArrayList<>();
    computers.add(new Thread(() -> Blas.withThreads(2, () -> repeat(product, openBlas,
        "at two threads", wrong))));
    computers.add(new Thread(() -> Blas.withThreads(1, () -> repeat(product, oneDnn,
        "at one thread", wrong))));
    computers.add(new Thread(() -> Blas.withThreads(2, () -> repeat(single, oneDnn,
        "single-threaded products at two threads", wrong))));
    flipper.start();
    computers.forEach(Thread::start);
    for (Thread t : computers) {
      t.join();
    }
    stop.set(true);
    flipper.join();
    assertEquals(List.of(), wrong);
  }

  private static Void repeat(Supplier<float[]> product, float[] expected, String what,
      List<String> wrong) {
    for (int r = 0; r < 150; r++) {
      if (!Arrays.equals(expected, product.get())) {
        wrong.add(what + ", product " + r);
      }
    }
    return null;
  }

  /**
   * Every product of a single fit (threads(1), threads(2), the process's count of 2 or 1, SGD
   * with momentum, and the predictions) takes the library the rule of before took (oneDNN
   * exactly when in a lane or OpenBLAS was at one worker), and an OpenBLAS product finds the
   * count it needs already set: a fit alone runs as fast as before. Both libraries are taken,
   * so the check is not empty.
   */
  @Test
  void aSingleFit_takesTheLibraryOfBefore_forEveryProduct() throws Exception {
    assertTrue(OneDnnSgemm.available(), Blas.describeSingleThreadedSgemm());
    Dataset wine = Dataset.read(Path.of("..", "data", "wine.csv"), "cultivar", TargetKind.CLASS);
    AtomicIntegerArray counts = new AtomicIntegerArray(2);
    List<String> differ = java.util.Collections.synchronizedList(new ArrayList<>());
    Blas.sgemmRoutes = route -> {
      boolean oneDnn = route == 0;
      int workers = Blas.workerThreads();
      boolean before = Blas.inLane() || workers == 1;
      if (oneDnn != before || (!oneDnn && route != workers)) {
        differ.add((oneDnn ? "oneDNN" : "OpenBLAS at " + route) + " with OpenBLAS at "
            + workers + " on " + Thread.currentThread().getName());
      }
      counts.incrementAndGet(oneDnn ? 1 : 0);
    };
    Blas.setThreads(2);
    for (int threads = 1; threads <= 2; threads++) {
      MlpClassifier fit = MlpClassifier.builder().hiddenLayers(32).lambda(1e-3).dropout(0.1)
          .epochs(3).batchSize(64).standardize(true).seed(7).threads(threads).build();
      fit.fit(wine).predictProba(wine);
      MlpClassifier.builder().hiddenLayers(32).epochs(3).batchSize(64).standardize(true)
          .optimizer(Optimizers.sgd(0.1).momentum(0.9)).threads(threads).build().fit(wine);
    }
    for (int process = 2; process >= 1; process--) {
      Blas.setThreads(process);
      MlpClassifier.builder().hiddenLayers(32).epochs(3).batchSize(64).standardize(true)
          .seed(3).build().fit(wine).predictProba(wine);
    }
    Blas.sgemmRoutes = null;
    assertEquals(List.of(), differ.subList(0, Math.min(10, differ.size())));
    assertTrue(counts.get(0) > 0 && counts.get(1) > 0,
        "OpenBLAS " + counts.get(0) + ", oneDNN " + counts.get(1));
  }
}
