package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tikhonov.data.CsvOptions;
import dev.tikhonov.data.CsvReader;
import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.TargetKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Predictor and Dataset both say "immutable and thread-safe". ThreadSafetyTest shares a model;
 * here the data are shared too, and fresh: 8 threads released at once by a barrier make a new
 * Dataset's first calls together (its float32 matrix, built lazily, and its fingerprint), with a
 * fitted network and the same network loaded from its file, on the real breast-cancer data of
 * data/, and every thread must get exactly the single-threaded classes, probabilities, loss and
 * fingerprint. 40 rounds, each on a new view of the rows, so each round races the lazy build.
 */
class SharedDatasetThreadSafetyTest {
  static final int THREADS = 8;
  static final int ROUNDS = 40;

  record Answer(int[] classes, double[][] probabilities, double loss, String fingerprint) {}

  static Answer answer(Classifier model, Dataset data) {
    return new Answer(model.predictClasses(data), model.predictProba(data),
        model.evaluate(data).loss(), data.fingerprint());
  }

  static void assertSame(Answer expected, Answer actual, String what) {
    assertArrayEquals(expected.classes(), actual.classes(), what);
    for (int i = 0; i < expected.probabilities().length; i++) {
      assertArrayEquals(expected.probabilities()[i], actual.probabilities()[i], 0.0,
          what + ", row " + i);
    }
    assertEquals(expected.loss(), actual.loss(), 0.0, what);
    assertEquals(expected.fingerprint(), actual.fingerprint(), what);
  }

  @Test
  void eightThreads_firstUseOfAFreshDatasetTogether_giveTheSingleThreadedAnswers(@TempDir Path dir)
      throws Exception {
    Dataset data = CsvReader.read(Path.of("..", "data", "breast_cancer.csv"), "diagnosis",
        TargetKind.CLASS, CsvOptions.defaults().withIgnoredColumns("id"));
    NetworkClassifier fitted = MlpClassifier.builder().hiddenLayers(16).standardize(true)
        .epochs(5).seed(0).build().fit(data);
    fitted.save(dir.resolve("mlp.model"));
    Classifier loaded = Classifier.load(dir.resolve("mlp.model"));
    int[] all = IntStream.range(0, data.numRows()).toArray();

    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      for (Classifier model : List.of(fitted, loaded)) {
        Answer expected = answer(model, data);
        for (int round = 0; round < ROUNDS; round++) {
          Dataset fresh = data.subset(all);           // its float32 matrix not built yet
          CyclicBarrier start = new CyclicBarrier(THREADS);
          List<Future<Answer>> answers = new ArrayList<>();
          for (int t = 0; t < THREADS; t++) {
            answers.add(pool.submit(() -> {
              start.await();
              return answer(model, fresh);
            }));
          }
          for (int t = 0; t < THREADS; t++) {
            assertSame(expected, answers.get(t).get(),
                (model == fitted ? "fitted" : "loaded") + " model, round " + round + ", thread " + t);
          }
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
