package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.data.SparseMatrix;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The estimators on a sparse {@link Dataset} ({@link Dataset#sparse}) give what they give on the
 * same values held dense: ElasticNet's path, ElasticNetCV's curve and λ_min (same fold ids),
 * a model's predictions by sparse dot products, and a saved model read back.
 */
class SparseEstimatorsTest {
  @TempDir Path dir;

  static final int N = 200;
  static final int P = 25;

  static double[][] dense() {
    Random random = new Random(3);
    double[][] x = new double[N][P];
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < P; j++) {
        if (random.nextDouble() < 0.2) {
          x[i][j] = 0.5 + random.nextDouble() * (1 + j % 4);
        }
      }
    }
    return x;
  }

  static double[] target(double[][] x, boolean classes) {
    Random random = new Random(4);
    double[] y = new double[N];
    for (int i = 0; i < N; i++) {
      double eta = 2 * x[i][1] - 1.5 * x[i][4] + x[i][9] - 0.5 * x[i][17];
      y[i] = classes ? (eta + random.nextGaussian() > 0 ? 1 : 0) : eta + random.nextGaussian();
    }
    return y;
  }

  private static void assertClose(double[][][] a, double[][][] b, double tolerance) {
    assertEquals(a.length, b.length, "path length");
    for (int l = 0; l < a.length; l++) {
      for (int c = 0; c < a[l].length; c++) {
        assertArrayEquals(a[l][c], b[l][c], tolerance, "λ #" + l);
      }
    }
  }

  @Test
  void elasticNetPath_onSparseData_equalsTheDensePath() {
    double[][] x = dense();
    double[] y = target(x, false);
    Dataset dense = Dataset.of(x, y);
    Dataset sparse = Dataset.sparse(SparseMatrix.fromDense(x, P), y);
    assertTrue(sparse.isSparse());
    ElasticNet<LinearModel> estimator = ElasticNet.gaussian().l1Ratio(0.8).tolerance(1e-13)
        .build();
    RegularizationPath<LinearModel> a = estimator.path(dense);
    RegularizationPath<LinearModel> b = estimator.path(sparse);
    assertArrayEquals(a.lambdas(), b.lambdas(), 1e-12 * a.lambdas()[0]);
    assertClose(a.coefficients(), b.coefficients(), 1e-10);
    LinearModel m = b.atIndex(b.size() / 2);
    assertArrayEquals(a.atIndex(a.size() / 2).predict(dense), m.predict(sparse), 1e-10);
    double[] direct = m.predict(x);
    assertArrayEquals(direct, m.predict(sparse), 1e-12, "sparse dot products = dense rows");
  }

  @Test
  void elasticNetCV_onSparseData_equalsTheDenseCrossValidation() throws Exception {
    double[][] x = dense();
    double[] y = target(x, true);
    Dataset dense = Dataset.ofClasses(x, java.util.Arrays.stream(y).mapToInt(v -> (int) v)
        .toArray());
    Dataset sparse = Dataset.sparse(SparseMatrix.fromDense(x, P), y, dense.featureNames(),
        dense.classNames(), "sparse");
    int[] folds = new int[N];
    for (int i = 0; i < N; i++) {
      folds[i] = i % 4 + 1;
    }
    ElasticNetCV<LinearClassifier> cv = ElasticNetCV.binomial().tolerance(1e-12).foldIds(folds)
        .build();
    CrossValidatedPath<LinearClassifier> a = cv.crossValidate(dense);
    CrossValidatedPath<LinearClassifier> b = cv.crossValidate(sparse);
    assertArrayEquals(a.mean(), b.mean(), 1e-9);
    assertArrayEquals(a.standardError(), b.standardError(), 1e-9);
    assertEquals(a.lambdaMin(), b.lambdaMin(), 1e-12 * a.lambdaMin());
    LinearClassifier model = b.atMinimum();
    double[][] p = model.predictProba(sparse);
    double[][] q = a.atMinimum().predictProba(dense);
    for (int i = 0; i < N; i++) {
      assertArrayEquals(q[i], p[i], 1e-9);
    }
    Path file = dir.resolve("sparse.model");
    model.save(file);
    Classifier back = (Classifier) Predictor.load(file);
    double[][] r = back.predictProba(sparse);
    for (int i = 0; i < N; i++) {
      assertArrayEquals(p[i], r[i], 1e-12);
    }
  }

  @Test
  void weightColumn_onSparseData_isRefusedWithTheReason() {
    double[][] x = dense();
    Dataset sparse = Dataset.sparse(SparseMatrix.fromDense(x, P), target(x, false));
    InputException e = assertThrows(InputException.class,
        () -> ElasticNet.gaussian().weightColumn("x3").build().path(sparse));
    assertTrue(e.getMessage().startsWith("weightColumn: sparse matrix holds sparse features"),
        e.getMessage());
    InputException cv = assertThrows(InputException.class,
        () -> ElasticNetCV.gaussian().offsetColumn("x3").build().crossValidate(sparse));
    assertTrue(cv.getMessage().startsWith("offsetColumn: sparse matrix holds sparse features"),
        cv.getMessage());
    for (var fit : List.<org.junit.jupiter.api.function.Executable>of(
        () -> ElasticNet.gaussian().adaptive().build().path(sparse),
        () -> ElasticNetCV.gaussian().adaptive().build().crossValidate(sparse))) {
      InputException a = assertThrows(InputException.class, fit);
      assertTrue(a.getMessage().startsWith("adaptive: the adaptive lasso's pilot fit needs dense"
          + " features"), a.getMessage());
    }
  }

  @Test
  void sparseDataset_validatesItsTargets() {
    SparseMatrix x = SparseMatrix.fromDense(new double[][] {{1, 0}, {0, 2}}, 2);
    assertThrows(InputException.class, () -> Dataset.sparse(x, new double[] {1}));
    assertThrows(InputException.class, () -> Dataset.sparse(x, new double[] {1, Double.NaN}));
    assertEquals(List.of("x0", "x1"), Dataset.sparse(x, new double[] {1, 2}).featureNames());
  }
}
