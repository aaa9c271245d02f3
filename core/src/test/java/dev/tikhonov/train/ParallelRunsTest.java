package dev.tikhonov.train;

import dev.tikhonov.loss.Family;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.nn.Parameter;
import dev.tikhonov.optim.Optimizers;
import dev.tikhonov.regularize.Penalty;
import dev.tikhonov.tensor.Blas;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ParallelRunsTest {
  private final int savedThreads = Blas.threads();

  @AfterEach
  void restoreThreads() {
    Blas.setThreads(savedThreads);
  }

  /** One small run of a sweep: λ, dropout, seed. */
  record Setting(double lambda, double dropout, long seed) {}

  /** What a run leaves: every parameter's values and the per-epoch losses. */
  record Result(List<float[]> values, List<Double> losses, List<Double> validationLosses) {}

  private static final Dataset TRAIN = TrainerTest.blobs(300, 21);
  private static final Dataset VALIDATION = TrainerTest.blobs(100, 22);

  private static List<Setting> settings() {
    return List.of(new Setting(0, 0, 0), new Setting(1e-3, 0, 1), new Setting(1e-2, 0.2, 2),
        new Setting(0, 0, 3), new Setting(0.1, 0.2, 4));
  }

  private static Result fit(Setting s) {
    TrainConfig config = new TrainConfig(3, 64, s.seed(), Penalty.l2(s.lambda()),
        Optimizers.sgd(0.05).momentum(0.9), 0);
    Training.Outcome o = Training.fit(ModelSpec.parse("mlp:32,16", s.dropout(), Family.MULTINOMIAL), TRAIN,
        VALIDATION, null, config, TrainingListener.none(), null, null);
    List<float[]> values = new ArrayList<>();
    for (Parameter p : o.model().network().parameters()) {
      values.add(p.value().toArray());
    }
    List<Double> losses = new ArrayList<>();
    List<Double> validation = new ArrayList<>();
    for (EpochRecord r : o.result().history().epochs()) {
      losses.add(r.trainLoss());
      validation.add(r.valLoss().orElseThrow());
    }
    return new Result(values, losses, validation);
  }

  private static void assertSameRun(Result expected, Result actual, String what) {
    assertEquals(expected.values().size(), actual.values().size());
    for (int k = 0; k < expected.values().size(); k++) {
      assertArrayEquals(expected.values().get(k), actual.values().get(k), what + " parameter " + k);
    }
    assertEquals(expected.losses(), actual.losses(), what);
    assertEquals(expected.validationLosses(), actual.validationLosses(), what);
  }

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void map_givesBitForBitTheRunsAloneAtOneThread_whateverTheLanes() {
    Blas.setThreads(1);
    List<Result> alone = new ArrayList<>();
    for (Setting s : settings()) {
      alone.add(fit(s));
    }
    Blas.setThreads(2);
    Result twoThreads = fit(settings().get(1));
    for (int lanes : new int[] {2, 3, 1}) {
      Blas.setThreads(2);
      Set<String> laneThreads = ConcurrentHashMap.newKeySet();
      List<Result> side = ParallelRuns.map(settings(), s -> {
        assertEquals(1, Blas.threads(), "a lane sees one thread");
        assertEquals(1, Blas.workerThreads(), "OpenBLAS held at one thread");
        laneThreads.add(Thread.currentThread().getName());
        return fit(s);
      }, lanes);
      assertEquals(2, Blas.threads(), "the caller's thread count is untouched");
      assertEquals(2, Blas.workerThreads(), "OpenBLAS has its threads back");
      assertTrue(laneThreads.size() <= lanes, laneThreads + " for " + lanes + " lanes");
      for (int i = 0; i < alone.size(); i++) {
        assertSameRun(alone.get(i), side.get(i), lanes + " lanes, run " + i);
      }
    }
    // The same run alone on two threads takes the data-parallel step: other products (half
    // the rows each), other sums of the bias gradient, so equal bits are not promised there,
    // only the same run to float rounding. (With oneDNN's single-threaded products, whose sum
    // for one element does not depend on the number of rows, the bits often agree too; the
    // lanes' thread count is checked directly above.)
    for (int k = 0; k < twoThreads.values().size(); k++) {
      float[] a = alone.get(1).values().get(k);
      float[] b = twoThreads.values().get(k);
      for (int i = 0; i < a.length; i++) {
        assertEquals(a[i], b[i], 1e-4f * (1 + Math.abs(a[i])), "two threads, parameter " + k);
      }
    }
  }

  @Test
  void map_insideALane_setThreadsChangesNothing() {
    Blas.setThreads(2);
    List<Integer> seen = ParallelRuns.map(List.of(1, 2), i -> {
      Blas.setThreads(2);
      Blas.setWorkerThreads(2);
      return Blas.threads() * 10 + Blas.workerThreads();
    }, 2);
    assertEquals(List.of(11, 11), seen);
    assertEquals(2, Blas.workerThreads());
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void map_whenRunsFail_throwsTheFirstFailureInOrder_andRestoresOpenBlas() {
    Blas.setThreads(2);
    RuntimeException third = new IllegalArgumentException("run 3 failed");
    Set<Integer> started = ConcurrentHashMap.newKeySet();
    RuntimeException thrown = assertThrows(RuntimeException.class,
        () -> ParallelRuns.map(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), i -> {
          started.add(i);
          if (i == 3) {
            throw third;
          }
          if (i == 5) {
            throw new IllegalStateException("run 5 failed");
          }
          return i;
        }, 2));
    assertSame(third, thrown);
    assertTrue(started.size() < 10, "no run starts after a failure: " + started);
    assertEquals(2, Blas.workerThreads());
    assertEquals(List.of(), ParallelRuns.map(List.of(), i -> i, 2));
    assertThrows(IllegalArgumentException.class, () -> ParallelRuns.map(List.of(1), i -> i, 0));
  }
}
