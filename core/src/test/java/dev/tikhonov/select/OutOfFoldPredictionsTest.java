package dev.tikhonov.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.SparseMatrix;
import dev.tikhonov.linear.ElasticNetPath;
import dev.tikhonov.linear.Observations;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.loss.Family;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The out-of-fold predictions of {@link CrossValidation} against an independent computation:
 * each held-out row predicted, by a₀ + x·b + offset written out here, from a path fitted on the
 * other folds' rows alone ({@link ElasticNetPath#fit} on the training rows, interpolated at the
 * full path's λ as cv.glmnet's predict(s = lambda) does).
 */
class OutOfFoldPredictionsTest {
  private static final int N = 90;
  private static final int P = 4;

  private static double[][] features(Random random) {
    double[][] x = new double[N][P];
    for (double[] row : x) {
      for (int j = 0; j < P; j++) {
        row[j] = random.nextGaussian();
      }
    }
    return x;
  }

  /** Classes 0..K−1 drawn from a softmax of the first features (two classes: a logistic). */
  private static double[] classes(double[][] x, int k, Random random) {
    double[] y = new double[N];
    for (int i = 0; i < N; i++) {
      double[] p = new double[k];
      double sum = 0;
      for (int c = 0; c < k; c++) {
        p[c] = Math.exp(c == 0 ? 0 : 1.5 * x[i][c - 1]);
        sum += p[c];
      }
      double u = random.nextDouble() * sum;
      int c = 0;
      while (c < k - 1 && u > p[c]) {
        u -= p[c++];
      }
      y[i] = c;
    }
    return y;
  }

  /** Asserts every row's kept η against a fit on its training rows, at every λ and output. */
  private static void assertIndependent(Family family, double[][] x, double[] y,
      Observations observations, List<String> classes, KFold folds, PathSettings settings,
      CrossValidation.Alignment alignment) {
    CrossValidation.Fit fit = CrossValidation.path(family, x, y, observations, settings,
        List.of("a", "b", "c", "d"), classes, folds, alignment, CvMeasure.DEVIANCE,
        CrossValidation.Keep.OUT_OF_FOLD_PREDICTIONS, 2);
    OutOfFoldPredictions oof = fit.outOfFold().orElseThrow();
    double[] lambdas = fit.path().lambdas();
    assertArrayEquals(lambdas, oof.lambdas(), 0.0);
    assertArrayEquals(folds.foldIds(), oof.foldIds());
    int outputs = family == Family.MULTINOMIAL ? classes.size() : 1;
    assertEquals(outputs, oof.numOutputs());
    double[] offsets = observations.offsets();
    int checked = 0;
    for (int f = 1; f <= folds.numFolds(); f++) {
      PathSolution own = ElasticNetPath.fit(family, x, y, folds.trainRows(f), observations,
          // the fold's own default sequence but with SAME_LAMBDAS; FRACTION scores it by index
          alignment == CrossValidation.Alignment.SAME_LAMBDAS ? settings.withLambdas(lambdas)
              : settings, List.of("a", "b", "c", "d"),
          fit.path().classNames());
      PathSolution at = alignment == CrossValidation.Alignment.INTERPOLATE
          ? own.interpolate(lambdas) : own;
      for (int i : folds.testRows(f)) {
        for (int l = 0; l < lambdas.length; l++) {
          int s = Math.min(l, at.size() - 1);
          for (int k = 0; k < outputs; k++) {
            double eta = at.intercept(s, k) + (offsets.length == 0 ? 0 : offsets[i]);
            for (int j = 0; j < P; j++) {
              eta += x[i][j] * at.coefficient(s, k, j);
            }
            assertEquals(eta, oof.linearPredictor(i, k, l), 1e-12 * Math.max(1, Math.abs(eta)),
                family + " row " + i + " (fold " + f + "), output " + k + ", λ index " + l);
            checked++;
          }
        }
      }
    }
    assertEquals((long) N * lambdas.length * outputs, checked);
  }

  @Test
  void binomial_withOffsetsAndWeights_eachColumnIsTheHeldOutFoldsFit() {
    Random random = new Random(11);
    double[][] x = features(random);
    double[] y = classes(x, 2, random);
    double[] weights = new double[N];
    double[] offsets = new double[N];
    for (int i = 0; i < N; i++) {
      weights[i] = 1 + i % 3;
      offsets[i] = 0.3 * Math.sin(i);
    }
    KFold folds = KFold.random(N, 5, 3);
    for (CrossValidation.Alignment a : CrossValidation.Alignment.values()) {
      assertIndependent(Family.BINOMIAL, x, y, new Observations(weights, offsets),
          List.of("no", "yes"), folds, PathSettings.lasso(), a);
    }
  }

  @Test
  void multinomial_oneColumnPerClassAndLambda_isTheHeldOutFoldsFit() {
    Random random = new Random(12);
    double[][] x = features(random);
    double[] y = classes(x, 3, random);
    assertIndependent(Family.MULTINOMIAL, x, y, Observations.none(), List.of("r", "g", "b"),
        KFold.random(N, 4, 5), PathSettings.of(0.5), CrossValidation.Alignment.INTERPOLATE);
  }

  @Test
  void gaussian_rowsRoute_isTheHeldOutFoldsFit() {
    Random random = new Random(13);
    double[][] x = features(random);
    double[] y = new double[N];
    for (int i = 0; i < N; i++) {
      y[i] = x[i][0] - 2 * x[i][1] + random.nextGaussian();
    }
    assertIndependent(Family.GAUSSIAN, x, y, Observations.none(), List.of(),
        KFold.random(N, 6, 1), PathSettings.lasso(), CrossValidation.Alignment.INTERPOLATE);
  }

  @Test
  void sparse_keepsTheDenseRoutesPredictions_andScoresAlone_keepNone() {
    Random random = new Random(14);
    double[][] x = features(random);
    for (double[] row : x) {
      row[random.nextInt(P)] = 0; // a zero a row, for a sparse matrix with holes
    }
    double[] y = classes(x, 2, random);
    KFold folds = KFold.random(N, 5, 9);
    List<String> names = List.of("a", "b", "c", "d");
    CrossValidation.Fit dense = CrossValidation.path(Family.BINOMIAL, x, y, Observations.none(),
        PathSettings.lasso(), names, List.of("0", "1"), folds,
        CrossValidation.Alignment.INTERPOLATE, CvMeasure.DEVIANCE,
        CrossValidation.Keep.OUT_OF_FOLD_PREDICTIONS, 1);
    CrossValidation.Fit sparse = CrossValidation.path(Family.BINOMIAL,
        SparseMatrix.fromDense(x, P), y, PathSettings.lasso(), names, List.of("0", "1"), folds,
        CrossValidation.Alignment.INTERPOLATE, CvMeasure.DEVIANCE,
        CrossValidation.Keep.OUT_OF_FOLD_PREDICTIONS, 2);
    OutOfFoldPredictions d = dense.outOfFold().orElseThrow();
    OutOfFoldPredictions s = sparse.outOfFold().orElseThrow();
    assertEquals(d.numLambdas(), s.numLambdas());
    for (int l = 0; l < d.numLambdas(); l++) {
      assertArrayEquals(d.column(l), s.column(l), 1e-9, "λ index " + l);
    }
    CrossValidation.Fit scoresOnly = CrossValidation.path(Family.BINOMIAL, x, y,
        Observations.none(), PathSettings.lasso(), names, List.of("0", "1"), folds,
        CrossValidation.Alignment.INTERPOLATE, CvMeasure.DEVIANCE, 2);
    assertTrue(scoresOnly.outOfFold().isEmpty());
    // keeping them changes nothing else
    assertArrayEquals(scoresOnly.cv().mean(), dense.cv().mean(), 0.0);
  }

  @Test
  void column_ofMultinomial_namesTheOutput() {
    OutOfFoldPredictions p = new OutOfFoldPredictions(new double[] {1, 0.5}, new int[] {1, 2},
        List.of("a", "b"), new double[][][] {{{1, 2}, {3, 4}}, {{5, 6}, {7, 8}}});
    assertThrows(IllegalStateException.class, () -> p.column(0));
    assertArrayEquals(new double[] {7, 8}, p.column(1, 1), 0.0);
    assertEquals(6, p.linearPredictor(1, 1, 0), 0.0);
    assertEquals("row 2 of out-of-fold predictions with 2 (0-based: 0..1)", assertThrows(
        IndexOutOfBoundsException.class, () -> p.linearPredictor(2, 0, 0)).getMessage());
    assertEquals("λ index 2 of out-of-fold predictions with 2 (0-based: 0..1)",
        assertThrows(IndexOutOfBoundsException.class, () -> p.column(0, 2)).getMessage());
    assertEquals("output -1 of out-of-fold predictions with 2 (0-based: 0..1)",
        assertThrows(IndexOutOfBoundsException.class, () -> p.column(-1, 0)).getMessage());
    assertEquals("row 5 of out-of-fold predictions with 2 (0-based: 0..1)",
        assertThrows(IndexOutOfBoundsException.class, () -> p.foldId(5)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> new OutOfFoldPredictions(
        new double[] {1}, new int[] {1, 2}, List.of(), new double[][][] {{{1}}}));
  }
}
