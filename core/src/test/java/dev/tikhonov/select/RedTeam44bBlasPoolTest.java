package dev.tikhonov.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.loss.Family;
import dev.tikhonov.tensor.Blas;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Red team (session 44b): a cross-validation with {@code threads = 2} runs its folds on a pool
 * ({@code CrossValidation.runAll}); the pool's threads have no {@link Blas#withThreads} of
 * their own, so each fold's double-precision calls ({@code Blas.run}: the fold's XᵀX by DSYRK in
 * its statistics) run at the process's count, not at the count of the fit's caller. A fit
 * inside {@code Blas.withThreads(1, …)} should give the same bits whatever the process's
 * setting ({@link Blas#setThreads}, which another thread may change at any moment).
 */
class RedTeam44bBlasPoolTest {
  private final int savedThreads = Blas.threads();

  @AfterEach
  void restore() {
    Blas.setThreads(savedThreads);
  }

  private static double[] cvAtOneThread(double[][] x, double[] y, KFold folds) {
    return Blas.withThreads(1, () -> {
      CrossValidation.Fit fit = CrossValidation.path(Family.GAUSSIAN, x, y,
          PathSettings.lasso().withTolerance(1e-12), names(x[0].length), List.of(), folds,
          CrossValidation.Alignment.SAME_LAMBDAS, 2);
      int m = fit.path().lambdas().length;
      double[] means = new double[m];
      for (int l = 0; l < m; l++) {
        means[l] = fit.cv().mean(l);
      }
      return means;
    });
  }

  private static List<String> names(int p) {
    List<String> names = new ArrayList<>();
    for (int j = 0; j < p; j++) {
      names.add("x" + (j + 1));
    }
    return names;
  }

  /**
   * The mechanism, without needing data whose bits differ: a fold task run by runAll (as
   * CrossValidation.path's folds are) inside withThreads(1) asks for the process's count.
   * Fails now: the pool's threads report 2 (the process's setting), not 1.
   */
  @Test
  void foldTasksOnThePool_runAtTheCallersThreadCount() {
    Blas.setThreads(2);
    List<Callable<Integer>> tasks = new ArrayList<>();
    for (int f = 0; f < 4; f++) {
      tasks.add(Blas::threads);
    }
    List<Integer> counts = Blas.withThreads(1, () -> CrossValidation.runAll(tasks, 2));
    assertEquals(List.of(1, 1, 1, 1), counts,
        "each fold's Blas.run would run at this count; the caller asked for 1");
  }

  /** A guard: no bits differ on this data (DSYRK over a fold's blocks), now as then. */
  @Test
  void aCvAtOneThread_withAFoldPool_hasItsBits_whateverTheProcessSettingIs() {
    Random rng = new Random(44);
    int n = 3000;
    int p = 200;
    double[][] x = new double[n][p];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        x[i][j] = rng.nextGaussian();
      }
      for (int j = 0; j < 10; j++) {
        y[i] += x[i][j];
      }
      y[i] += rng.nextGaussian();
    }
    KFold folds = KFold.random(n, 5, 7);
    Blas.setThreads(1);
    double[] processAtOne = cvAtOneThread(x, y, folds);
    Blas.setThreads(2);
    double[] processAtTwo = cvAtOneThread(x, y, folds);
    assertArrayEquals(processAtOne, processAtTwo,
        "the CV at withThreads(1) changed with the process's Blas.setThreads");
  }
}
