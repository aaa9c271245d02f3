package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.TargetKind;
import dev.tikhonov.estimate.MlpClassifier;
import dev.tikhonov.estimate.NetworkClassifier;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Red team 43: Estimator's javadoc says "immutable and thread-safe: one estimator may fit
 * several data sets at once", and NetworkBuilder.seed says "the same seed and data give the
 * same model". Two fits at once, one with threads(1) and one with threads(2) (a process-wide
 * OpenBLAS setting), must each give the model its fit alone gives; so must two fits at once
 * with the same settings. Both fail (differences of about 1e-9 in the probabilities, float32
 * rounding): Blas.sgemm (Blas.java:69) picks oneDNN or OpenBLAS by the process-wide
 * openblas_get_num_threads(), which another fit's ParallelStep sets to 1 while it steps
 * (ParallelStep.start) and back on close, so each fit's products switch library with the other
 * fit's timing. Fixed: the choice is the calling fit's thread's (Blas's class comment), and an
 * OpenBLAS product runs at its fit's worker count.
 */
class RedTeam43ConcurrencyTest {
  private static final Path WINE = Path.of("..", "data", "wine.csv");

  private static MlpClassifier estimator(int threads) {
    return MlpClassifier.builder().hiddenLayers(32).lambda(1e-3).dropout(0.1).epochs(20)
        .standardize(true).seed(7).threads(threads).build();
  }

  @Test
  void twoFitsAtOnceWithTheSameThreads_giveTheModelsOfTheirFitsAlone() throws Exception {
    Dataset wine = Dataset.read(WINE, "cultivar", TargetKind.CLASS);
    double[][] alone = estimator(2).fit(wine).predictProba(wine);
    double[][] againAlone = estimator(2).fit(wine).predictProba(wine);
    for (int i = 0; i < alone.length; i++) {
      assertArrayEquals(alone[i], againAlone[i], 0.0, "a second fit alone, row " + i);
    }
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 3; round++) {
        Future<NetworkClassifier> one = pool.submit(() -> estimator(2).fit(wine));
        Future<NetworkClassifier> two = pool.submit(() -> estimator(2).fit(wine));
        double[][] together1 = one.get().predictProba(wine);
        double[][] together2 = two.get().predictProba(wine);
        for (int i = 0; i < alone.length; i++) {
          assertArrayEquals(alone[i], together1[i], 0.0, "first, round " + round + ", row " + i);
          assertArrayEquals(alone[i], together2[i], 0.0, "second, round " + round + ", row " + i);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void twoFitsAtOnce_giveTheModelsOfTheirFitsAlone() throws Exception {
    Dataset wine = Dataset.read(WINE, "cultivar", TargetKind.CLASS);
    double[][] alone1 = estimator(1).fit(wine).predictProba(wine);
    double[][] alone2 = estimator(2).fit(wine).predictProba(wine);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 3; round++) {
        Future<NetworkClassifier> one = pool.submit(() -> estimator(1).fit(wine));
        Future<NetworkClassifier> two = pool.submit(() -> estimator(2).fit(wine));
        double[][] together1 = one.get().predictProba(wine);
        double[][] together2 = two.get().predictProba(wine);
        for (int i = 0; i < alone1.length; i++) {
          String where = "round " + round + ", row " + i;
          assertArrayEquals(alone1[i], together1[i], 0.0, "threads(1), " + where);
          assertArrayEquals(alone2[i], together2[i], 0.0, "threads(2), " + where);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
