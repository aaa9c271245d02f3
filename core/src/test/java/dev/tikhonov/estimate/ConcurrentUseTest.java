package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tikhonov.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The thread-safety sentences of the javadoc, taken at their word for every estimator of
 * {@link ConformanceTest}: "many threads may predict with one model at once and get exactly the
 * single-threaded results" ({@link Predictor}) for every reading call a model has, not only
 * {@code predict} (which ConformanceTest checks), and "one estimator may fit several data sets
 * at once" ({@link Estimator}) with "the same model, bit for bit" ({@code NetworkEstimator}).
 * Four threads are released together by a barrier, so their calls overlap.
 */
class ConcurrentUseTest {
  static final int THREADS = 4;

  /** Every reading call of a fitted model, as one comparable list of answers. */
  static List<Object> everyAnswer(Predictor model, Dataset test) {
    List<Object> out = new ArrayList<>();
    out.add(model.predict(test));
    out.add(model.predict(test.featureRows()));
    out.add(model.evaluate(test));
    if (model instanceof Classifier k) {
      out.add(k.predictProba(test));
      out.add(k.predictProba(test.featureRows()));
      out.add(k.predictClasses(test));
      out.add(k.predictClassNames(test));
      out.add(k.confusionMatrix(test).toString());
    }
    if (model instanceof LinearModel m) {
      out.add(m.linearPredictor(test));
      out.add(m.coefficientsByName());
    }
    if (model instanceof LinearClassifier m) {
      out.add(m.linearPredictor(test));
    }
    return out;
  }

  static void assertSameAnswers(List<Object> expected, List<Object> actual, String what) {
    assertEquals(expected.size(), actual.size(), what);
    for (int i = 0; i < expected.size(); i++) {
      Object e = expected.get(i);
      Object a = actual.get(i);
      String where = what + ", answer " + i;
      if (e instanceof double[] d) {
        assertArrayEquals(d, (double[]) a, where);
      } else if (e instanceof double[][] d) {
        assertArrayEquals(d, (double[][]) a, where);
      } else if (e instanceof int[] d) {
        assertArrayEquals(d, (int[]) a, where);
      } else {
        assertEquals(e, a, where);
      }
    }
  }

  /** Runs {@code task} on {@link #THREADS} threads that start together; their results. */
  static <T> List<T> together(Callable<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      CyclicBarrier start = new CyclicBarrier(THREADS);
      List<Future<T>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        futures.add(pool.submit(() -> {
          start.await();
          return task.call();
        }));
      }
      List<T> out = new ArrayList<>();
      for (Future<T> f : futures) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  static Stream<ConformanceTest.Case> cases() {
    return ConformanceTest.cases();
  }

  @ParameterizedTest
  @MethodSource("cases")
  void fourThreads_everyReadingCall_givesTheSingleThreadedAnswer(ConformanceTest.Case c)
      throws Exception {
    Predictor model = c.estimator().get().fit(c.train());
    List<Object> expected = everyAnswer(model, c.test());
    List<List<Object>> answers = together(() -> everyAnswer(model, c.test()));
    for (int t = 0; t < THREADS; t++) {
      assertSameAnswers(expected, answers.get(t), c + ", thread " + t);
    }
  }

  /**
   * The fitted results that say "immutable and thread-safe" hand out the same models to four
   * threads at once: a path's models by index and by λ (interpolated), a cross-validation's
   * chosen and candidate models, a relaxed path's blends.
   */
  @org.junit.jupiter.api.Test
  void fourThreads_readingOnePathAndItsCrossValidation_getTheSingleThreadedModels()
      throws Exception {
    Dataset train = ConformanceTest.half(ConformanceTest.REGRESSION, 0);
    CrossValidatedPath<LinearModel> cv = ElasticNetCV.gaussian().numFolds(4).seed(1).build()
        .crossValidate(train);
    CrossValidatedRelaxedPath<LinearModel> relaxed = RelaxedLasso.gaussian().numFolds(4).seed(1)
        .build().crossValidate(train);
    Callable<List<Object>> read = () -> {
      List<Object> out = new ArrayList<>();
      RegularizationPath<LinearModel> path = cv.path();
      double[] lambdas = path.lambdas();
      for (int l = 0; l < path.size(); l++) {
        out.add(path.atIndex(l));
        out.add(path.atLambda(l + 1 < lambdas.length ? (lambdas[l] + lambdas[l + 1]) / 2 : 0));
      }
      out.add(cv.chosenModel());
      out.add(cv.atMinimum());
      out.add(cv.atOneStandardError());
      out.add(relaxed.chosenModel());
      out.add(relaxed.atOneStandardError());
      out.add(relaxed.path().atLambda(cv.lambdaMin(), 0.5));
      return out;
    };
    List<Object> expected = read.call();
    for (List<Object> answer : together(read)) {
      assertEquals(expected, answer);
    }
  }

  /**
   * One estimator fitting on four threads at once, two threads on one data set and two on
   * another, gives the models it fits alone on each (equal: the same coefficients or
   * bit-identical weights). The searches
   * ({@code MlpPathCV}, {@code GridSearchCV}) are left out: their javadoc asks that no other
   * fit run beside them, since each runs its own fits side by side on one core each.
   */
  @ParameterizedTest
  @MethodSource("cases")
  void fourThreads_fittingWithOneEstimator_giveTheModelItFitsAlone(ConformanceTest.Case c)
      throws Exception {
    Estimator<?> estimator = c.estimator().get();
    if (estimator instanceof MlpPathCV || estimator instanceof GridSearchCV) {
      return;
    }
    List<Dataset> data = List.of(c.train(), c.test());
    List<Predictor> alone = List.of(estimator.fit(data.get(0)), estimator.fit(data.get(1)));
    AtomicInteger next = new AtomicInteger();
    List<Object[]> together = together(() -> {
      int which = next.getAndIncrement() % 2;
      return new Object[] {which, estimator.fit(data.get(which))};
    });
    for (int t = 0; t < THREADS; t++) {
      int which = (Integer) together.get(t)[0];
      assertEquals(alone.get(which), together.get(t)[1], c + ", thread " + t + ", data " + which);
    }
  }
}
