package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.data.Mnist;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Red team 46: the library under concurrent use while models are saved, and datasets at their
 * edges (no rows, NaN weights). Predictor's javadoc: immutable and thread-safe; save is atomic.
 */
class RedTeam46LibraryTest {
  @TempDir Path dir;

  /**
   * 8 threads predict with a network while two threads save two different models to one path
   * over and over: every prediction is the single-threaded one, the file is one whole model at
   * the end, and no temporary file stays.
   */
  @Test
  void eightPredictingThreads_whileTwoThreadsSaveTwoModelsToOnePath_seeWholeModelsOnly()
      throws Exception {
    Dataset digits = Mnist.bundled().train().subset(IntStream.range(0, 600).toArray());
    NetworkClassifier mlp = MlpClassifier.builder().hiddenLayers(16).epochs(1).seed(4).build()
        .fit(digits);
    LinearClassifier linear = ElasticNet.multinomial().lambda(0.05).build().fit(digits);
    double[][] rows = digits.featureRows();
    int[] mlpClasses = mlp.predictClasses(rows);
    int[] linearClasses = linear.predictClasses(rows);
    double[][] mlpProba = mlp.predictProba(rows);
    Path file = dir.resolve("shared.model");
    mlp.save(file);
    AtomicBoolean saving = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(11);
    try {
      List<Future<?>> predictors = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        predictors.add(pool.submit(() -> {
          int rounds = 0;
          while (saving.get() || rounds < 2) {
            assertArrayEquals(mlpClasses, mlp.predictClasses(rows));
            double[][] p = mlp.predictProba(rows);
            for (int i = 0; i < p.length; i += 37) {
              assertArrayEquals(mlpProba[i], p[i]);
            }
            rounds++;
          }
          return null;
        }));
      }
      List<Future<?>> savers = new ArrayList<>();
      for (Predictor model : List.<Predictor>of(mlp, linear)) {
        savers.add(pool.submit(() -> {
          for (int i = 0; i < 40; i++) {
            model.save(file);
          }
          return null;
        }));
      }
      for (Future<?> f : savers) {
        f.get();
      }
      saving.set(false);
      for (Future<?> f : predictors) {
        f.get();
      }
    } finally {
      saving.set(false);
      pool.shutdownNow();
    }
    int[] last = Predictor.load(file, Classifier.class).predictClasses(rows);
    assertTrue(Arrays.equals(last, mlpClasses) || Arrays.equals(last, linearClasses));
    try (var files = Files.list(dir)) {
      assertEquals(List.of("shared.model"),
          files.map(p -> p.getFileName().toString()).toList(), "temporary files left");
    }
  }

  /**
   * Predictor.load of a file that another thread (or process: a training job re-saving the
   * model a server reloads) replaces by its atomic rename: each load should read one whole
   * model, the old or the new. ModelFiles.load (ModelFiles.java:16) opens the file once for
   * its "format" and again (line 18 or 33) for the tensors, so a rename in between reads the
   * new file with the old one's reader: {@code shared.model: tensor "intercepts": dtype "F64"
   * is not supported; expected F32} (a linear model read as a network), an InputException
   * that calls a good file bad. Seen in 1 of 2 runs of 40 + 40 saves; this one loops longer.
   */
  @Test
  void load_whileAnotherModelReplacesTheFile_readsOneWholeModel() throws Exception {
    Dataset digits = Mnist.bundled().train().subset(IntStream.range(0, 300).toArray());
    NetworkClassifier mlp = MlpClassifier.builder().hiddenLayers(8).epochs(1).seed(4).build()
        .fit(digits);
    LinearClassifier linear = ElasticNet.multinomial().lambda(0.05).build().fit(digits);
    Path file = dir.resolve("replaced.model");
    mlp.save(file);
    AtomicBoolean loading = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<?> saver = pool.submit(() -> {
        for (int i = 0; loading.get(); i++) {
          (i % 2 == 0 ? linear : mlp).save(file);
        }
        return null;
      });
      Future<?> loader = pool.submit(() -> {
        try {
          for (int i = 0; i < 2000; i++) {
            Predictor.load(file, Classifier.class);
          }
        } finally {
          loading.set(false);
        }
        return null;
      });
      loader.get();
      saver.get();
    } finally {
      loading.set(false);
      pool.shutdownNow();
    }
  }

  /**
   * A dataset of no rows is refused with a sentence by fit (regression) or by the builder
   * (classes: none observed), not an index error.
   */
  @Test
  void noRows_isAnInputExceptionWithASentence() {
    Dataset empty = Dataset.of(new double[0][], new double[0]);
    RuntimeException e = assertThrows(RuntimeException.class,
        () -> ElasticNet.gaussian().lambda(0.1).build().fit(empty));
    assertTrue(e instanceof InputException || e instanceof IllegalArgumentException, "" + e);
    assertTrue(e.getMessage().contains("row"), e.getMessage());
    RuntimeException m = assertThrows(RuntimeException.class,
        () -> Dataset.ofClasses(new double[0][], new int[0]));
    assertTrue(m instanceof InputException || m instanceof IllegalArgumentException, "" + m);
    assertTrue(m.getMessage().contains("classification needs two or more"), m.getMessage());
  }

  /** A NaN weight is refused when the column is added, naming its row (1-based). */
  @Test
  void nanWeight_isRefusedNamingTheRow() {
    double[][] x = new double[20][2];
    double[] y = new double[20];
    double[] w = new double[20];
    for (int i = 0; i < 20; i++) {
      x[i][0] = i;
      x[i][1] = (i * 7) % 5;
      y[i] = 2 * i + 1 + (i % 3);
      w[i] = 1;
    }
    w[6] = Double.NaN;
    Dataset d = Dataset.of(x, y, List.of("a", "b"));
    InputException e = assertThrows(InputException.class, () -> d.withColumn("w", w));
    assertEquals("column \"w\": row 7: NaN is not allowed; values must be finite",
        e.getMessage());
  }
}
