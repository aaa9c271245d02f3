package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.tikhonov.data.Mnist;
import dev.tikhonov.data.TrainTest;
import dev.tikhonov.tensor.Matrix;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** redteam43b: Mnist.bundled()'s shared cache under two threads and after a write. */
class RedTeam43bMnistCacheTest {
  @Test
  void twoThreadsAtOnce_getTheSameData() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch go = new CountDownLatch(1);
    try {
      Future<TrainTest> a = pool.submit(() -> {
        go.await();
        return Mnist.bundled();
      });
      Future<TrainTest> b = pool.submit(() -> {
        go.await();
        return Mnist.bundled();
      });
      go.countDown();
      assertSame(a.get(), b.get());
      assertEquals(8000, a.get().train().numRows());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void fittingOnTheSharedData_leavesItUnchanged() {
    TrainTest shared = Mnist.bundled();
    double before = checksum(shared.train().features());
    double beforeTest = checksum(shared.test().features());
    dev.tikhonov.estimate.MlpClassifier.builder().hiddenLayers(16).dropout(0.5)
        .standardize(true).epochs(1).seed(0).build().fit(shared.train())
        .predict(shared.test());
    assertEquals(before, checksum(Mnist.bundled().train().features()));
    assertEquals(beforeTest, checksum(Mnist.bundled().test().features()));
  }

  private static double checksum(Matrix m) {
    double s = 0;
    for (int i = 0; i < m.size(); i++) {
      s += m.at(i) * (1 + i % 7);
    }
    return s;
  }

  @Test
  void aCallersWriteIntoFeatures_reachesTheNextCaller() {
    Matrix x = Mnist.bundled().train().features();
    float before = x.at(0);
    try {
      x.put(0, 42f);
      // documented ("no one may write into the matrices"): the write is seen by every caller
      assertEquals(42f, Mnist.bundled().train().features().at(0));
    } finally {
      x.put(0, before);
    }
  }
}
