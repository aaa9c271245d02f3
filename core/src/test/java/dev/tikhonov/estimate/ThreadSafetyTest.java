package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.Mnist;
import dev.tikhonov.data.TrainTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A fitted model shared by 8 threads, each predicting all 10,000 bundled digits, gives exactly
 * the single-threaded classes and probabilities (before the predictor layer, a shared network's
 * buffers gave 126,847 wrong classes out of 320,000).
 */
class ThreadSafetyTest {
  @Test
  void eightThreads_predictTenThousandRowsEach_likeOneThread() throws Exception {
    TrainTest digits = Mnist.bundled();
    Dataset all = digits.train();
    NetworkClassifier mlp = MlpClassifier.builder().hiddenLayers(64).epochs(1).seed(4).build()
        .fit(all);
    LinearClassifier linear = ElasticNet.multinomial().lambda(0.05).build()
        .fit(all.subset(IntStream.range(0, 1000).toArray()));
    double[][] rows = new double[10_000][];
    double[][] train = digits.train().featureRows();
    double[][] test = digits.test().featureRows();
    System.arraycopy(train, 0, rows, 0, train.length);
    System.arraycopy(test, 0, rows, train.length, test.length);
    for (Classifier model : List.<Classifier>of(mlp, linear)) {
      int[] expected = model.predictClasses(rows);
      double[][] expectedProba = model.predictProba(rows);
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<int[]>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          Callable<int[]> task = () -> {
            double[][] p = model.predictProba(rows);
            for (int i = 0; i < p.length; i += 997) {
              assertArrayEquals(expectedProba[i], p[i]);
            }
            return model.predictClasses(rows);
          };
          futures.add(pool.submit(task));
        }
        for (Future<int[]> f : futures) {
          assertArrayEquals(expected, f.get());
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
